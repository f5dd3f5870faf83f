"""Command line: parse options, call the library, pick the exit code.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, configuration
or internal error."""
from __future__ import annotations

import gc
import sys

import click

from . import __version__
from .model import SubtitleError, UsageError
from .reporters import DEFAULT as DEFAULT_REPORT, format_help

SEVERITIES = ["error", "warning", "info"]


def _split(values) -> tuple[str, ...]:
    """--select T,R001 --select F -> ("T", "R001", "F")."""
    out = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


class _Group(click.Group):
    """The command group; ``score`` and ``glossary`` live in their own modules and are imported
    only when asked for, so `subqa check` does not pay for sacrebleu and the TBX machinery."""

    lazy = {"score": ("subqa.scoring_cli", "score_command"),
            "glossary": ("subqa.glossary_cli", "glossary_command")}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attr = self.lazy[name]
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="subqa")
def cli() -> None:
    """subqa: quality checks for subtitle tracks in many languages."""


def _parse_formats(formats, output) -> list[tuple[str, str | None]]:
    """``--format text --format sarif:out.sarif`` -> [("text", output), ("sarif", "out.sarif")]."""
    from .reporters import FORMATS

    out = []
    for spec in formats or (DEFAULT_REPORT,):
        name, _, path = spec.partition(":")
        name = name.strip().lower()
        if name not in FORMATS:
            raise UsageError(f"--format {spec!r}: unknown format {name!r}; allowed: "
                             f"{', '.join(sorted(FORMATS))} (optionally FORMAT:PATH)")
        out.append((name, path or output))
    to_stdout = [n for n, p in out if p is None]
    if len(to_stdout) > 1:
        raise UsageError("--format: only one format can go to standard output; "
                         "give the others a file as FORMAT:PATH")
    return out


def _validate_check_options(opts: dict, targets: list[tuple[str, str | None]]) -> dict:
    """Every option of ``subqa check`` judged before any file is read: a bad value is a
    one-line UsageError naming the option (exit 2). Returns the options as they will be used
    (language tags normalised, -j defaulted); missing report folders are created last."""
    import os
    from pathlib import Path

    from . import values

    out = dict(opts)
    if any(not str(path).strip() for path in opts["paths"]):
        raise UsageError("PATHS: an empty path; give a subtitle file or a folder")
    if opts["lang"] is not None:
        out["lang"] = values.option("--lang", opts["lang"], values.language)
    if opts["source_lang"] is not None:
        out["source_lang"] = values.option("--source-lang", opts["source_lang"], values.language,
                                           allow_auto=False)
    if opts["fps"] is not None:
        out["fps"] = values.option("--fps", opts["fps"], values.fps)
    if opts["max_size_mb"] is not None:
        out["max_size_mb"] = values.option("--max-size", opts["max_size_mb"], values.size_mb)
    if opts["encoding"] is not None:
        values.option("--encoding", opts["encoding"], values.encoding)
    out["jobs"] = values.option("-j/--jobs", opts["jobs"] if opts["jobs"] is not None
                                else os.cpu_count() or 1, values.jobs)
    if opts.get("scheduler") is not None:
        from .scale.cluster import require_dask, scheduler_address

        out["scheduler"] = values.option("--scheduler", opts["scheduler"], scheduler_address)
        require_dask()
    if opts["profile"] is not None:
        from .profiles import load_profile

        try:
            load_profile(opts["profile"])
        except UsageError as exc:
            raise UsageError(f"--profile {opts['profile']!r}: {exc}") from None
    if opts["baseline_file"] is not None and not Path(opts["baseline_file"]).is_file():
        raise UsageError(f"--baseline {opts['baseline_file']!r}: no such file "
                         "(record one with --write-baseline)")
    reports = [(f"--format {name}:PATH" if path != opts["output"] else "-o/--output", path)
               for name, path in targets if path is not None]
    if opts["write_baseline"] is not None:
        reports.append(("--write-baseline", opts["write_baseline"]))
    checked = [(source, values.option(source, path, values.report_path))
               for source, path in reports]
    for source, path in checked:
        values.make_parent(path, source)
    return out


def _echo_statistics(text: str, targets) -> None:
    """``--statistics``: after the text report when it is on standard output, else on stderr
    (so that a JSON document on standard output stays JSON)."""
    text_on_stdout = any(name == "text" and path is None for name, path in targets)
    click.echo(text, nl=False, err=not text_on_stdout)


