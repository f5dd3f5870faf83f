"""The library entry point: check files and folders and return a Report.

    import subqa
    report = subqa.check(["episode01.ru.srt"], profile="netflix")
    for finding in report.findings: ...
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterable, Sequence

from . import langtags
from .engine import Selection, TrackJob, filter_severity, run_rules
from .formats import load_track
from .model import Severity, Track, UsageError
from .profiles import Profile, load_profile
from .report import FileResult, Report

SUBTITLE_EXTENSIONS = (".srt", ".vtt")


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the subtitle files below folders (sorted, so runs are stable)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [p for p in path.rglob("*")
                     if p.is_file() and p.suffix.lower() in SUBTITLE_EXTENSIONS]
            out.extend(sorted(found, key=lambda p: p.as_posix()))
        elif path.exists():
            out.append(path)
        else:
            raise UsageError(f"no such file or folder: {raw}")
    seen: set[str] = set()
    unique = []
    for p in out:
        key = p.as_posix()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def split_name(path: Path) -> tuple[str, str | None]:
    """``film.ru.srt`` -> (``film``, ``ru``); ``film.srt`` -> (``film``, None)."""
    lang = langtags.from_filename(path)
    parts = path.name.split(".")[:-1]
    if lang:
        for i in range(len(parts) - 1, 0, -1):
            if langtags.normalize(parts[i]) == lang:
                return ".".join(parts[:i] + parts[i + 1:]), lang
    return ".".join(parts), lang


def find_source(target: Path, source: Path | None, source_lang: str | None) -> Path | None:
    """The source track for ``target``: ``source`` when it is a file; otherwise the file in
    ``source`` (a folder) or beside the target with the same stem in ``source_lang``."""
    if source is not None and source.is_file():
        return source
    if source_lang is None:
        return None
    stem, lang = split_name(target)
    if lang is not None and langtags.primary(lang) == langtags.primary(source_lang) and (
            source is None or target.parent.resolve() == source.resolve()):
        return None                      # the target is itself a source-language track
    folder = source if source is not None else target.parent
    candidates = sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUBTITLE_EXTENSIONS and p != target
        and split_name(p)[0] == stem
        and langtags.primary(split_name(p)[1]) == langtags.primary(source_lang))
    return candidates[0] if candidates else None


def _detect_language(track: Track) -> str | None:
    from .language import detect_track_language

    tag, _confidence = detect_track_language(track)
    return tag


def resolve_language(track: Track, path: Path, lang: str | None) -> tuple[str | None, str | None]:
    """(language, where it came from) for a track: the option, else the file name, else the
    text itself."""
    if lang and lang.lower() != "auto":
        norm = langtags.normalize(lang)
        if norm is None:
            raise UsageError(f"--lang {lang!r} is not a language tag (e.g. en, ru, zh-Hans)")
        return norm, "option"
    if not lang:
        named = langtags.from_filename(path)
        if named:
            return named, "filename"
    detected = _detect_language(track) if track.cues else None
    return detected, ("detected" if detected else None)


def check(paths: Sequence[str | Path], *, lang: str | None = None,
          profile: str | Profile | None = None, fps: float | None = None,
          select: Sequence[str] = (), ignore: Sequence[str] = (),
          encoding: str | None = None, source: str | Path | None = None,
          source_lang: str | None = None, glossary: Sequence[str] | None = None,
          fail_on: str | Severity | None = "error", min_severity: str | Severity = "info",
          ) -> Report:
    """Check subtitle files (and the subtitle files in folders). Returns a Report.

    ``lang`` forces the language of every track ("auto" detects it); by default it comes from
    the file name (``film.ru.srt``) or, failing that, from the text. With ``source`` (a file, or a
    folder) or ``source_lang``, each track is compared with its source-language track."""
    prof = profile if isinstance(profile, Profile) else load_profile(profile)
    selection = Selection(tuple(select), tuple(ignore))
    selection.validate()
    minimum = Severity.parse(min_severity)
    fail = None if fail_on in (None, "never") else Severity.parse(fail_on)
    files = collect_files(paths)
    source_path = Path(source) if source is not None else None
    if source_path is not None and not source_path.exists():
        raise UsageError(f"--source: no such file or folder: {source}")
    if source_path is not None and source_path.is_file() and len(files) != 1:
        raise UsageError("--source FILE compares one track; give a folder to pair several by name")
    gloss = _load_glossary(glossary)
    results = []
    for path in files:
        results.append(_check_one(path, lang=lang, profile=prof, fps=fps, selection=selection,
                                  encoding=encoding, source=source_path,
                                  source_lang=source_lang, glossary=gloss, minimum=minimum))
    return Report(files=results, profile=prof.name, fail_on=fail)


def _load_glossary(paths: Sequence[str] | None):
    from .glossary import load_glossary

    return load_glossary(list(paths) if paths else None)


def _check_one(path: Path, *, lang, profile: Profile, fps, selection: Selection, encoding,
               source: Path | None, source_lang: str | None, glossary, minimum: Severity,
               ) -> FileResult:
    track = load_track(path, encoding=encoding)
    language, origin = resolve_language(track, path, lang)
    track = dataclasses.replace(track, path=path.as_posix(), language=language)
    src_track = src_lang = None
    src_path = find_source(path, source, langtags.normalize(source_lang) if source_lang else None)
    if src_path is not None:
        src_track = load_track(src_path, encoding=None)
        src_lang, _ = resolve_language(src_track, src_path, source_lang)
        src_track = dataclasses.replace(src_track, path=src_path.as_posix(), language=src_lang)
    job = TrackJob(track=track, language=language, profile=profile,
                   fps=float(fps if fps is not None else profile.param("fps")),
                   source=src_track, source_language=src_lang, glossary=glossary,
                   options={"language_detected": origin == "detected"})
    findings, _ctx = run_rules(job, selection)
    return FileResult(path=track.path, format=track.format, language=language,
                      encoding=track.encoding, cues=len(track.cues),
                      findings=filter_severity(findings, minimum), language_origin=origin,
                      source=src_track.path if src_track is not None else None, track=track)
