"""Precision and recall of X001-X004 on defects planted at random into clean pairs.

Run from the repository root::

    python tests/data/pairs/measure.py --seeds 11 12 13 --trials 8 [--keep-order] [--written-only]

Pairs: the clean pairs of this folder, and real translations from the read-only corpus
(/work/shared/corpus: Elephants Dream captions en>ar/ru/ja/sv, JuvoPlayer de>es/fr) when it
is there. Each trial plants up to four defects, one of each kind, at least three cues apart, on
cues that pair one to one: the source text copied into the target cue (X001), a digit changed or a
differing number added to both sides (X002), a target cue deleted (X003), a target cue shifted
by 1.3-2.5 s so that it starts more than 1.2 s from its source cue (X004). The file is written
back in time order (default) or keeping the cue order (--keep-order). Findings the unplanted pair
already had (real translations have their own drifts and extra cues) are not counted.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from subqa.align import align  # noqa: E402
from subqa.engine import Selection, TrackJob, run_rules  # noqa: E402
from subqa.formats import load_track  # noqa: E402
from subqa.model import Track  # noqa: E402
from subqa.profiles import load_profile  # noqa: E402

CORPUS = Path("/work/shared/corpus/real")
CODES = ("X001", "X002", "X003", "X004")


def pairs(written_only: bool) -> list[tuple[Path, Path, str, str]]:
    c = HERE / "clean"
    out = [(c / "drama.en.srt", c / f"drama.{t}.srt", "en", t) for t in ("ru", "zh-Hans", "ar")]
    out += [(c / "interview.zh-Hans.vtt", c / "interview.kk.vtt", "zh-Hans", "kk"),
            (c / "news.en.srt", c / "news.uz.srt", "en", "uz"),
            (c / "cafe.en.vtt", c / "cafe.fr.vtt", "en", "fr")]
    if not written_only and CORPUS.is_dir():
        ed = CORPUS / "videojs-elephantsdream"
        out += [(ed / "captions.en.vtt", ed / f"captions.{t}.vtt", "en", t)
                for t in ("ar", "ru", "ja", "sv")]
        jp = CORPUS / "juvoplayer"
        out += [(jp / "subtitles_de.vtt", jp / f"subtitles_{t}.vtt", "de", t) for t in ("es", "fr")]
    return out


def as_track(cues, lang, path, keep_order=False) -> Track:
    if not keep_order:
        cues = sorted(cues, key=lambda c: (c.start_ms, c.end_ms))
    return Track(path=str(path), format="srt", encoding="utf-8", language=lang,
                 cues=tuple(c.replace(index=i, line=i * 4 - 3, identifier=None)
                            for i, c in enumerate(cues, 1)))


def run(src, tgt, sl, tl, profile):
    job = TrackJob(track=tgt, language=tl, profile=profile, fps=24.0, source=src,
                   source_language=sl)
    return run_rules(job, Selection(select=("X",)))[0]


def key(f) -> tuple:
    side = f.data.get("side", "target")
    return (f.code, side, f.data["start_ms"] if side == "source" else f.cue)


def plant(rng, ones, src_cues, tgt_cues):
    """(new source cues, new target cues, expected [(code, cue or source cue)])."""
    picked: list[int] = []
    for k in rng.sample(range(len(ones)), min(len(ones), 8)):
        if all(abs(k - j) >= 3 for j in picked):
            picked.append(k)
    kinds = list(CODES)
    rng.shuffle(kinds)
    news, newt, expect = list(src_cues), list(tgt_cues), []
    for k, kind in zip(picked, kinds):
        s, t = ones[k].source[0], ones[k].target[0]
        ti = newt.index(t)
        if kind == "X001":
            if len(re.findall(r"\w+", s.plain_text)) < 3:
                continue
            newt[ti] = t.replace(lines=s.lines)
        elif kind == "X002":
            m = re.search(r"\d", t.text)
            if m:
                text = t.text[:m.start()] + str((int(m.group()) + 3) % 10) + t.text[m.end():]
                newt[ti] = t.replace(lines=tuple(text.split("\n")))
            else:
                n = rng.randint(12, 95)
                si = news.index(s)
                news[si] = s.replace(lines=s.lines[:-1] + (s.lines[-1] + f" ({n})",))
                newt[ti] = t.replace(lines=t.lines[:-1] + (t.lines[-1] + f" ({n + rng.randint(1, 4)})",))
        elif kind == "X003":
            del newt[ti]
            expect.append(("X003", s))
            continue
        else:
            d = rng.choice([-1, 1]) * rng.randint(1300, 2500)
            if abs(t.start_ms + d - s.start_ms) < 1200:
                d = -d
            if abs(t.start_ms + d - s.start_ms) < 1200:
                continue
            newt[ti] = t.replace(start_ms=t.start_ms + d, end_ms=t.end_ms + d)
        expect.append((kind, newt[ti]))
    return news, newt, expect


def measure(seeds, trials, keep_order, written_only, verbose=False):
    profile = load_profile("netflix")
    counts = {c: {"tp": 0, "fp": 0, "fn": 0} for c in CODES}
    for seed in seeds:
        rng = random.Random(seed)
        for sp, tp, sl, tl in pairs(written_only):
            src = as_track(load_track(sp).cues, sl, sp)
            tgt = as_track(load_track(tp).cues, tl, tp)
            natural = {key(f) for f in run(src, tgt, sl, tl, profile)}
            natural_src = {k for k in natural if k[1] == "source"}
            natural_tgt_starts = {(f.code, f.start_ms) for f in run(src, tgt, sl, tl, profile)}
            ones = [p for p in align(src.cues, tgt.cues) if p.kind == "1-1"]
            for _ in range(trials):
                news, newt, expect = plant(rng, ones, src.cues, tgt.cues)
                s2 = as_track(news, sl, sp)
                t2 = as_track(newt, tl, tp, keep_order)
                order = newt if keep_order else sorted(newt, key=lambda c: (c.start_ms, c.end_ms))
                pos = {id(c): i for i, c in enumerate(order, 1)}
                want = {("X003", "source", c.start_ms) if code == "X003"
                        else (code, "target", pos[id(c)]) for code, c in expect}
                got = set()
                for f in run(s2, t2, sl, tl, profile):
                    k = key(f)
                    if k not in want and (k in natural_src or
                                          (f.code, f.start_ms) in natural_tgt_starts):
                        continue          # the unplanted pair had it already
                    got.add(k)
                for k in got & want:
                    counts[k[0]]["tp"] += 1
                for k in got - want:
                    counts[k[0]]["fp"] += 1
                    if verbose:
                        print("FP", tp.name, k)
                for k in want - got:
                    counts[k[0]]["fn"] += 1
                    if verbose:
                        print("FN", tp.name, k)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    ap.add_argument("--trials", type=int, default=8)
    ap.add_argument("--keep-order", action="store_true")
    ap.add_argument("--written-only", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    counts = measure(a.seeds, a.trials, a.keep_order, a.written_only, a.verbose)
    for code, c in counts.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        print(f"{code}  tp {c['tp']:4d}  fp {c['fp']:3d}  fn {c['fn']:3d}  "
              f"precision {p:.3f}  recall {r:.3f}")


if __name__ == "__main__":
    main()
