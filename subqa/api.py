"""The library entry point: check files and folders and return a Report.

    import subqa
    report = subqa.check(["episode01.ru.srt"], profile="netflix")
    for finding in report.findings: ...
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, Union

from . import files, langtags
from .config import ConfigFile, _glob_match, parse_config, settings_for
from .engine import Selection, TrackJob, filter_severity, run_rules, severity_for
from .formats import (SNIFFED_READERS, SUBTITLE_EXTENSIONS, format_for_name, load_track,
                      sniff_file)
from .frames import infer_fps, track_times
from .model import Diagnostic, Finding, Severity, SubtitleError, Track, UsageError
from .profiles import DEFAULT_PROFILE, Profile, load_profile
from .report import FileResult, Report
from .checks import all_rules
from .checks.readability import reading_speeds, track_reading_speeds
from .shotchanges import beside as shot_changes_beside, read_shot_changes

Include = Union[Sequence[str], Callable[[Path], Sequence[str]]]


def collect_files(paths: Iterable[str | Path], include: Include = ()) -> list[Path]:
    """Files as given (read whatever their extension: the content chooses the reader), and
    below folders: the files with a subtitle extension (the reader registry's
    ``SUBTITLE_EXTENSIONS``), the files an ``include`` glob matches, and the files without an
    extension whose first bytes look like a subtitle file. Sorted within each folder, so runs
    are stable; each file once. ``include``: globs, or a function giving the globs for a
    folder (its configuration's ``include``)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            patterns = include(path) if callable(include) else include
            out.extend(discover(path, tuple(patterns or ())))
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


def discover(folder: Path, include: Sequence[str] = ()) -> list[Path]:
    """The subtitle files below ``folder``, sorted (see :func:`collect_files`). A glob without
    ``/`` matches file names at any depth (``*.txt``); one with ``/`` matches the path relative
    to ``folder`` (``subs/**/*.txt``). Files without an extension are sniffed (first 4 KB) except
    inside hidden folders (``.git``)."""
    found = []
    for p in folder.rglob("*"):
        if not p.is_file():
            continue
        rel = p.relative_to(folder)
        if _is_subtitle_candidate(p, rel, include):
            found.append(p)
    return sorted(found, key=lambda p: p.as_posix())


def _is_subtitle_candidate(path: Path, rel: Path, include: Sequence[str]) -> bool:
    if path.suffix.lower() in SUBTITLE_EXTENSIONS:
        return True
    owner = SNIFFED_READERS.get(path.suffix.lower())   # .xml only when TTML, .stl when EBU STL
    if owner is not None:
        return sniff_file(path) == owner.name
    rel_posix = rel.as_posix()
    if any(_glob_match(rel_posix if "/" in pattern else path.name, pattern)
           for pattern in include):
        return True
    if path.suffix or any(part.startswith(".") for part in rel.parts[:-1]):
        return False
    return sniff_file(path) is not None


def no_files_message(paths: Sequence[str | Path], include: Sequence[str] = ()) -> str:
    """The usage error for a run that found nothing to check."""
    where = ", ".join(str(p) for p in paths) or "the given paths"
    sniffed = "".join(f", {ext} ({r.title.split('/')[0]} only)"
                      for ext, r in SNIFFED_READERS.items())
    msg = (f"no subtitle files under {where}; checked extensions: "
           f"{', '.join(SUBTITLE_EXTENSIONS)}{sniffed}")
    if include:
        return msg + f"; --include globs: {', '.join(include)}"
    return msg + " (use --include to add others)"


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
    if source is not None and files.is_file(source):
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


def _subtitle_names(folder: Path) -> tuple[tuple[Path, str, str | None], ...]:
    """(path, stem, primary language) of the subtitle files in ``folder``, sorted; listed once
    per folder, not once per track paired from it (the files a Dask worker was sent: each
    time)."""
    if files.shipping():
        return _names_of(files.files_in(folder))
    return _listed_names(folder)


@functools.lru_cache(maxsize=64)
def _listed_names(folder: Path) -> tuple[tuple[Path, str, str | None], ...]:
    return _names_of(files.files_in(folder))


def _names_of(paths: list[Path]) -> tuple[tuple[Path, str, str | None], ...]:
    out = []
    for p in paths:
        if p.suffix.lower() in SUBTITLE_EXTENSIONS:
            stem, lang = split_name(p)
            out.append((p, stem, langtags.primary(lang)))
    return tuple(out)


def _detect_language(track: Track, profile: Profile | None = None) -> str | None:
    from .language import detect_track_language
    from .checks.bilingual_track import detect_pair

    profile = profile if profile is not None else _profile(DEFAULT_PROFILE)
    pair = detect_pair(track, profile.param("bilingual_track_min_share"))
    if pair is not None:
        return langtags.join(pair)
    tag, _confidence = detect_track_language(track)
    return tag


def resolve_language(track: Track, path: Path, lang: str | None,
                     profile: Profile | None = None) -> tuple[str | None, str | None]:
    """(language, where it came from) for a track: the option, else the file name, else what
    the document declares (TTML ``xml:lang``: "document"), else the text itself: two languages
    (``zh+en``) when most cues carry lines in two (see subqa/checks/bilingual_track.py), else the
    one the whole track is written in. ``profile`` (default: the default profile) gives the
    share of cues that makes a two-language track."""
    if lang and lang.lower() != "auto":
        norm = langtags.normalize(lang)
        if norm is None:
            raise UsageError(f"--lang {lang!r} is not a language tag (e.g. en, ru, zh-Hans)")
        return norm, "option"
    if not lang:
        named = langtags.from_filename(path)
        if named:
            return named, "filename"
        if track.language:
            return track.language, "document"
    detected = _detect_language(track, profile) if track.cues else None
    return detected, ("detected" if detected else None)


@dataclass(frozen=True, slots=True)
class FileJob:
    """Everything needed to check one file, as plain values (sent to worker processes).
    ``keep_track``: return the cues with the result (the HTML report needs them)."""

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
    max_bytes: int = 20_000_000
    keep_track: bool = True
    fps_origin: str | None = None
    # work out the fix of each fixable finding (JSON "fix", SARIF "fixes"; subqa fix): False
    # when no report shows them, since finding them reads the file again
    with_fixes: bool = True
    # keep each fix's edits as line/column regions (SARIF only): about 175 bytes per fixable
    # finding that no other report shows
    fix_regions: bool = True
    shot_changes: str | None = None
    # streamed report formats ("json", "jsonl", "text") to render where the file is checked: a
    # worker then sends back a subqa.scale.packed.PackedResult instead of the FileResult; and
    # the text report's grouping (--group-min, 0 for --no-group; None: its default)
    render: tuple[str, ...] = ()
    group_min: int | None = None

    def replace(self, **changes) -> "FileJob":
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)


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
    include_for = functools.partial(_include_for, cli=cli, cfg=cfg)
    files = collect_files(paths, include=include_for)
    if not files:
        folders = [p for p in paths if Path(p).is_dir()]
        include = sorted({g for f in folders for g in include_for(Path(f))})
        raise UsageError(no_files_message(folders or paths, include))
    source = cli.get("source")
    if source is not None and not Path(source).exists():
        raise UsageError(f"--source: no such file or folder: {source}")
    if source is not None and Path(source).is_file() and len(files) != 1:
        raise UsageError(f"--source FILE compares one track, but {len(files)} files were given; "
                         "to pair several, give a folder of source tracks and their language: "
                         "--source DIR --source-lang LANG (film.ru.srt is compared with "
                         "film.LANG.srt)")
    jobs = []
    fail_on = cli.get("fail-on")
    for path in files:
        st = settings_for(path, cli, cfg)
        if fail_on is None:
            fail_on = st.get("fail-on")
        ignore = tuple(st.get("ignore", ())) + tuple(st.get("per-file-ignores", ()))
        Selection(tuple(st.get("select", ())), ignore).validate()
        if source is not None and Path(source).is_dir() and not st.get("source-lang"):
            raise UsageError(f"--source {source} is a folder, so tracks are paired by name "
                             "(film.ru.srt with film.LANG.srt) and the source language is "
                             "needed: add --source-lang LANG (e.g. --source-lang en) or "
                             "source-lang in subqa.toml")
        glossary = st.get("glossary")
        jobs.append(FileJob(
            path=path.as_posix(), lang=st.get("lang"), profile=str(st.get("profile")),
            fps=st.get("fps"), select=tuple(st.get("select", ())), ignore=ignore,
            encoding=st.get("encoding"), source=str(source) if source is not None else None,
            source_lang=st.get("source-lang"),
            glossary=tuple(glossary) if glossary else None,
            min_severity=st.get("min-severity"),
            max_bytes=int(float(st.get("max-size-mb", 20)) * 1_000_000),
            fps_origin=_fps_origin(st), shot_changes=st.get("shot-changes")))
    return jobs, fail_on


