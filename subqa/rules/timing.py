"""T-rules: when cues appear and disappear."""
from __future__ import annotations

from typing import Iterator

from ..formats.ass import SIGN_FORMATS, is_sign
from ..model import Hit, Severity, format_timecode
from .base import Context, Rule


def overlap_lane(cue, fmt: str) -> str | None:
    """The lane a cue's timing is judged in: cues are compared (overlap, gap, order) only with
    cues of their own lane. SRT and WebVTT: one lane. ASS/SSA: one lane per layer for events on
    the dialogue line; an event placed elsewhere (``sign:`` in its settings: ``\\pos``,
    ``\\move``, a top or middle alignment) is in no lane, since a sign over dialogue, or
    karaoke on another layer, is on screen at the same time on purpose."""
    if fmt not in SIGN_FORMATS:
        return ""
    if is_sign(cue, fmt):
        return None
    return next((t for t in cue.settings.split() if t.startswith("layer:")), "layer:0")


def _pairs(ctx: Context):
    """(previous, current) for consecutive cues in file order, within each lane."""
    fmt = ctx.track.format
    if fmt not in SIGN_FORMATS:
        cues = ctx.track.cues
        return zip(cues, cues[1:])
    last: dict[str, object] = {}
    pairs = []
    for cue in ctx.track.cues:
        lane = overlap_lane(cue, fmt)
        if lane is None:
            continue
        if lane in last:
            pairs.append((last[lane], cue))
        last[lane] = cue
    return pairs


class CueOverlap(Rule):
    """The cue starts before the previous cue has ended, so two subtitles are on screen at once
    (or one hides the other). Cues that start before the previous one *starts* are reported as
    T006 instead. In ASS/SSA a cue is compared with the previous cue of its own layer on the
    dialogue line; signs (``\\pos``, ``\\move``, top or middle alignment) are not compared."""

    code = "T001"
    name = "cue-overlap"
    severity = Severity.ERROR
    summary = "the cue starts before the previous cue ends"

    def check(self, ctx: Context) -> Iterator[Hit]:
        for prev, cue in _pairs(ctx):
            if prev.start_ms <= cue.start_ms < prev.end_ms:
                overlap = prev.end_ms - cue.start_ms
                yield Hit(f"starts {overlap} ms before the previous cue {prev.index} ends "
                          f"(at {format_timecode(prev.end_ms)})", cue,
                          {"overlap_ms": overlap, "previous_cue": prev.index})


class EndNotAfterStart(Rule):
    """The cue's end time is not after its start time: it is never shown (zero length) or its
    timing is reversed."""

    code = "T002"
    name = "end-not-after-start"
    severity = Severity.ERROR
    summary = "the cue ends at or before its start"

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cue in ctx.track.cues:
            if cue.end_ms <= cue.start_ms:
                what = "zero length" if cue.end_ms == cue.start_ms else "reversed"
                yield Hit(f"ends at {format_timecode(cue.end_ms)}, not after its start "
                          f"{format_timecode(cue.start_ms)} ({what})", cue,
                          {"duration_ms": cue.duration_ms})


class CueTooShort(Rule):
    """The cue is on screen for less than the profile's minimum duration (Netflix: 5/6 of a
    second). Zero-length and reversed cues are T002 only."""

    code = "T003"
    name = "cue-too-short"
    severity = Severity.WARNING
    summary = "the cue is shorter than the minimum duration"
    params = ("min_duration_ms",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        minimum = ctx.param("min_duration_ms")
        for cue in ctx.track.cues:
            if 0 < cue.duration_ms < minimum:
                yield Hit(f"on screen {cue.duration_ms} ms, minimum is {minimum} ms", cue,
                          {"duration_ms": cue.duration_ms, "min_duration_ms": minimum})


class CueTooLong(Rule):
    """The cue stays on screen longer than the profile's maximum duration (Netflix: 7 s)."""

    code = "T004"
    name = "cue-too-long"
    severity = Severity.WARNING
    summary = "the cue is longer than the maximum duration"
    params = ("max_duration_ms",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        maximum = ctx.param("max_duration_ms")
        for cue in ctx.track.cues:
            if cue.duration_ms > maximum:
                yield Hit(f"on screen {cue.duration_ms} ms, maximum is {maximum} ms", cue,
                          {"duration_ms": cue.duration_ms, "max_duration_ms": maximum})


class GapTooShort(Rule):
    """The gap between the previous cue's end and this cue's start is below the minimum
    (Netflix: 2 frames, converted with the track's frame rate: 83 ms at 24 fps, 80 ms at 25).
    Cues that overlap are T001 instead. A gap within half a millisecond of the minimum passes,
    since millisecond timestamps cannot hold 83.33 ms exactly."""

    code = "T005"
    name = "gap-too-short"
    severity = Severity.WARNING
    summary = "the gap to the previous cue is shorter than the minimum"
    params = ("min_gap_frames",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        frames = ctx.param("min_gap_frames")
        min_gap = frames * 1000.0 / ctx.fps
        for prev, cue in _pairs(ctx):
            gap = cue.start_ms - prev.end_ms
            if cue.start_ms < prev.start_ms or prev.end_ms <= prev.start_ms:
                continue
            if 0 <= gap < min_gap - 0.5:
                yield Hit(f"gap of {gap} ms after cue {prev.index}; minimum is {frames} frames "
                          f"({min_gap:.0f} ms at {ctx.fps:g} fps)", cue,
                          {"gap_ms": gap, "min_gap_ms": round(min_gap, 2), "fps": ctx.fps})


class StartsBeforePrevious(Rule):
    """The cue starts before the previous cue in the file starts: the cues are out of order.
    Players sort or drop such cues; delivery specifications require chronological order."""

    code = "T006"
    name = "cue-out-of-order"
    severity = Severity.ERROR
    summary = "the cue starts before the previous cue's start"

    def check(self, ctx: Context) -> Iterator[Hit]:
        for prev, cue in _pairs(ctx):
            if cue.start_ms < prev.start_ms:
                yield Hit(f"starts at {format_timecode(cue.start_ms)}, before the previous cue "
                          f"{prev.index} starts ({format_timecode(prev.start_ms)})", cue,
                          {"previous_cue": prev.index, "previous_start_ms": prev.start_ms})
