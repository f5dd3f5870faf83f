"""Building tracks and running rules in tests without files."""
from __future__ import annotations

from subqa.engine import Selection, TrackJob, run_rules
from subqa.model import Cue, Diagnostic, Track
from subqa.profiles import load_profile


def cue(index, start, end, *lines, line=None):
    return Cue(index=index, start_ms=start, end_ms=end, lines=tuple(lines),
               line=line if line is not None else index * 4 - 3, timing_line=index * 4 - 2,
               identifier=str(index))


def track(*cues, language="en", diagnostics=(), fmt="srt", path="t.srt"):
    return Track(path=path, format=fmt, cues=tuple(cues), encoding="utf-8", language=language,
                 diagnostics=tuple(diagnostics))


def spaced(texts, language="en", start=1000, duration=2000, gap=500):
    """A clean track: one cue per text (a tuple of lines or a string), evenly spaced."""
    cues = []
    t = start
    for i, text in enumerate(texts, 1):
        lines = (text,) if isinstance(text, str) else tuple(text)
        cues.append(cue(i, t, t + duration, *lines))
        t += duration + gap
    return track(*cues, language=language)


def findings(trk, select=(), profile="netflix", fps=None, **job):
    prof = load_profile(profile)
    job = TrackJob(track=trk, language=trk.language, profile=prof,
                   fps=float(fps if fps is not None else prof.param("fps")), **job)
    found, _ = run_rules(job, Selection(select=tuple(select)))
    return found


def codes(trk, select=(), **kw):
    return [f.code for f in findings(trk, select, **kw)]


__all__ = ["cue", "track", "spaced", "findings", "codes", "Diagnostic"]


def glossary_cases(path):
    """The rows of a glossary case file (tests/data/glossary/*.tsv: expect, language, concept,
    text; lines starting with # are comments) as (expect, language, concept, text)."""
    import csv

    with open(path, encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    return [(r["expect"], r["language"], r["concept"], r["text"])
            for r in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)]
