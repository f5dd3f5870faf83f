"""The short cuts of the SubRip reader give what its general path gives.

The reader was made cheaper by deciding the usual lines with less work: a text line with no
"-->" on it or on the next line is kept as text without asking _timing_here, and a number line
followed by a well-formed timing line opens its cue without building a Timing. The plain loop
they replace is written out here (it asks _timing_here about every line that is not blank) and
both are run on the SubRip files of the shared corpus and translations (skipped when absent),
on damaged copies of them and on hand-made edge cases: cues, diagnostics and their order
must be the same."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from subqa.formats import srt
from subqa.formats.base import split_lines, without_final_terminator

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _plain_read(self: srt._Reader) -> None:
    """srt._Reader.read as it was: every line that is not blank goes to _timing_here."""
    lines = self.lines
    n = len(lines)
    i = 0
    while i < n:
        line = lines[i]
        if not line.strip():
            self.flush_cue()
            self.flush_orphan(i)
            self.bad_open = False
            i += 1
            continue
        in_text = self.cur is not None or self.bad_open
        ident_at, timing_at, timing, why = srt._timing_here(lines, i, in_text)
        if timing_at is None:
            if self.cur is not None:
                self.cur["lines"].append(line)
            elif not self.bad_open and self.orphan_start is None:
                self.orphan_start = i
            i += 1
            continue
        self.start_block(i, ident_at, timing_at, timing, why)
        i = timing_at + 1
    self.flush_cue()
    self.flush_orphan(n)


def _both(lines: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[tuple, tuple]:
    fast = srt.parse_srt(list(lines))
    with monkeypatch.context() as m:
        m.setattr(srt._Reader, "read", _plain_read)
        plain = srt.parse_srt(list(lines))
    return fast, plain


def _real_files() -> list[list[str]]:
    files = sorted((SHARED / "corpus" / "real").rglob("*.srt"))
    files += sorted((SHARED / "translations").glob("*/*.srt"))
    out = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
        out.append(without_final_terminator(split_lines(text)))
    return out


REAL = _real_files() if (SHARED / "corpus").is_dir() else []

EDGE_CASES = [
    "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n",
    "1\n00:00:01,000 --> 00:00:02,000\nHello\n2\n00:00:03,000 --> 00:00:04,000\nBye",
    "1\n00:00:01,000 --> 00:00:02,000\nRoute: Paris --> London\n\n",
    "1\n00:00:01,000 --> 00:00:02,000\nText\n00:00:03,000 --> 00:00:04,000\nMore\n",
    "stray text\n1\n00:00:01,000 --> 00:00:02,000\nHello\n",
    "stray text\n00:00:01,000 --> 00:00:02,000\nHello\n",
    "1\n\n00:00:01,000 --> 00:00:02,000\nHello\n",
    "1\n00:00:01,000 --> 00:00:02,000 X1:40 X2:600\nHello\n",
    "1\n00:00:01,5 --> 00:00:02,000\nHello\n",
    "1\n00:00:01,000 -> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n",
    "1\n00:00:01,000 --> 00:00:02,000\n12\n00:00:03,000 --> 00:00:04,000\n",
    "\ufeff1\n00:00:01,000 --> 00:00:02,000\nHello\n",
    " 7 \n 00:00:01.000 --> 00:00:02.000 \nHello\n",
    "1\n00:00:01,000 --> 00:00:02,000\n",
    "1\n",
    "1\n00:00:01,000 --> 00:00:02,000\nA\n\u3000\nB\n\n2\n00:00:01,000 --> 00:00:02,000\n\n",
    "0:0:1,500 --> 0:0:2,000\nHi\n\n00:00:03,000 00:00:04,000\nHo\n",
    "1\n00:00:01,000 --> 00:00:02,000\nx\n3\n4\n00:00:03,000 --> 00:00:04,000\ny\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_read_as_the_plain_loop_reads_them(text, monkeypatch):
    fast, plain = _both(without_final_terminator(split_lines(text)), monkeypatch)
    assert fast == plain


@pytest.mark.skipif(len(REAL) < 20, reason="shared corpus not present")
def test_real_files_read_as_the_plain_loop_reads_them(monkeypatch):
    for lines in REAL:
        fast, plain = _both(lines, monkeypatch)
        assert fast == plain


@pytest.mark.skipif(len(REAL) < 20, reason="shared corpus not present")
def test_damaged_real_files_read_as_the_plain_loop_reads_them(monkeypatch):
    """Lines dropped, doubled, blanked or swapped: blocks without blank lines, numbers without
    timing lines, timing lines inside text."""
    rng = random.Random(20261203)
    for lines in REAL[::2]:
        for _ in range(3):
            damaged = list(lines[:400])
            for _ in range(max(1, len(damaged) // 12)):
                k = rng.randrange(len(damaged)) if damaged else 0
                action = rng.randrange(4)
                if action == 0 and damaged:
                    del damaged[k]
                elif action == 1 and damaged:
                    damaged.insert(k, damaged[k])
                elif action == 2 and damaged:
                    damaged[k] = ""
                elif damaged and k + 1 < len(damaged):
                    damaged[k], damaged[k + 1] = damaged[k + 1], damaged[k]
            fast, plain = _both(damaged, monkeypatch)
            assert fast == plain


LINE_ENDS = ["", "a", "a\n", "a\r\nb\r\n", "a\rb", "a\r\nb\nc", "a\r\r\nb", "\r\n\r\n", "a\n\rb",
             "x\r\ny\r", "\ry\r\n", "a\u2028b\x85c\r\nd\r\n", "a\x0bb\n\x0cc"]


def test_split_lines_equals_the_regular_expression():
    import re

    newline = re.compile(r"\r\n|\r|\n")
    texts = LINE_ENDS + ["\n".join(lines) for lines in REAL]
    texts += ["\r\n".join(lines) for lines in REAL[::3]]
    texts += ["\r\n".join(lines) + "\n" for lines in REAL[::5]]
    for text in texts:
        assert split_lines(text) == newline.split(text), text[:40]
