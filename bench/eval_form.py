"""Precision of F002 (stray-spaces) and F004 (repeated-word) on real subtitle tracks, and recall
on real typos planted into real lines.

Tracks: the real dialogue tracks of /work/shared/corpus (MANIFEST.tsv languages column not
``zxx``) and every track of /work/shared/translations, read in place (never copied). The
language of a track is the one its manifest gives (first tag), as a user would declare it.

Precision: every finding is looked up in bench/judgements/<CODE>.tsv (file, cue, finding,
verdict, reason), where a person wrote down whether it is a real problem after reading the cue.
F002 findings of the one file where all are real (Dirty Harry's trailing spaces) are counted
true without a line each. Findings with no judgement are listed and counted as "unjudged".

With ``--before REV`` the same is done for the rules as they were at git revision REV (read
with ``git show`` into a temporary module), so the table shows before and after.

Recall: a few real lines from these tracks with a typo planted into them (a doubled word, a
leading/trailing/double space); each must be reported.

Run from the repository root:  python bench/eval_form.py [--before REV] [--dump]
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from subqa import langtags  # noqa: E402
from subqa.engine import Selection, TrackJob, run_rules  # noqa: E402
from subqa.formats import load_track  # noqa: E402
from subqa.model import Cue, Track  # noqa: E402
from subqa.profiles import load_profile  # noqa: E402

CORPUS = Path("/work/shared/corpus")
TRANSLATIONS = Path("/work/shared/translations")
JUDGEMENTS = ROOT / "bench" / "judgements"
CODES = ("F002", "F004")
# the one file whose F002 findings are all real (a trailing space after every line)
ALL_REAL = {("F002", "corpus/real/subtitleconverter/Dirty Harry VOST - Clint Eastwood.srt")}


def _manifest(folder: Path) -> list[tuple[str, str]]:
    """(relative path, language column) of every row of a MANIFEST.tsv."""
    with open(folder / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    column = "languages" if "languages" in rows[0] else "lang"
    return [(r["path"], r[column]) for r in rows]


def _language(column: str) -> str | None:
    """The manifest's language as a user would declare it: its first tag, when subqa knows it."""
    first = column.split()[0] if column.split() else ""
    for part in (first, first.split("+")[0], first.split("/")[0]):
        tag = langtags.normalize(part)
        if tag:
            return tag
    return None


def tracks() -> list[tuple[str, Path, str | None]]:
    """(name in the report, path, declared language) of every real dialogue track."""
    out = []
    if CORPUS.is_dir():
        for rel, langs in _manifest(CORPUS):
            if not langs.startswith("zxx"):
                out.append((f"corpus/{rel}", CORPUS / rel, _language(langs)))
    if TRANSLATIONS.is_dir():
        for rel, lang in _manifest(TRANSLATIONS):
            out.append((f"translations/{rel}", TRANSLATIONS / rel, _language(lang)))
    return out


def _rules_at(rev: str):
    """The F002 and F004 rule classes as they were at git revision ``rev``."""
    for where in ("subqa/checks/form.py", "subqa/rules/form.py"):     # (renamed in issue 13)
        shown = subprocess.run(["git", "show", f"{rev}:{where}"], cwd=ROOT, capture_output=True,
                               text=True)
        if shown.returncode == 0:
            break
    shown.check_returncode()
    source = shown.stdout
    tmp = Path(tempfile.mkdtemp()) / "form_before.py"
    tmp.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("subqa.checks._form_before", tmp)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return [module.StraySpaces, module.RepeatedWord]


def _rules_now():
    from subqa.checks import form

    return [form.StraySpaces, form.RepeatedWord]


def findings(rules, profile) -> list[tuple[str, str, int, str, str]]:
    """(code, track name, cue index, message, cue text) of every finding on the real tracks."""
    out = []
    for name, path, lang in tracks():
        track = load_track(path)
        found, _ = run_rules(TrackJob(track, lang, profile, 24.0), Selection(), rules=rules)
        by_index = {c.index: c for c in track.cues}
        for f in found:
            if f.code in CODES and f.cue is not None:
                text = " / ".join(by_index[f.cue].lines)
                out.append((f.code, name, f.cue, f.message, text))
    return out


def load_judgements() -> dict[tuple[str, str, int, str], tuple[str, str]]:
    """(code, file, cue, finding) -> (verdict, reason) from bench/judgements/*.tsv."""
    out = {}
    for code in CODES:
        path = JUDGEMENTS / f"{code}.tsv"
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out[(code, row["file"], int(row["cue"]), row["finding"])] = (
                    row["verdict"], row["reason"])
    return out


def precision(found, judged) -> dict[str, Counter]:
    table: dict[str, Counter] = {code: Counter() for code in CODES}
    for code, name, cue, message, _text in found:
        if (code, name) in ALL_REAL:
            table[code]["true (all-real file)"] += 1
            continue
        verdict = judged.get((code, name, cue, message), ("unjudged", ""))[0]
        table[code][verdict] += 1
    return table


