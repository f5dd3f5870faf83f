"""The expensive modes against a single-track check, measured in one run (issue 17, item 5).

    python bench/bench_throughput.py [source] [glossary] [score] [memory] [--repeat 5]

source    `check --source` of a 1,593-cue pair against the check of the target alone. The pair:
          The Dictator's English subtitles from the shared corpus as the source, its timings
          (jittered by up to 80 ms) with the French cue texts of pysrt's utf-8.srt as the
          target, 3 % of cues left in English (seeded). Each measurement is a fresh process
          (so no per-word memo is warm): the time of api.check_file of the one file after the
          imports, and the whole process's CPU time. Then where the --source check's time goes
          (3 more fresh processes, the least of each part, each part without the parts it calls;
          the regex module's import is a part of its own, which the single check never pays).
glossary  a film checked with a 5,000-concept glossary (bench/bench_glossary.py's, written as
          TBX) against the same check without one, and the cost added against the pysrt parse
          floor of the film; fresh processes, the disk cache warm. Then a batch of three such
          films (other seeds) in one process, as `subqa check` of several files runs them: the
          glossary is read and compiled once, and the further films add only the matching.
          Those films hold a term in 96 % of their cues, a word new to the process in most; then
          real films (an English and a Russian batch of the shared corpus, the second film of
          each the one measured): the time of the terminology rules (G001, G003, the matching
          they share) with the 5,000-concept and with the seed glossary, against the film's
          pysrt parse floor. Last, how many distinct words of the synthetic film and of the
          real Russian film may open a term of the 5,000 concepts.
score     `subqa score` of a 1,562-segment pair: the whole command, and the worst list's part.
memory    tracemalloc of a 1,760-cue film, per cue: what a file's result holds and the peak during
          its check, for what the text report keeps, what the JSON report keeps (fixes), what
          SARIF keeps (fixes with their edits as regions), and the API's default (the Track and
          per-cue reading speeds kept, for HTML).

Modes run in turn (a, b, a, b ...) --repeat times; the least and the spread are printed (the
machine may be shared)."""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUBQA_SHARED") or ROOT.parent / "shared")
REAL = SHARED / "corpus" / "real"
DICTATOR = REAL / "subtitleconverter" / "The.Dictator.2012.UNRATED.BDRip.XviD-AMIABLE.Eng.srt"
FRENCH = REAL / "pysrt" / "utf-8.srt"

# one check in a fresh process: prints {"check": s, "cpu": s} (the check after the imports)
ONE_CHECK = """
import json, resource, sys, time
from subqa.api import check_file, plan, _profile
args = json.loads(sys.argv[1])
job = plan([args["target"]], use_config=False, **args["options"])[0][0]
job = job.replace(with_fixes=False, keep_track=False)
_profile(job.profile)
t = time.process_time()
result = check_file(job)
took = time.process_time() - t
me = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"check": took, "cpu": me.ru_utime + me.ru_stime,
                  "findings": len(result.findings)}))
"""


# one --source check in a fresh process with the parts it adds timed, each without the timed
# parts it calls; prints {part: s}
SOURCE_PARTS = """
import json, sys, time
from subqa import align, api, lazyregex
from subqa.api import check_file, plan, _profile
from subqa.checks import all_rules, bilingual
took, stack = {}, []

def timed(name, fn, consume=False):
    def run(*a, **k):
        stack.append(0.0)
        t = time.process_time()
        out = fn(*a, **k)
        out = iter(list(out)) if consume else out
        spent = time.process_time() - t
        inner = stack.pop()
        took[name] = took.get(name, 0.0) + spent - inner
        if stack:
            stack[-1] += spent
        return out
    return run

api.load_track = timed("reading the tracks", api.load_track)
# the regex module, imported by the first pattern of subqa.lazyregex used (a single-track
# check of a Latin-script film never imports it)
lazyregex.module = timed("importing the regex module", lazyregex.module)
align.align = timed("alignment search", align.align)
align.estimate_offset = timed("alignment offset", align.estimate_offset)
bilingual._Languages.__init__ = timed("X-rule languages (names, scripts)",
                                      bilingual._Languages.__init__)
bilingual._Languages.in_source_language = timed("X001 language detector",
                                                bilingual._Languages.in_source_language)
for rule in all_rules():
    if "source" in rule.needs:
        rule.check = timed(rule.code + " own", rule.check, consume=True)
args = json.loads(sys.argv[1])
job = plan([args["target"]], use_config=False, source=args["source"])[0][0]
job = job.replace(with_fixes=False, keep_track=False)
_profile(job.profile)
t = time.process_time()
check_file(job)
took["the whole check"] = time.process_time() - t
print(json.dumps(took))
"""


