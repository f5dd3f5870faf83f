"""Compare two JSON reports of the same files (e.g. the shared corpus checked by two builds).

    python bench/corpus_diff.py before.json after.json [--examples N]

Prints, per file, any change in the number of cues read (a cue lost is the one thing a reader
change must never do), then the change in findings per rule code over all files, and for each
code whose count changed up to N examples of findings that appeared or disappeared (file, line,
message). Findings are matched by (file, code, line, message), so a reworded message shows as
one finding gone and one new.

To make the reports: list the files once (the corpus's MANIFEST.tsv rows of supported formats)
and run each build with ``subqa check FILES... --no-config --format json -o REPORT``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter


def _load(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        report = json.load(fh)
    return {f["path"]: f for f in report["files"]}


def _keys(files: dict[str, dict]) -> Counter:
    return Counter((path, f["code"], f["line"], f["message"])
                   for path, result in files.items() for f in result["findings"])


def compare(before: dict[str, dict], after: dict[str, dict], examples: int = 3) -> list[str]:
    out: list[str] = []
    lost = gained = 0
    for path in sorted(set(before) | set(after)):
        b = before.get(path, {}).get("cues")
        a = after.get(path, {}).get("cues")
        if a != b:
            out.append(f"cues  {path}: {b} -> {a}")
            if a is not None and b is not None:
                lost += max(0, b - a)
                gained += max(0, a - b)
    out.append(f"files {len(before)} -> {len(after)}; cues lost {lost}, cues gained {gained}")
    kb, ka = _keys(before), _keys(after)
    gone, new = kb - ka, ka - kb
    codes = sorted({k[1] for k in gone} | {k[1] for k in new})
    for code in codes:
        n_gone = sum(n for k, n in gone.items() if k[1] == code)
        n_new = sum(n for k, n in new.items() if k[1] == code)
        total_b = sum(n for k, n in kb.items() if k[1] == code)
        total_a = sum(n for k, n in ka.items() if k[1] == code)
        out.append(f"{code}: {total_b} -> {total_a} (+{n_new} -{n_gone})")
        for label, keys in (("+", new), ("-", gone)):
            shown = [k for k in sorted(keys) if k[1] == code][:examples]
            for path, _code, line, message in shown:
                out.append(f"   {label} {path}:{line}: {message[:150]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args(argv)
    for line in compare(_load(args.before), _load(args.after), args.examples):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
