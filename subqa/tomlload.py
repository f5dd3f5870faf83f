"""TOML loading for Python 3.10 (tomli) and 3.11+ (tomllib).

Every run reads the profile and the language tables of rules/. Parsed tables of those shipped
files are kept in the subqa cache (:func:`subqa.cache.memo`), so a run parses one, and imports
the TOML parser at all, only when the file is new or has changed. Any other file (a user's
configuration or profile) is parsed every time and never stored.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import cache
from .resources import rules_dir


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


def _parse_file(path: str) -> dict:
    with open(path, "rb") as fh:
        data = fh.read()
    return parse_toml(data)


def shipped_name(path: str) -> str | None:
    """The cache name of a TOML file shipped with subqa (``rules/lang/letters.toml`` ->
    ``toml-lang-letters``), None for any other file."""
    shipped = str(rules_dir().resolve())
    if os.path.commonpath([shipped, path]) != shipped:
        return None
    relative = Path(path).relative_to(shipped).with_suffix("")
    return "toml-" + "-".join(relative.parts)


def load_toml(path) -> dict:
    """The table in the TOML file ``path`` (OSError when it cannot be read; TOMLDecodeError
    when it is not TOML; UnicodeDecodeError, a ValueError, when it is not UTF-8)."""
    path = os.path.realpath(os.fspath(path))
    name = shipped_name(path)
    if name is None:
        return _parse_file(path)
    return cache.memo(name, [path, __file__], lambda: _parse_file(path))