def _ts(ms: int) -> str:
    h, r = divmod(ms, 3600000)
    m, r = divmod(r, 60000)
    s, r = divmod(r, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{r:03d}"


def make_pair(folder: Path) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT))
    from subqa.formats import load_track

    source = load_track(DICTATOR)
    texts = [c.lines for c in load_track(FRENCH).cues if c.text.strip()]
    rng = random.Random(5)
    src, tgt = [], []
    for n, cue in enumerate(source.cues, 1):
        lines = cue.lines if rng.random() < 0.03 else texts[n % len(texts)]
        jitter = rng.randint(-80, 80)
        src.append(f"{n}\n{_ts(cue.start_ms)} --> {_ts(cue.end_ms)}\n" + "\n".join(cue.lines))
        tgt.append(f"{n}\n{_ts(max(0, cue.start_ms + jitter))} --> {_ts(cue.end_ms + jitter)}\n"
                   + "\n".join(lines))
    (folder / "film.en.srt").write_text("\n\n".join(src) + "\n", encoding="utf-8")
    (folder / "film.fr.srt").write_text("\n\n".join(tgt) + "\n", encoding="utf-8")
    return folder / "film.en.srt", folder / "film.fr.srt"


def one_check(target: Path, **options) -> dict:
    out = subprocess.run([sys.executable, "-c", ONE_CHECK,
                          json.dumps({"target": str(target), "options": options})],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    return json.loads(out.stdout.splitlines()[-1])


def in_turn(modes: dict, repeat: int) -> dict[str, list[dict]]:
    """Each mode's measurements, the modes run in turn ``repeat`` times."""
    runs: dict[str, list[dict]] = {name: [] for name in modes}
    for _ in range(repeat):
        for name, fn in modes.items():
            runs[name].append(fn())
    return runs


def spread(values: list[float], unit: float = 1000) -> str:
    v = sorted(x * unit for x in values)
    return f"least {v[0]:7.1f}  median {statistics.median(v):7.1f}  most {v[-1]:7.1f}"


def ratios(a: list[dict], b: list[dict], key: str) -> str:
    per_round = sorted(x[key] / y[key] for x, y in zip(a, b))
    least = min(x[key] for x in a) / min(y[key] for y in b)
    return f"{least:.2f}x (per round {per_round[0]:.2f}-{per_round[-1]:.2f}x)"


def bench_source(tmp: Path, repeat: int) -> None:
    src, tgt = make_pair(tmp)
    runs = in_turn({"single": lambda: one_check(tgt),
                    "source": lambda: one_check(tgt, source=str(src))}, repeat)
    print(f"--source on a 1,593-cue pair ({repeat} fresh processes each, ms)")
    for name in runs:
        print(f"  {name:7} check  {spread([r['check'] for r in runs[name]])}   "
              f"process CPU {spread([r['cpu'] for r in runs[name]])}")
    print(f"  --source / single, the check: {ratios(runs['source'], runs['single'], 'check')}"
          f"   the process: {ratios(runs['source'], runs['single'], 'cpu')}")
    parts: dict[str, float] = {}
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", SOURCE_PARTS,
                              json.dumps({"target": str(tgt), "source": str(src)})],
                             capture_output=True, text=True, cwd=ROOT)
        if out.returncode:
            sys.exit(out.stderr[-3000:])
        for name, took in json.loads(out.stdout.splitlines()[-1]).items():
            parts[name] = min(took, parts.get(name, took))
    single = min(r["check"] for r in runs["single"])
    print(f"  where a --source check's time goes (least of 3 fresh processes, ms; the single "
          f"check: {single * 1000:.1f}; reading the tracks includes the target's)")
    for name, took in sorted(parts.items(), key=lambda kv: -kv[1]):
        if took >= 0.0005:
            print(f"    {name:38} {took * 1000:7.1f}")