def _plant(profile, rules, planted=None) -> list[tuple[str, str, bool]]:
    """Real lines from the tracks with a typo planted; (code, planted text, reported?)."""
    planted = planted or [
        # (code, language, lines): lines of the real tracks (Sintel, Tears of Steel, the
        # cycle-collector talk, the zh+en fansub) with one typo added to each
        ("F004", "en", ("What brings you to", "the the land of the gatekeepers?")),
        ("F004", "en", ("What brings you to the", "the land of the gatekeepers?")),
        ("F004", "en", ("You're lucky your your blood's still flowing.",)),
        ("F004", "de", ("Sie macht mich nicht nicht irre, es ist nur...",)),
        ("F004", "fr", ("Pourquoi est ce que t'admets pas", "que t'as peur de de ma main robotique?")),
        ("F004", "es", ("Estoy buscando a a alguien.",)),
        ("F004", "ru", ("Я ищу ищу кое кого.",)),
        ("F004", "ru", ("что привело тебя в", "в страну хранителей?")),
        ("F004", "nl", ("Ik ben op zoek naar naar iemand.",)),
        ("F002", "en", (" Thank you.",)),
        ("F002", "en", ("I'm searching for someone. ",)),
        ("F002", "de", ("Na schön!  Gut!",)),
        ("F002", "en", ("<v Kyle Huey> So the  cycle collector does three main things.",)),
        ("F002", "en", ("<v Kyle Huey> So the cycle collector does three main things. ",)),
        ("F002", "zh-Hans", ("每月一次？  是啊",)),
    ]
    out = []
    for code, lang, lines in planted:
        track = Track(path="planted.srt", format="vtt", encoding="utf-8",
                      cues=(Cue(1, 0, 2000, lines, 1),))
        found, _ = run_rules(TrackJob(track, lang, profile, 24.0), Selection(), rules=rules)
        out.append((code, " / ".join(lines), any(f.code == code for f in found)))
    return out


# Deliberate repetition and spacing (not slips) in the other languages the rules know about,
# written for this evaluation after the grammars cited in rules/lang/repetition.toml and
# the conventions cited in subqa/checks/form.py: none may be reported.
DELIBERATE = [
    ("F004", "en", ("We had had enough of it.",)),
    ("F004", "en", ("He said that that was wrong.",)),
    ("F004", "nl", ("Ik weet dat dat waar is.",)),
    ("F004", "de", ("Kinder, die die Schule lieben.",)),
    ("F004", "cs", ("Setkal se se sestrou.",)),
    ("F004", "fr", ("Nous nous levons tôt.",)),
    ("F004", "en", ("We flew to Bora Bora last year.",)),
    ("F004", "en", ("No no no no, 'cos 'cos obviously 'cos",)),
    ("F004", "ja", ("はい はい 分かった",)),
    ("F002", "ja", ("そうか  分かった",)),
    ("F002", "th", ("ถอยไป  ถอยไป",)),
    ("F002", "en", ("<c.yellow> Careful!</c>",)),
    ("F002", "en", ("<lang en> Hello.</lang>",)),
    ("F002", "ru", ("Т И Т Р   2",)),
]


def report(label: str, found, judged) -> None:
    table = precision(found, judged)
    print(f"\n{label}")
    print(f"{'rule':6} {'findings':>8} {'true':>6} {'false':>6} {'unjudged':>9} {'precision':>10}"
          f"   {'outside the all-real file':>26}")
    for code in CODES:
        c = table[code]
        bulk = c["true (all-real file)"]
        true = c["true"] + bulk
        total = sum(c.values())
        prec = _share(true, true + c["false"])
        rest = (f"{c['true']} of {c['true'] + c['false']} true, "
                f"{_share(c['true'], c['true'] + c['false'])}")
        print(f"{code:6} {total:8} {true:6} {c['false']:6} {c['unjudged']:9} {prec:>10}   "
              f"{rest:>26}")
    missing = [f for f in found if (f[0], f[1]) not in ALL_REAL
               and (f[0], f[1], f[2], f[3]) not in judged]
    for code, name, cue, message, text in missing:
        print(f"  unjudged: {code}\t{name}\t{cue}\t{message}\t{text!r}")


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="git revision of the rules to compare with")
    parser.add_argument("--dump", action="store_true",
                        help="print every finding as TSV rows (file, cue, finding, text)")
    args = parser.parse_args()
    profile = load_profile("netflix")
    names = tracks()
    if not names:
        print("no real tracks found (corpus and translations absent)")
        return
    print(f"{len(names)} real dialogue tracks, "
          f"{sum(len(load_track(p).cues) for _, p, _ in names)} cues")
    judged = load_judgements()
    if args.before:
        before = findings(_rules_at(args.before), profile)
        if args.dump:
            for row in before:
                print("\t".join(map(str, row)))
        report(f"before ({args.before})", before, judged)
    now = findings(_rules_now(), profile)
    if args.dump:
        for row in now:
            print("\t".join(map(str, row)))
    report("now", now, judged)
    print("\nRecall on real lines with a planted typo:")
    for rules, label in ((_rules_at(args.before), f"before ({args.before})"),) if args.before \
            else ():
        hits = _plant(profile, rules)
        print(f"  {label}: {sum(h for _, _, h in hits)} of {len(hits)}")
    hits = _plant(profile, _rules_now())
    print(f"  now: {sum(h for _, _, h in hits)} of {len(hits)}")
    for code, text, hit in hits:
        print(f"    {code} {'caught' if hit else 'MISSED'}: {text!r}")
    print("\nDeliberate repetition and spacing (must not be reported):")
    if args.before:
        hits = _plant(profile, _rules_at(args.before), DELIBERATE)
        print(f"  before ({args.before}): {sum(h for _, _, h in hits)} of {len(hits)} reported")
    hits = _plant(profile, _rules_now(), DELIBERATE)
    print(f"  now: {sum(h for _, _, h in hits)} of {len(hits)} reported")
    for code, text, hit in hits:
        print(f"    {code} {'REPORTED' if hit else 'not reported'}: {text!r}")


if __name__ == "__main__":
    main()
