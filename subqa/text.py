"""What the rules share about text: grapheme clusters, platform character counts with CJK
half-width weighting, the word tokeniser (with its apostrophes and named variants), and the
script classifier (with its named variants)."""
from __future__ import annotations

import functools
import re
import unicodedata

from .lazyregex import LATIN_LETTER, LATIN_LETTERS, lazy

_GRAPHEME = lazy(r"\X")
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


def cluster_count(text: str) -> int:
    """``len(graphemes(text))``."""
    return len(graphemes(text))


def graphemes(text: str) -> list[str]:
    """Extended grapheme clusters: what a viewer sees as one character (the ``regex`` module's
    ``\\X``, needed only for a line with a character that may cluster)."""
    if not may_cluster(text):
        return list(text)
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
    return _count_clusters(line, half_width_weight)


# each non-ASCII line is counted by several rules (line length, reading speed, the lines of a
# cue that would fit on one): remembered (saves 5-7 ms on a 1,500-cue Arabic, Persian or Japanese
# film, see docs/speedups.md)
@functools.lru_cache(maxsize=50_000)
def _count_clusters(line: str, half_width_weight: float) -> float:
    if half_width_weight == 1.0:
        return float(cluster_count(line))
    return sum(half_width_weight if _is_half_width(c[0]) else 1.0 for c in graphemes(line))


def count_text(lines, half_width_weight: float = 1.0) -> float:
    """Characters of a whole cue: the sum over its lines (line breaks do not count)."""
    return sum(count_chars(ln, half_width_weight) for ln in lines)


