"""The library entry point: check files and folders and return a Report.

    import subqa
    report = subqa.check(["episode01.ru.srt"], profile="netflix")
    for finding in report.findings: ...
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import langtags
from .config import ConfigFile, parse_config, settings_for
from .engine import Selection, TrackJob, filter_severity, run_rules
from .formats import load_track
from .model import Severity, Track, UsageError
from .profiles import Profile, load_profile
from .record import Frozen, _set
from .report import FileResult, Report
from .rules import all_rules

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
    wanted = langtags.primary(source_lang)
    candidates = [p for p, p_stem, p_lang in _subtitle_names(folder)
                  if p != target and p_stem == stem and p_lang == wanted]
    return candidates[0] if candidates else None


@functools.lru_cache(maxsize=64)
def _subtitle_names(folder: Path) -> tuple[tuple[Path, str, str | None], ...]:
    """(path, stem, primary language) of the subtitle files in ``folder``, sorted; listed once
    per folder, not once per track paired from it."""
    out = []
    for p in sorted(folder.iterdir()):
        if p.is_file() and p.suffix.lower() in SUBTITLE_EXTENSIONS:
            stem, lang = split_name(p)
            out.append((p, stem, langtags.primary(lang)))
    return tuple(out)


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


class FileJob(Frozen):
    """Everything needed to check one file, as plain values (sent to worker processes).
    ``keep_track``: return the cues with the result (the HTML report needs them)."""

    __slots__ = _fields = ("path", "lang", "profile", "fps", "select", "ignore", "encoding",
                           "source", "source_lang", "glossary", "min_severity", "max_bytes",
                           "keep_track")
    path: str
    lang: str | None
    profile: str
    fps: float | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    encoding: str | None
    source: str | None
    source_lang: str | None
    glossary: tuple[str, ...] | None
    min_severity: str
    max_bytes: int
    keep_track: bool

    def __init__(self, path: str, lang: str | None, profile: str, fps: float | None,
                 select: tuple[str, ...], ignore: tuple[str, ...], encoding: str | None,
                 source: str | None, source_lang: str | None, glossary: tuple[str, ...] | None,
                 min_severity: str, max_bytes: int = 20_000_000, keep_track: bool = True) -> None:
        for name, value in zip(self._fields, (path, lang, profile, fps, select, ignore, encoding,
                                              source, source_lang, glossary, min_severity,
                                              max_bytes, keep_track)):
            _set(self, name, value)


def plan(paths: Sequence[str | Path], *, config: str | Path | None = None, use_config: bool = True,
         **options) -> tuple[list[FileJob], str | None]:
    """Expand paths into per-file jobs, applying configuration files (``config`` names one;
    otherwise the nearest subqa.toml / pyproject.toml [tool.subqa] above each file) under the
    given options. Returns the jobs and the fail-on setting."""
    cfg: ConfigFile | bool | None = use_config
    if config is not None:
        cfg = parse_config(Path(config))
        if cfg is None:
            raise UsageError(f"{config}: no [tool.subqa] table")
    cli = {k.replace("_", "-"): v for k, v in options.items()}
    files = collect_files(paths)
    source = cli.get("source")
    if source is not None and not Path(source).exists():
        raise UsageError(f"--source: no such file or folder: {source}")
    if source is not None and Path(source).is_file() and len(files) != 1:
        raise UsageError("--source FILE compares one track; give a folder to pair several by name")
    jobs = []
    fail_on = cli.get("fail-on")
    for path in files:
        st = settings_for(path, cli, cfg)
        if fail_on is None:
            fail_on = st.get("fail-on")
        ignore = tuple(st.get("ignore", ())) + tuple(st.get("per-file-ignores", ()))
        Selection(tuple(st.get("select", ())), ignore).validate()
        glossary = st.get("glossary")
        jobs.append(FileJob(
            path=path.as_posix(), lang=st.get("lang"), profile=str(st.get("profile")),
            fps=st.get("fps"), select=tuple(st.get("select", ())), ignore=ignore,
            encoding=st.get("encoding"), source=str(source) if source is not None else None,
            source_lang=st.get("source-lang"),
            glossary=tuple(glossary) if glossary else None,
            min_severity=st.get("min-severity"),
            max_bytes=int(float(st.get("max-size-mb", 20)) * 1_000_000)))
    return jobs, fail_on


def check(paths: Sequence[str | Path], *, lang: str | None = None,
          profile: str | None = None, fps: float | None = None,
          select: Sequence[str] = (), ignore: Sequence[str] = (),
          encoding: str | None = None, source: str | Path | None = None,
          source_lang: str | None = None, glossary: Sequence[str] | None = None,
          fail_on: str | None = None, min_severity: str | None = None,
          max_size_mb: float | None = None,
          config: str | Path | None = None, use_config: bool = True, jobs: int = 1,
          progress: Callable[[int, int], None] | None = None,
          keep_tracks: bool = True) -> Report:
    """Check subtitle files (and the subtitle files in folders). Returns a Report.

    ``lang`` forces the language of every track ("auto" detects it); by default it comes from
    the configuration, the file name (``film.ru.srt``) or, failing that, the text. With
    ``source`` (a file, or a folder) or ``source_lang``, each track is compared with its
    source-language track. Options left None come from the nearest subqa.toml /
    pyproject.toml [tool.subqa] (or ``config``), then the defaults. ``jobs`` > 1 checks files in
    that many worker processes; the report is identical to a serial run. ``keep_tracks=False``
    leaves ``FileResult.track`` empty (less to send back from workers when no report needs the
    cues)."""
    file_jobs, fail = plan(paths, config=config, use_config=use_config, lang=lang,
                           profile=profile, fps=fps, select=tuple(select), ignore=tuple(ignore),
                           encoding=encoding, source=str(source) if source is not None else None,
                           source_lang=source_lang,
                           glossary=tuple(glossary) if glossary else None,
                           fail_on=fail_on, min_severity=min_severity,
                           max_size_mb=max_size_mb)
    if not keep_tracks:
        file_jobs = [j.replace(keep_track=False) for j in file_jobs]
    results = run_jobs(file_jobs, jobs=jobs, progress=progress)
    profiles = sorted({j.profile for j in file_jobs}) or [profile or "netflix"]
    return Report(files=results, profile=_profile_name(profiles),
                  fail_on=None if fail in (None, "never") else Severity.parse(fail))


def _profile_name(refs: list[str]) -> str:
    return ", ".join(_profile(r).name for r in refs)


def run_jobs(file_jobs: list[FileJob], *, jobs: int = 1,
             progress: Callable[[int, int], None] | None = None) -> list[FileResult]:
    total = len(file_jobs)
    if jobs <= 1 or total <= 1:
        results = []
        for i, job in enumerate(file_jobs, 1):
            results.append(check_file(job))
            if progress:
                progress(i, total)
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Load what every worker needs once, before the pool starts: where workers are forked (the
    # default on Linux) they inherit it instead of each compiling the glossary again.
    for ref in {j.profile for j in file_jobs}:
        _profile(ref)
    for paths in {j.glossary for j in file_jobs
                  if _needs_glossary(Selection(j.select, j.ignore))}:
        _glossary(paths)
    results_by_index: dict[int, FileResult] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, total)) as pool:
        futures = {pool.submit(check_file, job): i for i, job in enumerate(file_jobs)}
        for done, fut in enumerate(as_completed(futures), 1):
            results_by_index[futures[fut]] = fut.result()
            if progress:
                progress(done, total)
    return [results_by_index[i] for i in range(total)]


@functools.lru_cache(maxsize=16)
def _profile(ref: str) -> Profile:
    return load_profile(ref)


@functools.lru_cache(maxsize=8)
def _glossary(paths: tuple[str, ...] | None):
    from .glossary import load_glossary

    return load_glossary(list(paths) if paths else None)


def _needs_glossary(selection: Selection) -> bool:
    """Whether any selected rule reads the glossary (else it is not loaded at all)."""
    return any("glossary" in r.needs and selection.enabled(r) for r in all_rules())


def check_file(job: FileJob) -> FileResult:
    """Check one file (runs in a worker process with -j)."""
    path = Path(job.path)
    profile = _profile(job.profile)
    hint = job.lang if job.lang and job.lang.lower() != "auto" else None
    track = load_track(path, encoding=job.encoding, max_bytes=job.max_bytes, language=hint)
    language, origin = resolve_language(track, path, job.lang)
    track = track.replace(path=path.as_posix(), language=language)
    src_track = src_lang = None
    source = Path(job.source) if job.source else None
    src_path = find_source(path, source, langtags.normalize(job.source_lang) if job.source_lang else None)
    if src_path is not None:
        src_track = load_track(src_path, encoding=None, max_bytes=job.max_bytes,
                               language=job.source_lang)
        src_lang, _ = resolve_language(src_track, src_path, job.source_lang)
        src_track = src_track.replace(path=src_path.as_posix(), language=src_lang)
    selection = Selection(job.select, job.ignore)
    track_job = TrackJob(track=track, language=language, profile=profile,
                         fps=float(job.fps if job.fps is not None else profile.param("fps")),
                         source=src_track, source_language=src_lang,
                         glossary=_glossary(job.glossary) if _needs_glossary(selection) else None,
                         options={"language_detected": origin == "detected"})
    findings, _ctx = run_rules(track_job, selection)
    return FileResult(path=track.path, format=track.format, language=language,
                      encoding=track.encoding, cues=len(track.cues),
                      findings=filter_severity(findings, Severity.parse(job.min_severity)),
                      language_origin=origin,
                      source=src_track.path if src_track is not None else None,
                      track=track if job.keep_track else None, profile=job.profile)