def _show_progress(targets, streamed: bool, *, stdout_tty: bool, stderr_tty: bool) -> bool:
    """Whether to draw the progress line: on a terminal, unless a streamed report is written to
    the same terminal as the files are checked (the report's own lines then show the progress,
    and the line would run into them)."""
    on_terminal = streamed and stdout_tty and any(path is None for _, path in targets)
    return stderr_tty and not on_terminal


def _progress_reporter(enabled: bool):
    """A progress line on stderr for batch runs on a terminal."""
    if not enabled:
        return None

    def report(done: int, total: int) -> None:
        if total <= 3:
            return
        width = 30
        filled = width * done // total
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files",
                   err=True, nl=done == total)

    return report


class _ReadersHelp(click.Command):
    """A command whose help names the subtitle formats and their extensions where it says
    ``{readers}``: they come from the reader registry (subqa.formats.READERS), imported only
    when the help is shown."""

    def format_help_text(self, ctx, formatter):
        from .formats import extensions_help

        self.help = (self.help or "").replace("{readers}", extensions_help())
        super().format_help_text(ctx, formatter)


@cli.command(cls=_ReadersHelp)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--lang", help="Language of the tracks (BCP 47: en, ru, zh-Hans; 'auto' to detect). "
              "Default: from the configuration or the file name (film.ru.srt), else detected.")
@click.option("--profile", default=None, help="Built-in profile name (netflix, netflix-children, "
              "netflix-sdh, bbc) or a profile .toml file. Default: netflix.")
@click.option("--fps", type=float, default=None, help="Frame rate the timing rules count "
              "frames at: 23.976 (or 23.98), 24, 25, 29.97, 30, 50, 59.94 or 60. Default: the "
              "configuration's, the document's, inferred from the timestamps, else the "
              "profile's (24 for netflix).")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (T, R00) or "
              "names, comma-separated or repeated.")
@click.option("--ignore", multiple=True, help="Skip these rules (same forms as --select).")
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:PATH]",
              help=f"Report format: {format_help()}; repeat it with FORMAT:PATH to write "
              "several reports in one run. json and jsonl alone are written as the files are "
              "checked, in constant memory.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(SEVERITIES + ["never"]), default=None,
              help="Exit 1 when a finding at or above this severity is found (default: error).")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default=None,
              help="Report only findings at or above this severity (default: info).")
@click.option("--encoding", default=None, help="Decode every file with this encoding instead of "
              "detecting it (e.g. cp1251).")
@click.option("--source", type=click.Path(exists=True), default=None,
              help="Source-language track (a file), or a folder of them paired by name, to "
              "compare translations with.")
@click.option("--source-lang", default=None, help="Language of the source tracks; with folders, "
              "film.ru.srt is paired with film.<source-lang>.srt.")
