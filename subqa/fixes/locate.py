"""Where each cue is in the decoded text: the spans of its start and end times, its text lines
and its whole block, found from the reader's 1-based ``line`` and ``timing_line`` (the readers
are not changed: the time tokens are re-located on the timing line and checked against the
times the reader read).

SubRip, WebVTT and ASS/SSA are located; TTML and SCC are not (their times live in XML
attributes and control codes): they round-trip losslessly but are never fixed. A cue whose
time tokens are not the plain well-formed kind (``00:00:01,000``; ``00:01.000``;
``0:00:01.00``), or whose text lines differ from what the reader read, is located without
them, so no fix touches what it cannot write back exactly as the format expects.
"""
from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from ..model import Cue, Track
from .spans import Source

LOCATED_FORMATS = ("srt", "vtt", "ass", "ssa")
TEXT_FORMATS = ("srt", "vtt")         # formats whose cue lines are the file's lines as read

_SRT_TIME = re.compile(r"(\d+):(\d{2}):(\d{2})([,.])(\d{3})(?!\d)", re.ASCII)
_VTT_TIME = re.compile(r"(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})(?!\d)", re.ASCII)
_ASS_TIME = re.compile(r"\s*(\d+):(\d{2}):(\d{2})\.(\d{2})\s*", re.ASCII)


class TimeStyle(NamedTuple):
    """How a time is written: ``kind`` srt | vtt | ass, the width of the hours field (0: no
    hours, WebVTT ``mm:ss.ttt``) and the fraction separator."""

    kind: str
    hours: int
    sep: str

    def format(self, ms: int) -> str:
        ms = max(0, int(ms))
        if self.kind == "ass":
            cs = (ms + 5) // 10
            s, cs = divmod(cs, 100)
            m, s = divmod(s, 60)
            h, m = divmod(m, 60)
            return f"{h:0{self.hours}d}:{m:02d}:{s:02d}.{cs:02d}"
        s, frac = divmod(ms, 1000)
        m, s = divmod(s, 60)
        h, m = divmod(m, 60)
        if self.hours == 0 and h == 0:
            return f"{m:02d}:{s:02d}{self.sep}{frac:03d}"
        return f"{h:0{max(self.hours, 2)}d}:{m:02d}:{s:02d}{self.sep}{frac:03d}"

    @property
    def step_ms(self) -> int:
        """The smallest time step the format writes (ASS: centiseconds)."""
        return 10 if self.kind == "ass" else 1


class Span(NamedTuple):
    start: int
    end: int


class CueSpans(NamedTuple):
    """A located cue: ``start``/``end`` the spans of its time tokens (None when they are not
    writable), ``style`` how they are written, ``text_lines`` the 1-based file lines of its
    text (empty when the text is not the file's lines), ``number_line`` the SubRip number
    line, ``block`` the span of the whole cue (number or identifier line to last text line)."""

    cue: Cue
    start: Span | None
    end: Span | None
    style: TimeStyle | None
    text_lines: tuple[int, ...]
    number_line: int | None
    block: Span


def locate(track: Track, src: Source) -> list[CueSpans] | None:
    """The spans of every cue of ``track`` in ``src``, in reading order; None for a format
    that is not located (TTML, SCC) or a file whose lines do not match the track's."""
    fmt = track.format
    if fmt not in LOCATED_FORMATS:
        return None
    out = []
    for cue in track.cues:
        if not 1 <= cue.timing_line <= src.line_count:
            return None
        if fmt in ("ass", "ssa"):
            out.append(_locate_ass(cue, src))
        else:
            out.append(_locate_text_cue(cue, src, fmt))
    return out


def _locate_text_cue(cue: Cue, src: Source, fmt: str) -> CueSpans:
    tl = cue.timing_line
    line = src.line(tl)
    base = src.offset(tl)
    start = end = style = None
    arrow = line.find("-->")
    pattern = _SRT_TIME if fmt == "srt" else _VTT_TIME
    if arrow >= 0:
        left = list(pattern.finditer(line, 0, arrow))
        right = pattern.match(line, _skip_space(line, arrow + 3))
        if len(left) == 1 and right is not None and \
                _ms(left[0], fmt) == cue.start_ms and _ms(right, fmt) == cue.end_ms and \
                not line[:left[0].start()].strip() and _sep_only(line[left[0].end():arrow]):
            a = left[0]
            if fmt == "srt":
                style = TimeStyle("srt", len(a.group(1)), a.group(4))
            else:
                style = TimeStyle("vtt", len(a.group(1)) if a.group(1) else 0, ".")
            start = Span(base + a.start(), base + a.end())
            end = Span(base + right.start(), base + right.end())
    text_lines = tuple(range(tl + 1, tl + 1 + len(cue.lines)))
    if text_lines and (text_lines[-1] > src.line_count or
                       any(src.line(n) != t for n, t in zip(text_lines, cue.lines))):
        text_lines = ()
    number_line = cue.line if fmt == "srt" and cue.identifier is not None and cue.line < tl else None
    first = cue.line
    last = tl + len(cue.lines)
    block = Span(src.offset(first), src.line_ends[min(last, src.line_count) - 1])
    return CueSpans(cue, start, end, style, text_lines, number_line, block)


def _locate_ass(cue: Cue, src: Source) -> CueSpans:
    line = src.line(cue.timing_line)
    base = src.offset(cue.timing_line)
    block = Span(base, base + len(line))
    colon = line.find(":")
    start = end = style = None
    if colon >= 0:
        fields, pos = [], colon + 1
        for _ in range(9):               # the fields before Text (which keeps its commas)
            comma = line.find(",", pos)
            if comma < 0:
                break
            fields.append((pos, comma))
            pos = comma + 1
        times = [(a, b, m) for a, b in fields
                 if (m := _ASS_TIME.fullmatch(line, a, b)) is not None]
        for i, (a, b, m) in enumerate(times):
            if _ass_ms(m) != cue.start_ms:
                continue
            later = [t for t in times[i + 1:] if _ass_ms(t[2]) == cue.end_ms]
            if later:
                e = later[0][2]
                style = TimeStyle("ass", len(m.group(1)), ".")
                start = Span(base + m.start(1), base + m.end(4))
                end = Span(base + e.start(1), base + e.end(4))
            break
    return CueSpans(cue, start, end, style, (), None, block)


def _skip_space(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in " \t":
        pos += 1
    return pos


def _sep_only(between: str) -> bool:
    return not between.strip()


def _ms(m: re.Match, fmt: str) -> int:
    if fmt == "srt":
        h, mi, s, _sep, frac = m.groups()
    else:
        h, mi, s, frac = m.groups()
    return ((int(h or 0) * 60 + int(mi)) * 60 + int(s)) * 1000 + int(frac)


def _ass_ms(m: re.Match) -> int:
    h, mi, s, cs = m.groups()
    return ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1000 + int(cs) * 10


def lanes(track: Track, spans: Sequence[CueSpans]) -> list[list[CueSpans]]:
    """The cues grouped as the timing rules compare them (one lane for SubRip and WebVTT; one
    per layer of dialogue-line events for ASS/SSA, signs in none), each in file order."""
    from ..rules.timing import overlap_lane

    by_lane: dict[str, list[CueSpans]] = {}
    for s in spans:
        lane = overlap_lane(s.cue, track.format)
        if lane is not None:
            by_lane.setdefault(lane, []).append(s)
    return list(by_lane.values())