def _fps_origin(st) -> str | None:
    """"option" for --fps, "config" for a configuration file's ``fps``, None when neither."""
    if st.get("fps") is None:
        return None
    return "option" if st.origins.get("fps") == "command line" else "config"


def _include_for(folder: Path, *, cli: dict, cfg) -> tuple[str, ...]:
    """The --include globs (or the configuration's ``include``) that apply to ``folder``."""
    return tuple(settings_for(folder, cli, cfg).get("include") or ())


def check(paths: Sequence[str | Path], *, lang: str | None = None,
          profile: str | None = None, fps: float | None = None,
          select: Sequence[str] = (), ignore: Sequence[str] = (),
          encoding: str | None = None, source: str | Path | None = None,
          source_lang: str | None = None, glossary: Sequence[str] | None = None,
          fail_on: str | None = None, min_severity: str | None = None,
          max_size_mb: float | None = None, include: Sequence[str] = (),
          shot_changes: str | Path | None = None,
          config: str | Path | None = None, use_config: bool = True, jobs: int = 1,
          progress: Callable[[int, int], None] | None = None,
          keep_tracks: bool = True, with_fixes: bool = True, fix_regions: bool = True,
          scheduler: str | None = None, ship_files: bool = False) -> Report:
    """Check subtitle files (and the subtitle files in folders). Returns a Report.

    ``lang`` forces the language of every track ("auto" detects it); by default it comes from
    the configuration, the file name (``film.ru.srt``) or, failing that, the text. With
    ``source`` (a file, or a folder) or ``source_lang``, each track is compared with its
    source-language track. Options left None come from the nearest subqa.toml /
    pyproject.toml [tool.subqa] (or ``config``), then the defaults. ``jobs`` > 1 checks files in
    that many worker processes; the report is identical to a serial run. ``scheduler``: check
    the files on a Dask cluster instead (``tcp://host:8786``, or ``local[:N]`` for N local
    worker processes; needs ``subqa[dask]``); the report is identical too; ``ship_files``: send
    the workers the bytes of the files each check reads (the track, its source track, its
    shot-change list, the glossary files) instead of having them read the files at the same
    paths (subqa.scale.cluster.shipped_files). ``include``: globs of
    more files to check in folders (beyond the subtitle extensions), as ``--include``.
    ``shot_changes``: the shot-change list of the video (as ``--shot-changes``; by default the
    configuration's, or ``NAME.shotchanges`` beside ``NAME.xx.srt``). ``keep_tracks=False``
    leaves ``FileResult.track`` empty (less to send back from workers when no report needs the
    cues); ``with_fixes=False`` leaves each finding's ``fix`` unset (no report shows it), and
    ``fix_regions=False`` keeps a fix without its edits as regions (only SARIF shows them)."""
    stream = check_stream(paths, lang=lang, profile=profile, fps=fps, select=select,
                          ignore=ignore, encoding=encoding, source=source,
                          source_lang=source_lang, glossary=glossary, fail_on=fail_on,
                          min_severity=min_severity, max_size_mb=max_size_mb, include=include,
                          shot_changes=shot_changes, config=config, use_config=use_config,
                          jobs=jobs, progress=progress, keep_tracks=keep_tracks,
                          with_fixes=with_fixes, fix_regions=fix_regions, scheduler=scheduler,
                          ship_files=ship_files)
    return Report(files=list(stream), profile=stream.profile, fail_on=stream.fail_on)


