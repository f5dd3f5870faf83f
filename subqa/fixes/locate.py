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
from typing import NamedTuple

from ..model import Cue, Track
from .spans import Source

LOCATED_FORMATS = ("srt", "vtt", "ass", "ssa")
TEXT_FORMATS = ("srt", "vtt")         # formats whose cue lines are the file's lines as read

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
    text_lines: range
    number_line: int | None
    block: Span


class Located:
    """The located cues of a track, in reading order (``located[i]`` is cue ``i + 1``), each
    located when first asked for (a check that only annotates a few findings locates only
    their cues); None for a cue whose timing line is not in the text."""

    def __init__(self, track: Track, src: Source) -> None:
        self.track, self.src = track, src
        self._done: dict[int, CueSpans | None] = {}

    def __len__(self) -> int:
        return len(self.track.cues)

    def __getitem__(self, i: int) -> CueSpans | None:
        got = self._done.get(i, False)
        if got is False:
            cue = self.track.cues[i]
            if not 1 <= cue.timing_line <= self.src.line_count:
                got = None
            elif self.track.format in ("ass", "ssa"):
                got = _locate_ass(cue, self.src)
            else:
                got = _locate_text_cue(cue, self.src, self.track.format)
            self._done[i] = got
        return got

    def __iter__(self):
        return (self[i] for i in range(len(self)))


def locate(track: Track, src: Source) -> Located | None:
    """The cues of ``track`` located in ``src``; None for a format that is not located (TTML,
    SCC)."""
    if track.format not in LOCATED_FORMATS:
        return None
    return Located(track, src)


# a whole timing line's two times, as written (settings may follow)
_SRT_LINE = re.compile(r"[ \t]*((\d+):(\d{2}):(\d{2})([,.])(\d{3}))[ \t]*-->[ \t]*"
                       r"((\d+):(\d{2}):(\d{2})[,.](\d{3}))(?![\d:,.])", re.ASCII)
_VTT_LINE = re.compile(r"[ \t]*(((?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})))[ \t]*-->[ \t]*"
                       r"((?:(\d+):)?(\d{2}):(\d{2})\.(\d{3}))(?![\d:.])", re.ASCII)
_STYLES: dict[tuple, TimeStyle] = {}


def _locate_text_cue(cue: Cue, src: Source, fmt: str) -> CueSpans:
    tl = cue.timing_line
    line = src.line(tl)
    base = src.offset(tl)
    start = end = style = None
    m = (_SRT_LINE if fmt == "srt" else _VTT_LINE).match(line)
    if m is not None:
        if fmt == "srt":
            _, h1, m1, s1, sep, f1, _, h2, m2, s2, f2 = m.groups()
            hours = len(h1)
        else:
            _, _, h1, m1, s1, f1, _, h2, m2, s2, f2 = m.groups()
            sep, hours = ".", len(h1) if h1 else 0
        if (_clock_ms(h1, m1, s1, f1) == cue.start_ms and
                _clock_ms(h2, m2, s2, f2) == cue.end_ms):
            key = (fmt, hours, sep)
            style = _STYLES.get(key) or _STYLES.setdefault(key, TimeStyle(fmt, hours, sep))
            start = Span(base + m.start(1), base + m.end(1))
            end = Span(base + m.start(7), base + m.end(7))
    n = len(cue.lines)
    text_lines = range(tl + 1, tl + 1 + n)          # a range, not a tuple of ints: memory
    if n and (tl + n > src.line_count or
              any(src.line(tl + 1 + k) != t for k, t in enumerate(cue.lines))):
        text_lines = range(0)
    numbered = fmt == "srt" and cue.identifier is not None and cue.line < tl
    number_line = cue.line if numbered else None
    last = min(tl + n, src.line_count)
    block = Span(src.line_starts[cue.line - 1], src.line_ends[last - 1])
    return CueSpans(cue, start, end, style, text_lines, number_line, block)


def _clock_ms(h, m, s, f) -> int:
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(f)


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
        for i, (_a, _b, m) in enumerate(times):
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


def _ass_ms(m: re.Match) -> int:
    h, mi, s, cs = m.groups()
    return ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1000 + int(cs) * 10


def lanes(track: Track) -> list[list[int]]:
    """The cue numbers grouped as the timing rules compare them (one lane for SubRip and
    WebVTT; one per layer of dialogue-line events for ASS/SSA, signs in none), in file order."""
    from ..checks.timing import overlap_lane

    by_lane: dict[str, list[int]] = {}
    for cue in track.cues:
        lane = overlap_lane(cue, track.format)
        if lane is not None:
            by_lane.setdefault(lane, []).append(cue.index)
    return list(by_lane.values())
