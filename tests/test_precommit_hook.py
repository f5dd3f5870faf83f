"""The pre-commit hook's `files:` pattern covers exactly the extensions subqa reads."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from subqa import formats

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"


def files_pattern() -> re.Pattern:
    line = next(ln for ln in HOOKS.read_text(encoding="utf-8").splitlines()
                if ln.strip().startswith("files:"))
    return re.compile(line.split(":", 1)[1].strip().strip("'\""))


def test_every_extension_subqa_reads_is_staged_into_the_hook():
    pattern = files_pattern()
    extensions = sorted(formats._EXTENSIONS)
    assert ".webvtt" in extensions
    for ext in extensions:
        for name in (f"film{ext}", f"sub/dir/film.en{ext.upper()}"):
            assert pattern.search(name), name


@pytest.mark.parametrize("name", ["film.srt.bak", "notes.txt", "film.vtt.orig", "srt", "a.xsrt"])
def test_other_files_are_not(name):
    assert not files_pattern().search(name)


def test_the_pattern_names_no_extension_subqa_does_not_read():
    listed = files_pattern().pattern.split("(", 2)[2].split(")")[0].split("|")
    assert sorted("." + e for e in listed) == sorted(formats._EXTENSIONS)
