"""Two-language tracks on the real Chinese-English fansubs of the shared corpus (MANIFEST.tsv
languages `zh-Hans+en`: a SubRip file, and an ASS file with signs, notes and links placed off the
dialogue line), each with its own judgements file.

For each way the file can reach subqa - undeclared (detected), declared `zh-Hans` (how it is
labelled in the corpus), declared `en`, declared `zh-Hans+en` - it prints the count of the
language and readability findings (L001 L002 L003 L005 R001 R003 R004) of this build, and with
``--base DIR`` those of another build (a source tree, e.g. the commit before two-language
tracks: ``git archive 48003b7 | tar -x -C /tmp/base``), side by side. A declaration the build
refuses (``zh-Hans+en`` before this work) shows as "refused".

Then it scores this build's findings against the judgements in bench/judgements/bilingual.tsv
(one row per judged finding: configuration, code, cue, verdict true/false, reason), read by a
person: precision per code over the judged findings (R001/R003: a read sample). For R001 and
R003 it also checks every finding's line placement: the line R001 names (R003: the language it
names) has Han characters exactly when it is called Chinese.

    python bench/eval_bilingual.py [--base DIR] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
# (file, the judgements of its findings)
FILES = (("real/bourshevik0-subtitle-works/20191219-CUfOnwSLWxY.combination.srt",
          ROOT / "bench" / "judgements" / "bilingual.tsv"),
         ("real/bourshevik0-subtitle-works/20191018-D4SaofKCYwo.combination.ass",
          ROOT / "bench" / "judgements" / "bilingual-ass.tsv"))
CODES = ("L001", "L002", "L003", "L005", "R001", "R003", "R004")
CONFIGS = ("auto", "zh-Hans", "en", "zh-Hans+en")

# run in a fresh process so that another build (PYTHONPATH) can be measured the same way
_RUN = """
import json, sys
import subqa
from subqa.model import UsageError
path, lang = sys.argv[1], sys.argv[2]
try:
    [res] = subqa.check([path], lang=None if lang == "auto" else lang, use_config=False,
                        select=("L", "R")).files
except UsageError as exc:
    print(json.dumps({"refused": str(exc)}))
else:
    print(json.dumps({"language": res.language, "findings": [
        {"code": f.code, "cue": f.cue, "message": f.message} for f in res.findings]}))
"""


def run(source: Path, path: Path, lang: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(source))
    out = subprocess.run([sys.executable, "-c", _RUN, str(path), lang], env=env, cwd=source,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def counts(result: dict) -> dict:
    if "refused" in result:
        return {c: "refused" for c in CODES}
    got = Counter(f["code"] for f in result["findings"])
    return {c: got.get(c, 0) for c in CODES}


def load_judgements(path: Path) -> dict:
    out = {}
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader((ln for ln in fh if not ln.startswith("#")),
                                      delimiter="\t"):
                out[(row["config"], row["code"], int(row["cue"]))] = row["verdict"] == "true"
    return out


def judged_as(judged: dict, config: str, code: str, cue: int | None):
    """The verdict on a finding: judged for this configuration, or for any (``*``)."""
    for key in ((config, code, cue or 0), ("*", code, cue or 0)):
        if key in judged:
            return judged[key]
    return None


def misplaced(path: Path, findings: list) -> tuple[int, int]:
    """(R001/R003 findings checked, those naming a line's language wrongly): a line is Chinese
    exactly when it has a Han character."""
    sys.path.insert(0, str(ROOT))
    from subqa.formats import load_track

    cues = {c.index: c for c in load_track(path).cues}
    han = re.compile(r"[\u4e00-\u9fff]")
    checked = wrong = 0
    for f in findings:
        lines = cues[f["cue"]].plain_lines
        if f["code"] == "R001":
            m = re.match(r"line (\d+) \((.*?)\) has", f["message"])
            ok = bool(han.search(lines[int(m.group(1)) - 1])) == m.group(2).startswith("Chinese")
        elif f["code"] == "R003":
            chinese = f["message"].startswith("Chinese")
            ok = any(bool(han.search(ln)) == chinese and re.search(r"\w", ln) for ln in lines)
        else:
            continue
        checked += 1
        wrong += not ok
    return checked, wrong


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, help="source tree of the build to compare with")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    for number, (name, judgements) in enumerate(FILES):
        if number:
            print()
        if report(args, name, judgements):
            return 1
    return 0


def report(args, name: str, judgements: Path) -> int:
    path = args.corpus / name
    if not path.is_file():
        print(f"not found: {path}")
        return 1
    after = {lang: run(ROOT, path, lang) for lang in CONFIGS}
    before = {lang: run(args.base, path, lang) for lang in CONFIGS} if args.base else None
    print(f"{name}  ({sum(1 for _ in open(path, encoding='utf-8-sig'))} lines)")
    head = "config       build   language      " + " ".join(f"{c:>7}" for c in CODES)
    print(head)
    for lang in CONFIGS:
        rows = ([("before", before[lang])] if before else []) + [("after", after[lang])]
        for label, res in rows:
            cs = counts(res)
            print(f"{lang:12} {label:7} {str(res.get('language', '-')):13} "
                  + " ".join(f"{cs[c]:>7}" for c in CODES))
    judged = load_judgements(judgements)
    print("\nprecision of this build's findings, by the judgements in "
          f"{judgements.relative_to(ROOT)}")
    print("config       code  findings  judged  true  false  precision")
    for lang in CONFIGS:
        res = after[lang]
        for code in CODES:
            found = [f for f in res.get("findings", []) if f["code"] == code]
            if not found:
                continue
            verdicts = [judged_as(judged, lang, code, f["cue"]) for f in found]
            known = [v for v in verdicts if v is not None]
            true = sum(known)
            share = f"{true / len(known):.3f}" if known else "-"
            print(f"{lang:12} {code}  {len(found):>8}  {len(known):>6}  {true:>4}  "
                  f"{len(known) - true:>5}  {share:>9}")
    checked, wrong = misplaced(path, after["zh-Hans+en"].get("findings", []))
    print(f"\nR001/R003 line placement (zh-Hans+en): {checked} findings checked, {wrong} misplaced")
    if before:
        print("\nbefore: judged findings of the base build")
        print("config       code  findings  judged  true  false  precision")
        for lang in CONFIGS:
            res = before[lang]
            for code in CODES:
                found = [f for f in res.get("findings", []) if f["code"] == code]
                config = "before:" + ("auto" if lang == "en" else lang)   # (the same findings)
                verdicts = [judged.get((config, code, f["cue"] or 0)) for f in found]
                known = [v for v in verdicts if v is not None]
                if not known:
                    continue
                true = sum(known)
                print(f"{lang:12} {code}  {len(found):>8}  {len(known):>6}  {true:>4}  "
                      f"{len(known) - true:>5}  {true / len(known):>9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
