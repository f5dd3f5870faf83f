"""Counting that the rules share: grapheme clusters, platform character counts with CJK
half-width weighting, words, and the script of a character."""
from __future__ import annotations

import functools
import re
import unicodedata

from .lazyregex import lazy

_GRAPHEME = lazy(r"\X")
# Words of any script: letters, marks and digits ([^\W_] is exactly that in Python's re), with
# inner apostrophes.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Characters that can join the character before them into one grapheme cluster (UAX #29
# Extend, SpacingMark, ZWJ, Prepend, Hangul jamo V/T, regional indicators), over-approximated by
# whole ranges: combining marks, the scripts of South and South-East Asia whose vowel signs
# cluster, variation selectors and emoji modifiers. A line with none of them has one cluster per
# code point, so the grapheme segmenter is only needed (and imported) for the others. Nothing
# below U+0300 is in the set, so a line of Latin-1 and Latin Extended letters (French, Turkish,
# Polish ...) is decided by max() without the pattern, which is compiled on first use.
_MAY_CLUSTER_SOURCE = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0600-\u0605\u0610-\u061a"
    "\u064b-\u065f\u0670\u06d6-\u06ed\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3"
    "\u0816-\u082d\u0859-\u085b\u08d3-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u109f"
    "\u1100-\u11ff\u135d-\u135f\u1712-\u1714\u1732-\u1734\u1752\u1753\u1772\u1773"
    "\u1780-\u18af\u1920-\u193b\u1a17-\u1a1b\u1a55-\u1a7f\u1ab0-\u1aff\u1b00-\u1bff"
    "\u1c24-\u1c37\u1cd0-\u1cf9\u1dc0-\u1dff\u200b-\u200f\u20d0-\u20ff\u2cef-\u2cf1"
    "\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099\u309a\ua66f-\ua67d\ua69e\ua69f\ua6f0\ua6f1"
    "\ua802-\ua82c\ua880-\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua9ff\uaa29-\uaa7f"
    "\uaab0-\uaac2\uaaeb-\uaaf6\uabe3-\uabed\ud7b0-\ud7ff\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
    "\uff9e\uff9f\U000101fd\U00010376-\U0001037a\U00010a01-\U00010a3f"
    "\U00011000-\U000111ff\U0001d165-\U0001d1ad\U0001f1e6-\U0001f1ff"
    "\U0001f3fb-\U0001f3ff\U000e0000-\U000e0fff]")
_FIRST_CLUSTERING = "\u0300"


@functools.lru_cache(maxsize=1)
def _may_cluster_pattern() -> re.Pattern:
    return re.compile(_MAY_CLUSTER_SOURCE)


def may_cluster(text: str) -> bool:
    """Whether ``text`` has a character that may join the one before it into a cluster."""
    return max(text, default="") >= _FIRST_CLUSTERING and \
        _may_cluster_pattern().search(text) is not None


# Combining marks that only ever join the character before them (UAX #29 GB9: no break before
# Extend) and take part in no other rule (not Prepend, no Indic conjuncts, no emoji sequences):
# Latin, Greek and Cyrillic diacritics, Hebrew points and Arabic harakat. A line whose clustering
# characters are all of these is counted without the grapheme segmenter (and its import).
_SIMPLE_MARKS_SOURCE = ("\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2"
                        "\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670"
                        "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed")
# Format characters common in subtitles: the zero-width non-joiner of Persian spelling joins
# the character before it like a mark (Extend); the zero-width space and the left-to-right and
# right-to-left marks of Arabic and Hebrew lines are Control, a cluster of their own (GB4, GB5).
_ZWNJ = "\u200c"
_CONTROL_FORMATS = frozenset("\u200b\u200e\u200f")


