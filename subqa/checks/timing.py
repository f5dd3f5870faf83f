"""T-rules: when cues appear and disappear.

Durations, gaps and distances to shot changes are judged in whole frames at the track's frame
rate (subqa/frames.py: the span in milliseconds to the nearest frame, halves away from zero, as
Subtitle Edit's Netflix check does). Limits given in milliseconds (``min_duration_ms``) are
converted to frames the same way: 833 ms is 20 frames at 24 fps, 21 at 25.

Sources: Netflix Timed Text Style Guide, General Requirements
(partnerhelp.netflixstudios.com/hc/en-us/articles/215758617) for the duration and the 2-frame
gap; Netflix Timed Text Style Guide, Subtitle Timing Guidelines
(partnerhelp.netflixstudios.com/hc/en-us/articles/360051554394) for shot changes and chaining:
written for 24 fps, where half a second is 12 frames; other rates scale the half second (15
frames at 30 fps) while the 2-frame gap stays 2 frames.
"""
from __future__ import annotations

import bisect
from itertools import pairwise
from typing import Iterator

from .. import frames
from ..formats.sniffers import SIGN_FORMATS, is_sign
from ..model import Cue, Hit, Severity, format_timecode
from .base import CacheKey, Context, Rule


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
        return pairwise(cues)
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


def _frames(ctx: Context, ms: float) -> int:
    return frames.ms_to_frames(ms, ctx.fps)


def _limit(ctx: Context, key: str) -> int:
    """A limit given in milliseconds by the profile, as whole frames at the track's rate."""
    return _frames(ctx, ctx.param(key))


