"""Precision of the source-translation rules (X001-X004) on real human translations.

Pairs: every film of ``../shared/translations`` (its source track against each translation; the
sources are English or Russian, see the MANIFEST there) and the real translated tracks of
``../shared/corpus`` (Elephants Dream: English captions against their Arabic, Japanese, Russian
and Swedish translations; JuvoPlayer's German captions against the Spanish and French ones, two
translations of the same text). The files are read in place, never copied.

Each finding is looked up in ``bench/judgements/X.tsv`` (file, line, code, finding, verdict,
reason), written by reading the finding against both tracks. The table gives per code the
findings, how many were judged true/false, and the precision; unjudged findings are listed so
that they can be read and judged. Deterministic.

    python bench/eval_pairs.py                # table
    python bench/eval_pairs.py --list         # every finding with its verdict
    python bench/eval_pairs.py --unjudged     # findings not in the judgements file (TSV rows)
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(os.environ.get("SUBQA_ROOT", Path(__file__).resolve().parent.parent))))

from subqa import langtags  # noqa: E402
from subqa.engine import Selection, TrackJob, run_rules  # noqa: E402
from subqa.formats import load_track  # noqa: E402
from subqa.profiles import load_profile  # noqa: E402

SHARED = Path(os.environ.get("SUBQA_SHARED", "/work/shared"))
TRANSLATIONS = SHARED / "translations"
CORPUS = SHARED / "corpus"
JUDGEMENTS = Path(__file__).resolve().parent / "judgements" / "X.tsv"
CODES = ("X001", "X002", "X003", "X004")
# real translated pairs of the corpus: (source, target) paths under corpus/
CORPUS_PAIRS = [
    ("real/videojs-elephantsdream/captions.en.vtt", f"real/videojs-elephantsdream/captions.{t}.vtt")
    for t in ("ar", "ja", "ru", "sv")
] + [
    ("real/juvoplayer/subtitles_de.vtt", f"real/juvoplayer/subtitles_{t}.vtt") for t in ("es", "fr")
]
CORPUS_LANGS = {"subtitles_de.vtt": "de", "subtitles_es.vtt": "es", "subtitles_fr.vtt": "fr"}


def translation_pairs() -> list[tuple[Path, Path]]:
    rows = list(csv.DictReader((TRANSLATIONS / "MANIFEST.tsv").open(encoding="utf-8"),
                               delimiter="\t"))
    sources = {r["film"]: r["path"] for r in rows if r["role"] == "source"}
    return [(TRANSLATIONS / sources[r["film"]], TRANSLATIONS / r["path"])
            for r in rows if r["role"] == "translation"]


def all_pairs() -> list[tuple[Path, Path]]:
    out = []
    if (TRANSLATIONS / "MANIFEST.tsv").exists():
        out += translation_pairs()
    out += [(CORPUS / s, CORPUS / t) for s, t in CORPUS_PAIRS if (CORPUS / t).exists()]
    return out


def _load(path: Path):
    track = load_track(path)
    lang = CORPUS_LANGS.get(path.name) or langtags.from_filename(path)
    return track.replace(language=lang)


def findings(src_path: Path, tgt_path: Path, profile) -> list:
    src, tgt = _load(src_path), _load(tgt_path)
    job = TrackJob(track=tgt, language=tgt.language, profile=profile,
                   fps=float(profile.param("fps")), source=src, source_language=src.language)
    found, _ = run_rules(job, Selection(select=("X",)))
    return [f for f in found if f.code in CODES]


def rel(path: Path) -> str:
    return str(path.relative_to(SHARED))


def load_judgements() -> dict[tuple[str, str, str, str], tuple[str, str]]:
    out = {}
    if not JUDGEMENTS.exists():
        return out
    with JUDGEMENTS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[(row["file"], row["line"], row["code"], row["finding"])] = (row["verdict"],
                                                                           row["reason"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print every finding with its verdict")
    ap.add_argument("--unjudged", action="store_true", help="print unjudged findings as TSV rows")
    ap.add_argument("--profile", default="netflix")
    args = ap.parse_args()
    pairs = all_pairs()
    if not pairs:
        print("no pairs found under", SHARED)
        return
    profile = load_profile(args.profile)
    judged = load_judgements()
    counts = {c: Counter() for c in CODES}
    unjudged = []
    for src, tgt in pairs:
        for f in findings(src, tgt, profile):
            key = (rel(tgt), str(f.line), f.code, f.message)
            verdict, reason = judged.get(key, ("", ""))
            counts[f.code]["findings"] += 1
            counts[f.code][verdict or "unjudged"] += 1
            if args.list:
                print("\t".join([rel(tgt), str(f.line), f.code, f.message, verdict or "?", reason]))
            if not verdict:
                unjudged.append((rel(tgt), f, rel(src)))
    if args.unjudged:
        for t, f, s in unjudged:
            src_text = f.data.get("source_text", "")
            print("\t".join([t, str(f.line), f.code, f.message, "", ""]), "\t#",
                  (f.text or "").replace("\n", " / "), "|", src_text.replace("\n", " / "),
                  "|", s)
        return
    print(f"{len(pairs)} pairs ({sum(1 for s, _ in pairs if 'translations' in str(s))} from "
          f"translations/, the rest from corpus/)")
    print(f"{'code':6} {'findings':>8} {'true':>6} {'false':>6} {'unjudged':>9} {'precision':>10}")
    for code in CODES:
        c = counts[code]
        t, fl = c["true"], c["false"]
        prec = f"{100 * t / (t + fl):.1f} %" if t + fl else "-"
        print(f"{code:6} {c['findings']:8d} {t:6d} {fl:6d} {c['unjudged']:9d} {prec:>10}")
    tot = sum((counts[c] for c in CODES), Counter())
    t, fl = tot["true"], tot["false"]
    prec = f"{100 * t / (t + fl):.1f} %" if t + fl else "-"
    print(f"{'all':6} {tot['findings']:8d} {t:6d} {fl:6d} {tot['unjudged']:9d} {prec:>10}")


if __name__ == "__main__":
    main()
