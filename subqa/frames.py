"""Frame arithmetic: times in milliseconds judged as whole frames at a track's frame rate, and the
frame rate read off the timestamps themselves.

Rounding (what Netflix and Subtitle Edit do): a span of time (a duration, a gap, the distance to
a shot change) is converted to the nearest whole frame, halves away from zero, from the span
itself, not from the two ends snapped separately. Subtitle Edit's Netflix quality check does the
same (``SubtitleFormat.MillisecondsToFrames``: ``Math.Round(ms / (1000 / fps),
MidpointRounding.AwayFromZero)``, with 23.976 computed as 24000/1001), and Netflix's limits are
whole frames ("5/6 of a second (20 frames at 24 fps)", "2 frames"). A span of 820 ms at 24 fps
is 19.68 frames, so 20 frames: a cue stored with millisecond times cannot say more than that.

The NTSC rates are named by their usual spellings (23.976, 29.97, 59.94) and computed exactly
(24000/1001, 30000/1001, 60000/1001): 2 frames at 23.976 fps are 83.42 ms, stored as 82 or 83.
"""
from __future__ import annotations

import functools
import math
from typing import Iterable

# The frame rates subqa accepts (--fps, configuration, documents): the rates Netflix accepts in
# timed text (Subtitle Edit's NetflixCheckTimedTextFrameRate: 23.98, 24, 25, 29.97, 30, 50,
# 59.94, 60), each by its usual name and its exact value.
STANDARD_RATES: dict[float, float] = {
    23.976: 24000 / 1001,
    24.0: 24.0,
    25.0: 25.0,
    29.97: 30000 / 1001,
    30.0: 30.0,
    50.0: 50.0,
    59.94: 60000 / 1001,
    60.0: 60.0,
}
# A value this close to a standard rate names it (23.98 and 23.976 are 23.976; 29.97 is 29.97).
RATE_TOLERANCE = 0.01


@functools.lru_cache(maxsize=64)
def standard_rate(value: float) -> float | None:
    """The standard rate (by its usual name) that ``value`` names, or None."""
    for name, exact in STANDARD_RATES.items():
        if abs(value - name) < RATE_TOLERANCE or abs(value - exact) < RATE_TOLERANCE:
            return name
    return None


def exact_rate(fps: float) -> float:
    """Frames per second as computed: 23.976 -> 24000/1001; other rates as they are."""
    name = standard_rate(fps)
    return STANDARD_RATES[name] if name is not None else float(fps)


@functools.lru_cache(maxsize=64)
def frame_ms(fps: float) -> float:
    """The length of one frame in milliseconds (41.667 at 24 fps, 41.708 at 23.976)."""
    return 1000.0 / exact_rate(fps)


def round_half_away(x: float) -> int:
    """Nearest whole number, halves away from zero (.NET's MidpointRounding.AwayFromZero)."""
    return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)


def ms_to_frames(ms: float, fps: float) -> int:
    """A span of ``ms`` milliseconds as whole frames (nearest, halves away from zero)."""
    return round_half_away(ms / frame_ms(fps))


def frames_to_ms(frames: float, fps: float) -> int:
    """``frames`` frames as whole milliseconds (nearest)."""
    return round_half_away(frames * frame_ms(fps))


@functools.lru_cache(maxsize=64)
def label(fps: float) -> str:
    """A frame rate as messages show it: ``24``, ``23.976``, ``29.97``. (Cached: a track's
    timing findings, a thousand in a long film, all show its one rate.)"""
    return format(fps, "g")


def amount(frames: int, ms: int) -> str:
    """``19 frames (790 ms)``."""
    unit = "frame" if abs(frames) == 1 else "frames"
    return f"{frames} {unit} ({ms} ms)"


def describe(frames: int, ms: int, fps: float) -> str:
    """``19 frames (790 ms) at 24 fps``."""
    return f"{amount(frames, ms)} at {label(fps)} fps"


# --- the frame rate of a track, read off its timestamps -------------------------------------------

