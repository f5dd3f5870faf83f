"""`subqa glossary FILE...`: validate and summarise a term base before using it."""
from __future__ import annotations

import json

import click

from .glossary import glossary_summary, glossary_summary_dict, load_glossary
from .model import UsageError


@click.command("glossary")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def glossary_command(files: tuple[str, ...], fmt: str) -> None:
    """Validate and summarise term bases (TBX 2008, TBX v3, CSV/TSV): concepts, languages, term
    statuses, and problems (duplicate ids or terms, languages without a preferred term, empty
    terms, unknown language codes). Exit 1 when a problem at error level is found, 2 when a file
    cannot be read."""
    try:
        glossary = load_glossary(list(files))
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(glossary_summary_dict(glossary), ensure_ascii=False, indent=2))
    else:
        click.echo(glossary_summary(glossary))
    if any(p.level == "error" for p in glossary.problems):
        raise SystemExit(1)