def format_count(value: float) -> str:
    """12.0 -> '12', 12.5 -> '12.5'."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def as_number(value: float) -> int | float:
    """12.0 -> 12 (for reports), 12.5 stays."""
    return int(value) if value == int(value) else value


# ------------------------------------------------------------------------------------- words
#
# The word tokeniser. A word is a run of word characters with single apostrophes inside it
# ("don't", "l’été", "rock'n'roll"; an apostrophe opening or closing a word is a quotation mark).
#
# APOSTROPHES is the set every tokeniser accepts inside a word: ' (U+0027) and ’ (U+2019), the
# two that subtitles write for an apostrophe. Named variants add more where a rule needs them:
#
# - MODIFIER_APOSTROPHES adds ʼ (U+02BC, MODIFIER LETTER APOSTROPHE), a letter of Ukrainian,
#   Belarusian and Uzbek spelling: the rules that read words of any language (X, P) use it.
# - DETECTOR_APOSTROPHES adds ʼ, ʻ (U+02BB: Uzbek oʻ, gʻ), ‘ (U+2018, typed for ’) and the
#   zero-width non-joiner (U+200C, inside Persian words), and lets them repeat: the language
#   detector must see each of those words whole.
# - FOLDED_APOSTROPHES is every character written for an apostrophe (also ` ´ ′ ʹ): glossary
#   matching folds them all to ' before it splits words (subqa.stemming).
#
# (ʼ and ʻ are modifier letters, Unicode category Lm, so every pattern that takes letters takes
# them anywhere in a word; naming them matters where a rule folds or counts apostrophes.)
#
# The word characters differ with what a rule counts: WORD (letters and digits: [^\W_] is
# exactly that in Python's re), LETTER_WORD (letters only), MARKED_WORD (letters and their
# combining marks, with the regex module), MARKED_HYPHENATED_WORD (those, apostrophes anywhere,
# joined by hyphens), MARKED_NUMBER_WORD (letters, marks and digits, also joined by hyphens) and
# DETECTOR_WORD (letters). Glossary matching folds FOLDED_APOSTROPHES to ' and then splits at
# anything but letters, marks and digits (subqa.stemming.Morphology.words).

APOSTROPHES = "'\u2019"
MODIFIER_APOSTROPHES = APOSTROPHES + "\u02bc"
DETECTOR_APOSTROPHES = "\u200c" + APOSTROPHES + "\u02bc\u02bb\u2018"
FOLDED_APOSTROPHES = APOSTROPHES + "\u2018\u02bc\u02bb\u0060\u00b4\u2032\u02b9"

# words of any script, letters and digits (words(); the F-rules' repetitions)
# a character above U+024F: text without one is ASCII, Latin-1 and Latin Extended-A/B only, whose
# letters are all Latin but for ª µ º (checks/partial.py, checks/bilingual_track.py)
BEYOND_LATIN = re.compile(r"[^\x00-\u024f]")
WORD = re.compile(rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*")
# the same without digits
LETTER_WORD = rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*"
# letters with their combining marks (the X-rules: a word of the source kept in the target);
# ``latin``: the same for Python's re, for text subqa.lazyregex.agreed accepts
MARKED_WORD = lazy(rf"[\p{{L}}\p{{M}}]+(?:[{MODIFIER_APOSTROPHES}][\p{{L}}\p{{M}}]+)*",
                   latin=rf"[{LATIN_LETTERS}]+(?:[{MODIFIER_APOSTROPHES}][{LATIN_LETTERS}]+)*")
# letters, marks and apostrophes, joined by hyphens (the words around a number: twenty-one)
MARKED_HYPHENATED_WORD = lazy(rf"[\p{{L}}\p{{M}}{MODIFIER_APOSTROPHES}]+"
                              rf"(?:-[\p{{L}}\p{{M}}{MODIFIER_APOSTROPHES}]+)*",
                              latin=rf"(?:{LATIN_LETTER}|[{MODIFIER_APOSTROPHES}])+"
                                    rf"(?:-(?:{LATIN_LETTER}|[{MODIFIER_APOSTROPHES}])+)*")
# letters, marks and digits, also joined by hyphens (the P-rules' words)
MARKED_NUMBER_WORD = (rf"[\p{{L}}\p{{M}}\p{{Nd}}]+"
                      rf"(?:[{MODIFIER_APOSTROPHES}\-][\p{{L}}\p{{M}}\p{{Nd}}]+)*")
# the language detector's word, one group (what findall returns and re.split keeps)
DETECTOR_WORD = rf"([^\W\d_]+(?:[{DETECTOR_APOSTROPHES}]+[^\W\d_]+)*)"


def words(text: str) -> list[str]:
    """Words of any script: letters, marks and digits, with inner apostrophes."""
    return WORD.findall(text)


# ----------------------------------------------------------------------------------- scripts
#
# The script classifier: script_of, by the blocks of the Unicode Standard (fast, and it places
# the characters subtitles use with the script they are read with: ʻ ʼ with Latin, the prolonged
# sound mark ー with Katakana, 々 with Han). Named variants:
#
# - unicode_script: the Unicode Script property, for the X-rules, which compare the letters of
#   two tracks (ʻ, ー and 々 are Common there, so they count for neither track);
# - name_script: the first word of a character's Unicode name ("LATIN", "CYRILLIC", "CJK"), for
#   the encoding detector, which must tell any two of the scripts of the legacy code pages apart.

# (first code point, last code point, ISO 15924 code); the blocks of the Unicode Standard.
_RANGES = sorted([
    (0x0041, 0x005A, "Latn"), (0x0061, 0x007A, "Latn"), (0x00C0, 0x024F, "Latn"),
    (0x02BB, 0x02BC, "Latn"),            # ʻ ʼ: Uzbek oʻ gʻ and the tutuq belgisi
    (0x1E00, 0x1EFF, "Latn"), (0xFF21, 0xFF3A, "Latn"), (0xFF41, 0xFF5A, "Latn"),
    (0x0370, 0x03FF, "Grek"), (0x1F00, 0x1FFF, "Grek"),
    (0x0400, 0x052F, "Cyrl"), (0x1C80, 0x1C8F, "Cyrl"), (0x2DE0, 0x2DFF, "Cyrl"),
    (0xA640, 0xA69F, "Cyrl"),
    (0x0530, 0x058F, "Armn"), (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
    (0x0900, 0x097F, "Deva"), (0x0980, 0x09FF, "Beng"), (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"), (0x0B80, 0x0BFF, "Taml"), (0x0C00, 0x0C7F, "Telu"),
    (0x0C80, 0x0CFF, "Knda"), (0x0D00, 0x0D7F, "Mlym"), (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Geor"), (0x1800, 0x18AF, "Mong"),
    (0x1100, 0x11FF, "Hang"), (0x3130, 0x318F, "Hang"), (0xAC00, 0xD7AF, "Hang"),
    (0x3040, 0x309F, "Hira"), (0x30A0, 0x30FF, "Kana"), (0x31F0, 0x31FF, "Kana"),
    (0xFF66, 0xFF9F, "Kana"),
    (0x3005, 0x3007, "Hani"), (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"),
    (0xF900, 0xFAFF, "Hani"), (0x20000, 0x2FFFF, "Hani"),
])
_STARTS = [r[0] for r in _RANGES]


@functools.lru_cache(maxsize=None)
def script_of(ch: str) -> str | None:
    """ISO 15924 code of a letter's script, None for anything that is not a letter we know."""
    if not ch.isalpha() or ch == "\u0640":      # tatweel stretches, it is no letter
        return None
    import bisect

    cp = ord(ch)
    i = bisect.bisect_right(_STARTS, cp) - 1
    return _RANGES[i][2] if i >= 0 and cp <= _RANGES[i][1] else None


# the scripts unicode_script knows: ISO 15924 code -> Unicode Script property value
_UNICODE_SCRIPTS = {code: lazy(rf"\p{{Script={name}}}") for code, name in (
    ("Latn", "Latin"), ("Cyrl", "Cyrillic"), ("Arab", "Arabic"), ("Hani", "Han"),
    ("Hira", "Hiragana"), ("Kana", "Katakana"), ("Hang", "Hangul"), ("Grek", "Greek"),
    ("Hebr", "Hebrew"), ("Deva", "Devanagari"), ("Thai", "Thai"), ("Geor", "Georgian"),
    ("Armn", "Armenian"), ("Beng", "Bengali"), ("Taml", "Tamil"))}


@functools.lru_cache(maxsize=4096)
def unicode_script(ch: str) -> str | None:
    """ISO 15924 code of a character's Unicode Script property (among the scripts subtitles
    are written in), else None."""
    for code, pattern in _UNICODE_SCRIPTS.items():
        if pattern.match(ch):
            return code
    return None


def name_script(ch: str) -> str:
    """The first word of the character's Unicode name ("LATIN", "CYRILLIC", "CJK" ...)."""
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "UNNAMED"