# A timestamp is on a grid when it is within this many milliseconds of one of its frames (the
# millisecond times of a frame-based file are rounded or truncated: at most 1 ms off).
GRID_TOLERANCE_MS = 1.0
# Inference needs this many distinct timestamps (starts and ends): about 50 cues. A handful of
# cues sits on many grids by chance (times on whole seconds are on every integer rate's grid).
INFER_MIN_TIMES = 100
# ... and this share of them on one grid (the confidence threshold). By chance a millisecond
# time is within 1 ms of a 24 fps frame about 6 % of the time, of a 50 fps frame about 15 %:
# 95 % is no accident.
INFER_MIN_SHARE = 0.95
# Grids that contain another's frames: a track on the 25 fps grid is also on the 50 fps grid;
# the coarser rate is the one the times show.
_FINER = {25.0: 50.0, 30.0: 60.0, 29.97: 59.94}


class GridEvidence:
    """How well a track's timestamps sit on one frame rate's grid."""

    __slots__ = ("fps", "on_grid", "times")

    def __init__(self, fps: float, on_grid: int, times: int) -> None:
        self.fps = fps
        self.on_grid = on_grid
        self.times = times

    @property
    def share(self) -> float:
        return self.on_grid / self.times if self.times else 0.0

    def __str__(self) -> str:
        return (f"{self.on_grid} of {self.times} times on the {label(self.fps)} fps frame grid "
                f"({frame_ms(self.fps):.2f} ms)")


def _grid_steps(fps: float) -> tuple[float, ...]:
    """The frame lengths a file at ``fps`` may have been timed with: an NTSC rate's exact one
    (1001/24 ms) and its decimal name's (1000/23.976 ms), which many tools use; over an hour the
    two grids drift 4 ms apart (an Apple TV WebVTT track in the corpus sits on the second)."""
    exact, named = frame_ms(fps), 1000.0 / fps
    return (exact,) if abs(exact - named) < 1e-9 else (exact, named)


def on_grid(ms: int, fps: float, tolerance: float = GRID_TOLERANCE_MS) -> bool:
    return any(abs(ms - round(ms / step) * step) <= tolerance for step in _grid_steps(fps))


def grid_evidence(times: Iterable[int]) -> list[GridEvidence]:
    """For each standard rate, how many of the distinct non-negative ``times`` are on its grid."""
    distinct = sorted({t for t in times if t >= 0})
    return [GridEvidence(fps, _count_on_grid(distinct, fps), len(distinct))
            for fps in STANDARD_RATES]


def _count_on_grid(distinct: list[int], fps: float, give_up_after: int | None = None) -> int:
    """How many of ``distinct`` are on ``fps``'s grid; -1 as soon as more than ``give_up_after``
    are off it (a rate that cannot reach the threshold is not counted to the end)."""
    steps = _grid_steps(fps)
    off = on = 0
    for t in distinct:
        if any(abs(t - round(t / step) * step) <= GRID_TOLERANCE_MS for step in steps):
            on += 1
        else:
            off += 1
            if give_up_after is not None and off > give_up_after:
                return -1
    return on


def infer_fps(times: Iterable[int]) -> GridEvidence | None:
    """The frame rate whose grid the times clearly sit on, with the evidence; None when there are
    fewer than INFER_MIN_TIMES distinct times, when no grid holds INFER_MIN_SHARE of them, or when
    two unrelated grids do (times on whole tenths of a second are on the 30 and 50 fps grids).
    A rate is given up as soon as too many times are off its grid for it to reach the share, so
    a track on no grid costs a few dozen tests per rate, not one per time."""
    distinct = sorted({t for t in times if t >= 0})
    if len(distinct) < INFER_MIN_TIMES:
        return None
    allowed_off = int(len(distinct) * (1 - INFER_MIN_SHARE))
    fits = {}
    for fps in STANDARD_RATES:
        on = _count_on_grid(distinct, fps, allowed_off)
        if on >= 0 and on / len(distinct) >= INFER_MIN_SHARE:
            fits[fps] = GridEvidence(fps, on, len(distinct))
    for coarse, fine in _FINER.items():
        if coarse in fits:
            fits.pop(fine, None)
    if len(fits) != 1:
        return None
    return next(iter(fits.values()))


def track_times(cues) -> list[int]:
    """The start and end times of the cues (what the frame rate is inferred from)."""
    out = []
    for cue in cues:
        out.append(cue.start_ms)
        out.append(cue.end_ms)
    return out