def check_stream(paths: Sequence[str | Path], *, lang: str | None = None,
                 profile: str | None = None, fps: float | None = None,
                 select: Sequence[str] = (), ignore: Sequence[str] = (),
                 encoding: str | None = None, source: str | Path | None = None,
                 source_lang: str | None = None, glossary: Sequence[str] | None = None,
                 fail_on: str | None = None, min_severity: str | None = None,
                 max_size_mb: float | None = None, include: Sequence[str] = (),
                 shot_changes: str | Path | None = None,
                 config: str | Path | None = None, use_config: bool = True, jobs: int = 1,
                 progress: Callable[[int, int], None] | None = None,
                 keep_tracks: bool = False, with_fixes: bool = True,
                 fix_regions: bool = True, scheduler: str | None = None,
                 render: Sequence[str] = (), ship_files: bool = False,
                 group_min: int | None = None):
    """As :func:`check`, but the files' results come one at a time, in report order, as they
    are checked: a ``subqa.scale.stream.ReportStream`` (iterate it once). Nothing is kept, so a
    catalogue run's memory does not grow with its number of files (``keep_tracks`` is False
    here by default). The files are found and the options judged before this returns.
    ``render``: streamed formats (``subqa.scale.stream.stream_formats``) whose text for each
    file worker processes or Dask workers make; their results then come as
    ``subqa.scale.packed.PackedResult`` (what ``write_streamed`` needs, far less to send
    back), a serial run's as FileResults; no streamed format shows a fix's regions, so with
    ``render`` they are not kept. ``group_min``: the text report's grouping, for ``render``
    (``--group-min``, 0 for ``--no-group``)."""
    from .scale.stream import ReportStream

    file_jobs, fail = plan(paths, config=config, use_config=use_config, lang=lang,
                           profile=profile, fps=fps, select=tuple(select), ignore=tuple(ignore),
                           encoding=encoding, source=str(source) if source is not None else None,
                           source_lang=source_lang,
                           glossary=tuple(glossary) if glossary else None,
                           fail_on=fail_on, min_severity=min_severity,
                           max_size_mb=max_size_mb, include=tuple(include),
                           shot_changes=str(shot_changes) if shot_changes is not None else None)
    fix_regions = fix_regions and not render
    if not (keep_tracks and with_fixes and fix_regions) or render:
        file_jobs = [dataclasses.replace(j, keep_track=keep_tracks, with_fixes=with_fixes,
                                         fix_regions=fix_regions, render=tuple(render),
                                         group_min=group_min)
                     for j in file_jobs]
    scheduler, ship_files = _cluster(paths, config, use_config, scheduler, ship_files,
                                     file_jobs)
    profiles = sorted({j.profile for j in file_jobs}) or [profile or "netflix"]
    return ReportStream(iter_results(file_jobs, jobs=jobs, progress=progress,
                                     scheduler=scheduler, ship_files=ship_files),
                        profile=_profile_name(profiles),
                        fail_on=None if fail in (None, "never") else Severity.parse(fail),
                        total=len(file_jobs))


