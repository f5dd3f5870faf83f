"""The alignment searched stretch by stretch between cuts (subqa.align._cuts) gives the pairs of
the search over the whole band: on seeded random pairs of tracks (jitter, a shifted track, cues
dropped, split, merged, drifted, swapped, added) and on the real translations of ../shared."""
from __future__ import annotations

import importlib.util
import itertools
import os
import random
from pathlib import Path

import pytest

from subqa import align as A
from subqa.model import Cue

# the target's faults are bench/eval_align_cuts.py's, which runs the same comparison on real films
_spec = importlib.util.spec_from_file_location(
    "eval_align_cuts", Path(__file__).resolve().parents[1] / "bench" / "eval_align_cuts.py")
eval_align_cuts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_align_cuts)

SHARED = Path(os.environ.get("SUBQA_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def shape(pairs):
    return [(tuple(c.index for c in p.source), tuple(c.index for c in p.target)) for p in pairs]


def _cue(n: int, start: int, end: int, text: str) -> Cue:
    return Cue(index=n, start_ms=start, end_ms=end, lines=(text,), line=n * 4 + 1,
               identifier=str(n + 1))


def random_pair(rng: random.Random) -> tuple[list[Cue], list[Cue]]:
    """A source track of dialogue-like timings, and a target timed from it with the faults a
    translation's timing has."""
    src, t = [], rng.randint(0, 5000)
    for n in range(rng.randint(5, 120)):
        duration = rng.randint(500, 6000)
        text = rng.choice(["Yes.", "No, 2 of them.", "Where were you at 10?", "Go!", "It is 3."])
        src.append(_cue(n, t, t + duration, text))
        t += duration + rng.choice([0, 40, 80, 200, 700, 2500, -150])
    return src, eval_align_cuts.perturbed(src, rng)


@pytest.mark.parametrize("seed", range(6))
def test_cut_search_equals_whole_search_on_random_pairs(seed):
    rng = random.Random(seed)
    cut_anywhere = 0
    for _ in range(60):
        src, tgt = random_pair(rng)
        whole = shape(A.align(src, tgt, segmented=False))
        assert shape(A.align(src, tgt)) == whole
        lo, hi = A._band(src, tgt, 0, A.DEFAULTS["max_shift_ms"])
        cut_anywhere += len(A._cuts(src, tgt, 0, lo, hi, A.DEFAULTS["min_overlap"])) > 2
    assert cut_anywhere >= 10          # the pairs do get cut


def test_clean_pairs_are_cut_between_every_pair():
    src = [_cue(n, 1000 + 3000 * n, 3000 + 3000 * n, "a") for n in range(20)]
    tgt = [_cue(n, 1040 + 3000 * n, 3030 + 3000 * n, "b") for n in range(20)]
    lo, hi = A._band(src, tgt, 0, 4000)
    cuts = A._cuts(src, tgt, 0, lo, hi, 0.4)
    reach = A._CUT_REACH
    # the middle of each run of 2 * reach clean pairs, then the end
    assert cuts == [(0, 0)] + [(k, k) for k in range(reach, 20 - reach + 1)] + [(20, 20)]
    assert shape(A.align(src, tgt)) == [((k,), (k,)) for k in range(20)]


def test_no_cut_near_a_split_or_a_cue_a_group_could_take():
    src = [_cue(n, 1000 + 3000 * n, 3000 + 3000 * n, "a") for n in range(20)]
    tgt = [_cue(n, 1000 + 3000 * n, 3000 + 3000 * n, "b") for n in range(20)]
    # target cue 10 split in two: source 10 overlaps both halves, neither is a clean partner
    tgt = tgt[:10] + [_cue(10, 31000, 32000, "b"), _cue(11, 32000, 33000, "b")] + [
        _cue(n + 1, c.start_ms, c.end_ms, "b") for n, c in enumerate(tgt[11:], 11)]
    # source cue 15 runs on into cue 16's time by more than a group needs of cue 16
    src[15] = _cue(15, 46000, 49000 + 900, "a")
    lo, hi = A._band(src, tgt, 0, 4000)
    cut_rows = {i for i, _ in A._cuts(src, tgt, 0, lo, hi, 0.4)[1:-1]}   # not the ends
    reach = A._CUT_REACH
    assert not cut_rows & set(range(10 - reach + 1, 10 + reach + 1))
    assert not cut_rows & set(range(15 - reach + 1, 16 + reach + 1))
    assert shape(A.align(src, tgt)) == shape(A.align(src, tgt, segmented=False))
    assert ((10,), (10, 11)) in shape(A.align(src, tgt))


def test_slight_overlap_is_less_than_a_group_needs():
    assert A._slight(0, 1000, 1000, 2000, 0.4)            # touching
    assert A._slight(0, 1000, 900, 2000, 0.4)             # 100 ms of a 1,000 ms cue
    assert not A._slight(0, 1000, 500, 2000, 0.4)         # half of the shorter cue
    assert not A._slight(0, 3000, 1000, 1500, 0.4)        # all of the shorter cue


@pytest.mark.skipif(not (SHARED / "translations").is_dir(), reason="../shared absent")
def test_cut_search_equals_whole_search_on_real_translations():
    from subqa.formats import load_track

    compared = 0
    for film in sorted(p for p in (SHARED / "translations").iterdir() if p.is_dir()):
        tracks = [load_track(str(f)).cues for f in sorted(film.iterdir())]
        for a, b in itertools.permutations(tracks, 2):
            assert shape(A.align(a, b)) == shape(A.align(a, b, segmented=False))
            compared += 1
    assert compared > 300
