"""How long the text report is with and without patterns, and what FFmpeg makes of the files
that have whitespace-only lines between WebVTT blocks.

    python bench/eval_reports.py [--corpus ../shared/corpus] [--files LIST] [--group-min N]

LIST names the files to check, one path a line relative to the corpus (default: every file of
the corpus's MANIFEST.tsv in a format subqa reads). Prints

1. the text report's line count with every finding listed (``--no-group``) and with patterns,
   over all files and for the files whose report shrinks most;
2. the patterns formed, per rule code;
3. for each WebVTT file with a ``whitespace-only-lines`` P001: the cues subqa (and browsers,
   which follow the same specification) read and the cues FFmpeg reads, when ``ffmpeg`` is
   installed (``apt-get install ffmpeg``); otherwise that column says so.

Deterministic: the files are checked in the order of the list with one process.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import subqa  # noqa: E402
from subqa.reporters.text import GROUP_MIN, file_lines, patterns  # noqa: E402

READABLE = {"srt", "vtt", "webvtt"}


def corpus_files(corpus: Path, listing: Path | None) -> list[str]:
    if listing is not None:
        return [ln.strip() for ln in listing.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = (corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    head = rows[0].split("\t")
    out = []
    for row in rows[1:]:
        cells = dict(zip(head, row.split("\t")))
        if cells.get("format", "").lower() in READABLE:
            out.append(cells["path"])
    return out


def ffmpeg_cues(path: Path) -> int | None:
    """Cues FFmpeg's WebVTT demuxer reads from ``path`` (None when FFmpeg is not installed)."""
    if shutil.which("ffmpeg") is None:
        return None
    proc = subprocess.run(["ffmpeg", "-v", "error", "-f", "webvtt", "-i", str(path), "-f", "srt",
                           "-"], capture_output=True, text=True, errors="replace", timeout=60)
    return sum(1 for ln in proc.stdout.splitlines() if "-->" in ln)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--files", type=Path, default=None)
    ap.add_argument("--group-min", type=int, default=GROUP_MIN)
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    names = corpus_files(args.corpus, args.files)
    report = subqa.check([str(args.corpus / n) for n in names], use_config=False, jobs=1)
    rows = []
    codes: Counter[str] = Counter()
    grouped_findings: Counter[str] = Counter()
    for res in report.files:
        flat = len(file_lines(res, 0))
        grouped = len(file_lines(res, args.group_min))
        rows.append((flat - grouped, flat, grouped, res))
        for members in patterns(res.findings, args.group_min).values():
            codes[members[0].code] += 1
            grouped_findings[members[0].code] += len(members)
    flat_total = sum(r[1] for r in rows)
    grouped_total = sum(r[2] for r in rows)
    print(f"files {len(report.files)}, cues {sum(r.cues for r in report.files)}, "
          f"findings {len(report.findings)}")
    print(f"text report lines (file headers and findings, summary excluded): "
          f"--no-group {flat_total}, --group-min {args.group_min} {grouped_total} "
          f"({100 * (flat_total - grouped_total) / max(1, flat_total):.1f} % fewer)")
    print()
    print(f"{'--no-group':>10} {'grouped':>8}  file (largest reductions)")
    for _, flat, grouped, res in sorted(rows, key=lambda r: (-r[0], r[3].path))[:args.top]:
        print(f"{flat:>10} {grouped:>8}  {Path(res.path).relative_to(args.corpus)}")
    print()
    print(f"{'code':<6} {'patterns':>8} {'findings in them':>17}")
    for code in sorted(codes):
        print(f"{code:<6} {codes[code]:>8} {grouped_findings[code]:>17}")
    print()
    print("WebVTT whitespace-only lines before cues (P001 reason whitespace-only-lines):")
    print(f"{'line':>6} {'subqa cues':>10} {'cues after':>10} {'ffmpeg cues':>11}  file")
    for res in report.files:
        for f in res.findings:
            if f.code == "P001" and f.data.get("reason") == "whitespace-only-lines":
                got = ffmpeg_cues(Path(res.path))
                shown = "not installed" if got is None else str(got)
                print(f"{f.line:>6} {res.cues:>10} {f.data['cues_after']:>10} {shown:>11}  "
                      f"{Path(res.path).relative_to(args.corpus)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
