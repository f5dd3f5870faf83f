"""Catalogue scale: files per second and the client's peak memory for `subqa check` of 1,000 and
10,000 generated tracks with -j 1, -j 2 and a local Dask cluster of 2 workers, streamed as JSON
Lines; the ratio to the pysrt parse floor of the same files; whether the three reports are
identical; and `subqa report` of the 10,000-file results as HTML. All measured in one run.

    python bench/bench_catalogue.py [--files 10000] [--cues 60] [--repeat 1] [--no-dask]

The tracks are drawn (seeded) from the cues of the bundled samples and of the shared corpus
(../shared/corpus, or $SUBQA_CORPUS): each has --cues cues of one language, with random
durations and gaps, in folders of 1,000 (the small run checks the first folder). The modes run
in turn, --repeat times, and the best time of each counts (the machine may be shared). The client's
peak memory is its own maximum resident set (getrusage), which leaves out -j's worker processes
and the Dask workers but includes the Dask scheduler that a local cluster runs in the client."""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SUBQA_CORPUS") or ROOT.parent / "shared" / "corpus")

# Runs subqa's command line in this process and prints its peak RSS (KiB) on stderr at the end.
CLIENT = """
import resource, sys
from subqa.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print("PEAK_RSS_KIB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def cue_pool() -> dict[str, list[str]]:
    """Cue texts by language, from the samples and the corpus files named with a language."""
    sys.path.insert(0, str(ROOT))
    from subqa import langtags
    from subqa.formats import load_track

    files = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix != ".toml" and p.is_file())
    if (CORPUS / "real").is_dir():
        files += sorted(p for p in (CORPUS / "real").rglob("*") if p.is_file())
    pool: dict[str, list[str]] = {}
    for path in files:
        lang = langtags.from_filename(path)
        if not lang:
            continue
        try:
            track = load_track(path)
        except Exception:
            continue
        texts = [c.text for c in track.cues if c.text.strip() and len(c.text) < 120]
        if texts:
            pool.setdefault(lang, []).extend(texts)
    return {k: v for k, v in sorted(pool.items()) if len(v) >= 10}


def _ts(ms: int) -> str:
    h, r = divmod(ms, 3600000)
    m, r = divmod(r, 60000)
    s, r = divmod(r, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{r:03d}"


def generate(root: Path, files: int, cues: int) -> list[str]:
    rng = random.Random(17)
    pool = cue_pool()
    langs = sorted(pool)
    for i in range(files):
        lang = rng.choice(langs)
        folder = root / f"s{i // 1000:02d}"
        folder.mkdir(exist_ok=True)
        t, blocks = rng.randint(500, 5000), []
        for n in range(1, cues + 1):
            dur = rng.randint(700, 6500)
            blocks.append(f"{n}\n{_ts(t)} --> {_ts(t + dur)}\n{rng.choice(pool[lang])}\n")
            t += dur + rng.choice([0, 40, 83, 125, 250, 500, 1000, 2500])
        (folder / f"t{i:05d}.{lang}.srt").write_text("\n".join(blocks), encoding="utf-8")
    return langs


def check(folder: Path, out: Path, mode: list[str]) -> tuple[float, float]:
    """(seconds, client peak MiB) of one `subqa check` streamed to JSON Lines."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CLIENT, "check", str(folder), "--no-config",
                           "--format", "jsonl", "-o", str(out), *mode],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"subqa {' '.join(mode)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    peak = int(proc.stderr.rsplit("PEAK_RSS_KIB", 1)[1].split()[0]) / 1024
    return elapsed, peak


def report(results: Path, out: Path) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CLIENT, "report", str(results), "--format",
                           "html", "-o", str(out)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"subqa report failed: {proc.stderr[-2000:]}")
    return elapsed, int(proc.stderr.rsplit("PEAK_RSS_KIB", 1)[1].split()[0]) / 1024


def parse_floor(folder: Path) -> float:
    """Seconds for pysrt to parse every file (the floor a check cannot beat)."""
    import pysrt

    paths = sorted(folder.rglob("*.srt"))
    start = time.perf_counter()
    for p in paths:
        pysrt.open(str(p), encoding="utf-8")
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cues", type=int, default=60)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    modes = {"-j 1": ["-j", "1"], "-j 2": ["-j", "2"]}
    if not args.no_dask:
        modes["dask local:2"] = ["--scheduler", "local:2"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        root = tmp / "catalogue"
        root.mkdir()
        langs = generate(root, args.files, args.cues)
        small = root / "s00"
        n_small = len(list(small.glob("*.srt")))
        print(f"{args.files} tracks of {args.cues} cues in {len(langs)} languages "
              f"({', '.join(langs)}); cores: {os.cpu_count()}")
        floor = {"small": parse_floor(small), "large": parse_floor(root)}
        rows = {}
        for size, folder, n in (("small", small, n_small), ("large", root, args.files)):
            for _ in range(args.repeat):
                for name, mode in modes.items():
                    secs, peak = check(folder, tmp / f"{size}-{name.replace(' ', '')}.jsonl",
                                       mode)
                    best = rows.get((size, name), (n, secs, peak))
                    rows[(size, name)] = (n, min(secs, best[1]), max(peak, best[2]))
        print(f"\n{'mode':<14} {'files':>6} {'s':>8} {'files/s':>8} {'x floor':>8} "
              f"{'client MiB':>10}")
        for (size, name), (n, secs, peak) in rows.items():
            print(f"{name:<14} {n:>6} {secs:>8.1f} {n / secs:>8.1f} "
                  f"{secs / floor[size]:>8.1f} {peak:>10.0f}")
        print(f"\npysrt parse floor: {args.files / floor['large']:.0f} files/s")
        one, two = rows[("large", "-j 1")][1], rows[("large", "-j 2")][1]
        print(f"-j 2 / -j 1 speed-up: {one / two:.2f}x (target 1.8x)")
        if ("large", "dask local:2") in rows:
            dask = rows[("large", "dask local:2")][1]
            print(f"dask local:2 time / -j 2 time: {dask / two:.2f} (target at most 1.20)")
        for name in modes:
            a, b = rows[("small", name)][2], rows[("large", name)][2]
            print(f"client peak {name}: {a:.0f} MiB at {n_small} files, {b:.0f} MiB at "
                  f"{args.files} files ({b - a:+.0f} MiB)")
        outs = [(tmp / f"large-{name.replace(' ', '')}.jsonl").read_bytes() for name in modes]
        print(f"reports identical across {', '.join(modes)}: {all(o == outs[0] for o in outs)}")
        html = tmp / "catalogue.html"
        secs, peak = report(tmp / "large--j1.jsonl", html)
        print(f"subqa report --format html of {args.files} files: {secs:.1f} s, "
              f"{html.stat().st_size / 1e6:.1f} MB, peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