def _cluster(paths, config, use_config: bool, scheduler: str | None, ship_files: bool,
             file_jobs: list[FileJob]) -> tuple[str | None, bool]:
    """The run's Dask scheduler and whether to ship the files: the options, else the
    configuration's (``ship-files`` only with a scheduler); a bad value is a UsageError."""
    from . import values
    from .scale.cluster import (check_shippable, configured_scheduler, configured_ship_files,
                                require_dask, scheduler_address)

    if scheduler is None and use_config:
        scheduler = configured_scheduler(paths, config)
    if scheduler is not None:
        scheduler = values.option("scheduler", scheduler, scheduler_address)
        require_dask()
    if not ship_files and use_config and scheduler is not None:
        ship_files = configured_ship_files(paths, config)
    if ship_files:
        check_shippable(file_jobs, scheduler)
    return scheduler, ship_files


def _profile_name(refs: list[str]) -> str:
    return ", ".join(_profile(r).name for r in refs)


def run_jobs(file_jobs: list[FileJob], *, jobs: int = 1,
             progress: Callable[[int, int], None] | None = None,
             scheduler: str | None = None, ship_files: bool = False) -> list[FileResult]:
    """Check the files (in ``jobs`` worker processes when > 1, or on the Dask cluster at
    ``scheduler``), one FileResult per job in job order. A file that fails (an exception, or a
    worker process that dies on it) gets a P006 finding; the other files' results are complete
    either way."""
    return list(iter_results(file_jobs, jobs=jobs, progress=progress, scheduler=scheduler,
                             ship_files=ship_files))