@functools.lru_cache(maxsize=1)
def _simple_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(one simple mark, a joining character: a simple mark or ZWNJ after a character that is
    not a control format), compiled on first use."""
    return (re.compile(f"[{_SIMPLE_MARKS_SOURCE}]"),
            re.compile(f"(?<=[^\u200b\u200e\u200f])[\u200c{_SIMPLE_MARKS_SOURCE}]"))


_KINDS: dict[str, int] = {}              # character -> _PLAIN, _JOINS, _CONTROL or _OTHER
_PLAIN, _JOINS, _CONTROL, _OTHER = range(4)


def _kind(ch: str) -> int:
    got = _KINDS.get(ch)
    if got is None:
        if ch == _ZWNJ or _simple_patterns()[0].fullmatch(ch):
            got = _JOINS
        elif ch in _CONTROL_FORMATS:
            got = _CONTROL
        elif _may_cluster_pattern().fullmatch(ch) or unicodedata.category(ch) in ("Cc", "Cf"):
            got = _OTHER                     # other clustering characters, controls, formats
        else:
            got = _PLAIN
        _KINDS[ch] = got
    return got


def _simple_kinds(text: str) -> set[int] | None:
    """The kinds of the characters of ``text``, None when one needs the segmenter."""
    kinds = set(map(_kind, set(text)))
    return None if _OTHER in kinds else kinds


def _simple_clusters(text: str) -> list[str] | None:
    """The clusters of ``text`` when its only clustering characters are simple marks and the
    zero-width non-joiner (each joins what precedes it unless that is a control character),
    else None."""
    if _simple_kinds(text) is None:
        return None
    out: list[str] = []
    joinable = False                         # the last character accepts a following mark
    for ch in text:
        kind = _KINDS[ch]
        if joinable and kind == _JOINS:
            out[-1] += ch
            continue
        out.append(ch)
        joinable = kind != _CONTROL
    return out


def cluster_count(text: str) -> int:
    """``len(graphemes(text))``, without building the clusters where _simple_clusters applies:
    the characters less the marks that join the character before them."""
    if not may_cluster(text):
        return len(text)
    kinds = _simple_kinds(text)
    if kinds is None:
        return len(_GRAPHEME.findall(text))
    if _JOINS not in kinds:
        return len(text)
    return len(text) - len(_simple_patterns()[1].findall(text))


def graphemes(text: str) -> list[str]:
    """Extended grapheme clusters: what a viewer sees as one character."""
    if not may_cluster(text):
        return list(text)
    simple = _simple_clusters(text)
    if simple is not None:
        return simple
    return _GRAPHEME.findall(text)


@functools.lru_cache(maxsize=4096)
def _is_half_width(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("Na", "H")


def count_chars(line: str, half_width_weight: float = 1.0) -> float:
    """Characters of one displayed line as the platforms count them: tags are already stripped
    by the caller (Cue.plain_lines), a grapheme cluster counts once, spaces and punctuation count,
    and a half-width character (Latin, digits, ASCII punctuation, space, half-width kana) counts
    ``half_width_weight`` (0.5 in Chinese, Japanese and Korean)."""
    if line.isascii():
        return len(line) * half_width_weight if half_width_weight != 1.0 else float(len(line))
    key = (line, half_width_weight)
    got = _COUNTS.get(key)
    if got is None:
        if half_width_weight == 1.0:
            got = float(cluster_count(line))
        else:
            got = sum(half_width_weight if _is_half_width(c[0]) else 1.0 for c in graphemes(line))
        if len(_COUNTS) > 50_000:
            _COUNTS.clear()
        _COUNTS[key] = got
    return got


# counts of non-ASCII lines: each is counted by several rules (line length, reading speed, the
# lines of a cue that would fit on one)
_COUNTS: dict[tuple[str, float], float] = {}


def count_text(lines, half_width_weight: float = 1.0) -> float:
    """Characters of a whole cue: the sum over its lines (line breaks do not count)."""
    return sum(count_chars(ln, half_width_weight) for ln in lines)


def words(text: str) -> list[str]:
    """Words of any script: letters, marks and digits, with inner apostrophes."""
    return _WORD.findall(text)


def format_count(value: float) -> str:
    """12.0 -> '12', 12.5 -> '12.5'."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def as_number(value: float) -> int | float:
    """12.0 -> 12 (for reports), 12.5 stays."""
    return int(value) if value == int(value) else value
