"""Speed of the language checks, measured in one run against the parse floor.

For each film (default: the English Avengers track and the French pysrt track of the shared
corpus, about 1,300-1,800 cues each) it prints
  - the whole-process time of `python -c "import pysrt; pysrt.open(FILE)"` (the floor),
  - the whole-process time of the default `subqa check FILE --lang L` (all rules),
  - the same with the L-rules ignored, and their difference per cue,
  - the ratio check / floor (goal: at most 4),
  - the in-process cost of the L-rules alone (engine, `--select L`), per cue,
  - the cost of loading the n-gram profiles the track needs.
Process times are CPU seconds (user + system), the least of REPEAT runs, so that other work
on the machine does not count; in-process times are the least of REPEAT wall-clock runs.

    python bench/bench_language.py [FILE:LANG ...]
"""
from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = Path("/work/shared/corpus/real")
DEFAULT = [
    (CORPUS / "subtitleconverter" / "Avengers.2012.Eng.Subs.srt", "en"),
    (CORPUS / "pysrt" / "utf-8.srt", "fr"),
]
REPEAT = 5
GOAL = 4.0


def best_of(cmd: list[str]) -> float:
    """Least CPU time (user + system) of REPEAT runs of a whole process: on a shared machine
    CPU time is steadier than wall time, and a single-threaded run's wall time is at least it."""
    times = []
    for _ in range(REPEAT):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if proc.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.decode()[-1500:]}")
    return min(times)


def in_process(path: Path, lang: str) -> tuple[float, float, int]:
    """(seconds for the L-rules on a loaded track, seconds to load the models, cues)."""
    import subqa.language as language
    from subqa.engine import Selection, TrackJob, run_rules
    from subqa.formats import load_track
    from subqa.profiles import load_profile

    track = load_track(str(path))
    profile = load_profile("netflix")
    runs = []
    load = 0.0
    for i in range(REPEAT):
        language.ngram_model.cache_clear()
        language.evidence.cache_clear()
        start = time.perf_counter()
        judge = language.CueJudge(lang)
        for script in judge.native_scripts:
            judge._model_for(script)
        if i == 0:
            load = time.perf_counter() - start
        start = time.perf_counter()
        run_rules(TrackJob(track, lang, profile, 24.0), Selection(select=("L",)))
        runs.append(time.perf_counter() - start)
    return min(runs), load, len(track.cues)


def main() -> int:
    films = DEFAULT
    if len(sys.argv) > 1:
        films = [(Path(a.rsplit(":", 1)[0]), a.rsplit(":", 1)[1]) for a in sys.argv[1:]]
    py = sys.executable
    worst = 0.0
    for path, lang in films:
        if not path.exists():
            print(f"{path}: missing, skipped")
            continue
        floor = best_of([py, "-c", f"import pysrt; pysrt.open({str(path)!r})"])
        check = best_of([py, "-m", "subqa", "check", str(path), "--lang", lang,
                         "--fail-on", "never"])
        without = best_of([py, "-m", "subqa", "check", str(path), "--lang", lang,
                           "--fail-on", "never", "--ignore", "L"])
        rules_s, load_s, cues = in_process(path, lang)
        ratio = check / floor
        worst = max(worst, ratio)
        print(f"{path.name} ({lang}, {cues} cues)")
        print(f"  pysrt open (process CPU)       {floor * 1000:8.1f} ms")
        print(f"  subqa check (process CPU)      {check * 1000:8.1f} ms   ratio {ratio:.2f} "
              f"(goal <= {GOAL:g})")
        print(f"  subqa check --ignore L         {without * 1000:8.1f} ms   L-rules add "
              f"{(check - without) * 1000:.1f} ms = {(check - without) / cues * 1e6:.0f} us/cue")
        print(f"  L-rules in process             {rules_s * 1000:8.1f} ms   "
              f"{rules_s / cues * 1e6:.0f} us/cue (models loaded: {load_s * 1000:.1f} ms)")
    print(f"worst ratio {worst:.2f} -> {'OK' if worst <= GOAL else 'OVER GOAL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
