"""Alignment of two tracks by time (subqa.align)."""
from __future__ import annotations


import pytest
from trackkit import cue, track

from subqa.align import Pair, align, alignment, estimate_offset
from subqa.engine import TrackJob
from subqa.checks.base import CacheKey, Context
from subqa.profiles import load_profile


def shape(pairs: list[Pair]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(tuple(c.index for c in p.source), tuple(c.index for c in p.target)) for p in pairs]


def evenly(n: int, *, start=1000, duration=2000, gap=600, shift=0, texts=None):
    cues = []
    t = start
    for i in range(1, n + 1):
        text = texts[i - 1] if texts else f"line {i}"
        cues.append(cue(i, t + shift, t + duration + shift, text))
        t += duration + gap
    return cues


def renumber(cues):
    """Cue numbers and SubRip numbers of a file written in this order."""
    return [c.replace(index=i, identifier=str(i)) for i, c in enumerate(cues, 1)]


def one_to_one(n):
    return [((i,), (i,)) for i in range(1, n + 1)]


def test_identical_timing_pairs_one_to_one():
    src = evenly(8)
    assert shape(align(src, evenly(8))) == one_to_one(8)


def test_small_timing_differences_still_pair_one_to_one():
    src = evenly(8)
    tgt = [c.replace(start_ms=c.start_ms + (150 if c.index % 2 else -120),
                               end_ms=c.end_ms + (-200 if c.index % 3 else 90)) for c in src]
    assert shape(align(src, tgt)) == one_to_one(8)


def test_missing_target_cue_gives_a_pair_with_no_target():
    src = evenly(8)
    tgt = renumber([c for c in evenly(8) if c.index != 4])
    pairs = align(src, tgt)
    assert ((4,), ()) in shape(pairs)
    assert [p.kind for p in pairs].count("1-0") == 1
    assert [p.kind for p in pairs].count("1-1") == 7


def test_extra_target_cue_gives_a_pair_with_no_source():
    src = evenly(6, gap=4000)
    extra = cue(99, src[2].end_ms + 1000, src[2].end_ms + 2500, "extra")
    tgt = renumber(sorted(evenly(6, gap=4000) + [extra], key=lambda c: c.start_ms))
    got = shape(align(src, tgt))
    assert ((), (4,)) in got
    assert sum(1 for s, t in got if s and t) == 6


def test_one_cue_split_in_two_is_a_one_to_two_pair():
    src = evenly(5, duration=4000)
    tgt = []
    for c in evenly(5, duration=4000):
        if c.index == 3:
            mid = (c.start_ms + c.end_ms) // 2
            tgt += [cue(0, c.start_ms, mid - 40, "a"), cue(0, mid + 40, c.end_ms, "b")]
        else:
            tgt.append(c)
    tgt = renumber(tgt)
    assert shape(align(src, tgt)) == [((1,), (1,)), ((2,), (2,)), ((3,), (3, 4)),
                                      ((4,), (5,)), ((5,), (6,))]


def test_two_cues_merged_into_one_is_a_two_to_one_pair():
    src = evenly(6, gap=200)
    tgt = evenly(6, gap=200)
    merged = cue(0, tgt[2].start_ms, tgt[3].end_ms, "merged")
    tgt = renumber(tgt[:2] + [merged] + tgt[4:])
    assert ((3, 4), (3,)) in shape(align(src, tgt))


def test_overlapping_target_cues_are_not_taken_for_a_split():
    src = evenly(5, duration=4000)
    tgt = evenly(5, duration=4000)
    # two target cues both over source cue 3, overlapping each other: not the parts of a split
    tgt[2] = tgt[2].replace(end_ms=tgt[2].end_ms)
    extra = cue(0, tgt[2].start_ms + 500, tgt[2].end_ms - 500, "overlapping")
    tgt = renumber(sorted(tgt + [extra], key=lambda c: c.start_ms))
    assert all(p.kind in ("1-1", "0-1") for p in align(src, tgt))


def irregular(n, shift=0):
    """Cues of varied length and spacing, as in real tracks (a regular grid is ambiguous: a
    shift by one period looks like no shift at all)."""
    cues, t = [], 1000
    for i in range(1, n + 1):
        dur = 1200 + (i * 577) % 2500
        cues.append(cue(i, t + shift, t + dur + shift, f"line {i}"))
        t += dur + 300 + (i * 379) % 1500
    return cues


@pytest.mark.parametrize("shift", [1800, -2500, 6000])
def test_constant_offset_is_estimated_and_aligned_through(shift):
    src = irregular(12)
    tgt = irregular(12, shift=shift)
    assert abs(estimate_offset(src, tgt) - shift) <= 1
    assert shape(align(src, tgt)) == one_to_one(12)


def test_offset_survives_timing_noise_and_noise_invents_none():
    src = irregular(40)
    noise = [(-280, 150), (200, -260), (90, 300), (-150, -40), (260, 110)]

    def noisy(shift):
        return [c.replace(start_ms=c.start_ms + shift + noise[c.index % 5][0],
                                    end_ms=c.end_ms + shift + noise[c.index % 5][1])
                for c in src]

    assert estimate_offset(src, noisy(0)) == 0
    assert abs(estimate_offset(src, noisy(2500)) - 2500) <= 300


def test_regular_rhythm_does_not_invent_an_offset():
    # cues every 2.6 s: a shift of one period makes starts coincide as well as no shift
    src = evenly(30)
    tgt = [c.replace(start_ms=c.start_ms + (120 if c.index % 2 else -90))
           for c in evenly(30)]
    assert estimate_offset(src, tgt) == 0