def iter_results(file_jobs: list[FileJob], *, jobs: int = 1,
                 progress: Callable[[int, int], None] | None = None,
                 scheduler: str | None = None, ship_files: bool = False) -> Iterator[FileResult]:
    """As :func:`run_jobs`, one result at a time in job order, each as soon as it and those
    before it are done (later ones that finish first wait, within a bounded window)."""
    from .scale.ordered import Window, in_report_order

    total = len(file_jobs)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    if scheduler is not None:
        from .scale.cluster import cluster_completions

        window = Window(0)
        return in_report_order(cluster_completions(file_jobs, scheduler, window, ship_files),
                               window, tick)
    if jobs <= 1 or total <= 1:
        return in_report_order(((i, check_file(job)) for i, job in enumerate(file_jobs)),
                               Window(1), tick)
    from .scale.pool import pool_completions

    # Load what every worker needs once, before the pool starts: where workers are forked (the
    # default on Linux) they inherit it instead of each compiling the glossary again.
    for ref in {j.profile for j in file_jobs}:
        _profile(ref)
    for paths in {j.glossary for j in file_jobs
                  if _needs_glossary(Selection(j.select, j.ignore))}:
        _glossary(paths)
    workers = min(jobs, total)
    window = Window(max(64, 8 * workers))
    return in_report_order(pool_completions(file_jobs, workers, window), window, tick)


@functools.lru_cache(maxsize=16)
def _profile(ref: str) -> Profile:
    return load_profile(ref)


def _glossary(paths: tuple[str, ...] | None):
    """The glossary of ``paths`` (None: the seed glossary), loaded once per content of its
    files: a long-lived process (a Dask worker, a program calling subqa.check) sees an edited
    glossary file anew."""
    versions = tuple(files.version(p) for p in paths) if paths else None
    return _loaded_glossary(paths, versions)


@functools.lru_cache(maxsize=8)
def _loaded_glossary(paths: tuple[str, ...] | None, _versions: tuple | None):
    from .glossary import load_glossary

    return load_glossary(list(paths) if paths else None)


def _needs_glossary(selection: Selection) -> bool:
    """Whether any selected rule reads the glossary (else it is not loaded at all)."""
    return any("glossary" in r.needs and selection.enabled(r) for r in all_rules())


def check_file(job: FileJob) -> FileResult:
    """Check one file (runs in a worker process with -j). Raises only UsageError (a bad option
    for the whole run); a file that cannot be read at all gets a P001 finding, and any other
    exception while reading or checking it a P006 finding (both reported whatever the
    selection), so that the other files' reports are complete."""
    state: dict = {"stage": "reading"}
    try:
        return _check_file(job, state)
    except UsageError:
        raise                     # a bad option (--lang, --encoding): the whole run's, exit 2
    except SubtitleError as exc:
        return _unreadable_result(job, str(exc))
    except Exception as exc:
        result = internal_error_result(job, state["stage"], type(exc).__name__, _short(exc),
                                       _where(exc), track=state.get("track"))
        result.language_origin = state.get("origin")
        return result


