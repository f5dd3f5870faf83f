"""R-rules: line length, number of lines and reading speed, counted the way the platforms count
(tags stripped, line breaks not counted, a grapheme cluster once, half-width characters weighted
in Chinese, Japanese and Korean).

In a two-language track (``zh-Hans+en``; which line is which: ``bilingual_track.py``) each line
is counted and limited as its own language's line: R001 and R004 per line, R003 per language
(see ReadingSpeedTooHigh)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from .. import langtags
from ..model import Cue, Hit, Severity, UsageError
from ..text import as_number, count_chars, count_text, format_count
from .base import CacheKey, Context, Rule
from .bilingual_track import line_languages, track_pair

_DASHES = ("-", "–", "—", "‐")


def _shown_lines(cue):
    return [ln for ln in cue.plain_lines if ln.strip()]


def _line_languages(ctx: Context) -> list | None:
    """For each cue of a two-language track, the language of each of its plain lines (a line
    without letters goes with the line before it, or the first language); None for a
    one-language track."""
    def compute():
        pair = track_pair(ctx)
        if pair is None:
            return None
        out = []
        for langs in line_languages(ctx):
            current, row = pair[0], []
            for lang, _how in langs:
                current = lang or current
                row.append(current)
            out.append(row)
        return out
    return ctx.cached(CacheKey.READABILITY_LINE_LANGUAGES, compute)


def _named(language: str) -> str:
    return langtags.display_name(language)


# ------------------------------------------------------------ reading speed, as R003 measures it

@dataclass(slots=True)
class CueSpeed:
    """One cue's reading speed: its characters (counted as R001 counts a line, over all its
    lines) per second of its duration. One per cue: not frozen, as Finding (subqa.model)."""

    index: int
    chars: float
    cps: float
    duration_ms: int


@dataclass(frozen=True, slots=True)
class ReadingSpeeds:
    """The reading speed of every cue of a track as R003 measures it, published with the file's
    result (``FileResult.reading_speeds``) for the reporters that chart it: the profile's name;
    for the track's language the limit (None when the profile sets none), the weight of a
    half-width character and the fewest characters R003 judges; ``cues`` one entry per cue in
    track order, None for a cue that ends at or before its start."""

    profile: str
    limit: float | None
    half_width_weight: float
    min_chars: float
    cues: tuple[CueSpeed | None, ...]


def measure_speeds(cues: Sequence[Cue], weight: float) -> tuple[CueSpeed | None, ...]:
    """Each cue's reading speed with half-width characters counted ``weight``."""
    out = []
    for cue in cues:
        if cue.duration_ms <= 0:
            out.append(None)
            continue
        n = count_text((ln.strip() for ln in cue.plain_lines), weight)
        out.append(CueSpeed(cue.index, n, n * 1000.0 / cue.duration_ms, cue.duration_ms))
    return tuple(out)


def _track_speeds(ctx: Context, weight: float) -> tuple[CueSpeed | None, ...]:
    """measure_speeds for the context's track, once per track and weight."""
    return ctx.cached(f"readability.speeds.{float(weight)!r}",
                      lambda: measure_speeds(ctx.track.cues, weight))


def _speed_settings(profile, language: str | None) -> tuple[float | None, float, float]:
    """(limit, half-width weight, fewest characters judged) for ``language``; a profile without
    the reading-speed parameters gets no limit, weight 1 and no minimum."""
    try:
        limit = float(profile.param("chars_per_second", language))
        weight = float(profile.param("half_width_weight", language))
    except UsageError:
        return None, 1.0, 0.0
    try:
        min_chars = float(profile.param("cps_min_chars", language))
    except UsageError:
        min_chars = 0.0
    return limit, weight, min_chars


def reading_speeds(profile, language: str | None, cues: Sequence[Cue]) -> ReadingSpeeds:
    """The ReadingSpeeds of a track in ``language`` under ``profile``."""
    limit, weight, min_chars = _speed_settings(profile, language)
    return ReadingSpeeds(profile.name, limit, weight, min_chars, measure_speeds(cues, weight))