@click.option("--glossary", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Term base (TBX or CSV/TSV), repeatable; replaces the built-in seed glossary.")
@click.option("--max-size", "max_size_mb", type=float, default=None, metavar="MB",
              help="Files larger than this many megabytes are reported (P001), not read "
              "(default 20).")
@click.option("--include", multiple=True, metavar="GLOB",
              help="In folders, also check the files this glob matches (repeatable; '*.txt' "
              "matches names at any depth, 'subs/**/*.txt' paths below the folder), beyond "
              "the subtitle extensions. Config: include = [...].")
@click.option("--shot-changes", type=click.Path(exists=True, dir_okay=False), default=None,
              metavar="FILE", help="The video's shot changes (Subtitle Edit list in seconds, "
              "frames or ms; HH:MM:SS.mmm or HH:MM:SS:FF timecodes; PySceneDetect list-scenes "
              "CSV; ffmpeg showinfo log) for T007/T008. Default: the configuration's "
              "[shot-changes], else NAME.shotchanges beside NAME.xx.srt.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              default=None, help="Configuration file (default: the nearest subqa.toml or "
              "pyproject.toml [tool.subqa] above each checked file).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("-j", "--jobs", type=int, default=None,
              help="Worker processes (default: the number of cores). Results are identical "
              "to -j 1.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Check the files on a Dask cluster: its scheduler (tcp://host:8786), or "
              "local[:N] for N worker processes on this machine. Needs subqa[dask]; workers "
              "need the files at the same paths (or --ship-files). Results are identical to "
              "-j 1. Config: scheduler = \"...\".")
@click.option("--ship-files", is_flag=True, help="With --scheduler: send the workers the bytes "
              "of the files each check reads (the track, its source track, its shot-change "
              "list, the glossaries), for workers that do not see the client's files. Needs a "
              "built-in profile.")
@click.option("--statistics", is_flag=True, help="After the report, print the number of "
              "findings per rule code (on stderr when the report goes to stdout as JSON etc.).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record today's findings in this file (exit 0 unless an error occurs).")
@click.option("--group-min", type=click.IntRange(min=1), default=None, metavar="N",
              help="Text report: N or more findings of one code and kind in a file are shown "
              "as one pattern with a count (default 10).")
@click.option("--no-group", is_flag=True, help="Text report: list every finding, no patterns.")
def check(paths, lang, profile, fps, select, ignore, formats, output, fail_on, min_severity,
          encoding, source, source_lang, glossary, max_size_mb, include, shot_changes,
          config_file, no_config, jobs, scheduler, ship_files, statistics, baseline_file,
          write_baseline, group_min, no_group) -> None:
    """Check subtitle files and folders.

    A file named on the command line is read whatever its extension (its content chooses the
    reader). Below a folder: the files of the subtitle formats, {readers}; the files --include
    matches; and the files without an extension whose content is a subtitle format."""
    from .api import check as run_check
    from . import reporters
    from .reporters.text import render_statistics

    targets = _parse_formats(formats, output)
    valid = _validate_check_options(dict(
        paths=paths, lang=lang, source_lang=source_lang, fps=fps, max_size_mb=max_size_mb,
        encoding=encoding, jobs=jobs, profile=profile, baseline_file=baseline_file,
        write_baseline=write_baseline, output=output, scheduler=scheduler), targets)
    lang, source_lang, fps, jobs = valid["lang"], valid["source_lang"], valid["fps"], valid["jobs"]
    max_size_mb = valid["max_size_mb"]
    options = dict(lang=lang, profile=profile, fps=fps, select=_split(select),
                   ignore=_split(ignore), encoding=encoding, source=source,
                   source_lang=source_lang, glossary=list(glossary) or None,
                   fail_on=fail_on, min_severity=min_severity, config=config_file,
                   use_config=not no_config, jobs=jobs, max_size_mb=max_size_mb,
                   include=_split(include), shot_changes=shot_changes,
                   scheduler=valid.get("scheduler"), ship_files=ship_files)
    streamed = _streamable(targets) and not (baseline_file or write_baseline)
    options["progress"] = _progress_reporter(_show_progress(
        targets, streamed, stdout_tty=sys.stdout.isatty(), stderr_tty=sys.stderr.isatty()))
    if streamed:
        sys.exit(_check_streamed(paths, options, targets, statistics,
                                 _group_min(group_min, no_group)))
    names = [name for name, _ in targets]
    report = run_check(paths, keep_tracks=reporters.needs(names, "tracks"),
                       with_fixes=reporters.needs(names, "fixes"),
                       fix_regions=reporters.needs(names, "fix_regions"), **options)
    if write_baseline:
        from .baseline import write_baseline as write

        n = write(report, write_baseline)
        click.echo(f"baseline: {n} findings recorded in {write_baseline}", err=True)
        sys.exit(0)
    if baseline_file:
        from .baseline import apply_baseline

        report.baseline = apply_baseline(report, baseline_file)
    _write_reports(report, targets, group_min, no_group)
    if statistics:
        _echo_statistics(render_statistics(report), targets)
    sys.exit(report.exit_code())


# `subqa fix` takes check's options (the same click parameters, so help and validation are one),
# except the baseline ones, --scheduler and --ship-files (fix runs on this machine), and adds
# its own.
_FIX_SHARED = [p for p in check.params
               if p.name not in ("baseline_file", "write_baseline", "scheduler", "ship_files")]


@cli.command("fix", params=list(_FIX_SHARED))
@click.option("--unsafe-fixes", is_flag=True, help="Also apply the unsafe fixes (line "
              "re-breaking, reordering cues, timing moves of more than a few frames).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the changes "
              "and write nothing; exit 1 when something would change, 0 when nothing would.")
@click.option("--to-utf8", is_flag=True, help="Write the fixed files as UTF-8 (by default a "
              "file keeps its encoding).")
def fix_command(paths, lang, profile, fps, select, ignore, formats, output, fail_on,
                min_severity, encoding, source, source_lang, glossary, max_size_mb, include,
                shot_changes, config_file, no_config, jobs, statistics, group_min, no_group,
                unsafe_fixes, show_diff, to_utf8) -> None:
    """Apply the safe fixes to subtitle files in place (see README "Fixing"), then report
    what remains as `check` does. Files with a P001 are never changed."""
    from .api import fix as run_fix
    from .reporters.text import render_statistics

    targets = _parse_formats(formats, output)
    valid = _validate_check_options(dict(
        paths=paths, lang=lang, source_lang=source_lang, fps=fps, max_size_mb=max_size_mb,
        encoding=encoding, jobs=jobs, profile=profile, baseline_file=None,
        write_baseline=None, output=output), targets)
    run = run_fix(paths, unsafe=unsafe_fixes, to_utf8=to_utf8, lang=valid["lang"],
                  profile=profile, fps=valid["fps"], select=_split(select), ignore=_split(ignore),
                  encoding=encoding, source=source, source_lang=valid["source_lang"],
                  glossary=list(glossary) or None, fail_on=fail_on, min_severity=min_severity,
                  config=config_file, use_config=not no_config, jobs=valid["jobs"],
                  max_size_mb=valid["max_size_mb"], include=_split(include),
                  shot_changes=shot_changes, progress=_progress_reporter(sys.stderr.isatty()))
    if show_diff:
        sys.stdout.write(run.diff())
        for line in run.summary_lines()[:-1]:
            click.echo(line, err=True)
        sys.exit(1 if run.changed else 0)
    for outcome in run.changed:
        with open(outcome.path, "wb") as fh:
            fh.write(outcome.output)
    report = run.report
    _write_reports(report, targets, group_min, no_group)
    for line in run.summary_lines():
        click.echo(line, err=True)
    if statistics:
        _echo_statistics(render_statistics(report), targets)
    sys.exit(report.exit_code())


def _write_reports(report, targets, group_min, no_group) -> None:
    """Render ``report`` in each (format, path) of ``targets``: to the file, or standard
    output when the path is None (the text report folds patterns unless --no-group)."""
    from .reporters import get_renderer

    for name, path in targets:
        if name == "text":
            from .reporters.text import render as render_text

            text = render_text(report, group_min=_group_min(group_min, no_group))
        else:
            text = get_renderer(name)(report)
        if path:
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        else:
            click.echo(text, nl=False)


def _streamable(targets) -> bool:
    from .scale.stream import STREAMED

    return all(name in STREAMED for name, _ in targets)


def _group_min(group_min: int | None, no_group: bool) -> int:
    """The text report's grouping: --no-group lists every finding (0), else --group-min."""
    from .reporters.text import GROUP_MIN

    return 0 if no_group else group_min or GROUP_MIN


def _check_streamed(paths, options: dict, targets, statistics: bool, group_min: int) -> int:
    """``subqa check`` with only json, jsonl and text reports: each file's result is written as
    it arrives (in report order) and then dropped. Returns the exit code."""
    from contextlib import ExitStack

    from . import reporters
    from .api import check_stream
    from .scale.stream import stream_formats, write_streamed

    names = sorted({name for name, _ in targets})
    # worker processes render each file's text, and only that comes back (scale/packed.py);
    # a fix is worked out only for a report that shows it (not for text alone)
    stream = check_stream(paths, **options, render=names, group_min=group_min,
                          with_fixes=reporters.needs(names, "fixes"))
    with ExitStack() as stack:
        writers = []
        for name, path in targets:
            if path:
                fh = stack.enter_context(open(path, "w", encoding="utf-8", newline="\n"))
                write = fh.write
            else:
                def write(text: str) -> None:
                    click.echo(text, nl=False)
            writer = stream_formats()[name]
            writers.append(writer(write, group_min) if name == "text" else writer(write))
        summary = write_streamed(stream, writers)
    if statistics:
        _echo_statistics(summary.statistics(), targets)
    return summary.exit_code()


@cli.command("report")
@click.argument("results", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text",
              help="Roll-up format: text (default), html (one self-contained page), json.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the roll-up to this file instead of standard output.")
@click.option("--previous", multiple=True, type=click.Path(exists=True, dir_okay=False),
              metavar="RESULTS", help="Results of a previous run (repeatable, as RESULTS): "
              "show what changed since.")
@click.option("--top", type=click.IntRange(min=1), default=20, metavar="N",
              help="Text roll-up: the N worst files (default 20).")
def report_command(results, fmt, output, previous, top) -> None:
    """Merge the results of check runs (RESULTS: --format jsonl or json files, e.g. one per
    shard) into one catalogue roll-up: files × rule codes, per language, the worst files first,
    and with --previous the trends since an earlier run."""
    from pathlib import Path

    from . import values
    from .catalogue import load_catalogue
    from .catalogue.render import RENDERERS, render_text

    if output is not None:
        values.make_parent(values.option("-o/--output", output, values.report_path), "-o/--output")
    cat = load_catalogue(results)
    before = load_catalogue(previous) if previous else None
    text = (render_text(cat, before, top=top) if fmt == "text"
            else RENDERERS[fmt](cat, before))
    if output:
        Path(output).write_text(text, encoding="utf-8", newline="\n")
    else:
        click.echo(text, nl=False)


@cli.command("config")
@click.argument("path", type=click.Path(exists=True))
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              default=None, help="Use this configuration file instead of searching for one.")
def config_command(path, config_file) -> None:
    """Print the settings that apply to PATH and where each came from."""
    from pathlib import Path

    from .config import find_config, parse_config, settings_for

    cfg = parse_config(Path(config_file)) if config_file else find_config(Path(path))
    click.echo(f"configuration file: {cfg.path if cfg else 'none found'}")
    st = settings_for(Path(path), {}, cfg or False)
    for key in sorted(st.values):
        value = st.values[key]
        shown = ", ".join(value) if isinstance(value, tuple) else value
        click.echo(f"{key} = {shown}    # {st.origins.get(key, 'default')}")


@cli.command("rules")
@click.argument("rule", required=False)
@click.option("--profile", default=None, help="Show parameters as this profile sets them.")
@click.option("--lang", default=None, help="Show the per-language values for this language.")
def rules_command(rule, profile, lang) -> None:
    """List the rule catalog, or explain one RULE (code or name) and its parameters."""
    from . import values
    from .engine import severity_for
    from .profiles import load_profile
    from .checks import all_rules, rule_by_key

    if lang is not None:
        lang = values.option("--lang", lang, values.language, allow_auto=False)
    prof = load_profile(profile)
    if rule is None:
        for r in all_rules():
            sev = severity_for(r, prof)
            click.echo(f"{r.code}  {r.name:<28} {sev.label if sev else 'off':<8} {r.summary}")
        return
    found = rule_by_key(rule)
    if found is None:
        raise UsageError(f"no rule {rule!r}; `subqa rules` lists them")
    sev = severity_for(found, prof)
    click.echo(f"{found.code} {found.name}")
    click.echo(f"severity: {sev.label if sev else 'off'} (default {found.severity.label})")
    click.echo(f"summary:  {found.summary}")
    click.echo("")
    click.echo(found.explain())
    if found.params:
        click.echo("")
        where = f"profile {prof.name}" + (f", language {lang}" if lang else "")
        click.echo(f"parameters ({where}):")
        for key in found.params:
            click.echo(f"  {key} = {prof.param(key, lang)!r}")
            if not lang:
                per_lang = {t: v[key] for t, v in sorted(prof.lang.items()) if key in v}
                if per_lang:
                    shown = ", ".join(f"{t}={v!r}" for t, v in per_lang.items())
                    click.echo(f"    per language: {shown}")
    _show_examples(found.code)


def _show_examples(code: str) -> None:
    """The rule's first passing and first failing case (tests/rules/CODE.toml, shipped as
    subqa/_cases), as yamllint's documentation shows a rule's examples."""
    from .rule_cases import describe, first_pair

    passing, failing = first_pair(code)
    if passing is not None:
        click.echo("")
        click.echo("This track passes:")
        click.echo(describe(passing), nl=False)
    if failing is not None:
        where = ", ".join(f"{c} on cue {n}" for c, n in failing.expect)
        click.echo("")
        click.echo(f"This track fails ({where}):")
        click.echo(describe(failing), nl=False)


def _one_line(exc: click.ClickException) -> str:
    """A click error as one line: its message, and for usage errors where to find help."""
    message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        message += f" (see '{ctx.command_path} -h')"
    return message


def main(argv=None) -> None:
    # A check is a short process that allocates many small objects and keeps most of them to
    # the end (cues, verdicts, findings): at the collector's default pace (a collection every
    # 700 new objects) collections that free almost nothing cost a 1,760-cue check some 12 ms
    # (docs/speedups.md). The command collects less often (cycles are still collected) and
    # leaves the objects of the modules imported so far (click's above all) out of later
    # collections; a library user's process, and click's CliRunner in the tests, keep the
    # collector as they set it.
    gc.set_threshold(50_000, 20, 20)
    gc.freeze()
    try:
        cli.main(args=argv, prog_name="subqa", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"subqa: error: {_one_line(exc)}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(2)
    except (UsageError, SubtitleError) as exc:
        click.echo(f"subqa: error: {exc}", err=True)
        sys.exit(2)
    except SystemExit:
        raise
    except Exception:  # an internal error: exit 2 with the traceback on stderr
        import traceback

        click.echo("subqa: internal error (please report):", err=True)
        traceback.print_exc()
        sys.exit(2)
