"""Timing fixes: only the earlier cue's end moves, never a start, never a cue's text.

- T001 overlap, T005 gap too short: the earlier cue ends the minimum gap (``min_gap_frames``)
  before the next cue starts. Safe when that moves its end by at most ``fix_max_move_frames``
  frames, unsafe beyond; never when the cue would become too short (T003) or end before it
  starts.
- T009 gap to chain (3-11 frames at 24 fps): the cue's end moves to the minimum gap before the
  next cue (safe), unless that makes it too long (T004) or crosses a shot change.
- T003 too short: the cue is extended to the minimum duration into the free time after it,
  keeping the minimum gap to the next cue (and chained to it when the gap left would be one
  T009 closes); safe; no fix when there is no room or a shot change is in the way.
- T006 out of order (unsafe): SubRip and WebVTT cue blocks are moved into time order (a stable
  sort by start time; what lies between blocks stays in place); SubRip numbers are rewritten to
  the new order.
- SubRip numbering (safe, no finding): when the number lines are not 1, 2, 3... they are
  rewritten so. Applied when ``--select`` is not given.

Times are written as the file writes them (``00:00:01,000`` or ``00:00:01.000``; WebVTT with or
without hours; ASS/SSA centiseconds, rounded so that the gap is never less than the minimum).
"""
from __future__ import annotations

import re
from itertools import pairwise

from .. import frames
from .base import NUMBERING, SAFE, UNSAFE, Fix, FixContext
from .locate import CueSpans, lanes
from .spans import Edit

CODES = ("T001", "T005", "T009", "T003", "T006")
_NUMBER = re.compile(r"\d+")


class _Timing:
    """The frame arithmetic of one track."""

    def __init__(self, fc: FixContext) -> None:
        self.fc = fc
        self.fps = fc.fps
        self.min_gap = fc.param("min_gap_frames")
        self.min_dur = frames.ms_to_frames(fc.param("min_duration_ms"), self.fps)
        self.max_dur = frames.ms_to_frames(fc.param("max_duration_ms"), self.fps)
        self.chain = frames.ms_to_frames(fc.param("chain_gap_ms"), self.fps)
        self.max_move = fc.param("fix_max_move_frames")
        self.frame = frames.frame_ms(self.fps)

    def f(self, ms: float) -> int:
        """frames.ms_to_frames with the frame length computed once."""
        return frames.round_half_away(ms / self.frame)

    def end_before(self, s: CueSpans, next_start: int) -> int | None:
        """The latest end of ``s`` that leaves the minimum gap before ``next_start``, on the
        format's time step; None when the format cannot write it."""
        if s.style is None:
            return None
        step = s.style.step_ms
        end = next_start - frames.frames_to_ms(self.min_gap, self.fps)
        end -= end % step
        while self.f(next_start - end) < self.min_gap:
            end -= step
        return end

    def crosses_shot(self, a: int, b: int) -> bool:
        return any(a < c <= b for c in self.fc.shot_changes)


def _next_in_lane(fc: FixContext) -> dict[int, int]:
    """Cue number -> the number of the next cue in its lane."""
    return {a: b for lane in lanes(fc.track) for a, b in pairwise(lane)}


def _set_end(s: CueSpans, ms: int) -> Edit:
    return Edit(s.end.start, s.end.end, s.style.format(ms))


def plan(fc: FixContext) -> list[Fix]:
    if fc.spans is None:
        return []
    tm = _Timing(fc)
    nxt = _next_in_lane(fc)
    prev = {b: a for a, b in nxt.items()}
    fixes: list[Fix] = []
    for finding in fc.findings:
        code = finding.code
        if code in ("T001", "T005"):
            later = fc.cue_spans(finding.cue)
            earlier = fc.cue_spans(prev.get(finding.cue, 0))
            if later is not None and earlier is not None:
                fixes += _shorten(tm, code, finding.cue, earlier, later)
        elif code == "T009":
            earlier = fc.cue_spans(finding.cue)
            later = fc.cue_spans(nxt.get(finding.cue, 0))
            if earlier is not None and later is not None:
                fixes += _chain(tm, finding.cue, earlier, later)
        elif code == "T003":
            s = fc.cue_spans(finding.cue)
            if s is not None:
                fixes += _extend(tm, s, fc.cue_spans(nxt.get(finding.cue, 0)))
    if fc.findings_of("T006"):
        fixes += _reorder(fc)
    return fixes