def _check_file(job: FileJob, state: dict) -> FileResult:
    """check_file's work; ``state`` tells its caller how far it got (the stage, and the track
    once read) when it fails."""
    path = Path(job.path)
    hint = job.lang if job.lang and job.lang.lower() != "auto" else None
    track = load_track(path, encoding=job.encoding, max_bytes=job.max_bytes, language=hint)
    result = check_track(job, track, state)
    if not job.with_fixes:
        return result
    from .fixes.annotate import annotate      # say which findings have a fix (subqa fix)

    return annotate(result, job, track)


def check_track(job: FileJob, track: Track, state: dict | None = None) -> FileResult:
    """Check a track already read (``subqa fix`` re-checks the text it fixed, unwritten) as
    check_file checks job.path; ``state`` as in check_file."""
    state = {} if state is None else state
    path = Path(job.path)
    profile = _profile(job.profile)
    language, origin = resolve_language(track, path, job.lang, profile)
    track = track.replace(path=path.as_posix(), language=language)
    state["track"], state["origin"] = track, origin
    selection = Selection(job.select, job.ignore)
    src_track = src_lang = None
    source = Path(job.source) if job.source else None
    source_lang = langtags.normalize(job.source_lang) if job.source_lang else None
    src_path = find_source(path, source, source_lang)
    if src_path is not None:
        state["stage"] = "reading the source track of"
        src_track = load_track(src_path, encoding=None, max_bytes=job.max_bytes,
                               language=job.source_lang)
        src_lang, _ = resolve_language(src_track, src_path, job.source_lang, profile)
        src_track = src_track.replace(path=src_path.as_posix(), language=src_lang)
    elif source is not None or source_lang is not None:
        track = _add_diagnostic(track, _source_not_found(path, source, source_lang, language,
                                                         selection, profile))
    if origin in ("option", "filename", "document") and track.cues:
        track = _add_diagnostic(track, _language_not_verifiable(language, selection, profile))
    fps, fps_origin, fps_evidence = resolve_fps(job, track, profile)
    shots_path = shot_changes_path(job, path)
    state["stage"] = "reading the shot changes of"
    shots = read_shot_changes(shots_path, fps) if shots_path is not None else ()
    state["stage"] = "checking"
    track_job = TrackJob(track=track, language=language, profile=profile, fps=fps,
                         source=src_track, source_language=src_lang,
                         glossary=_glossary(job.glossary) if _needs_glossary(selection) else None,
                         language_origin=origin, shot_changes=shots)
    findings, ctx = run_rules(track_job, selection)
    return FileResult(path=track.path, format=track.format, language=language,
                      encoding=track.encoding, cues=len(track.cues),
                      findings=filter_severity(findings, Severity.parse(job.min_severity)),
                      language_origin=origin,
                      source=src_track.path if src_track is not None else None,
                      track=track if job.keep_track else None, profile=job.profile,
                      fps=fps, fps_origin=fps_origin, fps_evidence=fps_evidence,
                      shot_changes=shots_path.as_posix() if shots_path is not None else None,
                      shot_change_count=len(shots) if shots_path is not None else None,
                      reading_speeds=track_reading_speeds(ctx) if job.keep_track else None)


def resolve_fps(job: FileJob, track: Track, profile: Profile) -> tuple[float, str, str | None]:
    """(frame rate, where it came from, the evidence when inferred), in this order: --fps
    ("option"), the configuration ("config"), the document's own rate (a reader that knows one
    sets ``Track.fps``, as TTML's ttp:frameRate; the origin is the format's name, "ttml"), the
    timestamps when they clearly sit on one frame grid ("inferred", subqa.frames.infer_fps),
    else the profile's ``fps`` ("profile")."""
    if job.fps is not None:
        return float(job.fps), job.fps_origin or "option", None
    if track.fps:
        return float(track.fps), track.format, None
    evidence = infer_fps(track_times(track.cues))
    if evidence is not None:
        return evidence.fps, "inferred", str(evidence)
    return float(profile.param("fps")), "profile", None


