"""Alignment of two tracks by time: source/target (bilingual rules, G002) and
hypothesis/reference (scoring).

The result is a list of :class:`Pair` in time order. Each pair holds 0..n cues of each side:

* 1-1   the usual case;
* 1-0 / 0-1   a cue with no counterpart (missing or extra cue);
* 1-n / n-1   one cue split into several, or several merged into one.

How it works (deterministic, linear in the number of cues for a fixed window):

1. A constant offset of the target against the source is estimated (unless given): every pair of
   cues whose starts lie within ``max_offset_ms`` of each other votes for its start difference;
   the densest ``_VOTE_WINDOW_MS`` window of votes wins and its median is the offset. Too few
   votes, or a zero offset almost as well supported, give 0.
2. The target is shifted by that offset and the two cue sequences are aligned by a monotone
   dynamic programme (like a sentence aligner, but on times) restricted to a band of target cues
   whose start lies within ``max_shift_ms`` (+ the longest source cue) of the source frontier.
   A 1-1 pair gains ``2 * max(IoU, 0.5 * proximity)``, where proximity falls from 1 to 0 as the
   starts move ``max_shift_ms`` apart (so a single cue drifted by a second or two still pairs with
   its counterpart); a 1-n / n-1 group gains ``(n + 1) * IoU`` of the two spans and is allowed
   only when every cue of the group overlaps the single cue by at least ``min_overlap`` of its own
   duration and the cues of the group follow each other without overlapping; a cue left alone costs ``_SKIP_COST``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Sequence

from .model import Cue

_VOTE_WINDOW_MS = 200        # width of the window of start differences that votes for an offset
_MIN_VOTES = 3               # fewer agreeing cues than this: no offset
_MIN_VOTE_SHARE = 0.3        # ... or fewer than this share of the shorter track
_ZERO_PREFERENCE = 0.9       # zero offset kept when it has this share of the best window's votes
_SKIP_COST = 0.5             # cost of leaving one cue without a counterpart
_SPLIT_TOLERANCE_MS = 100  # parts of a split cue may overlap each other this much
_GROUPS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1))

DEFAULTS = {"min_overlap": 0.5, "max_offset_ms": 10_000, "max_shift_ms": 4000}


@dataclass(frozen=True)
class Pair:
    """Cues of the source and of the target that render the same moment."""

    source: tuple[Cue, ...]   # 0..n source cues
    target: tuple[Cue, ...]   # 0..n target cues

    @property
    def kind(self) -> str:
        """``"1-1"``, ``"1-0"``, ``"0-1"``, ``"1-2"``, ``"2-1"`` ..."""
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def matched(self) -> bool:
        return bool(self.source) and bool(self.target)

    @property
    def source_text(self) -> str:
        return " ".join(c.plain_text for c in self.source if c.plain_text)

    @property
    def target_text(self) -> str:
        return " ".join(c.plain_text for c in self.target if c.plain_text)

    @property
    def start_delta_ms(self) -> int | None:
        """Target start minus source start (first cue of each side), None when unmatched."""
        if not self.matched:
            return None
        return self.target[0].start_ms - self.source[0].start_ms


def _sorted(cues: Sequence[Cue]) -> list[Cue]:
    return sorted(cues, key=lambda c: (c.start_ms, c.end_ms, c.index))


def estimate_offset(source: Sequence[Cue], target: Sequence[Cue], *,
                    max_offset_ms: int = DEFAULTS["max_offset_ms"]) -> int:
    """The constant shift (ms, target minus source) that makes most cue starts coincide; 0 when
    no shift is clearly better supported than none."""
    src = _sorted(source)
    tgt = _sorted(target)
    if not src or not tgt:
        return 0
    tstarts = [c.start_ms for c in tgt]
    votes: list[int] = []
    for cue in src:
        lo = bisect.bisect_left(tstarts, cue.start_ms - max_offset_ms)
        hi = bisect.bisect_right(tstarts, cue.start_ms + max_offset_ms)
        votes.extend(tstarts[k] - cue.start_ms for k in range(lo, hi))
    if not votes:
        return 0
    votes.sort()
    best_count, best_lo, best_hi = 0, 0, 0
    hi = 0
    for lo in range(len(votes)):
        while hi < len(votes) and votes[hi] - votes[lo] <= _VOTE_WINDOW_MS:
            hi += 1
        count = hi - lo
        # ties: the window closest to zero wins (deterministic)
        if count > best_count or (count == best_count and
                                  abs(votes[lo] + votes[hi - 1]) < abs(votes[best_lo] + votes[best_hi - 1])):
            best_count, best_lo, best_hi = count, lo, hi
    needed = max(_MIN_VOTES, _MIN_VOTE_SHARE * min(len(src), len(tgt)))
    if best_count < needed:
        return 0
    half = _VOTE_WINDOW_MS // 2
    zero_count = bisect.bisect_right(votes, half) - bisect.bisect_left(votes, -half)
    if zero_count >= _ZERO_PREFERENCE * best_count:
        return 0
    window = votes[best_lo:best_hi]
    mid = len(window) // 2
    return window[mid] if len(window) % 2 else (window[mid - 1] + window[mid]) // 2


def _span(cues: Sequence[Cue], shift: int = 0) -> tuple[int, int]:
    return min(c.start_ms for c in cues) + shift, max(c.end_ms for c in cues) + shift


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = _overlap(a, b)
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else (1.0 if a == b else 0.0)


class _Scorer:
    def __init__(self, offset: int, min_overlap: float, max_shift_ms: int):
        self.offset = offset
        self.min_overlap = min_overlap
        self.max_shift_ms = max(1, max_shift_ms)

    def gain(self, src: Sequence[Cue], tgt: Sequence[Cue]) -> float | None:
        """Score of pairing these cues, None when not allowed."""
        s_span = _span(src)
        t_span = _span(tgt, -self.offset)
        if len(src) == 1 and len(tgt) == 1:
            iou = _iou(s_span, t_span)
            proximity = 1.0 - abs(s_span[0] - t_span[0]) / self.max_shift_ms
            sim = max(iou, 0.5 * proximity)
            return 2.0 * sim if sim > 0 else None
        single, many, many_shift = (s_span, tgt, -self.offset) if len(src) == 1 else (t_span, src, 0)
        for prev, cue in zip(many, many[1:]):
            # the parts of a split follow each other; overlapping cues are not one split cue
            if cue.start_ms < prev.end_ms - _SPLIT_TOLERANCE_MS:
                return None
        for cue in many:
            own = _span((cue,), many_shift)
            dur = max(1, own[1] - own[0])
            if _overlap(own, single) < self.min_overlap * dur:
                return None
        iou = _iou(s_span, t_span)
        return (len(src) + len(tgt)) * iou if iou > 0 else None


def align(source: Sequence[Cue], target: Sequence[Cue], *, offset_ms: int | None = None,
          min_overlap: float = DEFAULTS["min_overlap"],
          max_offset_ms: int = DEFAULTS["max_offset_ms"],
          max_shift_ms: int = DEFAULTS["max_shift_ms"]) -> list[Pair]:
    """Pair the cues of ``source`` and ``target`` by time (see the module docstring).

    ``offset_ms`` is the constant shift of the target against the source (target minus source);
    None estimates it. Every cue of both sides appears in exactly one pair; pairs come in time
    order."""
    src = _sorted(source)
    tgt = _sorted(target)
    n, m = len(src), len(tgt)
    if offset_ms is None:
        offset_ms = estimate_offset(src, tgt, max_offset_ms=max_offset_ms)
    scorer = _Scorer(offset_ms, min_overlap, max_shift_ms)

    # Band of target frontiers j allowed with source frontier i.
    tstarts = [c.start_ms - offset_ms for c in tgt]
    longest = max((c.duration_ms for c in src), default=0)
    lo = [0] * (n + 1)
    hi = [m] * (n + 1)
    for i in range(n):
        t = src[i].start_ms
        lo[i] = bisect.bisect_left(tstarts, t - max_shift_ms - longest)
        hi[i] = bisect.bisect_right(tstarts, t + max_shift_ms + longest)
    lo[0] = 0
    lo[n], hi[n] = (lo[n - 1] if n else 0), m
    for i in range(1, n + 1):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n):
        hi[i] = max(hi[i], lo[i], lo[i + 1])
        if i:
            hi[i] = max(hi[i], hi[i - 1])

    # Forward DP; best[(i, j)] = (score, previous state, move)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None, tuple[int, int]]] = {
        (0, 0): (0.0, None, (0, 0))}

    def offer(state: tuple[int, int], score: float, prev: tuple[int, int], move: tuple[int, int]) -> None:
        i, j = state
        if i > n or j > m or j < lo[i] or j > hi[i]:
            return
        old = best.get(state)
        if old is None or score > old[0] + 1e-9:
            best[state] = (score, prev, move)

    for i in range(n + 1):
        for j in range(lo[i], hi[i] + 1):
            cur = best.get((i, j))
            if cur is None:
                continue
            score = cur[0]
            for a, b in _GROUPS:
                if i + a <= n and j + b <= m and lo[i + a] <= j + b <= hi[i + a]:
                    g = scorer.gain(src[i:i + a], tgt[j:j + b])
                    if g is not None:
                        offer((i + a, j + b), score + g, (i, j), (a, b))
            offer((i + 1, j), score - _SKIP_COST, (i, j), (1, 0))
            offer((i, j + 1), score - _SKIP_COST, (i, j), (0, 1))

    moves: list[tuple[int, int, int, int]] = []
    state: tuple[int, int] | None = (n, m)
    while state is not None and state != (0, 0):
        _, prev, (a, b) = best[state]
        assert prev is not None
        moves.append((prev[0], prev[1], a, b))
        state = prev
    moves.reverse()
    return [Pair(tuple(src[i:i + a]), tuple(tgt[j:j + b])) for i, j, a, b in moves]


def params_from_profile(ctx: Any) -> dict[str, Any]:
    """The alignment parameters of the active profile (``align_min_overlap``,
    ``align_max_offset_ms``, ``align_max_shift_ms``); defaults when the profile lacks them."""
    out = {}
    for key, default in DEFAULTS.items():
        try:
            out[key] = ctx.param("align_" + key)
        except Exception:   # profile without the key (UsageError): keep the default
            out[key] = default
    return out


def offset(ctx: Any) -> int:
    """The estimated constant offset (ms, target minus source) of the context's track against
    its source, computed once per track run."""
    def compute() -> int:
        p = params_from_profile(ctx)
        return estimate_offset(ctx.source.cues, ctx.track.cues, max_offset_ms=p["max_offset_ms"])
    return ctx.cached("alignment-offset", compute)


def alignment(ctx: Any) -> list[Pair]:
    """Source/target alignment for a rule context (``ctx.source`` must be set), computed once
    per track run and shared by the rules through ``ctx.cached("alignment", ...)``."""
    def compute() -> list[Pair]:
        p = params_from_profile(ctx)
        return align(ctx.source.cues, ctx.track.cues, offset_ms=offset(ctx),
                     min_overlap=p["min_overlap"], max_offset_ms=p["max_offset_ms"],
                     max_shift_ms=p["max_shift_ms"])
    return ctx.cached("alignment", compute)
