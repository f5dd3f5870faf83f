"""``subqa score``: BLEU, chrF and TER of a translated track against a reference translation.
Registered on the main group by ``subqa.cli``. Exit 0 when every gate passes, 1 when one is
missed, 2 on usage errors (raised as UsageError / click errors and handled by ``cli.main``)."""
from __future__ import annotations

import json
import math
import sys

import click

from .model import UsageError


def _validate_gates(min_bleu, min_chrf, max_ter) -> None:
    """BLEU and chrF are scores from 0 to 100, TER a rate from 0 up: a gate outside them, or
    NaN (which no comparison fails), would pass or fail whatever the translation."""
    from . import values

    for name, value, what in (("--min-bleu", min_bleu, "a score between 0 and 100"),
                              ("--min-chrf", min_chrf, "a score between 0 and 100"),
                              ("--max-ter", max_ter, "a finite rate of 0 or more")):
        high = 100 if name != "--max-ter" else math.inf
        if value is not None and not (math.isfinite(value) and 0 <= value <= high):
            raise UsageError(f"{name} {values.shown(value)}: must be {what}")


def _scorable(track, source: str):
    """A track with cues; an empty or header-only file (or one that could not be read) has
    nothing to score: a usage error, not a score of 0 against nothing."""
    if not track.cues:
        why = track.diagnostics[0].message if track.diagnostics else "only a header, no cue"
        raise UsageError(f"{source} {track.path}: no cues to score ({why})")
    return track


@click.command("score")
@click.argument("hyp", type=click.Path(exists=True, dir_okay=False))
@click.option("--ref", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Reference translation of the same programme (SRT or WebVTT).")
@click.option("--lang", default=None, help="Language of both tracks (BCP 47); chooses the BLEU "
              "tokenizer. Default: from the file name (film.ru.srt).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--min-bleu", type=float, default=None, help="Exit 1 when BLEU is below this.")
@click.option("--min-chrf", type=float, default=None, help="Exit 1 when chrF is below this.")
@click.option("--max-ter", type=float, default=None, help="Exit 1 when TER is above this.")
@click.option("--worst", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many lowest-scoring cue pairs to list.")
@click.option("--encoding", default=None, help="Decode both files with this encoding instead of "
              "detecting it.")
def score_command(hyp, ref, lang, fmt, min_bleu, min_chrf, max_ter, worst, encoding) -> None:
    """Score the translation HYP against the reference --ref, cue pairs aligned by time."""
    from . import langtags, values
    from .formats import load_track
    from .scoring import render_text, score

    _validate_gates(min_bleu, min_chrf, max_ter)
    if encoding is not None:
        values.option("--encoding", encoding, values.encoding)
    if lang is None:
        lang = langtags.from_filename(hyp) or langtags.from_filename(ref)
        if lang is None:
            raise UsageError("--lang is needed: the file names do not say the language")
    else:
        lang = values.option("--lang", lang, values.language, allow_auto=False)
    hyp_track = _scorable(load_track(hyp, encoding=encoding), "HYP")
    ref_track = _scorable(load_track(ref, encoding=encoding), "--ref")
    report = score(hyp_track, ref_track, lang, worst=worst)
    missed = []
    if min_bleu is not None and report.bleu < min_bleu:
        missed.append(f"BLEU {report.bleu:.2f} < --min-bleu {min_bleu:g}")
    if min_chrf is not None and report.chrf < min_chrf:
        missed.append(f"chrF {report.chrf:.2f} < --min-chrf {min_chrf:g}")
    if max_ter is not None and report.ter > max_ter:
        missed.append(f"TER {report.ter:.2f} > --max-ter {max_ter:g}")
    if fmt == "json":
        data = report.to_dict()
        data["gates_missed"] = missed
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(render_text(report), nl=False)
        for m in missed:
            click.echo(f"gate missed: {m}")
    sys.exit(1 if missed else 0)