def shot_changes_path(job: FileJob, path: Path) -> Path | None:
    """The shot-change list for the track: the one given (--shot-changes, configuration), else
    ``NAME.shotchanges`` beside ``NAME.xx.srt`` when there is one."""
    if job.shot_changes is not None:
        given = Path(job.shot_changes)
        if not files.is_file(given):
            raise UsageError(f"shot-change list {job.shot_changes}: no such file")
        return given
    stem, _lang = split_name(path)
    return shot_changes_beside(path, stem)


def _add_diagnostic(track: Track, diag: Diagnostic | None) -> Track:
    if diag is None:
        return track
    return track.replace(diagnostics=tuple(track.diagnostics) + (diag,))


def _would_run(rules: Iterable[type], selection: Selection, profile: Profile) -> list[str]:
    """``code name`` of the rules among ``rules`` that the selection and profile enable."""
    return [f"{r.code} {r.name}" for r in rules
            if selection.enabled(r) and severity_for(r, profile) is not None]


def _source_not_found(target: Path, source: Path | None, source_lang: str | None,
                      language: str | None, selection: Selection,
                      profile: Profile) -> Diagnostic | None:
    """X005 for a translated track whose source track was asked for but not found; None for a
    track that is itself in the source language."""
    if source_lang is None or (language is not None and
                               langtags.primary(language) == langtags.primary(source_lang)):
        return None
    folder = source if source is not None else target.parent
    stem, _lang = split_name(target)
    ext = target.suffix.lower() if target.suffix.lower() in SUBTITLE_EXTENSIONS else ".srt"
    expected = f"{stem}.{source_lang}{ext}"
    skipped = _would_run([r for r in all_rules() if "source" in r.needs], selection, profile)
    message = (f"no source track found: looked in {folder.as_posix()}/ for {expected} (source "
               f"language {source_lang}; any of {', '.join(SUBTITLE_EXTENSIONS)})")
    if skipped:
        message += "; not run: " + ", ".join(skipped)
    return Diagnostic("X005", message, None,
                      {"looked_in": folder.as_posix(), "expected": expected,
                       "source_lang": source_lang,
                       "rules_not_run": [s.split()[0] for s in skipped]})


def _language_not_verifiable(language: str | None, selection: Selection,
                             profile: Profile) -> Diagnostic | None:
    """L004 for a declared language that subqa has no language data for (the language rules
    would do nothing); None when it has, or when no language rule is enabled."""
    from .language import has_language_data
    from .checks.language import CueWrongLanguage, TrackWrongLanguage, UnexpectedScript

    missing = [t for t in (langtags.parts(language) or (language,)) if not has_language_data(t)]
    if language is None or not missing:
        return None
    language = langtags.join(missing)
    skipped = _would_run((CueWrongLanguage, TrackWrongLanguage, UnexpectedScript), selection,
                         profile)
    if not skipped:
        return None
    name = langtags.language_facts(language).get("name")
    shown = f"{language} ({name})" if name else language
    return Diagnostic("L004", f"subqa has no language data for {shown}, so the language of this "
                      f"track could not be verified; not run: {', '.join(skipped)}", None,
                      {"language": language, "rules_not_run": [s.split()[0] for s in skipped]})


