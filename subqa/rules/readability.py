"""R-rules: line length, number of lines and reading speed, counted the way the platforms count
(tags stripped, line breaks not counted, a grapheme cluster once, half-width characters weighted
in Chinese, Japanese and Korean)."""
from __future__ import annotations

from typing import Iterator

from ..model import Hit, Severity
from ..text import as_number, count_chars, count_text, format_count
from .base import Context, Rule

_DASHES = ("-", "–", "—", "‐")


def _shown_lines(cue):
    return [ln for ln in cue.plain_lines if ln.strip()]


class LineTooLong(Rule):
    """A line has more characters than the language allows (Netflix: 42 for most languages,
    16 for Chinese and Korean, 13 for Japanese, 35 for Thai). Spaces and punctuation count, tags
    do not; in Chinese, Japanese and Korean a half-width character counts 0.5."""

    code = "R001"
    name = "line-too-long"
    severity = Severity.WARNING
    summary = "a line is longer than the language's characters-per-line limit"
    params = ("chars_per_line", "half_width_weight")

    def check(self, ctx: Context) -> Iterator[Hit]:
        limit = ctx.param("chars_per_line")
        weight = ctx.param("half_width_weight")
        for cue in ctx.track.cues:
            for number, line in enumerate(cue.plain_lines, 1):
                n = count_chars(line.strip(), weight)
                if n > limit:
                    yield Hit(f"line {number} has {format_count(n)} characters, limit is {limit}",
                              cue, {"line_number": number, "chars": as_number(n), "limit": limit})


class TooManyLines(Rule):
    """The cue has more lines than allowed (Netflix and BBC: 2)."""

    code = "R002"
    name = "too-many-lines"
    severity = Severity.WARNING
    summary = "the cue has more lines than allowed"
    params = ("max_lines",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        limit = ctx.param("max_lines")
        for cue in ctx.track.cues:
            n = len(_shown_lines(cue))
            if n > limit:
                yield Hit(f"{n} lines, limit is {limit}", cue, {"lines": n, "limit": limit})


class ReadingSpeedTooHigh(Rule):
    """Characters per second above the language's limit (Netflix adult: 20 for English, 17 for
    most languages, 9 for Chinese, 4 for Japanese, 12 for Korean). The count is the cue's
    characters without line breaks, counted as for R001, divided by its duration. Cues that
    end at or before their start are T002 only."""

    code = "R003"
    name = "reading-speed-too-high"
    severity = Severity.WARNING
    summary = "characters per second above the language's limit"
    params = ("chars_per_second", "half_width_weight", "cps_min_chars")

    def check(self, ctx: Context) -> Iterator[Hit]:
        limit = ctx.param("chars_per_second")
        weight = ctx.param("half_width_weight")
        min_chars = ctx.param("cps_min_chars")
        for cue in ctx.track.cues:
            if cue.duration_ms <= 0:
                continue
            n = count_text((ln.strip() for ln in cue.plain_lines), weight)
            if n < min_chars:
                continue
            cps = n * 1000.0 / cue.duration_ms
            if cps > limit:
                yield Hit(f"{cps:.1f} characters per second ({format_count(n)} characters in "
                          f"{cue.duration_ms} ms), limit is {limit}", cue,
                          {"cps": round(cps, 2), "chars": as_number(n), "duration_ms": cue.duration_ms,
                           "limit": limit})


class LinesFitOnOne(Rule):
    """Two lines whose text, joined by a space, fits within the line limit: the style guides ask
    to keep text on one line unless it exceeds the limit. Two-speaker cues (each line starting
    with a dash) are not reported."""

    code = "R004"
    name = "lines-fit-on-one"
    severity = Severity.INFO
    summary = "two lines that would fit on one"
    params = ("chars_per_line", "half_width_weight", "merge_fits_ratio")

    def check(self, ctx: Context) -> Iterator[Hit]:
        limit = ctx.param("chars_per_line") * ctx.param("merge_fits_ratio")
        weight = ctx.param("half_width_weight")
        for cue in ctx.track.cues:
            lines = [ln.strip() for ln in _shown_lines(cue)]
            if len(lines) != 2 or lines[1].startswith(_DASHES):
                continue
            joined = count_chars(lines[0] + " " + lines[1], weight)
            if joined <= limit:
                yield Hit(f"the two lines fit on one line ({format_count(joined)} characters, "
                          f"limit {format_count(limit)})", cue,
                          {"chars": as_number(joined), "limit": as_number(limit)})