def _shorten(tm: _Timing, code: str, at: int, earlier: CueSpans, later: CueSpans) -> list[Fix]:
    a, b = earlier.cue, later.cue
    if earlier.end is None:
        return []
    end = tm.end_before(earlier, b.start_ms)
    if end is None or end <= a.start_ms or end >= a.end_ms:
        return []
    if tm.f(end - a.start_ms) < tm.min_dur <= tm.f(a.duration_ms):
        return []                      # it would become too short (T003)
    move = tm.f(a.end_ms - end)
    kind = SAFE if move <= tm.max_move else UNSAFE
    return [Fix(code, at, kind, f"end cue {a.index} {frames.amount(move, a.end_ms - end)} "
                f"earlier, {tm.min_gap:g} frames before cue {b.index}", [_set_end(earlier, end)])]


def _chain(tm: _Timing, at: int, earlier: CueSpans, later: CueSpans) -> list[Fix]:
    a, b = earlier.cue, later.cue
    if earlier.end is None:
        return []
    end = tm.end_before(earlier, b.start_ms)
    if end is None or end <= a.end_ms or tm.crosses_shot(a.end_ms, b.start_ms):
        return []
    if tm.f(end - a.start_ms) > tm.max_dur >= tm.f(a.duration_ms):
        return []                      # it would become too long (T004)
    move = tm.f(end - a.end_ms)
    return [Fix("T009", at, SAFE, f"end cue {a.index} {frames.amount(move, end - a.end_ms)} "
                f"later, {tm.min_gap:g} frames before cue {b.index}", [_set_end(earlier, end)])]


def _extend(tm: _Timing, s: CueSpans, later: CueSpans | None) -> list[Fix]:
    a = s.cue
    if s.end is None or a.duration_ms <= 0:
        return []
    step = s.style.step_ms
    end = a.start_ms + frames.frames_to_ms(tm.min_dur, tm.fps)
    end += -end % step
    while tm.f(end - a.start_ms) < tm.min_dur:
        end += step
    if later is not None:
        b = later.cue
        if b.start_ms < a.start_ms:
            return []
        limit = tm.end_before(s, b.start_ms)
        if limit is None or end > limit:
            return []
        gap = tm.f(b.start_ms - end)
        if tm.min_gap < gap < tm.chain:
            end = limit                # the gap left would be one to chain: chain it
    if tm.crosses_shot(a.end_ms, end) or tm.f(end - a.start_ms) > tm.max_dur:
        return []
    move = tm.f(end - a.end_ms)
    return [Fix("T003", a.index, SAFE, f"extend cue {a.index} by "
                f"{frames.amount(move, end - a.end_ms)} into the free time after it",
                [_set_end(s, end)])]


def _reorder(fc: FixContext) -> list[Fix]:
    """One fix for the whole track: the cue blocks in time order (SubRip, WebVTT)."""
    if fc.track.format not in ("srt", "vtt"):
        return []
    spans = list(fc.spans)
    if any(s is None for s in spans):
        return []
    order = sorted(spans, key=lambda s: (s.cue.start_ms, s.cue.index))
    numbered = fc.track.format == "srt" and all(s.number_line is not None for s in spans)
    edits = []
    for place, (slot, s) in enumerate(zip(spans, order, strict=True), 1):
        text = fc.src.text[s.block.start:s.block.end]
        if numbered:
            text = _NUMBER.sub(str(place), text, count=1)
        if text != fc.src.text[slot.block.start:slot.block.end]:
            edits.append(Edit(slot.block.start, slot.block.end, text))
    moved = sum(1 for slot, s in zip(spans, order, strict=True) if slot is not s)
    if not edits:
        return []
    return [Fix("T006", None, UNSAFE, f"move {moved} cues into time order", edits)]


def plan_numbering(fc: FixContext) -> list[Fix]:
    """SubRip number lines rewritten to 1, 2, 3... when they are not (safe)."""
    if fc.track.format != "srt" or not fc.spans:
        return []
    spans = list(fc.spans)
    if any(s is None or s.number_line is None for s in spans):
        return []
    edits = []
    for i, s in enumerate(spans, 1):
        line = fc.src.line(s.number_line)
        m = _NUMBER.search(line)
        if m is not None and int(m.group()) != i:
            base = fc.src.offset(s.number_line)
            edits.append(Edit(base + m.start(), base + m.end(), str(i)))
    if not edits:
        return []
    return [Fix(NUMBERING, None, SAFE, f"renumber {len(edits)} SubRip cues 1, 2, 3...", edits)]