def track_reading_speeds(ctx: Context) -> ReadingSpeeds:
    """The ReadingSpeeds of the context's track, sharing R003's measure when R003 ran."""
    limit, weight, min_chars = _speed_settings(ctx.profile, ctx.language)
    return ReadingSpeeds(ctx.profile.name, limit, weight, min_chars, _track_speeds(ctx, weight))


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
        per_line = _line_languages(ctx)
        if per_line is not None:
            yield from self._two_languages(ctx, per_line)
            return
        limit = ctx.param("chars_per_line")
        weight = ctx.param("half_width_weight")
        for cue in ctx.track.cues:
            for number, line in enumerate(cue.plain_lines, 1):
                n = count_chars(line.strip(), weight)
                if n > limit:
                    yield Hit(f"line {number} has {format_count(n)} characters, limit is {limit}",
                              cue, {"line_number": number, "chars": as_number(n), "limit": limit})

    @staticmethod
    def _two_languages(ctx: Context, per_line: list) -> Iterator[Hit]:
        """Each line against its own language's limit and weighting."""
        for cue, langs in zip(ctx.track.cues, per_line, strict=True):
            for number, (line, lang) in enumerate(zip(cue.plain_lines, langs, strict=True), 1):
                limit = ctx.param("chars_per_line", lang)
                n = count_chars(line.strip(), ctx.param("half_width_weight", lang))
                if n > limit:
                    yield Hit(f"line {number} ({_named(lang)}) has {format_count(n)} characters, "
                              f"limit is {limit}", cue,
                              {"line_number": number, "chars": as_number(n), "limit": limit,
                               "language": lang})


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
    end at or before their start are T002 only.

    A cue of a two-language track is read by two audiences, each reading the line in its own
    language and skipping the other (that is what the second language is for). So each
    language's text is counted as that language counts it (the Chinese line with half-width
    characters at 0.5), divided by the cue's whole duration, and held to that language's limit;
    the cue is reported when either language is too fast, once, for the language furthest over
    its limit (cps / limit). Adding both lines would hold a Chinese viewer to the English
    words they do not read. Source: the per-language limits of the Netflix Timed Text Style
    Guides; that bilingual viewers read their own language's line: Liao, Kruger & Doherty
    (2020), "The impact of monolingual and bilingual subtitles on visual attention, cognitive
    load, and comprehension", JoSTrans 33: 70-98 (eye tracking of Chinese viewers: attention to
    the Chinese line stable with the English line added, no added cognitive load)."""

    code = "R003"
    name = "reading-speed-too-high"
    severity = Severity.WARNING
    summary = "characters per second above the language's limit"
    params = ("chars_per_second", "half_width_weight", "cps_min_chars")

    def check(self, ctx: Context) -> Iterator[Hit]:
        per_line = _line_languages(ctx)
        if per_line is not None:
            yield from self._two_languages(ctx, per_line)
            return
        limit = ctx.param("chars_per_second")
        weight = ctx.param("half_width_weight")
        min_chars = ctx.param("cps_min_chars")
        for cue, speed in zip(ctx.track.cues, _track_speeds(ctx, weight), strict=True):
            if speed is None or speed.chars < min_chars:
                continue
            n, cps = speed.chars, speed.cps
            if cps > limit:
                yield Hit(f"{cps:.1f} characters per second ({format_count(n)} characters in "
                          f"{cue.duration_ms} ms), limit is {limit}", cue,
                          {"cps": round(cps, 2), "chars": as_number(n),
                           "duration_ms": cue.duration_ms, "limit": limit})

    @staticmethod
    def _two_languages(ctx: Context, per_line: list) -> Iterator[Hit]:
        """Each language's lines against its own limit; the worst one reported."""
        for cue, langs in zip(ctx.track.cues, per_line, strict=True):
            if cue.duration_ms <= 0:
                continue
            worst = None
            for lang in dict.fromkeys(langs):
                lines = [ln.strip() for ln, lg in zip(cue.plain_lines, langs, strict=True)
                         if lg == lang]
                n = count_text(lines, ctx.param("half_width_weight", lang))
                if n < ctx.param("cps_min_chars", lang):
                    continue
                limit = ctx.param("chars_per_second", lang)
                cps = n * 1000.0 / cue.duration_ms
                if cps > limit and (worst is None or cps / limit > worst[0]):
                    worst = (cps / limit, lang, cps, n, limit)
            if worst is not None:
                _ratio, lang, cps, n, limit = worst
                yield Hit(f"{_named(lang)} text: {cps:.1f} characters per second "
                          f"({format_count(n)} characters in {cue.duration_ms} ms), limit is "
                          f"{limit}", cue,
                          {"cps": round(cps, 2), "chars": as_number(n),
                           "duration_ms": cue.duration_ms, "limit": limit, "language": lang})


class LinesFitOnOne(Rule):
    """Two lines whose text, joined by a space, fits within the line limit: the style guides ask
    to keep text on one line unless it exceeds the limit. Two-speaker cues (each line starting
    with a dash) are not reported. In a two-language track, two lines in different languages
    (a Chinese line and its English line) are never proposed for joining; two lines in the
    same language are measured against that language's limit."""

    code = "R004"
    name = "lines-fit-on-one"
    severity = Severity.INFO
    summary = "two lines that would fit on one"
    params = ("chars_per_line", "half_width_weight", "merge_fits_ratio")

    def check(self, ctx: Context) -> Iterator[Hit]:
        per_line = _line_languages(ctx)
        limit = ctx.param("chars_per_line") * ctx.param("merge_fits_ratio")
        weight = ctx.param("half_width_weight")
        for i, cue in enumerate(ctx.track.cues):
            lines = [ln.strip() for ln in _shown_lines(cue)]
            if len(lines) != 2 or lines[1].startswith(_DASHES):
                continue
            if per_line is not None:
                langs = {lg for ln, lg in zip(cue.plain_lines, per_line[i], strict=True)
                         if ln.strip()}
                if len(langs) != 1:
                    continue                  # a line and its translation: never joined
                (lang,) = langs
                limit = ctx.param("chars_per_line", lang) * ctx.param("merge_fits_ratio", lang)
                weight = ctx.param("half_width_weight", lang)
            joined = count_chars(lines[0] + " " + lines[1], weight)
            if joined <= limit:
                yield Hit(f"the two lines fit on one line ({format_count(joined)} characters, "
                          f"limit {format_count(limit)})", cue,
                          {"chars": as_number(joined), "limit": as_number(limit)})