class CueTooShort(Rule):
    """The cue is on screen for fewer frames than the profile's minimum duration (Netflix: 5/6 of
    a second, 20 frames at 24 fps, 21 at 25; ``min_duration_ms`` converted to frames at the
    track's rate). The duration is counted in whole frames, so an 825 ms cue at 24 fps is 20
    frames and passes. Zero-length and reversed cues are T002 only."""

    code = "T003"
    name = "cue-too-short"
    severity = Severity.WARNING
    summary = "the cue is shorter than the minimum duration"
    params = ("min_duration_ms",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        minimum = _limit(ctx, "min_duration_ms")
        for cue, duration, length in _durations(ctx):
            if duration > 0 and length < minimum:
                yield Hit(f"on screen {frames.describe(length, duration, ctx.fps)}; "
                          f"minimum {minimum} frames", cue,
                          {"duration_ms": duration, "duration_frames": length,
                           "min_duration_frames": minimum, "fps": ctx.fps})


class CueTooLong(Rule):
    """The cue stays on screen for more frames than the profile's maximum duration (Netflix: 7 s,
    168 frames at 24 fps; ``max_duration_ms`` converted to frames at the track's rate)."""

    code = "T004"
    name = "cue-too-long"
    severity = Severity.WARNING
    summary = "the cue is longer than the maximum duration"
    params = ("max_duration_ms",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        maximum = _limit(ctx, "max_duration_ms")
        for cue, duration, length in _durations(ctx):
            if length > maximum:
                yield Hit(f"on screen {frames.describe(length, duration, ctx.fps)}; "
                          f"maximum {maximum} frames", cue,
                          {"duration_ms": duration, "duration_frames": length,
                           "max_duration_frames": maximum, "fps": ctx.fps})


def _durations(ctx: Context) -> list:
    """(cue, duration in ms, duration in whole frames) for every cue; worked out once per track."""
    def compute() -> list:
        fps = ctx.fps
        to_frames = frames.ms_to_frames
        return [(cue, cue.duration_ms, to_frames(cue.duration_ms, fps)) for cue in ctx.track.cues]
    return ctx.cached(CacheKey.TIMING_DURATIONS, compute)


def _gaps(ctx: Context) -> list:
    """(previous, cue, gap in ms, gap in frames) for consecutive cues in order that neither
    overlap (T001) nor run backwards (T002, T006); worked out once per track."""
    return ctx.cached(CacheKey.TIMING_GAPS, lambda: list(_find_gaps(ctx)))


def _find_gaps(ctx: Context):
    for prev, cue in _pairs(ctx):
        if cue.start_ms < prev.start_ms or prev.end_ms <= prev.start_ms:
            continue
        gap = cue.start_ms - prev.end_ms
        if gap >= 0:
            yield prev, cue, gap, _frames(ctx, gap)


class GapTooShort(Rule):
    """The gap between the previous cue's end and this cue's start is fewer frames than the
    minimum (Netflix: 2 frames at any frame rate). The gap is counted in whole frames: 80 ms is
    2 frames at 25 fps, and so are the 82 ms that 2 frames at 23.976 fps (83.4 ms) become in a
    file with millisecond times. Cues that overlap are T001 instead."""

    code = "T005"
    name = "gap-too-short"
    severity = Severity.WARNING
    summary = "the gap to the previous cue is shorter than the minimum"
    params = ("min_gap_frames",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        minimum = ctx.param("min_gap_frames")
        for prev, cue, gap, length in _gaps(ctx):
            if length < minimum:
                yield Hit(f"gap of {frames.describe(length, gap, ctx.fps)} after cue "
                          f"{prev.index}; minimum {minimum:g} frames", cue,
                          {"gap_ms": gap, "gap_frames": length, "min_gap_frames": minimum,
                           "fps": ctx.fps})


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


# --- shot changes and chaining -----------------------------------------------------------------

def _shot_changes(ctx: Context) -> tuple[float, ...]:
    """The shot changes of the track's video in ms (``--shot-changes``, configuration, or
    NAME.shotchanges beside the track); empty when there is no list."""
    return ctx.job.shot_changes


def _nearest(changes: tuple[float, ...], t: int) -> float:
    i = bisect.bisect_left(changes, t)
    around = changes[max(0, i - 1):i + 1]
    return min(around, key=lambda c: (abs(c - t), c))


def _window(ctx: Context) -> tuple[int, int]:
    """(half a second in frames, the shot list's tolerance in frames)."""
    return _limit(ctx, "shot_change_window_ms"), ctx.param("shot_change_tolerance_frames")


def _fps(ctx: Context) -> str:
    return f"{frames.label(ctx.fps)} fps"


def _tc(ms: float) -> str:
    return format_timecode(int(round(ms)))


def _frame_ms(ctx: Context, n: int) -> float:
    return n * frames.frame_ms(ctx.fps)


def in_cue_near_shot_change(ctx: Context, cue: Cue) -> tuple[float, int] | None:
    """(shot change, signed distance of the cue's start from it in frames) when the cue starts
    more than the tolerance and less than the window away from its nearest shot change."""
    changes = _shot_changes(ctx)
    if not changes or cue.end_ms <= cue.start_ms:
        return None
    window, tolerance = _window(ctx)
    change = _nearest(changes, cue.start_ms)
    offset = _frames(ctx, cue.start_ms - change)
    if tolerance < abs(offset) < window:
        return change, offset
    return None


class InCueNearShotChange(Rule):
    """The cue starts a few frames before or after a shot change instead of on it: 2 to 11
    frames at 24 fps (half a second, ``shot_change_window_ms``, is 12 frames; 15 at 30 fps).
    Netflix's Subtitle Timing Guidelines (partnerhelp.netflixstudios.com/hc/en-us/articles/
    360051554394, section 2, timing to the shot change): an in-time within half a second of a
    shot change goes on the shot change; one that must start earlier for the speech starts at
    least half a second before it, so the subtitle does not flash across the cut. A cue that
    starts after the cut belongs on it; one that starts before it belongs on it or 12 frames
    before it (Subtitle Edit's Netflix check snaps 1-8 frames before to the cut and pulls 9-11
    back to 12). A start within ``shot_change_tolerance_frames`` (1) of the shot change counts
    as on it: detected shot lists are often a frame off. Runs only with a shot-change list."""

    code = "T007"
    name = "in-cue-near-shot-change"
    severity = Severity.WARNING
    summary = "the cue starts a few frames before or after a shot change"
    params = ("shot_change_window_ms", "shot_change_tolerance_frames")

    def check(self, ctx: Context) -> Iterator[Hit]:
        window, _tolerance = _window(ctx)
        for cue in ctx.track.cues:
            near = in_cue_near_shot_change(ctx, cue)
            if near is None:
                continue
            change, offset = near
            ms = cue.start_ms - int(round(change))
            if offset > 0:
                where = (f"starts {frames.amount(offset, ms)} after the shot change at "
                         f"{_tc(change)} ({_fps(ctx)}); start it on the shot change")
            else:
                early = change - _frame_ms(ctx, window)
                where = (f"starts {frames.amount(-offset, -ms)} before the shot change at "
                         f"{_tc(change)} ({_fps(ctx)}); start it on the shot change, or {window} "
                         f"frames before it ({_tc(early)})")
            yield Hit(where, cue, {"shot_change_ms": round(change, 3), "offset_frames": offset,
                                   "window_frames": window, "fps": ctx.fps})


class OutCueNearShotChange(Rule):
    """The cue ends a few frames after a shot change (2 to 11 frames at 24 fps), or 3 to 11
    frames before it, instead of 2 frames before it. Netflix's Subtitle Timing Guidelines
    (partnerhelp.netflixstudios.com/hc/en-us/articles/360051554394, section 2): an out-time
    within half a second of a shot change ends 2 frames before it (the minimum gap,
    ``min_gap_frames``), so the subtitle does not spill into the next shot or leave a flash of
    a shot without it. Ending within ``shot_change_tolerance_frames`` of the shot change passes
    (detected shot lists are often a frame off). A cue that crosses a shot change by a few frames
    is reported once: when its start is near the same shot change it is T007 only. A gap this
    rule reports is not also T009. Runs only with a shot-change list."""

    code = "T008"
    name = "out-cue-near-shot-change"
    severity = Severity.WARNING
    summary = "the cue ends a few frames before or after a shot change"
    params = ("shot_change_window_ms", "shot_change_tolerance_frames", "min_gap_frames")
    supersedes = ("T009",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        changes = _shot_changes(ctx)
        if not changes:
            return
        window, tolerance = _window(ctx)
        before = ctx.param("min_gap_frames")
        for cue in ctx.track.cues:
            if cue.end_ms <= cue.start_ms:
                continue
            change = _nearest(changes, cue.end_ms)
            offset = _frames(ctx, cue.end_ms - change)
            if not (tolerance < offset < window or -window < offset < -before):
                continue
            started = in_cue_near_shot_change(ctx, cue)
            if started is not None and started[0] == change:
                continue                 # one finding for one crossing: T007
            ms = cue.end_ms - int(round(change))
            side = "after" if offset > 0 else "before"
            target = change - _frame_ms(ctx, before)
            yield Hit(f"ends {frames.amount(abs(offset), abs(ms))} {side} the shot change at "
                      f"{_tc(change)} ({_fps(ctx)}); end it {before:g} frames before the shot "
                      f"change ({_tc(target)})", cue,
                      {"shot_change_ms": round(change, 3), "offset_frames": offset,
                       "window_frames": window, "fps": ctx.fps})


class GapShouldChain(Rule):
    """The gap to the next cue is more than the minimum gap and less than half a second: 3 to 11
    frames at 24 fps (``chain_gap_ms`` 500 is 12 frames at 24 fps, 13 at 25, 15 at 29.97). Netflix's
    Subtitle Timing Guidelines (partnerhelp.netflixstudios.com/hc/en-us/articles/360051554394,
    section 1, "chaining" or "closing gaps"): extend the cue's out-time to 2 frames
    (``min_gap_frames``) before the next cue's in-time, so that a run of subtitles has even
    gaps. Subtitle Edit's Netflix check closes 3-11-frame gaps the same way. Reported on the cue
    whose end should move; a gap before a shot change that T008 reports is not reported again.
    Severity info: Netflix QC accepts longer gaps when the other timing rules are followed."""

    code = "T009"
    name = "gap-should-chain"
    severity = Severity.INFO
    summary = "a gap of less than half a second should be closed to the minimum gap"
    params = ("chain_gap_ms", "min_gap_frames")

    def check(self, ctx: Context) -> Iterator[Hit]:
        chain = _limit(ctx, "chain_gap_ms")
        minimum = ctx.param("min_gap_frames")
        for prev, cue, gap, length in _gaps(ctx):
            if minimum < length < chain:
                end = cue.start_ms - _frame_ms(ctx, minimum)
                yield Hit(f"gap of {frames.describe(length, gap, ctx.fps)} before cue "
                          f"{cue.index}; gaps under {chain} frames are closed to {minimum:g} "
                          f"frames: end this cue at {_tc(end)}", prev,
                          {"gap_ms": gap, "gap_frames": length, "chain_frames": chain,
                           "next_cue": cue.index, "suggested_end_ms": int(round(end)),
                           "fps": ctx.fps})
