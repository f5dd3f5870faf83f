"""A safe-fix run over the whole shared corpus (skipped when absent): files with a P001 are left
byte-identical; every rewritten file keeps its cue count, encoding, byte order mark and line
ends; a second run changes nothing."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import subqa
from subqa.formats import SUBTITLE_EXTENSIONS, load_track, parse_bytes, sniff_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SUBQA_CORPUS") or ROOT.parent / "shared" / "corpus")
if not (CORPUS / "MANIFEST.tsv").is_file():
    pytest.skip(f"subtitle corpus not found at {CORPUS}", allow_module_level=True)

_ENDS = re.compile(rb"\r\n|\r|\n")


def _files() -> list[Path]:
    return [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and
            (p.suffix.lower() in SUBTITLE_EXTENSIONS or sniff_file(p))]


def test_safe_fix_run_over_the_corpus(tmp_path):
    files = _files()
    copies = []
    for i, p in enumerate(files):
        dest = tmp_path / f"{i:03d}" / p.name
        dest.parent.mkdir()
        shutil.copyfile(p, dest)
        copies.append(dest)
    run = subqa.fix(copies, use_config=False, jobs=os.cpu_count() or 1)
    fixed = 0
    for o in run.outcomes:
        if o.status == "skipped" and o.reason and o.reason.startswith("P001"):
            assert o.output == o.original, o.path
        if not o.changed:
            continue
        fixed += 1
        before = load_track(o.path)
        after = parse_bytes(o.output, o.path)
        assert len(after.cues) == len(before.cues), o.path
        assert after.encoding == before.encoding, o.path
        assert o.output[:3] == o.original[:3] or not o.original.startswith(b"\xef\xbb\xbf")
        # safe fixes never add or remove a line end, nor change one (UTF-16 aside: its line
        # ends are two bytes wide, compared through the decoded text)
        if not after.encoding.startswith("utf-16"):
            assert _ENDS.findall(o.output) == _ENDS.findall(o.original), o.path
        assert o.text_before.count("\n") == o.text_after.count("\n")
        Path(o.path).write_bytes(o.output)
    assert fixed >= 10
    again = subqa.fix([Path(o.path) for o in run.outcomes if o.changed], use_config=False)
    assert [o.path for o in again.outcomes if o.changed] == []
