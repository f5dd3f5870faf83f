"""The alignment searched stretch by stretch between cuts (subqa.align, the default) against the
search over the whole band (``segmented=False``), on real tracks: every ordered pair of tracks of
each film of ``../shared/translations``, then random pairs cut from the real SubRip films of
``../shared/corpus`` (a stretch of 20-200 cues, the target timed from it with jitter, an offset,
dropped, split, merged, drifted and added cues, two cues swapped; seeded). Prints how many pairs
were compared and each one whose pairs differ. Deterministic for a seed.

    python bench/eval_align_cuts.py [--seed 11] [--tries 1500]
"""
from __future__ import annotations

import argparse
import glob
import itertools
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from subqa import align  # noqa: E402
from subqa.formats import load_track  # noqa: E402
from subqa.model import Cue  # noqa: E402

SHARED = Path(os.environ.get("SUBQA_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def shape(pairs):
    return [(tuple(c.index for c in p.source), tuple(c.index for c in p.target)) for p in pairs]


def differs(src, tgt) -> bool:
    return shape(align.align(src, tgt)) != shape(align.align(src, tgt, segmented=False))


def _cue(cue: Cue, n: int, start: int, end: int) -> Cue:
    return Cue(index=n, start_ms=max(0, start), end_ms=max(0, end), lines=cue.lines, line=n + 1,
               identifier=str(n + 1))


def perturbed(cues: list[Cue], rng: random.Random) -> list[Cue]:
    """A target timed from ``cues`` with the faults of a translation's timing."""
    shift = rng.choice([0, 0, 0, rng.randint(-5000, 5000)])
    jitter = rng.choice([0, 40, 80, 200, 500])
    p_drop, p_split, p_merge, p_drift, p_add = (rng.choice([0, 0.02, 0.1]) for _ in range(5))
    out, i = [], 0
    while i < len(cues):
        c = cues[i]
        d1 = rng.randint(-jitter, jitter)
        d2 = d1 if rng.random() < 0.5 else rng.randint(-jitter, jitter)
        s0, e0 = c.start_ms + shift + d1, c.end_ms + shift + d2
        r = rng.random()
        if r < p_drop:
            i += 1
            continue
        r = rng.random()
        if r < p_split and e0 - s0 > 800:
            mid = (s0 + e0) // 2
            out += [(s0, mid, c), (mid + rng.randint(0, 100), e0, c)]
        elif r < p_split + p_merge and i + 1 < len(cues):
            out.append((s0, cues[i + 1].end_ms + shift, c))
            i += 1
        elif r < p_split + p_merge + p_drift:
            d = rng.randint(-2500, 2500)
            out.append((s0 + d, e0 + d, c))
        else:
            out.append((s0, e0, c))
        if rng.random() < p_add:
            out.append((e0 + 50, e0 + 900, c))           # an added cue
        i += 1
    if len(out) > 4 and rng.random() < 0.3:
        k = rng.randrange(len(out) - 1)           # two cues in the wrong order in the file
        out[k], out[k + 1] = out[k + 1], out[k]
    return [_cue(c, n, s, e) for n, (s, e, c) in enumerate(out) if e > s]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--tries", type=int, default=1500)
    args = ap.parse_args()
    real = different = 0
    translations = SHARED / "translations"
    if translations.is_dir():
        for film in sorted(p for p in translations.iterdir() if p.is_dir()):
            tracks = {f.name: load_track(str(f)).cues for f in sorted(film.iterdir())}
            for a, b in itertools.permutations(sorted(tracks), 2):
                real += 1
                if differs(tracks[a], tracks[b]):
                    different += 1
                    print("differs:", film.name, a, "->", b)
    rng = random.Random(args.seed)
    films = sorted(glob.glob(str(SHARED / "corpus" / "real" / "**" / "*.srt"), recursive=True))
    cut = 0
    for k in range(args.tries if films else 0):
        path = rng.choice(films)
        try:
            cues = [c for c in load_track(path).cues if c.end_ms > c.start_ms]
        except Exception:       # a file the readers refuse: not a pair to compare
            continue
        if len(cues) < 10:
            continue
        first = rng.randrange(0, max(1, len(cues) - 200))
        cues = cues[first:first + rng.randint(20, 200)]
        src = [_cue(c, n, c.start_ms, c.end_ms) for n, c in enumerate(cues)]
        cut += 1
        if differs(src, perturbed(cues, rng)):
            different += 1
            print(f"differs: try {k}, {path}")
    print(f"{real} real pairs, {cut} random pairs (seed {args.seed}): {different} differ")


if __name__ == "__main__":
    main()
