"""Patterns of the ``regex`` module compiled on first use.

``regex`` (Unicode properties, grapheme clusters) costs tens of milliseconds to import; rule
modules are imported on every run, while most of their patterns are needed only for some tracks
(a source track, a script with combining marks). ``lazy(pattern)`` stands in for
``regex.compile(pattern)`` and compiles when first used."""
from __future__ import annotations

from typing import Any


def module():
    import regex

    return regex


class LazyPattern:
    """``regex.compile(pattern, flags)`` on first attribute access (search, finditer, ...)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        # only called for attributes not set in __init__: the pattern's methods
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = module().compile(self.pattern, self.flags)
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
