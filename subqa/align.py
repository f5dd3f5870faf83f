"""Alignment of two tracks by time: source/target (bilingual rules, G002) and
hypothesis/reference (scoring).

The result is a list of :class:`Pair` in reading order. Each pair holds 0..n cues of each side:

* 1-1   the usual case;
* 1-0 / 0-1   a cue with no counterpart (missing or extra cue);
* 1-n / n-1   one cue split into several, or several merged into one.

How it works (deterministic, linear in the number of cues for a fixed window):

1. A constant offset of the target against the source is estimated (unless given; see
   :func:`estimate_offset`): start differences vote for candidate offsets, and a candidate is
   kept only when it makes the cues overlap clearly better than no shift.
2. Each side is taken in file (or cue-number) order when that is nearly chronological, else in
   time order. The target is shifted by the offset and the two sequences are aligned by a monotone
   dynamic programme (like a sentence aligner, but on times) restricted to a band of target cues
   whose start lies within ``max_shift_ms`` of the source frontier (states far behind the best
   of their row, ``_BEAM``, are not expanded).
   A 1-1 pair gains ``2 * max(IoU, 0.5 * proximity)``, where proximity falls from 1 to 0 as the
   starts move ``max_shift_ms`` apart (so a single cue drifted by a second or two still pairs with
   its counterpart), plus a small tie-breaker (``_affinity``: start and end moved alike, numbers
   in common); a 1-n / n-1 group gains ``(n + 1) * IoU`` of the two spans and is allowed
   only when every cue of the group overlaps the single cue by at least ``min_overlap`` of its own
   duration and the cues of the group follow each other without overlapping; a cue left alone
   costs ``_SKIP_COST``. One non-monotone move is allowed: a cue moved past up to
   ``_MAX_MOVED_PAST`` neighbours (k + 1 crossing 1-1 pairs, e.g. source i with target j+1 and
   source i+1 with target j), which is what a cue drifted past its neighbours looks like.
3. The search does not run over the whole band at once: it is cut in the middle of each run of
   ``2 * _CUT_REACH`` clean pairs (:func:`_cuts`: a source and a target cue that overlap each
   other well and their neighbours on the other side at most slightly), and the stretches
   between cuts are searched one by one (a clean pair between two cuts is simply paired). A
   film timed from one template is mostly clean pairs, so most of its search goes. The cut
   search gives the pairs of the whole one: tests compare the two on seeded random pairs of
   tracks (``segmented=False`` searches the whole band) and on every pair of the real
   translations in ../shared.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Sequence

from . import numbers
from .model import Cue, UsageError
from .checks.base import CacheKey

_VOTE_WINDOW_MS = 300        # width of the window of start differences that votes for an offset
_MIN_VOTES = 3               # fewer agreeing cues than this: no offset
_MIN_VOTE_SHARE = 0.3        # ... or fewer than this share of the shorter track
_OFFSET_CANDIDATES = 5       # densest vote windows tried as offsets
_OFFSET_GAIN = 0.15          # an offset must raise the mean cue overlap (IoU) this much over none
_MIN_OFFSET_MS = 500         # smaller estimates are timing noise, not a shifted track
_SKIP_COST = 0.5             # cost of leaving one cue without a counterpart
_SPLIT_TOLERANCE_MS = 300    # parts of a split cue may overlap each other this much
_GROUPS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1))
_ONE_ONE = ((1, 1),)
_RIGID_BONUS = 0.4           # 1-1 pair whose start and end moved by the same amount
_NUMBER_BONUS = 0.3          # 1-1 pair sharing a number (minus: both have numbers, none shared)
_MAX_MOVED_PAST = 3          # a drifted cue may have moved past this many neighbours
_CROSS_COST = 0.35           # crossing pairs go against file order: only when clearly better
_BEAM = 4.0                  # states this far below the best of their row are not expanded
_CLEAN_IOU = 0.5            # a clean pair overlaps this much of the two cues' union (_cuts)
_CUT_REACH = _MAX_MOVED_PAST + 1   # clean pairs on each side of a cut
_MAX_DISORDER = 0.05         # share of cues starting before their predecessor: still file order

_NONE: frozenset = frozenset()

DEFAULTS = {"min_overlap": 0.4, "max_offset_ms": 10_000, "max_shift_ms": 4000}


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
        return _joined(self.source)

    @property
    def target_text(self) -> str:
        return _joined(self.target)

    @property
    def start_delta_ms(self) -> int | None:
        """Target start minus source start (first cue of each side), None when unmatched."""
        if not self.matched:
            return None
        return self.target[0].start_ms - self.source[0].start_ms


def _joined(cues: tuple[Cue, ...]) -> str:
    """The texts of ``cues`` joined by a space (a single cue's is its own)."""
    if len(cues) == 1:
        return cues[0].plain_text
    return " ".join(c.plain_text for c in cues if c.plain_text)


def _sorted(cues: Sequence[Cue]) -> list[Cue]:
    return sorted(cues, key=lambda c: (c.start_ms, c.end_ms, c.index))


def _reading_order(cues: Sequence[Cue]) -> list[Cue]:
    """The cues in file order (or cue-number order) when that order is (nearly) chronological,
    else sorted by time.
    File order keeps a cue whose times were shifted at the place of its text, which is the
    best evidence of what it translates; a file in no particular order is sorted."""
    ids = [c.identifier.strip() if c.identifier else "" for c in cues]
    if ids == [str(k) for k in range(1, len(ids) + 1)]:
        ordered = list(cues)             # numbered 1, 2, 3 ... in file order (the usual case)
    elif all(i.isascii() and i.isdigit() for i in ids) and len(set(ids)) == len(ids):
        # SubRip numbers (or numeric WebVTT ids) keep the original order when a cue's times
        # were shifted and the file re-sorted; compared as digit strings (length, then text),
        # so that no number of any length goes through int()
        numbers = [i.lstrip("0") for i in ids]
        ordered = [c for _, c in sorted(zip(((len(n), n) for n in numbers), cues, strict=True),
                                        key=lambda p: p[0])]
    else:
        ordered = sorted(cues, key=lambda c: c.index)
    late = sum(1 for a, b in pairwise(ordered) if b.start_ms < a.start_ms)
    if late <= max(1, _MAX_DISORDER * len(ordered)):
        return ordered
    return _sorted(cues)


def _running_min_from_end(values: list[int]) -> list[int]:
    """``out[k] = min(values[k:])``."""
    out, low = [0] * len(values), None
    for k in range(len(values) - 1, -1, -1):
        v = values[k]
        low = v if low is None or v < low else low
        out[k] = low
    return out


def _running_max(values: list[int]) -> list[int]:
    out, top = [], None
    for v in values:
        top = v if top is None or v > top else top
        out.append(top)
    return out


def estimate_offset(source: Sequence[Cue], target: Sequence[Cue], *,
                    max_offset_ms: int = DEFAULTS["max_offset_ms"]) -> int:
    """The constant shift (ms, target minus source) that makes the two tracks coincide; 0 when
    no shift is clearly better than none.

    Every pair of cues whose starts lie within ``max_offset_ms`` votes for its start difference;
    the densest ``_VOTE_WINDOW_MS`` windows of votes (their medians) are the candidates. Each
    candidate, and zero, is then judged by how well it makes the cues overlap (the mean over
    source cues of the best IoU with a shifted target cue): a shift wins only when it covers
    ``_OFFSET_GAIN`` more than no shift, so timing noise or a regular cue rhythm (a shift of one
    cue period looks like no shift) does not invent an offset."""
    src = _sorted(source)
    tgt = _sorted(target)
    if not src or not tgt:
        return 0
    # no shift covers more than all the cues (a mean of IoUs is at most 1): when the tracks as
    # they are already cover nearly all, no candidate can win by _OFFSET_GAIN and the votes are
    # not counted (the coverage gives up as soon as it cannot reach that: the votes decide)
    base = _coverage(src, tgt, 0, at_least=1.0 - _OFFSET_GAIN)
    if base is not None and base + _OFFSET_GAIN > 1.0:
        return 0
    votes = _offset_votes(src, tgt, max_offset_ms)
    if not votes:
        return 0
    candidates = _offset_candidates(votes, max(_MIN_VOTES,
                                               _MIN_VOTE_SHARE * min(len(src), len(tgt))))
    if not candidates:
        return 0
    if base is None:
        base = _coverage(src, tgt, 0)
    scored = sorted(((_coverage(src, tgt, c), -abs(c), c) for c in candidates), reverse=True)
    best_cov, _, best = scored[0]
    return best if best_cov >= base + _OFFSET_GAIN else 0


def _offset_votes(src: list[Cue], tgt: list[Cue], max_offset_ms: int) -> list[int]:
    """The start differences of every pair of cues within ``max_offset_ms``, sorted."""
    tstarts = [c.start_ms for c in tgt]
    votes: list[int] = []
    for cue in src:
        start = cue.start_ms
        lo = bisect.bisect_left(tstarts, start - max_offset_ms)
        hi = bisect.bisect_right(tstarts, start + max_offset_ms)
        votes.extend([t - start for t in tstarts[lo:hi]])
    votes.sort()
    return votes


def _offset_candidates(votes: list[int], needed: float) -> list[int]:
    """The medians of the densest windows of votes (at least ``needed`` votes each)."""
    # the window starting at each vote with its median, kept only when it has enough votes
    # and its median is far enough from zero. A window holds enough votes exactly when its
    # vote ``need - 1`` places on lies within it (the votes are sorted): only those windows
    # are measured
    need = math.ceil(needed)
    width = _VOTE_WINDOW_MS
    # (the shorter list, the window ends, stops the pairing: strict=False)
    full = [lo for lo, (first, last) in enumerate(zip(votes, votes[need - 1:], strict=False))
            if last - first <= width]
    windows = []
    for lo in full:
        hi = bisect.bisect_right(votes, votes[lo] + width, lo + need)
        count = hi - lo
        mid = lo + count // 2                     # the window's median, not copied out
        value = votes[mid] if count % 2 else (votes[mid - 1] + votes[mid]) // 2
        if abs(value) >= _MIN_OFFSET_MS:
            windows.append((count, lo, hi, value))
    windows.sort(key=lambda w: (-w[0], abs(votes[w[1]] + votes[w[2] - 1]), w[1]))
    candidates: list[int] = []
    for _, _, _, value in windows:
        if len(candidates) >= _OFFSET_CANDIDATES:
            break
        if all(abs(value - c) > _VOTE_WINDOW_MS for c in candidates):
            candidates.append(value)
    return candidates


def _coverage(src: list[Cue], tgt: list[Cue], shift: int, *, at_least: float | None = None
              ) -> float | None:
    """The mean over source cues of the best IoU with a target cue shifted by ``shift``; None
    as soon as it is sure to fall below ``at_least`` (when given)."""
    tstarts = [c.start_ms for c in tgt]
    ends = [c.end_ms for c in tgt]
    longest = max(c.duration_ms for c in tgt)
    n = len(src)
    # the total below which the mean cannot reach at_least, the last cues counting 1 each
    # (a little under it, so that rounding never gives up on a mean that reaches it)
    floor = (at_least * n - 1e-6 * n) if at_least is not None else None
    total = 0.0
    for k, cue in enumerate(src):
        a0, a1 = cue.start_ms, cue.end_ms
        lo = bisect.bisect_left(tstarts, a0 + shift - longest)
        hi = bisect.bisect_right(tstarts, a1 + shift)
        best = 0.0
        for t in range(lo, hi):
            b0, b1 = tstarts[t] - shift, ends[t] - shift
            # _iou of the two spans
            inter = (a1 if a1 < b1 else b1) - (a0 if a0 > b0 else b0)
            union = (a1 if a1 > b1 else b1) - (a0 if a0 < b0 else b0)
            iou = (inter if inter > 0 else 0) / union if union > 0 else \
                (1.0 if a0 == b0 and a1 == b1 else 0.0)
            if iou > best:
                best = iou
        total += best
        if floor is not None and total + (n - k - 1) < floor:
            return None
    return total / n


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

    @staticmethod
    def numbers(cue: Cue) -> frozenset:
        """The values of the numbers of a cue (not those glued to a name)."""
        text = cue.plain_text
        if not numbers.may_hold_number(text):   # no number: not searched
            return _NONE
        return frozenset(v for n in numbers.extract(text) if not n.glued for v in n.values)

    def gain(self, src: Sequence[Cue], tgt: Sequence[Cue]) -> float | None:
        """Score of pairing these cues, None when not allowed."""
        if len(src) == 1 and len(tgt) == 1:
            return _GainMemo(self, src, tgt, self.offset).pair(0, 0)
        off = self.offset
        if len(src) == 1:
            s = src[0]
            if any(t.start_ms - off >= s.end_ms or t.end_ms - off <= s.start_ms for t in tgt):
                return None
        else:
            t = tgt[0]
            if any(s.start_ms >= t.end_ms - off or s.end_ms <= t.start_ms - off for s in src):
                return None
        s_span = _span(src)
        t_span = _span(tgt, -self.offset)
        single, many, many_shift = (s_span, tgt, -self.offset) if len(src) == 1 else \
            (t_span, src, 0)
        for prev, cue in pairwise(many):
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


_UNSEEN = object()


class _GainMemo:
    """``scorer.gain`` of source cues i..i+a-1 with target cues j..j+b-1, by index: a 1-1 pair
    scored once (the rotations of drifted cues try the same pairs from several states), and a
    group one of whose cues does not overlap the single cue at all refused before it is built
    (what ``_Scorer.gain`` refuses first; most groups tried are refused so)."""

    __slots__ = ("scorer", "src", "tgt", "offset", "pairs", "width", "s_start", "s_end",
                 "t_start", "t_end", "s_nums", "t_nums")

    def __init__(self, scorer: _Scorer, src: Sequence[Cue], tgt: Sequence[Cue], offset: int):
        self.scorer, self.src, self.tgt, self.offset = scorer, src, tgt, offset
        self.pairs: dict[int, float | None] = {}     # 1-1 gains by i * width + j
        self.width = len(tgt) + 1
        # the times of both sides on the source's clock, and their numbers once asked for
        self.s_start, self.s_end = [c.start_ms for c in src], [c.end_ms for c in src]
        self.t_start = [c.start_ms - offset for c in tgt]
        self.t_end = [c.end_ms - offset for c in tgt]
        self.s_nums: list[frozenset | None] = [None] * len(src)
        self.t_nums: list[frozenset | None] = [None] * len(tgt)

    def pair(self, i: int, j: int) -> float | None:
        """The gain of source i with target j (1-1), None when not allowed:
        ``2 * max(IoU, 0.5 * proximity)`` plus the affinity (:meth:`affinity`)."""
        key = i * self.width + j
        found = self.pairs.get(key, _UNSEEN)
        if found is not _UNSEEN:
            return found
        ss, se, ts, te = self.s_start[i], self.s_end[i], self.t_start[j], self.t_end[j]
        apart = ss - ts if ss > ts else ts - ss
        inter = (se if se < te else te) - (ss if ss > ts else ts)     # _overlap of the spans
        inter = inter if inter > 0 else 0
        shift = self.scorer.max_shift_ms
        if apart >= shift and inter == 0:
            self.pairs[key] = None
            return None
        union = (se if se > te else te) - (ss if ss < ts else ts)
        iou = inter / union if union > 0 else (1.0 if ss == ts and se == te else 0.0)
        near = 0.5 * (1.0 - apart / shift)
        sim = near if near > iou else iou
        found = 2.0 * sim + self.affinity(i, j, ss, se, ts, te) if sim > 0 else None
        self.pairs[key] = found
        return found

    def affinity(self, i: int, j: int, ss: int, se: int, ts: int, te: int) -> float:
        """A small tie-breaker between pairings that time alone cannot tell apart (a drifted
        cue lying on its neighbour): a rigid shift (start and end moved alike) and shared
        numbers make a pair likelier, numbers on both sides with none in common less likely."""
        longer = max(se - ss, te - ts, 1)
        rigid = 1.0 - min(1.0, abs((ts - ss) - (te - se)) / longer)
        bonus = _RIGID_BONUS * rigid
        ns = self.s_nums[i]
        if ns is None:
            ns = self.s_nums[i] = self.scorer.numbers(self.src[i])
        if ns:
            nt = self.t_nums[j]
            if nt is None:
                nt = self.t_nums[j] = self.scorer.numbers(self.tgt[j])
            if nt:
                bonus += _NUMBER_BONUS if ns & nt else -_NUMBER_BONUS
        return bonus

    def __call__(self, i: int, j: int, a: int, b: int) -> float | None:
        src, tgt, off = self.src, self.tgt, self.offset
        if a == 1 and b == 1:
            return self.pair(i, j)
        if a == 1:
            s = src[i]
            lo, hi = s.start_ms + off, s.end_ms + off
            for k in range(j, j + b):
                if tgt[k].start_ms >= hi or tgt[k].end_ms <= lo:
                    return None
        else:
            t = tgt[j]
            lo, hi = t.start_ms - off, t.end_ms - off
            for k in range(i, i + a):
                if src[k].start_ms >= hi or src[k].end_ms <= lo:
                    return None
        return self.scorer.gain(src[i:i + a], tgt[j:j + b])


def _rotation(i: int, j: int, k: int, later: bool) -> list[tuple[int, int]]:
    """(source, target) index pairs of a cue moved past ``k`` neighbours: the translation of
    source i sits ``k`` places later (``later``), or that of source i+k sits k places earlier."""
    if later:
        return [(i, j + k)] + [(i + 1 + r, j + r) for r in range(k)]
    return [(i + k, j)] + [(i + r, j + 1 + r) for r in range(k)]


# the rotations tried from a state: (k, later, (source, target) index steps from the state)
_ROTATIONS = tuple((k, later, tuple(_rotation(0, 0, k, later)))
                   for k in range(1, _MAX_MOVED_PAST + 1)
                   for later in ((True, False) if k > 1 else (True,)))
# every move of the search by number (the search keeps numbers, not tuples, per state):
# skips, groups, rotations
_MOVES: tuple[tuple, ...] = ((1, 0), (0, 1)) + _GROUPS + tuple(
    ("moved", k, later) for k, later, _ in _ROTATIONS)
_MOVE_CODE = {move: code for code, move in enumerate(_MOVES)}


def align(source: Sequence[Cue], target: Sequence[Cue], *, offset_ms: int | None = None,
          min_overlap: float = DEFAULTS["min_overlap"],
          max_offset_ms: int = DEFAULTS["max_offset_ms"],
          max_shift_ms: int = DEFAULTS["max_shift_ms"],
          segmented: bool = True) -> list[Pair]:
    """Pair the cues of ``source`` and ``target`` by time (see the module docstring).

    Each side is taken in file order (``Cue.index``) when it is nearly chronological, so a cue
    whose times were shifted still pairs where its text is; otherwise in time order.
    ``offset_ms`` is the constant shift of the target against the source (target minus source);
    None estimates it. Every cue of both sides appears in exactly one pair; pairs come in
    reading order."""
    src = _reading_order(source)
    tgt = _reading_order(target)
    if offset_ms is None:
        offset_ms = estimate_offset(src, tgt, max_offset_ms=max_offset_ms)
    scorer = _Scorer(offset_ms, min_overlap, max_shift_ms)
    lo, hi = _band(src, tgt, offset_ms, max_shift_ms)
    if not segmented:
        return _pairs(_search(src, tgt, scorer, offset_ms, lo, hi), src, tgt)
    moves: list[tuple[int, int, tuple]] = []
    for (i0, j0), (i1, j1) in pairwise(_cuts(src, tgt, offset_ms, lo, hi, min_overlap)):
        if i1 - i0 == 1 and j1 - j0 == 1:
            moves.append((i0, j0, (1, 1)))      # a clean pair between two cuts
            continue
        # the stretch between two cuts, searched on its own within the band
        seg_lo = [min(max(lo[i], j0), j1) - j0 for i in range(i0, i1 + 1)]
        seg_hi = [max(min(hi[i], j1), j0) - j0 for i in range(i0, i1 + 1)]
        seg_lo[0], seg_hi[-1] = 0, j1 - j0
        for i, j, move in _search(src[i0:i1], tgt[j0:j1], scorer, offset_ms, seg_lo, seg_hi):
            moves.append((i0 + i, j0 + j, move))
    return _pairs(moves, src, tgt)


def _search(src: Sequence[Cue], tgt: Sequence[Cue], scorer: _Scorer, offset_ms: int,
            lo: list[int], hi: list[int]) -> list[tuple[int, int, tuple]]:
    """The moves of the best path from (0, 0) to (len(src), len(tgt)) within the band."""
    gain = _GainMemo(scorer, src, tgt, offset_ms)
    search = _Search(src, tgt, gain, lo, hi)
    search.run()
    if not search.reached_end():
        # The beam cut every way to the end: a source that ends long before the target (a
        # partial translation used as the source) leaves the last rows only skips, each
        # chain of them far behind its row's best. The search without the beam, within the
        # same band, always reaches the end.
        search = _Search(src, tgt, gain, lo, hi, beam=float("inf"))
        search.run()
    return search.moves()


def _slight(a_start: int, a_end: int, b_start: int, b_end: int, min_overlap: float) -> bool:
    """Whether two cues overlap by less than ``min_overlap`` of the shorter one's duration (too
    little for a group of the two, see ``_Scorer.gain``; touching or apart counts)."""
    inter = min(a_end, b_end) - max(a_start, b_start)
    return inter <= 0 or inter < min_overlap * max(1, min(a_end - a_start, b_end - b_start))


def _cuts(src: Sequence[Cue], tgt: Sequence[Cue], offset_ms: int, lo: list[int],
          hi: list[int], min_overlap: float) -> list[tuple[int, int]]:
    """States (i, j) that the best path passes through, from (0, 0) to (n, m): the middle of a
    run of clean pairs. A clean pair is a source cue and a target cue that overlap by at least
    ``_CLEAN_IOU`` of their union, whose neighbours on the other side overlap them at most
    slightly (less than ``min_overlap`` of the shorter cue: too little for a group) and every
    other cue of the other side not at all; in a run of ``2 * _CUT_REACH`` such pairs on one
    diagonal, nothing gains by leaving the diagonal (a cue paired with another's partner
    overlaps little or nothing of it, a group needs a large overlap of all its cues, and a
    moved cue reaches ``_MAX_MOVED_PAST`` neighbours). Tests hold the cut search equal to the
    whole one (tests/test_align_cuts.py)."""
    n, m = len(src), len(tgt)
    s_start = [c.start_ms for c in src]
    s_end = [c.end_ms for c in src]
    t_start = [c.start_ms - offset_ms for c in tgt]
    t_end = [c.end_ms - offset_ms for c in tgt]
    # the latest end before each cue and the earliest start after it, on each side
    s_end_before, t_end_before = _running_max([-(1 << 62)] + s_end), \
        _running_max([-(1 << 62)] + t_end)
    s_start_after, t_start_after = _running_min_from_end(s_start + [1 << 62, 1 << 62]), \
        _running_min_from_end(t_start + [1 << 62, 1 << 62])
    partner = [-1] * n          # the clean partner of each source cue, -1 when none
    j = 0
    for i in range(n):
        ss, se = s_start[i], s_end[i]
        while j < m and t_end[j] <= ss:
            j += 1
        if j == m:
            break
        ts, te = t_start[j], t_end[j]
        inter = (se if se < te else te) - (ss if ss > ts else ts)
        if inter <= 0 or inter < _CLEAN_IOU * ((se if se > te else te) - (ss if ss < ts else ts)):
            continue
        # the neighbours on each side may touch the pair, by less than a group would need
        # (min_overlap of the shorter cue); every cue beyond them ends before or starts after
        if t_end_before[j - 1 if j else 0] <= ss and t_start_after[j + 2] >= se \
                and s_end_before[i - 1 if i else 0] <= ts and s_start_after[i + 2] >= te \
                and (j == 0 or t_end[j - 1] <= ss
                     or _slight(t_start[j - 1], t_end[j - 1], ss, se, min_overlap)) \
                and (j + 1 == m or t_start[j + 1] >= se
                     or _slight(t_start[j + 1], t_end[j + 1], ss, se, min_overlap)) \
                and (i == 0 or s_end[i - 1] <= ts
                     or _slight(s_start[i - 1], s_end[i - 1], ts, te, min_overlap)) \
                and (i + 1 == n or s_start[i + 1] >= te
                     or _slight(s_start[i + 1], s_end[i + 1], ts, te, min_overlap)):
            partner[i] = j
    cuts = [(0, 0)]
    run = 0                     # clean pairs on one diagonal ending at source cue i - 1
    for i in range(n):
        j = partner[i]
        run = run + 1 if j >= 0 and i and partner[i - 1] == j - 1 else (1 if j >= 0 else 0)
        # the state in the middle of a long enough run: cue i - _CUT_REACH + 1 paired next
        if run >= 2 * _CUT_REACH:
            ci, cj = i - _CUT_REACH + 1, j - _CUT_REACH + 1
            if lo[ci] <= cj <= hi[ci] and cuts[-1] < (ci, cj):
                cuts.append((ci, cj))
    cuts.append((n, m))
    return cuts


def _band(src: Sequence[Cue], tgt: Sequence[Cue], offset_ms: int,
          max_shift_ms: int) -> tuple[list[int], list[int]]:
    """The band of target frontiers j allowed with source frontier i: (lo, hi) per i."""
    n, m = len(src), len(tgt)
    tstarts = _running_max([c.start_ms - offset_ms for c in tgt])   # sorted, for bisect
    lo = [0] * (n + 1)
    hi = [m] * (n + 1)
    left, right = bisect.bisect_left, bisect.bisect_right
    previous = None
    for i in range(n):
        t = src[i].start_ms
        # target cues between the previous source cue and this one may still be unpaired here
        before = previous if previous is not None and previous < t else t
        lo[i] = left(tstarts, before - max_shift_ms)
        hi[i] = right(tstarts, t + max_shift_ms)
        previous = t
    lo[0] = 0
    lo[n], hi[n] = (lo[n - 1] if n else 0), m
    # lo never falls, hi never falls either and stays at or above lo of its row and the next
    for i in range(1, n + 1):
        if lo[i] < lo[i - 1]:
            lo[i] = lo[i - 1]
    for i in range(n - 1, -1, -1):
        if hi[i] > hi[i + 1]:
            hi[i] = hi[i + 1]
    for i in range(n):
        h = hi[i]
        if h < lo[i + 1]:         # lo[i] <= lo[i + 1]
            h = lo[i + 1]
        if i and h < hi[i - 1]:
            h = hi[i - 1]
        hi[i] = h
    return lo, hi


_START = -1                  # the back-pointer of state (0, 0)


class _Search:
    """The forward dynamic programme over states (i, j) -- source and target frontiers --
    within the band. Row by row, ``score[i][j]`` is the best score of a state and
    ``back[i][j]`` how it was reached: ``(previous i * (m + 1) + previous j) * len(_MOVES) +
    the move's number`` (numbers, so that millions of states allocate no tuples)."""

    def __init__(self, src: Sequence[Cue], tgt: Sequence[Cue], gain: _GainMemo,
                 lo: list[int], hi: list[int], beam: float = _BEAM):
        self.src, self.tgt, self.gain = src, tgt, gain
        self.beam = beam          # a state this far behind the best of its row is not followed
        self.n, self.m = len(src), len(tgt)
        # the band, with empty rows past the end (lo > hi) for the moves that would leave it,
        # so that a state is in the band exactly when lo[i] <= j <= hi[i]
        beyond = _MAX_MOVED_PAST + 2
        self.lo = lo + [self.m + 1] * beyond
        self.hi = hi + [-1] * beyond
        # the states reached, row by row (every one lies within the band of its row)
        self.score: list[dict[int, float]] = [{} for _ in range(self.n + 1)]
        self.back: list[dict[int, int]] = [{} for _ in range(self.n + 1)]
        self.score[0][0], self.back[0][0] = 0.0, _START

    def offer(self, i: int, j: int, score: float, back: int) -> None:
        """A state reached with ``score`` (``back``: from where and how, see the class)."""
        if self.lo[i] <= j <= self.hi[i]:
            row = self.score[i]
            old = row.get(j)
            if old is None or score > old + 1e-9:
                row[j] = score
                self.back[i][j] = back

    def run(self) -> None:
        n, m, codes = self.n, self.m, len(_MOVES)
        lo, hi, scores, backs = self.lo, self.hi, self.score, self.back
        offer_groups, offer_moved = self.offer_groups, self.offer_moved
        for i in range(n + 1):
            row, row_back = scores[i], backs[i]
            if not row:
                continue                  # no state of this row was reached
            best = max(row.values())
            floor, near_best = best - self.beam, best - 1.0
            last = hi[i]
            # the skip of a source cue (move 0) lands in the next row, if in its band
            down_lo, down_hi = lo[i + 1], hi[i + 1]
            down, down_back = (scores[i + 1], backs[i + 1]) if i < n else ({}, {})
            for j in range(lo[i], last + 1):
                score = row.get(j)
                if score is None or score < floor:
                    continue              # unreached, or far behind the best state of the row
                state = (i * (m + 1) + j) * codes
                direct = offer_groups(i, j, score, state) if i < n and j < m else None
                # a cue moved past k neighbours (a drifted cue): k + 1 crossing 1-1 pairs;
                # only worth trying where source i and target j do not already pair well
                if (direct is None or direct < 1.2) and score >= near_best:
                    offer_moved(i, j, score, state)
                skipped = score - _SKIP_COST
                if down_lo <= j <= down_hi:                                 # move 0: (1, 0)
                    old = down.get(j)
                    if old is None or skipped > old + 1e-9:
                        down[j], down_back[j] = skipped, state
                if j < last:                                                # move 1: (0, 1)
                    old = row.get(j + 1)
                    if old is None or skipped > old + 1e-9:
                        row[j + 1], row_back[j + 1] = skipped, state + 1

    def offer_groups(self, i: int, j: int, score: float, state: int) -> float | None:
        """Offer the a-to-b groups worth scoring from a state with a cue left on each side
        (only 1-1 unless source i and target j overlap); the gain of the 1-1 pair, if any."""
        gain, lo, hi, offer = self.gain, self.lo, self.hi, self.offer
        direct = None
        if lo[i + 1] <= j + 1 <= hi[i + 1]:
            direct = gain.pair(i, j)
            if direct is not None:
                offer(i + 1, j + 1, score + direct, state + _ONE_ONE_CODE)
        if gain.t_start[j] >= gain.s_end[i] or gain.t_end[j] <= gain.s_start[i]:
            return direct                    # no overlap: every group would hold that pair
        # a 1-3 group holds the 1-2 one and a 3-1 the 2-1 one: when the smaller is refused,
        # so is the larger (each condition of _Scorer.gain that refuses a group holds for any
        # group with more cues on the same side)
        wide = tall = True         # 1-n groups / n-1 groups still worth scoring
        for a, b, code in _GROUP_CODES:
            if (wide if b > 1 else tall) and lo[i + a] <= j + b <= hi[i + a]:
                g = gain(i, j, a, b)
                if g is not None:
                    offer(i + a, j + b, score + g, state + code)
                elif b > 1:
                    wide = False
                else:
                    tall = False
        return direct

    def offer_moved(self, i: int, j: int, score: float, state: int) -> None:
        """Offer a cue moved past k neighbours, for k up to :data:`_MAX_MOVED_PAST`."""
        pair, lo, hi = self.gain.pair, self.lo, self.hi
        for k, steps, code in _ROTATION_CODES:
            a, b = i + k + 1, j + k + 1
            if not lo[a] <= b <= hi[a]:
                break
            total = 0.0
            for di, dj in steps:
                g = pair(i + di, j + dj)
                if g is None:
                    break
                total += g
            else:
                self.offer(a, b, score + total - _CROSS_COST, state + code)

    def reached_end(self) -> bool:
        return self.m in self.back[self.n]

    def moves(self) -> list[tuple[int, int, tuple]]:
        """The moves of the best path to (n, m), from the start: (i, j, move)."""
        moves: list[tuple[int, int, tuple]] = []
        width = self.m + 1
        i, j = self.n, self.m
        if j not in self.back[i]:
            raise KeyError((i, j))           # (n, m) was not reached
        while (i, j) != (0, 0):
            back = self.back[i][j]
            assert back != _START
            prev, code = divmod(back, len(_MOVES))
            i, j = divmod(prev, width)
            moves.append((i, j, _MOVES[code]))
        moves.reverse()
        return moves


_ONE_ONE_CODE = _MOVE_CODE[(1, 1)]
_GROUP_CODES = tuple((a, b, _MOVE_CODE[(a, b)]) for a, b in _GROUPS[1:])
_ROTATION_CODES = tuple((k, steps, _MOVE_CODE[("moved", k, later)])
                        for k, later, steps in _ROTATIONS)


def _pairs(moves: list[tuple[int, int, tuple]], src: Sequence[Cue],
           tgt: Sequence[Cue]) -> list[Pair]:
    out: list[Pair] = []
    for i, j, move in moves:
        if move[0] == "moved":
            for a, b in sorted(_rotation(i, j, move[1], move[2])):
                out.append(Pair((src[a],), (tgt[b],)))
        else:
            a, b = move
            out.append(Pair(tuple(src[i:i + a]), tuple(tgt[j:j + b])))
    return out


def params_from_profile(ctx: Any) -> dict[str, Any]:
    """The alignment parameters of the active profile (``align_min_overlap``,
    ``align_max_offset_ms``, ``align_max_shift_ms``); defaults when the profile lacks them."""
    out = {}
    for key, default in DEFAULTS.items():
        try:
            out[key] = ctx.param("align_" + key)
        except UsageError:   # a profile file without the key: keep the default
            out[key] = default
    return out


def paired_cues(track: Any) -> Sequence[Cue]:
    """The cues of a track that take part in source/target pairing: all of them, except ASS/SSA
    signs (events placed off the dialogue line), which render on-screen text rather than a
    subtitle of the source track."""
    from .formats.sniffers import is_sign

    if not any(is_sign(c, track.format) for c in track.cues):
        return track.cues
    return tuple(c for c in track.cues if not is_sign(c, track.format))


def offset(ctx: Any) -> int:
    """The estimated constant offset (ms, target minus source) of the context's track against
    its source, computed once per track run."""
    def compute() -> int:
        p = params_from_profile(ctx)
        return estimate_offset(paired_cues(ctx.source), paired_cues(ctx.track),
                               max_offset_ms=p["max_offset_ms"])
    return ctx.cached(CacheKey.ALIGNMENT_OFFSET, compute)


def alignment(ctx: Any) -> list[Pair]:
    """Source/target alignment for a rule context (``ctx.source`` must be set), computed once
    per track run and shared by the rules through ``ctx.cached(CacheKey.ALIGNMENT, ...)``."""
    def compute() -> list[Pair]:
        p = params_from_profile(ctx)
        return align(paired_cues(ctx.source), paired_cues(ctx.track), offset_ms=offset(ctx),
                     min_overlap=p["min_overlap"], max_offset_ms=p["max_offset_ms"],
                     max_shift_ms=p["max_shift_ms"])
    return ctx.cached(CacheKey.ALIGNMENT, compute)
