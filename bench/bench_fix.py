"""The cost of `subqa fix` against `subqa check` on a 1,500-cue film. Prints the ratio measured
in this one run (best of N repeats of each):

    python bench/bench_fix.py [--repeat 3]

Two films: a generated 1,500-cue English film with defects planted in one cue in ten (stray
spaces, unclosed italics, short gaps, gaps to chain, overlaps of a frame, too-short cues), and,
when the shared corpus is there, its longest SubRip feature film. Fixing reads and checks the
file, plans and applies the fixes, re-reads and re-checks each pass (timing, form, readability
and parse rules only) and checks the result as `check` does, so nothing is written.
Goal (issue 16): fixing costs at most 2x checking.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import subqa  # noqa: E402
from bench_parse import best_of  # noqa: E402  (the same timing as the parse floor)

CORPUS = Path(os.environ.get("SUBQA_CORPUS") or ROOT.parent / "shared" / "corpus")
REAL = "real/subtitleconverter/Avengers.2012.Eng.Subs.srt"
WORDS = ("the road to Kashgar is long and the night is cold but we keep walking because "
         "the city waits for us beyond the mountains where the bread is warm").split()


def film(cues: int = 1500, seed: int = 16) -> str:
    rng = random.Random(seed)
    out, t = [], 1000
    for i in range(1, cues + 1):
        dur = rng.choice((1200, 1800, 2400, 3000))
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))
        gap = rng.choice((250, 400, 800, 1500))
        defect = rng.randrange(60) if rng.random() < 0.1 else -1
        if defect == 0:
            text = " " + text + "  "
        elif defect == 1:
            text = "<i>" + text
        elif defect == 2:
            gap = 20
        elif defect == 3:
            gap = 200
        elif defect == 4:
            dur = 500
        elif defect == 5:
            gap = -30
        words = text.split(" ")
        lines = text if len(words) < 6 else " ".join(words[:4]) + "\n" + " ".join(words[4:])
        out.append(f"{i}\n{_clock(t)} --> {_clock(t + dur)}\n{lines}\n")
        t += dur + gap
    return "\n".join(out)


def _clock(ms: int) -> str:
    s, f = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{h:02d}:{m:02d}:{s:02d},{f:03d}"


def measure(path: Path, repeat: int) -> float:
    options = dict(use_config=False, jobs=1)
    subqa.check([path], **options)                      # warm: imports, profile, models
    t_check, report = best_of(repeat, lambda: subqa.check([path], **options))
    t_fix, run = best_of(repeat, lambda: subqa.fix([path], **options))
    (outcome,) = run.outcomes
    ratio = t_fix / t_check
    print(f"{path.name[:40]:40} {report.files[0].cues:5d} cues  check {t_check * 1000:7.0f} ms  "
          f"fix {t_fix * 1000:7.0f} ms  ratio {ratio:4.2f}  ({len(outcome.applied)} fixes, "
          f"{outcome.passes} passes, {outcome.status})")
    return ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "film.en.srt"
        path.write_text(film(), encoding="utf-8")
        ratios = [measure(path, args.repeat)]
        real = CORPUS / REAL
        if real.is_file():
            copy = Path(tmp) / real.name
            copy.write_bytes(real.read_bytes())
            ratios.append(measure(copy, args.repeat))
    worst = max(ratios)
    print(f"fix / check: worst ratio {worst:.2f} (goal: at most 2.00) "
          f"{'OK' if worst <= 2.0 else 'OVER'}")
    return 0 if worst <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