def _short(exc: BaseException, limit: int = 200) -> str:
    """The first line of an exception's message, at most ``limit`` characters."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _where(exc: BaseException) -> str | None:
    """``module.py:line in function`` of the innermost frame of the traceback, for the report."""
    import traceback           # only when a check fails inside subqa

    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return None
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno} in {last.name}"


def _file_level_result(job: FileJob, finding: Finding, track: Track | None = None) -> FileResult:
    """A result with one finding; what is known of the file comes from ``track`` when it was
    read, else the format is the extension's (SubRip for any other, as for unread files)."""
    if track is None:
        return FileResult(path=Path(job.path).as_posix(),
                          format=format_for_name(job.path) or "srt", language=None, encoding="",
                          cues=0, findings=[finding], profile=job.profile)
    return FileResult(path=track.path, format=track.format, language=track.language,
                      encoding=track.encoding, cues=len(track.cues), findings=[finding],
                      track=track if job.keep_track else None, profile=job.profile,
                      reading_speeds=reading_speeds(_profile(job.profile), track.language,
                                                    track.cues) if job.keep_track else None)


def internal_error_result(job: FileJob, stage: str, exc_type: str, message: str,
                          where: str | None = None, track: Track | None = None) -> FileResult:
    """The result for a file that subqa failed on: one P006 finding (error), whatever the
    selection, the profile and --min-severity say."""
    from .checks.parse import InternalError

    path = Path(job.path).as_posix()
    detail = f"{exc_type}: {message}" if message else exc_type
    data = {"exception": exc_type, "stage": stage}
    if where:
        data["where"] = where
    return _file_level_result(job, Finding(
        path=path, code=InternalError.code, name=InternalError.name, severity=Severity.ERROR,
        message=f"internal error while {stage} {path}: {detail}; please report",
        line=None, cue=None, start_ms=None, end_ms=None, data=data, text=None), track)


def _unreadable_result(job: FileJob, message: str) -> FileResult:
    """The result for a file that cannot be read at all (vanished, no permission): one P001
    finding (error), whatever the selection says."""
    from .checks.parse import MalformedBlock

    return _file_level_result(job, Finding(
        path=Path(job.path).as_posix(), code=MalformedBlock.code, name=MalformedBlock.name,
        severity=Severity.ERROR, message=message, line=None, cue=None, start_ms=None,
        end_ms=None, data={"reason": "unreadable"}, text=None))


def fix(paths: Sequence[str | Path], *, unsafe: bool = False, to_utf8: bool = False,
        lang: str | None = None, profile: str | None = None, fps: float | None = None,
        select: Sequence[str] = (), ignore: Sequence[str] = (), encoding: str | None = None,
        source: str | Path | None = None, source_lang: str | None = None,
        glossary: Sequence[str] | None = None, fail_on: str | None = None,
        min_severity: str | None = None, max_size_mb: float | None = None,
        include: Sequence[str] = (), shot_changes: str | Path | None = None,
        config: str | Path | None = None, use_config: bool = True, jobs: int = 1,
        progress: Callable[[int, int], None] | None = None):
    """Fix subtitle files (and the subtitle files in folders) with the same options as
    :func:`check`; nothing is written. Returns a ``subqa.fixes.run.FixRun``: per file the
    outcome (``status``, the bytes before and after, the fixes applied with their edits) and
    ``report``, what remains as check reports it. ``unsafe`` adds the unsafe fixes;
    ``to_utf8`` writes the result as UTF-8. See README "Fixing"."""
    from .fixes.run import run_fixes

    file_jobs, fail = plan(paths, config=config, use_config=use_config, lang=lang,
                           profile=profile, fps=fps, select=tuple(select), ignore=tuple(ignore),
                           encoding=encoding, source=str(source) if source is not None else None,
                           source_lang=source_lang,
                           glossary=tuple(glossary) if glossary else None,
                           fail_on=fail_on, min_severity=min_severity,
                           max_size_mb=max_size_mb, include=tuple(include),
                           shot_changes=str(shot_changes) if shot_changes is not None else None)
    profiles = sorted({j.profile for j in file_jobs}) or [profile or "netflix"]
    return run_fixes(file_jobs, fail_on=fail, profile=_profile_name(profiles), unsafe=unsafe,
                     to_utf8=to_utf8, workers=jobs, progress=progress)
