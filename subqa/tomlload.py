"""TOML loading for Python 3.10 (tomli) and 3.11+ (tomllib), through the on-disk cache.

Every run reads the profile and the language facts (rules/lang/*.toml). Parsed tables are kept
in the subqa cache (subqa.cache), keyed by each file's path, size and modification time, so a
run parses a TOML file, and imports the TOML parser at all, only when the file is new or has
changed. A table that marshal cannot store (TOML dates) is simply parsed each time.
"""
from __future__ import annotations

import os

from . import cache

_CACHE_VERSION = 1                   # bump when what load_toml returns changes


class TOMLDecodeError(ValueError):
    """The file is not valid TOML (the parser's message, with its line and column)."""


def _parser():
    try:
        import tomllib as toml
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as toml  # type: ignore[no-redef]
    return toml


def parse_toml(data: bytes | str) -> dict:
    toml = _parser()
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    try:
        return toml.loads(text)
    except toml.TOMLDecodeError as exc:
        raise TOMLDecodeError(str(exc)) from None


def load_toml(path) -> dict:
    """The table in the TOML file ``path`` (OSError when it cannot be read; TOMLDecodeError
    when it is not TOML; UnicodeDecodeError, a ValueError, when it is not UTF-8)."""
    path = os.path.abspath(os.fspath(path))
    key = cache.file_key([path], _CACHE_VERSION)
    got = cache.read("toml", key, slot=path)
    if isinstance(got, dict):
        return got
    with open(path, "rb") as fh:
        data = fh.read()
    table = parse_toml(data)
    cache.write("toml", key, table, slot=path)
    return table
