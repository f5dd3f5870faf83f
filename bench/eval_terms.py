"""Term matching on inflected renderings (issue 11, item 5): recall on correct inflected forms of
seed-glossary terms and the near misses matched, per language.

The cases are tests/data/glossary/inflected.tsv (subtitle lines; its header cites the grammar of
each paradigm) and, for comparison, the real-spelling variants of tests/data/glossary/variants.tsv
(issue 12). A case "matches" when the intended concept is among the concepts found in the line
(overlapping matches, as G002 asks "does this concept occur at all").

    python bench/eval_terms.py            # table per language
    python bench/eval_terms.py -v         # also every failing case
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from subqa.glossary import load_glossary  # noqa: E402

DATA = ROOT / "tests" / "data" / "glossary"


def read_cases(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE))


def evaluate(cases, glossary):
    table: dict[str, dict[str, int]] = {}
    failures = []
    for c in cases:
        found = {m.term.concept_id for m in glossary.find(c["text"], c["language"], overlapping=True)}
        hit = c["concept"] in found
        row = table.setdefault(c["language"], {"match": 0, "matched": 0, "miss": 0, "false": 0})
        if c["expect"] == "match":
            row["match"] += 1
            row["matched"] += hit
            if not hit:
                failures.append(("not matched", c))
        else:
            row["miss"] += 1
            row["false"] += hit
            if hit:
                failures.append(("near miss matched", c))
    return table, failures


def print_table(title, table):
    print(title)
    print(f"  {'lang':<8}{'inflected':>10}{'matched':>9}{'recall':>9}{'near misses':>13}{'matched':>9}")
    tm = tn = mm = fm = 0
    for lang in sorted(table):
        r = table[lang]
        rec = 100.0 * r["matched"] / r["match"] if r["match"] else float("nan")
        print(f"  {lang:<8}{r['match']:>10}{r['matched']:>9}{rec:>8.1f}%{r['miss']:>13}{r['false']:>9}")
        tm += r["match"]
        mm += r["matched"]
        tn += r["miss"]
        fm += r["false"]
    print(f"  {'all':<8}{tm:>10}{mm:>9}{100.0 * mm / tm:>8.1f}%{tn:>13}{fm:>9}")


def main(argv: list[str]) -> int:
    glossary = load_glossary(None)
    verbose = "-v" in argv
    for name, title in (("inflected.tsv", "inflected renderings (tests/data/glossary/inflected.tsv)"),
                        ("variants.tsv", "real-spelling variants (tests/data/glossary/variants.tsv)")):
        table, failures = evaluate(read_cases(name), glossary)
        print_table(title, table)
        if verbose:
            for why, c in failures:
                print(f"    {why}: {c['language']} {c['concept']}: {c['text']}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
