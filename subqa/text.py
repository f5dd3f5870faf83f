"""Counting that the rules share: grapheme clusters, platform character counts with CJK
half-width weighting, words, and the script of a character."""
from __future__ import annotations

import functools
import unicodedata

import regex

_GRAPHEME = regex.compile(r"\X")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*")


def graphemes(text: str) -> list[str]:
    """Extended grapheme clusters: what a viewer sees as one character."""
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
    clusters = graphemes(line)
    if half_width_weight == 1.0:
        return float(len(clusters))
    return sum(half_width_weight if _is_half_width(c[0]) else 1.0 for c in clusters)


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
