"""Patterns of the ``regex`` module compiled on first use, and read with Python's ``re`` where
the two read a text alike.

``regex`` (Unicode properties, grapheme clusters) costs tens of milliseconds to import; rule
modules are imported on every run, while most of their patterns are needed only for some tracks
(a source track, a script with combining marks). ``lazy(pattern)`` stands in for
``regex.compile(pattern)`` and compiles when first used.

Most subtitles are written in Latin letters, where a Unicode property such as ``\\p{L}`` is a
short list of characters that Python's ``re`` can name, and where ``re`` is about twice as fast
per call and costs no import. ``lazy(pattern, latin=...)`` also takes that pattern written for
``re`` (``LATIN_LETTER`` and the like in place of the properties); ``pattern.on(text)`` is
that one when ``agreed(text)``, else the ``regex`` pattern. Every pattern with a ``latin`` twin
is held against its ``regex`` pattern on real subtitles (tests/test_source_speed_re.py)."""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any


def module():
    import regex

    return regex


class LazyPattern:
    """``regex.compile(pattern, flags)`` on first attribute access (search, finditer, ...);
    ``latin`` (optional) is the same pattern for Python's re on text that ``agreed`` accepts."""

    def __init__(self, pattern: str, flags: int = 0, latin: str | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        self.latin = latin
        self._compiled: Any = None
        self._latin_compiled: re.Pattern | None = None    # re.compile(latin), on first use

    def __getattr__(self, name: str) -> Any:
        # only called for attributes not set in __init__: the pattern's methods
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = module().compile(self.pattern, self.flags)
        return getattr(compiled, name)

    def on(self, text: str) -> Any:
        """The pattern to read ``text`` with: the ``latin`` one (compiled by re) when
        ``agreed(text)``, else this one (or what it compiled, once it has)."""
        if self.latin is None or _disagree().search(text) is not None:    # not agreed(text)
            return self._compiled or self
        return self._latin_compiled or self.choose(True)

    def choose(self, latin: bool) -> Any:
        """The ``latin`` pattern (compiled by re) when ``latin`` (the text to read is
        ``agreed``) and there is one, else this one (or what it compiled, once it has)."""
        if not latin or self.latin is None:
            return self._compiled or self
        if self._latin_compiled is None:
            self._latin_compiled = re.compile(self.latin, self.flags)
        return self._latin_compiled


def lazy(pattern: str, flags: int = 0, latin: str | None = None) -> LazyPattern:
    return LazyPattern(pattern, flags, latin)


# The characters on which Python's re reads \w \d \s \b and case-insensitive letters as the
# regex module does: ASCII, Latin-1, Latin Extended-A and -B and the Latin ligatures ﬀ-ﬆ (the
# letters of the Latin-script languages, ﬁ ﬂ in texts read from images) and the punctuation
# subtitles write (dashes, quotes, …, the narrow no-break space, ♪). Left out: \x1c-\x1f
# (spaces to re only), ² ³ ¹ ¼ ½ ¾ (word characters to re only), İ ı (their case differs) and
# everything else. A text of these characters has no letter outside latin_letters(), no mark and
# no digit but 0-9. (Compiled on first use: most runs never ask.)
@functools.lru_cache(maxsize=1)
def _disagree() -> re.Pattern:
    return re.compile(r"[^\x00-\x1b\x20-\xb1\xb4-\xb8\xba\xbb\xbf-\u012f\u0132-\u024f"
                      r"\u2010-\u2027\u202f\u2030-\u203e\u266a\u266b\ufb00-\ufb06]")


def agreed(text: str) -> bool:
    """Whether every character of ``text`` is one on which re reads the ``latin`` patterns as
    regex reads theirs (``pattern.on(text)`` is then the ``latin`` one)."""
    return _disagree().search(text) is None


def latin_letters(category: str = "L") -> str:
    """The letters of a Unicode general category (``"L"``: every letter, ``"Lu"``, ``"Ll"``)
    below U+0250 and among the ligatures ﬀ-ﬆ (every letter agreed() accepts), for a character
    class of re (a letter needs no escape there)."""
    return "".join(chr(c) for c in (*range(0x250), *range(0xFB00, 0xFB07))
                   if unicodedata.category(chr(c)).startswith(category))


# \p{L} and \p{L}\p{N} for text that agreed() accepts (it has no mark, \p{M}, and no number
# but 0-9): re's word characters but digits and _ (a class of categories, which re compiles
# in a moment; a class naming the letters above U+00FF costs about 1 ms to compile)
LATIN_LETTER = r"[^\W\d_]"
LATIN_LETTER_OR_DIGIT = r"[^\W_]"
# the letters of latin_letters() as ranges, for a class (faster to match, slower to compile)
LATIN_LETTERS = r"A-Za-z\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\u024f\ufb00-\ufb06"
# \p{Lu} and \p{Ll} for that text, for a character class
LATIN_UPPER = latin_letters("Lu")
LATIN_LOWER = latin_letters("Ll")