# the pysrt parse floor of a file, least of 5, in a process of its own
PARSE_FLOOR = """
import sys, time, pysrt
took = []
for _ in range(5):
    t = time.process_time()
    pysrt.open(sys.argv[1], encoding=sys.argv[2])
    took.append(time.process_time() - t)
print(min(took))
"""


def parse_floor(path: Path, encoding: str = "utf-8") -> float:
    out = subprocess.run([sys.executable, "-c", PARSE_FLOOR, str(path), encoding],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


# several checks in one process: prints [{"check": s, "terms": s}, ...], one per target, in
# order: the whole check of each, and the part of it in the terminology rules (G001, G003 and
# the matching they share)
BATCH = """
import json, sys, time
from subqa.api import check_file, plan, _profile
from subqa.checks import all_rules
terms = [0.0]
def timed(fn):
    def run(*a, **k):
        t = time.process_time()
        out = list(fn(*a, **k))
        terms[0] += time.process_time() - t
        return iter(out)
    return run
for rule in all_rules():
    if rule.code in ("G001", "G003"):
        rule.check = timed(rule.check)
args = json.loads(sys.argv[1])
jobs = plan(args["targets"], use_config=False, **args["options"])[0]
out = []
for job in jobs:
    job = job.replace(with_fixes=False, keep_track=False)
    _profile(job.profile)
    terms[0] = 0.0
    t = time.process_time()
    check_file(job)
    out.append({"check": time.process_time() - t, "terms": terms[0]})
print(json.dumps(out))
"""


def batch_checks(targets: list[Path], **options) -> list[dict]:
    out = subprocess.run([sys.executable, "-c", BATCH, json.dumps(
        {"targets": [str(t) for t in targets], "options": options})],
        capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    return json.loads(out.stdout.splitlines()[-1])


# real films: (language, films of a batch in order, the encoding of each for pysrt); the second
# film of each batch is the one measured (the first pays the compilation)
REAL_BATCHES = (
    ("en", (REAL / "subtitleconverter" / "The.Dictator.2012.UNRATED.BDRip.XviD-AMIABLE.Eng.srt",
            REAL / "subtitleconverter" / "Avengers.2012.Eng.Subs.srt"), "cp1252"),
    ("ru", (REAL / "subtitleedit" / "auto_detect_Russian.srt",
            REAL / "subtitleedit" / "auto_detect_windows-1251.srt"), "cp1251"),
)


def bench_glossary_real(terms: Path, repeat: int) -> None:
    print("  real films, the second of a batch in one process: the terminology rules (G001, G003 and "
          f"their matching; {repeat} rounds, least, ms)")
    for lang, films, encoding in REAL_BATCHES:
        if not all(f.is_file() for f in films):
            continue
        runs = in_turn({"seed": lambda: batch_checks(films, lang=lang),
                        "5,000": lambda: batch_checks(films, lang=lang, glossary=(str(terms),))},
                       repeat)
        seed = min(r[1]["terms"] for r in runs["seed"])
        big = min(r[1]["terms"] for r in runs["5,000"])
        floor = min(parse_floor(films[1], encoding) for _ in range(3))
        print(f"    {films[1].name[:34]:34} ({lang}) seed {seed * 1000:6.1f}  5,000 {big * 1000:6.1f}  "
              f"pysrt floor {floor * 1000:5.1f}: the 5,000 concepts take {big / floor:.2f}x the "
              f"floor, {(big - seed) / floor:.2f}x more than the seed glossary")


def bench_glossary(tmp: Path, repeat: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_glossary import make_film, make_glossary

    from subqa.glossary.tbx_writer import to_tbx

    glossary = make_glossary(5000)
    terms = tmp / "terms.tbx"
    terms.write_text(to_tbx(glossary), encoding="utf-8")
    films = []
    for seed in (11, 12, 13, 14, 15):          # 11: the film of bench_glossary.py
        src, tgt = make_film(glossary, 1500, seed=seed)
        (tmp / f"film{seed}.en.srt").write_bytes(src)
        films.append(tmp / f"film{seed}.ru.srt")
        films[-1].write_bytes(tgt)
    film = films[0]
    runs = in_turn({"seed": lambda: one_check(film),
                    "5,000": lambda: one_check(film, glossary=(str(terms),))}, repeat)
    floor = min(parse_floor(film) for _ in range(3))
    added = [b["check"] - a["check"] for a, b in zip(runs["seed"], runs["5,000"])]
    print(f"a 5,000-concept TBX glossary on a 1,500-cue film ({repeat} fresh processes each, ms)")
    for name in runs:
        print(f"  {name:6} glossary: check  {spread([r['check'] for r in runs[name]])}")
    print(f"  pysrt parse floor: {floor * 1000:.1f} ms; the glossary adds "
          f"{(min(b['check'] for b in runs['5,000']) - min(a['check'] for a in runs['seed'])) / floor:.2f}x "
          f"the floor (least against least; per round {min(added) / floor:.2f}-{max(added) / floor:.2f}x)")
    batches = in_turn({"seed": lambda: batch_checks(films),
                       "5,000": lambda: batch_checks(films, glossary=(str(terms),))}, repeat)
    # per film of the batch, the least over the rounds
    least = {name: [min(r[i]["check"] for r in rs) for i in range(len(films))]
             for name, rs in batches.items()}
    further = [b - a for a, b in zip(least["seed"][1:], least["5,000"][1:])]
    print(f"  a batch of {len(films)} films in one process ({repeat} rounds, least per film, ms): "
          f"seed {' '.join(f'{t * 1000:.1f}' for t in least['seed'])}, "
          f"5,000 {' '.join(f'{t * 1000:.1f}' for t in least['5,000'])}")
    print(f"  the glossary adds {(least['5,000'][0] - least['seed'][0]) / floor:.2f}x the floor to "
          f"the first film, {sum(further) / len(further) / floor:.2f}x to each further film")
    # the terminology rules alone, per further film (less noisy than a difference of checks)
    in_rules = [min(r[i]["terms"] for r in batches["5,000"]) for i in range(1, len(films))]
    print(f"  of a further film's check, the terminology rules with 5,000 concepts: "
          f"{' '.join(f'{t * 1000:.1f}' for t in in_rules)} ms, "
          f"{sum(in_rules) / len(in_rules) / floor:.2f}x the floor")
    bench_glossary_real(terms, repeat)
    openers(glossary, films[1])


def openers(glossary, synthetic: Path) -> None:
    """How many distinct words of a film may open a Russian term of the 5,000 concepts (the
    words the matcher must look at closely; the others it passes by one set test): the synthetic
    film's dialogue is random letter strings, as are the terms, the real film's is Russian."""
    from subqa.formats import load_track

    (matcher,) = glossary.matchers("ru")
    print("  distinct words that may open a term of the 5,000 concepts (ru):")
    for path in (synthetic, REAL_BATCHES[1][1][1]):
        if not path.is_file():
            continue
        words = set()
        for cue in load_track(path).cues:
            texts = matcher._text.normalize_words(cue.plain_text)[2]
            words.update(texts or ())
        opening = sum(1 for w in words if matcher._can_start(w))
        print(f"    {path.name[:34]:34} {opening:5d} of {len(words):5d} "
              f"({100 * opening / max(1, len(words)):.1f} %)")


def bench_score(tmp: Path, repeat: int) -> None:
    """``subqa score`` of The Dictator's English against a copy with a word in four changed
    (seeded): the whole score, and the sentence chrF of the worst list, one pass over the
    segments (subqa.scoring.chrf_scores) against corpus_score and then sacrebleu's sentence_score
    per segment (as before)."""
    import time

    sys.path.insert(0, str(ROOT))
    from sacrebleu.metrics import CHRF

    from subqa.formats import load_track
    from subqa.scoring import chrf_scores, score

    ref = load_track(DICTATOR)
    rng = random.Random(3)
    hyp = ref.replace(cues=tuple(
        c.replace(lines=tuple(" ".join(w if rng.random() > 0.25 else w[::-1] for w in line.split())
                              for line in c.lines)) for c in ref.cues))
    report = score(hyp, ref, "en")
    from subqa.align import align, paired_cues
    from subqa.scoring import segments_from_pairs

    segs, _ = segments_from_pairs(align(paired_cues(ref), paired_cues(hyp)))
    hyps, refs = [x.hyp for x in segs], [x.ref for x in segs]

    def timed(fn):
        def run():
            t = time.process_time()
            fn()
            return {"t": time.process_time() - t}
        return run

    runs = in_turn({
        "per segment": timed(lambda: (CHRF().corpus_score(hyps, [refs]), [
            CHRF().sentence_score(h, [r]) for h, r in zip(hyps, refs)])),
        "one pass": timed(lambda: chrf_scores(CHRF(), hyps, refs)),
        "score": timed(lambda: score(hyp, ref, "en"))}, repeat)
    print(f"subqa score, {report.segments} segments ({repeat} runs each, ms)")
    for name in runs:
        print(f"  {name:12} {spread([r['t'] for r in runs[name]])}")
    print(f"  corpus and sentence chrF: corpus_score + sentence_score per segment / one pass: "
          f"{ratios(runs['per segment'], runs['one pass'], 't')}")


MEMORY = """
import dataclasses, gc, json, sys, tracemalloc
from subqa.api import check_file, plan
full = plan([sys.argv[1]], use_config=False)[0][0]
jobs = {
    # what `subqa check --format text` keeps: findings with their cue text
    "text report": dataclasses.replace(full, keep_track=False, with_fixes=False),
    # the gate's JSON / JSONL: findings with their fixes (applicability, description)
    "json report": dataclasses.replace(full, keep_track=False, fix_regions=False),
    # SARIF: the fixes with their edits as line/column regions too
    "sarif report": dataclasses.replace(full, keep_track=False),
    # subqa.check()'s default and the HTML report: the Track and every cue's reading speed kept
    "api default": full,
}
out = {}
for name, job in jobs.items():
    check_file(job)              # imports, profile, per-word memos: not the track's
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = check_file(job)
    gc.collect()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out[name] = {"held": held - before, "peak": peak - before, "cues": result.cues,
                 "findings": len(result.findings)}
    del result
print(json.dumps(out))
"""


def bench_memory(tmp: Path, repeat: int) -> None:
    film = REAL / "subtitleconverter" / "Avengers.2012.Eng.Subs.srt"
    out = subprocess.run([sys.executable, "-c", MEMORY, str(film)], capture_output=True,
                         text=True, cwd=ROOT)
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    got = json.loads(out.stdout.splitlines()[-1])
    first = next(iter(got.values()))
    print(f"memory of one checked track (tracemalloc; {film.name}, {first['cues']} cues, "
          f"{first['findings']} findings); held: what the file's result keeps, peak: the most "
          "in use during the check")
    for name, m in got.items():
        print(f"  {name:12s} held {m['held'] / m['cues']:5.0f} bytes per cue "
              f"({m['held'] / 1024:.0f} KiB)   peak {m['peak'] / m['cues']:5.0f} bytes per cue")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["source", "glossary", "score", "memory"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    benches = {"source": bench_source, "glossary": bench_glossary,
               "score": bench_score, "memory": bench_memory}
    with tempfile.TemporaryDirectory() as tmp:
        for part in args.parts:
            folder = Path(tmp) / part
            folder.mkdir()
            benches[part](folder, args.repeat)


if __name__ == "__main__":
    main()