def test_no_offset_for_tracks_in_time():
    src = evenly(12)
    assert estimate_offset(src, evenly(12)) == 0
    assert estimate_offset(src, []) == 0


@pytest.mark.parametrize("drift", [1500, -1500, 2900, -2900])
def test_one_drifted_cue_keeps_its_counterpart(drift):
    src = evenly(10)
    tgt = [c.replace(start_ms=c.start_ms + drift, end_ms=c.end_ms + drift)
           if c.index == 5 else c for c in evenly(10)]
    assert shape(align(src, tgt)) == one_to_one(10)


def test_cue_drifted_past_its_neighbour_in_a_time_sorted_file():
    # the file was rewritten in time order, so the drifted cue now comes after its neighbour
    src = evenly(10, duration=1200, gap=500)
    moved = [c.replace(start_ms=c.start_ms + 2000, end_ms=c.end_ms + 2000)
             if c.index == 5 else c for c in evenly(10, duration=1200, gap=500)]
    ordered = sorted(moved, key=lambda c: c.start_ms)
    tgt = renumber(ordered)
    pairs = align(src, tgt)
    by_source = {p.source[0].index: p.target[0] for p in pairs if p.matched}
    assert len(by_source) == 10
    assert by_source[5].start_ms == src[4].start_ms + 2000
    assert by_source[6].start_ms == src[5].start_ms


def test_drifted_cue_in_a_re_sorted_file_that_kept_its_numbers():
    src = evenly(10, duration=1200, gap=500)
    moved = [c.replace(start_ms=c.start_ms + 2000, end_ms=c.end_ms + 2000)
             if c.index == 5 else c for c in evenly(10, duration=1200, gap=500)]
    ordered = sorted(moved, key=lambda c: c.start_ms)
    tgt = [c.replace(index=i) for i, c in enumerate(ordered, 1)]   # ids kept
    pairs = align(src, tgt)
    assert all(p.matched and p.source[0].identifier == p.target[0].identifier for p in pairs)


def test_drifted_cue_in_file_order_pairs_where_its_text_is():
    src = evenly(10, duration=1200, gap=500)
    tgt = [c.replace(start_ms=c.start_ms + 2000, end_ms=c.end_ms + 2000)
           if c.index == 5 else c for c in evenly(10, duration=1200, gap=500)]
    assert shape(align(src, tgt)) == one_to_one(10)


def test_numbers_break_a_tie_between_a_drifted_cue_and_its_neighbour():
    # cue 5's translation was shifted onto cue 6's slot: only the numbers tell them apart
    texts = [f"word {i}" for i in range(1, 11)]
    src = evenly(10, duration=1200, gap=500, texts=texts)
    tgt = evenly(10, duration=1200, gap=500, texts=texts)
    slot = tgt[5].start_ms - tgt[4].start_ms
    tgt[4] = tgt[4].replace(start_ms=tgt[4].start_ms + slot + 20,
                                 end_ms=tgt[4].end_ms + slot + 20)
    tgt = renumber(sorted(tgt, key=lambda c: c.start_ms))
    pairs = align(src, tgt)
    for p in pairs:
        assert p.matched and p.source_text == p.target_text


def test_every_cue_once_and_deterministic():
    src = evenly(30)
    tgt = renumber([c for c in evenly(30, shift=300) if c.index % 7])
    first = align(src, tgt)
    assert shape(first) == shape(align(list(src), list(tgt)))
    assert sorted(c.index for p in first for c in p.source) == list(range(1, 31))
    assert sorted(c.index for p in first for c in p.target) == list(range(1, len(tgt) + 1))


def test_empty_sides():
    src = evenly(3)
    assert shape(align(src, [])) == [((1,), ()), ((2,), ()), ((3,), ())]
    assert shape(align([], src)) == [((), (1,)), ((), (2,)), ((), (3,))]
    assert align([], []) == []


def test_long_tracks_align_in_a_band():
    # 4000 cues each side: a quadratic aligner would need 16 million cell visits
    src = evenly(4000, duration=1500, gap=300)
    tgt = renumber([c for c in evenly(4000, duration=1500, gap=300) if c.index % 50])
    pairs = align(src, tgt)
    assert sum(1 for p in pairs if p.kind == "1-0") == 80


def test_alignment_from_context_is_cached_and_uses_profile():
    src = track(*evenly(6))
    tgt = track(*evenly(6, shift=2000), language="ru")
    ctx = Context(TrackJob(track=tgt, language="ru", profile=load_profile("netflix"), fps=24.0,
                           source=src, source_language="en"))
    first = alignment(ctx)
    assert alignment(ctx) is first
    assert ctx.cache[CacheKey.ALIGNMENT_OFFSET] == 2000
    assert shape(first) == one_to_one(6)


@pytest.mark.parametrize("n,m", [(30, 60), (10, 100), (60, 30)])
def test_a_source_that_ends_long_before_the_target_still_aligns(n, m):
    # a partial translation used as the source: the beam alone never reached the last target
    # cue (a KeyError, P006 on the file); the band searched without it does
    def cues(count, word):
        return [cue(i + 1, 1000 + i * 5000, 3500 + i * 5000, f"{word} line number {i}")
                for i in range(count)]

    src, tgt = cues(n, "Source"), cues(m, "Target")
    pairs = align(src, tgt)
    assert sorted(c.index for p in pairs for c in p.source) == list(range(1, n + 1))
    assert sorted(c.index for p in pairs for c in p.target) == list(range(1, m + 1))
    both = min(n, m)
    assert [(p.source[0].index, p.target[0].index) for p in pairs if p.matched] == \
        [(i, i) for i in range(1, both + 1)]
    assert sum(1 for p in pairs if not p.matched) == abs(n - m)
