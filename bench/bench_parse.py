"""Parse speed of the subqa readers against pysrt (the parse floor), on the corpus's
feature-length SubRip files. Prints ratios measured in this one run (best of N repeats):

    python bench/bench_parse.py [--repeat 7]

For each file: pysrt.open with the encoding given (pysrt does no detection), subqa with the
encoding given (same work), and subqa as a user runs it (encoding detection included).
Goal: a 1,500-cue film parses in well under a second; the ratio shows the cost over pysrt.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pysrt  # noqa: E402

from subqa.formats import load_track  # noqa: E402

CORPUS = Path(os.environ.get("SUBQA_CORPUS") or ROOT.parent / "shared" / "corpus")
FILES = [  # (path under the corpus, the encoding pysrt must be told)
    ("real/pysrt/utf-8.srt", "utf-8"),
    ("real/pysrt/windows-1252.srt", "cp1252"),
    ("real/subtitleconverter/Avengers.2012.Eng.Subs.srt", "cp1252"),
    ("real/subtitleconverter/The.Dictator.2012.UNRATED.BDRip.XviD-AMIABLE.Eng.srt", "utf-8"),
    ("real/subtitleedit/auto_detect_windows-1250.srt", "cp1250"),
]


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if not (CORPUS / "MANIFEST.tsv").is_file():
        print(f"corpus not found at {CORPUS} (set SUBQA_CORPUS)")
        return 2
    print(f"{'file':44} {'cues':>5} {'pysrt ms':>9} {'subqa ms':>9} {'ratio':>6} "
          f"{'+detect ms':>10} {'ratio':>6}")
    ratios, ratios_auto, worst = [], [], 0.0
    for rel, enc in FILES:
        path = CORPUS / rel
        t_pysrt, subs = best_of(args.repeat, lambda: pysrt.open(str(path), encoding=enc))
        t_ours, track = best_of(args.repeat, lambda: load_track(path, encoding=enc))
        t_auto, auto = best_of(args.repeat, lambda: load_track(path))
        assert len(track.cues) >= len(subs) and auto.encoding == enc, rel
        ratios.append(t_ours / t_pysrt)
        ratios_auto.append(t_auto / t_pysrt)
        worst = max(worst, t_auto)
        print(f"{Path(rel).name[:44]:44} {len(track.cues):5d} {t_pysrt * 1000:9.1f} "
              f"{t_ours * 1000:9.1f} {ratios[-1]:6.2f} {t_auto * 1000:10.1f} {ratios_auto[-1]:6.2f}")
    def geo(xs: list[float]) -> float:
        return math.prod(xs) ** (1 / len(xs))

    print(f"geometric mean ratio vs pysrt: {geo(ratios):.2f} (same encoding), "
          f"{geo(ratios_auto):.2f} (with detection); slowest full read {worst * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
