"""The pre-commit hook's `files:` pattern covers exactly the extensions subqa reads: the reader
registry's (subqa.formats.READERS), in its order."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from subqa.formats import READERS, SUBTITLE_EXTENSIONS

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"


def files_line() -> str:
    return next(ln.strip() for ln in HOOKS.read_text(encoding="utf-8").splitlines()
                if ln.strip().startswith("files:"))


def files_pattern() -> re.Pattern:
    return re.compile(files_line().split(":", 1)[1].strip().strip("'\""))


def expected_line() -> str:
    """The `files:` line the registry asks for."""
    names = "|".join(ext.lstrip(".") for r in READERS for ext in r.extensions)
    return f"files: '(?i)\\.({names})$'"


def test_the_files_line_is_the_registrys():
    assert files_line() == expected_line(), (
        f"the reader registry changed: put this line in .pre-commit-hooks.yaml:\n"
        f"  {expected_line()}")


def test_every_extension_subqa_reads_is_staged_into_the_hook():
    pattern = files_pattern()
    assert ".webvtt" in SUBTITLE_EXTENSIONS
    for ext in SUBTITLE_EXTENSIONS:
        for name in (f"film{ext}", f"sub/dir/film.en{ext.upper()}"):
            assert pattern.search(name), name


@pytest.mark.parametrize("name", ["film.srt.bak", "notes.txt", "film.vtt.orig", "srt", "a.xsrt"])
def test_other_files_are_not(name):
    assert not files_pattern().search(name)
