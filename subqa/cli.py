"""Command line: parse options, call the library, pick the exit code.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, configuration
or internal error."""
from __future__ import annotations

import sys
import traceback

import click

from . import __version__
from .model import SubtitleError, UsageError

SEVERITIES = ["error", "warning", "info"]


def _split(values) -> tuple[str, ...]:
    """--select T,R001 --select F -> ("T", "R001", "F")."""
    out = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="subqa")
def cli() -> None:
    """subqa: quality checks for subtitle tracks (SRT, WebVTT) in many languages."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--lang", help="Language of the tracks (BCP 47: en, ru, zh-Hans; 'auto' to detect). "
              "Default: from the file name (film.ru.srt), else detected.")
@click.option("--profile", default=None, help="Built-in profile name (netflix, netflix-children, "
              "netflix-sdh, bbc) or a profile .toml file. Default: netflix.")
@click.option("--fps", type=float, default=None, help="Frame rate for frame-based limits "
              "(default: the profile's, 24 for netflix).")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (T, R00) or "
              "names, comma-separated or repeated.")
@click.option("--ignore", multiple=True, help="Skip these rules (same forms as --select).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(SEVERITIES + ["never"]), default="error",
              show_default=True, help="Exit 1 when a finding at or above this severity is found.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default="info", show_default=True,
              help="Report only findings at or above this severity.")
@click.option("--encoding", default=None, help="Decode every file with this encoding instead of "
              "detecting it (e.g. cp1251).")
@click.option("--source", type=click.Path(exists=True), default=None,
              help="Source-language track (a file), or a folder of them paired by name, to "
              "compare translations with.")
@click.option("--source-lang", default=None, help="Language of the source tracks; with folders, "
              "film.ru.srt is paired with film.<source-lang>.srt.")
@click.option("--glossary", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Term base (TBX or CSV/TSV), repeatable; replaces the built-in seed glossary.")
def check(paths, lang, profile, fps, select, ignore, fmt, output, fail_on, min_severity,
          encoding, source, source_lang, glossary) -> None:
    """Check subtitle files and folders (recursing into .srt and .vtt files)."""
    from .api import check as run_check
    from .reporters import get_renderer

    report = run_check(paths, lang=lang, profile=profile, fps=fps, select=_split(select),
                       ignore=_split(ignore), encoding=encoding, source=source,
                       source_lang=source_lang, glossary=list(glossary) or None,
                       fail_on=fail_on, min_severity=min_severity)
    text = get_renderer(fmt)(report)
    if output:
        with open(output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)
    sys.exit(report.exit_code())


@cli.command("rules")
@click.argument("rule", required=False)
@click.option("--profile", default=None, help="Show parameters as this profile sets them.")
@click.option("--lang", default=None, help="Show the per-language values for this language.")
def rules_command(rule, profile, lang) -> None:
    """List the rule catalog, or explain one RULE (code or name) and its parameters."""
    from .engine import severity_for
    from .profiles import load_profile
    from .rules import all_rules, rule_by_key

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


def _register_optional_commands() -> None:
    """Commands that live in their own modules (score, glossary)."""
    from .glossary_cli import glossary_command
    from .scoring_cli import score_command

    cli.add_command(score_command)
    cli.add_command(glossary_command)


def main(argv=None) -> None:
    try:
        _register_optional_commands()
    except ImportError:
        pass
    try:
        cli.main(args=argv, prog_name="subqa", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
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
        click.echo("subqa: internal error (please report):", err=True)
        traceback.print_exc()
        sys.exit(2)
