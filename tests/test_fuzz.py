"""Seeded fuzzing of reading and reporting, end to end through the CLI (in-process).

The samples' subtitle files (and a few files of the shared corpus, when ../shared/corpus is
beside the clone) are mutated the ways real files break: truncation, garbage bytes, very long
numbers in timestamps, "-->" inside text, missing blank lines, byte order marks mid-file, NUL
bytes and CR-only line ends. Every mutant is checked with ``subqa check`` writing every report
format at once, and must give: exit 0 or 1 (never 2, never a traceback, no internal-error
finding), a JSON report that parses, every other format rendered, and every line the reader
treats as a timing line accounted for as a cue's timing line or the line of a finding.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from subqa.cli import main
from subqa.formats import parse_bytes, split_lines
from subqa.formats.encoding import decode

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".srt", ".vtt"))
CORPUS = Path(os.environ.get("SUBQA_CORPUS") or ROOT.parent / "shared" / "corpus")
CORPUS_FILES = [  # small files with the quirks the readers handle specially
    "real/pysrt/invalid.srt",
    "real/go-astisub/example-in.srt",
    "real/exoplayer-subrip/typical_no_hours_and_millis",
    "real/wpt-webvtt-file-parsing/arrows.vtt",
    "real/webvtt-py/youtube_dl.vtt",
    "real/subtitleedit/sample_WebVTT_AppleTV.webvtt",
]
SEED = 20261010
MUTANTS_PER_FILE = 8
OTHER_FORMATS = ("text", "junit", "sarif", "github", "html")

# --- mutations: (rng, bytes) -> bytes ---------------------------------------------------

_LINE_STARTS = re.compile(rb"(?:^|\n)")
_TIME_DIGITS = re.compile(rb"\d+(?=[:,.]\d)")


def _line_start(rng: random.Random, data: bytes) -> int:
    starts = [m.end() for m in _LINE_STARTS.finditer(data)]
    return rng.choice(starts)


def truncate(rng, data):
    return data[:rng.randrange(1, len(data))] if len(data) > 1 else data


def garbage(rng, data):
    out = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        i = rng.randrange(len(out) + 1)
        out[i:i + rng.randrange(0, 3)] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
    return bytes(out)


def long_number(rng, data):
    runs = list(_TIME_DIGITS.finditer(data))
    if not runs:
        return data + b"\n\n1\n" + b"9" * 4301 + b":00:00,000 --> 00:00:01,000\nx\n"
    m = rng.choice(runs)
    digits = rng.choice([b"0", b"1", b"7", b"9"]) * rng.choice([4, 4299, 4300, 4301, 5000])
    return data[:m.start()] + digits + data[m.end():]


def arrow_in_text(rng, data):
    i = _line_start(rng, data)
    line = rng.choice([b"Route: Paris --> London\n", b"-->\n", b"10 --> 20\n",
                       b"00:00:01,000 -> 00:00:02,000\n", b"A --> B --> C\n"])
    return data[:i] + line + data[i:]


def missing_blank_lines(rng, data):
    for sep in (b"\r\n\r\n", b"\n\n", b"\r\r"):
        spots = [m.start() for m in re.finditer(re.escape(sep), data)]
        if spots:
            for i in sorted(rng.sample(spots, min(len(spots), rng.randrange(1, 4))), reverse=True):
                data = data[:i] + sep[:len(sep) // 2] + data[i + len(sep):]
            return data
    return data


def bom_mid_file(rng, data):
    i = _line_start(rng, data)
    return data[:i] + rng.choice([b"\xef\xbb\xbf", b"\xff\xfe"]) + data[i:]


def nul_bytes(rng, data):
    out = bytearray(data)
    for _ in range(rng.randrange(1, 4)):
        out.insert(rng.randrange(len(out) + 1), 0)
    return bytes(out)


def cr_only(rng, data):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")


MUTATIONS = (truncate, garbage, long_number, arrow_in_text, missing_blank_lines, bom_mid_file,
             nul_bytes, cr_only)


def mutants():
    """(name, original path, bytes): deterministic for a given set of input files."""
    rng = random.Random(SEED)
    sources = list(SAMPLES)
    if (CORPUS / "MANIFEST.tsv").is_file():
        sources += [CORPUS / rel for rel in CORPUS_FILES if (CORPUS / rel).is_file()]
    out = []
    for src in sources:
        original = src.read_bytes()
        for k in range(MUTANTS_PER_FILE):
            data = original
            # every mutation once on each file, then combinations of 2 or 3
            chosen = [MUTATIONS[k]] if k < len(MUTATIONS) else []
            chosen += rng.sample(MUTATIONS, rng.randrange(0 if chosen else 2, 3))
            for mutate in chosen:
                data = mutate(rng, data) if data else data
            out.append((f"{src.name}#{k}:{'+'.join(m.__name__ for m in chosen)}", src, data))
    return out


# --- what the reader treats as a timing line --------------------------------------------

_SRT_TS = r"\d{1,3}:[0-5]\d:[0-5]\d[,.]\d{3}"
_SRT_VALID = re.compile(rf"\s*{_SRT_TS}\s*-->\s*{_SRT_TS}(?:\s+[^\n]*)?", re.ASCII)


def _blank(line: str) -> bool:
    return not line.strip()


def _number(line: str) -> bool:
    s = line.strip().lstrip("\ufeff")
    return s.isascii() and s.isdigit()


def srt_timing_lines(lines: list[str]) -> set[int]:
    """1-based lines a SubRip reader must account for: every line that is a well-formed timing
    line wherever it stands, and every "-->" line where a block starts (top of the file, after
    a blank line, or after a number line that itself starts a block)."""
    found = set()
    for k, line in enumerate(lines):
        if _SRT_VALID.fullmatch(line) and line.count("-->") == 1:
            found.add(k + 1)
        elif "-->" in line:
            at_start = k == 0 or _blank(lines[k - 1])
            after_number = k >= 1 and _number(lines[k - 1]) and (k == 1 or _blank(lines[k - 2]))
            if at_start or after_number:
                found.add(k + 1)
    return found


def vtt_timing_lines(lines: list[str]) -> set[int]:
    """Every "-->" line after the signature: the WebVTT parser tries each as a timing line."""
    return {k + 1 for k, line in enumerate(lines) if k > 0 and "-->" in line}


# --- running the CLI in-process ----------------------------------------------------------

def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def check_mutant(name: str, src: Path, data: bytes, folder: Path) -> None:
    path = folder / src.name
    path.write_bytes(data)
    reports = {fmt: folder / f"report.{fmt}" for fmt in OTHER_FORMATS}
    argv = ["check", str(path), "--format", "json", "-j", "1", "--no-config"]
    for fmt, report in reports.items():
        argv += ["--format", f"{fmt}:{report}"]
    code, out, err = run_cli(argv)
    assert code in (0, 1) and "Traceback" not in err and "internal error" not in err, \
        f"{name}: exit {code}\n{err[-2000:]}"
    (entry,) = json.loads(out)["files"]
    assert not [f for f in entry["findings"] if f["code"] == "P006"], name
    for fmt, report in reports.items():
        text = report.read_text(encoding="utf-8")
        assert text.strip(), f"{name}: empty {fmt} report"
        if fmt == "sarif":
            json.loads(text)
        elif fmt == "junit":
            ET.fromstring(text)
        elif fmt == "html":
            assert text.rstrip().endswith("</html>"), name

    # The track the CLI read, and the text its reader saw.
    track = parse_bytes(data, str(path))
    assert entry["cues"] == len(track.cues), name
    if not track.encoding:                   # not read at all: one file-level P001
        assert [f["line"] for f in entry["findings"] if f["code"] == "P001"] == [None], name
        return
    text = decode(data, str(path)).text.removeprefix("\ufeff")
    lines = split_lines(text)
    if track.format == "vtt":
        if any(d.data.get("reason") == "bad-signature" for d in track.diagnostics):
            return                           # one file-level P001, no cues: nothing to account
        expected = vtt_timing_lines(lines)
    else:
        expected = srt_timing_lines(lines[:track.line_count])
    accounted = {c.timing_line for c in track.cues}
    for f in entry["findings"]:
        accounted.add(f["line"])
        accounted.add((f.get("data") or {}).get("timing_line"))
    missing = sorted(expected - accounted)
    assert not missing, f"{name}: timing lines {missing[:5]} are neither a cue nor a finding: " \
                        f"{[lines[k - 1][:60] for k in missing[:3]]}"


def test_fuzzed_files_never_break_the_gate(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path / "cache"))
    cases = mutants()
    assert len(cases) >= len(SAMPLES) * MUTANTS_PER_FILE
    for k, (name, src, data) in enumerate(cases):
        folder = tmp_path / f"m{k:03d}"
        folder.mkdir()
        check_mutant(name, src, data, folder)


def test_mutants_are_deterministic():
    assert [(n, d) for n, _, d in mutants()] == [(n, d) for n, _, d in mutants()]


@pytest.mark.parametrize("lines, expected", [
    (["1", "00:00:01,000 --> 00:00:02,000", "Route: Paris --> London"], {2}),
    (["1", "Paris --> London", "x", "", "a --> b"], {2, 5}),
    (["x", "00:00:01,000 --> 00:00:02,000 X1:1"], {2}),
    (["x", "00:00:01,000 --> 00:00:02,000 --> 00:00:03,000"], set()),
])
def test_srt_timing_lines_of_the_fuzz_oracle(lines, expected):
    assert srt_timing_lines(lines) == expected


@pytest.mark.parametrize("ext, ident", [("srt", "1" * 5000), ("vtt", "\u00b2"), ("vtt", "7" * 4301)])
def test_bilingual_check_with_absurd_numbers_renders_every_format(tmp_path, monkeypatch, ext,
                                                                  ident):
    # Found by fuzzing: cue numbers too long for int() or digits int() refuses ('²') broke the
    # source/translation alignment, and a 5,000-digit number in the text the number check.
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path / "cache"))
    head = "WEBVTT\n\n" if ext == "vtt" else ""
    sep = "." if ext == "vtt" else ","
    big = "9" * 5000

    def track(first: str, second: str) -> str:
        return (f"{head}{ident}\n00:00:01{sep}000 --> 00:00:02{sep}000\n{first}\n\n"
                f"2\n00:00:03{sep}000 --> 00:00:04{sep}000\n{second}\n")

    (tmp_path / f"film.en.{ext}").write_text(track("Hello there", f"Room {big}"), "utf-8")
    (tmp_path / f"film.ru.{ext}").write_text(track("Привет", f"Комната {big}1"), "utf-8")
    reports = {fmt: tmp_path / f"report.{fmt}" for fmt in OTHER_FORMATS}
    argv = ["check", str(tmp_path / f"film.ru.{ext}"), "--source", str(tmp_path / f"film.en.{ext}"),
            "--format", "json", "-j", "1", "--no-config"]
    for fmt, report in reports.items():
        argv += ["--format", f"{fmt}:{report}"]
    code, out, err = run_cli(argv)
    assert code in (0, 1) and "Traceback" not in err, err[-2000:]
    assert json.loads(out)["files"][0]["cues"] == 2
    assert all(report.read_text(encoding="utf-8").strip() for report in reports.values())
