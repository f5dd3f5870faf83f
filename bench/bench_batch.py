"""Batch speed-up: `subqa check` of a folder of 240 tracks with -j 1 and -j 2, measured in one
run, with the findings compared for identity. Prints the speed-up ratio.

    python bench/bench_batch.py [FOLDER] [--repeat 3] [--cues 300]

Without FOLDER it writes 240 synthetic 300-cue tracks in six languages to a temporary folder,
with a few defects each (one gap in five is too short). The two run in turn, --repeat times (the
machine may be shared): each round's ratio and that of the best times are printed, with the CPU
time of the client process and of its workers."""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINES = {
    "en": ["Where were you last night?", "I waited for you at the station.", "We have to go now."],
    "ru": ["Где ты был вчера вечером?", "Я ждал тебя на вокзале.", "Нам пора идти."],
    "zh-Hans": ["你昨晚去哪儿了？", "我在车站等你。", "我们现在得走了。"],
    "ar": ["أين كنت الليلة الماضية؟", "انتظرتك في المحطة.", "علينا أن نذهب الآن."],
    "kk": ["Кеше кешке қайда болдың?", "Мен сені вокзалда күттім.", "Бізге қазір кету керек."],
    "uz": ["Kecha kechqurun qayerda eding?", "Seni vokzalda kutdim.", "Hozir ketishimiz kerak."],
}


def _ts(ms: int) -> str:
    h, r = divmod(ms, 3600000)
    m, r = divmod(r, 60000)
    s, r = divmod(r, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{r:03d}"


def make_folder(root: Path, files: int = 240, cues: int = 300) -> None:
    rng = random.Random(7)
    langs = sorted(LINES)
    for i in range(files):
        lang = langs[i % len(langs)]
        t = 1000
        blocks = []
        for n in range(1, cues + 1):
            dur = rng.randint(1500, 6000)
            text = "\n".join(rng.sample(LINES[lang], rng.randint(1, 2)))
            blocks.append(f"{n}\n{_ts(t)} --> {_ts(t + dur)}\n{text}\n")
            t += dur + rng.choice([120, 250, 500, 1000, 40])
        (root / f"ep{i:03d}.{lang}.srt").write_text("\n".join(blocks), encoding="utf-8")


# Runs subqa's command line in this process; prints its own and its children's CPU time.
CLIENT = """
import resource, sys
from subqa.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print("CPU", me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime, file=sys.stderr)
sys.exit(code)
"""


def run(folder: Path, jobs: int, out: Path) -> tuple[float, float, float]:
    """(wall seconds, the client's CPU seconds, its worker processes' CPU seconds)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CLIENT, "check", str(folder), "-j", str(jobs),
                           "--format", "json", "--output", str(out)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"subqa failed ({proc.returncode}): {proc.stderr[-2000:]}")
    cpu = [line.split() for line in proc.stderr.splitlines() if line.startswith("CPU ")][-1]
    return elapsed, float(cpu[1]), float(cpu[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of -j 1 then -j 2")
    parser.add_argument("--cues", type=int, default=300, help="cues per generated track")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = args.folder
        if folder is None:
            folder = tmp / "tracks"
            folder.mkdir()
            make_folder(folder, cues=args.cues)
        n = sum(1 for p in folder.rglob("*") if p.suffix.lower() in (".srt", ".vtt"))
        print(f"files: {n}   cores: {os.cpu_count()}   load: {os.getloadavg()[0]:.1f}")
        times: dict[int, list] = {1: [], 2: []}
        for r in range(args.repeat):
            for jobs in (1, 2):
                wall, me, kids = run(folder, jobs, tmp / f"j{jobs}.json")
                times[jobs].append(wall)
                print(f"  round {r + 1} -j {jobs}: {wall:.2f} s   client CPU {me:.2f} s   "
                      f"workers' CPU {kids:.2f} s")
            ratio = times[1][-1] / times[2][-1]
            print(f"  round {r + 1} speed-up: {ratio:.2f}x")
        same = (tmp / "j1.json").read_bytes() == (tmp / "j2.json").read_bytes()
        ratios = sorted(a / b for a, b in zip(times[1], times[2]))
        print(f"-j 1 best {min(times[1]):.2f} s   -j 2 best {min(times[2]):.2f} s   "
              f"speed-up of the bests: {min(times[1]) / min(times[2]):.2f}x   "
              f"per round: {', '.join(f'{x:.2f}' for x in ratios)}")
        print(f"reports identical between -j 1 and -j 2: {same}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
