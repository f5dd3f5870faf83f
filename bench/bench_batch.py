"""Batch speed-up: `subqa check` of a folder of 240 tracks with -j 1 and -j 2, measured in one
run, with the findings compared for identity. Prints the speed-up ratio.

    python bench/bench_batch.py [FOLDER]

Without FOLDER it writes 240 synthetic 300-cue tracks in six languages to a temporary folder,
with a few defects each (one gap in five is too short)."""
from __future__ import annotations

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


def run(folder: Path, jobs: int, out: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "subqa", "check", str(folder), "-j", str(jobs),
                           "--format", "json", "--output", str(out)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"subqa failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if len(sys.argv) > 1:
            folder = Path(sys.argv[1])
        else:
            folder = tmp / "tracks"
            folder.mkdir()
            make_folder(folder)
        n = sum(1 for p in folder.rglob("*") if p.suffix.lower() in (".srt", ".vtt"))
        one = run(folder, 1, tmp / "j1.json")
        two = run(folder, 2, tmp / "j2.json")
        same = (tmp / "j1.json").read_bytes() == (tmp / "j2.json").read_bytes()
        print(f"files: {n}   cores: {os.cpu_count()}")
        print(f"-j 1: {one:.2f} s   -j 2: {two:.2f} s   speed-up: {one / two:.2f}x")
        print(f"reports identical between -j 1 and -j 2: {same}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
