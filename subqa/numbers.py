"""Numbers in subtitle text: digits of any script, separators of any convention, number words.

``extract(text)`` finds numbers written with digits (and fractions: ``1/2``, ``½``): ASCII,
Arabic-Indic (٠-٩), Persian (۰-۹), full-width (０-９) and any other Unicode decimal digits;
thousands separators ``,`` ``.`` ``'`` space, no-break and thin spaces and the Arabic ``٬``;
decimal separators ``.`` ``,`` and the Arabic ``٫``; a following percent sign (``%`` ``٪``
``％``) is noted. Where the convention is ambiguous (``1,500`` is 1500 in English and 1.5 in
Russian) a number carries both values, and two numbers match when their value sets intersect.

``word_values(text, language)`` gives the values that number *words* in the text can express
(``three`` 3, ``двадцать пять`` 20/5/25, ``三十五`` 35), from ``rules/lang/numerals.toml``.

``compare(source_text, target_text, ...)`` is the check behind X002: the digit numbers of each
side not found on the other side and not expressed there in words.
"""
from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterable

from . import langtags
from .lazyregex import LATIN_LETTER, agreed, lazy, module
from .resources import rules_dir
from .text import MARKED_HYPHENATED_WORD
from .tomlload import load_toml

_SPACES = "\u0020\u00a0\u202f\u2009"
_SEPS = ".,'\u2019\u066b\u066c\uff0c" + _SPACES
# The patterns with \d, \s or Unicode properties read a text that subqa.lazyregex.agreed
# accepts with Python's re (their ``latin`` twins: the same pattern, the properties named by
# their Latin characters), any other text with the regex module.
_TOKEN = r"\d+(?:[" + re.escape(_SEPS) + r"]\d+)*(?:\s?[%\u066a\uff05])?"
_VULGAR = "\u00bc-\u00be\u2150-\u215e"   # ¼ ½ ¾ ⅐ … ⅞
_ANY_PATTERN = (r"(?P<frac>(?<![\d/.,])\d{1,2}/\d{1,2}(?![\d/]))"
                r"|(?P<num>" + _TOKEN + r")(?P<tail>[" + _VULGAR + r"])?"
                r"|(?P<vulgar>[" + _VULGAR + r"])")
_ANY = lazy(_ANY_PATTERN, latin=_ANY_PATTERN)
# what every match of _ANY holds: a digit (as _ANY's \d understands it) or a vulgar fraction
# (in agreed text, where \d is [0-9] and ¼ ½ ¾ are not found, _ASCII_DIGIT)
_MAY_HOLD = lazy(r"[\d" + _VULGAR + r"]")
_ASCII_DIGIT = re.compile("[0-9]")
# a superset of _MAY_HOLD that Python's re reads without the regex module: its digits (\d,
# Unicode 14 for Python 3.11), the vulgar fractions, and every character beyond U+FFFF, where
# the digits of newer scripts lie that only the regex module knows (Garay, Kirat Rai ...)
_MAY_HOLD_ANY = re.compile("[\\d" + _VULGAR + "\U00010000-\U0010ffff]")
_PERCENT = "%\u066a\uff05"
_SEP = re.compile(r"[" + re.escape(_SEPS) + r"]")     # its characters only: re reads it alike
_WORD = MARKED_HYPHENATED_WORD


@dataclass(frozen=True)
class Number:
    raw: str                        # as written
    values: frozenset[Decimal]      # every value the writing can mean
    groups: tuple[int, ...]         # the digit groups as integers (``2.30`` -> (2, 30))
    percent: bool = False
    glued: bool = False             # written right after a letter: part of a name (HTML5, MP3)
    clock: bool = False             # an hour of the clock (5 pm, 17:30, 17 Uhr): 5 and 17 agree

    def matches(self, other: "Number") -> bool:
        return bool(self.values & other.values)


def _ascii_digits(token: str) -> str:
    out = []
    for ch in token:
        d = _digit_value(ch) if not ch.isascii() else None
        out.append(str(d) if d is not None else ch)
    return "".join(out)


@functools.lru_cache(maxsize=512)
def _digit_value(ch: str) -> int | None:
    """The value of a decimal digit of any script (None for any other character), including
    the digits of scripts newer than Python's Unicode database that the regex module reads as
    digits (Garay, Kirat Rai, Unicode 16): decimal digits are encoded in runs of ten from 0
    (a Unicode stability policy), so such a digit's value is its place in its run of digits."""
    if unicodedata.category(ch) == "Nd":
        return unicodedata.digit(ch)
    if ch < "\U00010000" or not module().match(r"\d", ch):
        return None
    first = ord(ch)
    while module().match(r"\d", chr(first - 1)):
        first -= 1
    return (ord(ch) - first) % 10


def _dec(text: str) -> Decimal:
    return Decimal(text).normalize()


def _number(raw: str, int_groups: list[str], value_texts: Iterable[str], percent: bool) -> Number:
    values = set()
    for v in value_texts:
        with contextlib.suppress(InvalidOperation):
            values.add(_dec(v))
    return Number(raw, frozenset(values), tuple(_group(g) for g in int_groups), percent)


def _group(digits: str) -> int:
    """A digit group as a number; a group too long for int() (4,300 digits) as a Decimal."""
    return int(digits) if len(digits) < 4000 else Decimal(digits)


def _parse_token(raw: str) -> list[Number]:
    percent = raw[-1] in _PERCENT
    body = _ascii_digits(raw.rstrip(_PERCENT).rstrip())
    groups = _SEP.split(body)
    seps = _SEP.findall(body)
    # 1. split at space-like, apostrophe, Arabic thousands and full-width comma separators
    #    unless they are thousands separators (followed by a group of exactly three digits)
    chunks: list[tuple[list[str], list[str]]] = [([groups[0]], [])]
    for sep, grp in zip(seps, groups[1:], strict=True):
        gs, ss = chunks[-1]
        thousands_like = sep in _SPACES + "'\u2019\u066c\uff0c"
        if thousands_like and not (len(grp) == 3 and len(gs[0]) <= 3 and
                                   all(s in _SPACES + "'\u2019\u066c\uff0c" for s in ss)):
            chunks.append(([grp], []))
            continue
        gs.append(grp)
        ss.append(sep)
    out: list[Number] = []
    for gs, ss in chunks:
        pct = percent and (gs, ss) == chunks[-1]
        text = "".join(g + s for g, s in zip(gs, ss + [""], strict=True))
        out.extend(_interpret(text, gs, ss, pct))
    return out


def _interpret(text: str, gs: list[str], ss: list[str], percent: bool) -> list[Number]:
    if not ss:
        return [_number(text, gs, [gs[0]], percent)]
    thousands = set(_SPACES + "'\u2019\u066c\uff0c")
    if "\u066b" in ss:                       # Arabic decimal separator
        k = ss.index("\u066b")
        return [_number(text, gs, ["".join(gs[:k + 1]) + "." + "".join(gs[k + 1:])], percent)]
    kinds = [s for s in dict.fromkeys(ss) if s not in thousands]
    tail3 = all(len(g) == 3 for g in gs[1:])
    if not kinds:                            # only thousands separators
        return [_number(text, gs, ["".join(gs)], percent)]
    if len(kinds) == 2 or (len(kinds) == 1 and any(s in thousands for s in ss)):
        # "1,234.56" / "1.234,56" / "1 234,5": the last separator is the decimal one
        if ss[-1] in thousands:
            return [_number(text, gs, ["".join(gs)], percent)]
        return [_number(text, gs, ["".join(gs[:-1]) + "." + gs[-1]], percent)]
    # one kind of separator, "." or ","
    if len(ss) == 1:
        a, b = gs
        values = [a + "." + b]
        if len(b) == 3 and len(a) <= 3:
            values.append(a + b)              # 1,500 = 1500 (en) or 1.5 (ru)
        return [_number(text, gs, values, percent)]
    if tail3 and len(gs[0]) <= 3:            # 1,000,000 / 1.000.000
        return [_number(text, gs, ["".join(gs)], percent)]
    # 12.05.2020, 1.2.3: separate numbers
    return [_number(g, [g], [g], percent and i == len(gs) - 1) for i, g in enumerate(gs)]


_CLOCK_AFTER_PATTERN = (r":\d|\s?(?:[ap]\.?m\b\.?|[ap]m\b|h\b|uhr\b|heures?\b|hrs?\b|o['’]clock"
                        r"|час|ч\b|点|點|時|시)")
_CLOCK_AFTER = lazy(_CLOCK_AFTER_PATTERN, re.IGNORECASE, latin=_CLOCK_AFTER_PATTERN)
_CLOCK_BEFORE = lazy(r"(?:الساعة|o'clock)\s*$", latin=r"(?:الساعة|o'clock)\s*$")
_GLUE = lazy(r"[\p{L}\p{M}]", latin=LATIN_LETTER)
# (agreed text has none of these)
_NO_SPACES = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")


def _fraction(m) -> Number:
    """``1/2`` or ``½``: the value rounded to 4 places, so that 1/3 and ⅓ agree."""
    if m.group("vulgar"):
        value = unicodedata.numeric(m.group("vulgar"))
        return Number(m.group(0), frozenset({_dec(str(round(value, 4)))}), ())
    a, b = (int(_ascii_digits(x)) for x in m.group("frac").split("/"))
    values = {_dec(str(round(a / b, 4)))} if b else set()
    return Number(m.group(0), frozenset(values), (a, b))


def may_hold_number(text: str) -> bool:
    """False when :func:`extract` finds no number in ``text`` (it has no digit of any script
    and no vulgar fraction); a cheap test before it."""
    return _MAY_HOLD_ANY.search(text) is not None


def extract(text: str) -> list[Number]:
    """The numbers written with digits in ``text``, in order. A number right after a letter of
    a script that separates words with spaces (``HTML5``, ``MP3``, ``R2-D2``) is marked
    ``glued``: it is part of a name rather than a quantity. An hour of the clock is marked
    ``clock``; the ``00`` minutes of a full hour are left out."""
    out: list[Number] = []
    latin = agreed(text)      # read with Python's re (see subqa.lazyregex)
    # no digit, no fraction: nothing for _ANY to find (the only digits of agreed text are 0-9,
    # and the standard library's pattern finds them sooner than the regex module's)
    if not (_ASCII_DIGIT if latin else _MAY_HOLD).search(text):
        return out
    glue, clock_after, clock_before = (p.choose(latin)
                                       for p in (_GLUE, _CLOCK_AFTER, _CLOCK_BEFORE))
    for m in _ANY.choose(latin).finditer(text):
        if m.group("frac") or m.group("vulgar"):
            out.append(_fraction(m))
            continue
        before = text[m.start() - 1] if m.start() else ""
        glued = bool(before and glue.match(before) and
                     (latin or not _NO_SPACES.match(before)))
        if before == ":" and set(m.group(0)) <= {"0", "٠", "۰", "０"}:
            continue                  # the ":00" of a full hour says nothing ("5 pm" / "17:00")
        nums = _parse_token(m.group("num"))
        if m.group("tail"):                # 1½ = 1.5
            tail = Decimal(str(round(unicodedata.numeric(m.group("tail")), 4)))
            last = nums[-1]
            nums[-1] = Number(m.group(0), frozenset(v + tail for v in last.values),
                              last.groups, last.percent)
        clock = bool(clock_after.match(text, m.end()) or clock_before.search(text, 0, m.start()))
        if glued or clock:
            nums = [Number(n.raw, n.values, n.groups, n.percent, glued, clock and k == 0)
                    for k, n in enumerate(nums)]
        out.extend(nums)
    return out


# --- number words -------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _lexicon() -> dict:
    return load_toml(rules_dir() / "lang" / "numerals.toml")


@dataclass(frozen=True)
class _Tables:
    """The number words of one language (or of every language, when it is unknown)."""

    words: dict[str, float]                 # exact words
    stems: list[tuple[str, float]]          # word beginnings, longest first
    prefixes: list[str]                     # clitics stripped before lookup
    parts: dict[str, float | None]          # pieces of one-word compounds (None: a joiner)
    joiners: frozenset[str]                 # words that go on a run: "seven AND A half"
    ten_multiplies: bool                    # "du dek" is 2 x 10 (eo, ko), not 2 + 10
    positional: bool                        # a run of digit words is written digit by digit


def _tables(language: str | None) -> _Tables:
    data = _lexicon()
    words_all: dict[str, dict] = data.get("words", {})
    stems_all: dict[str, dict] = data.get("stems", {})
    parts_all: dict[str, dict] = data.get("parts", {})
    grammar = data.get("grammar", {})
    lang = langtags.primary(language)
    if lang in words_all or lang in stems_all:
        langs = [lang]
    else:                                    # unknown language: every table (only excuses)
        langs = sorted(set(words_all) | set(stems_all))
    words: dict[str, float] = {}
    stems: dict[str, float] = {}
    parts: dict[str, float | None] = {}
    prefixes: list[str] = []
    joiners: set[str] = set()
    for lg in langs:
        own = {k.casefold(): v for k, v in words_all.get(lg, {}).items()}
        words.update(own)
        stems.update({k.casefold(): v for k, v in stems_all.get(lg, {}).items()})
        prefixes.extend(grammar.get("prefixes", {}).get(lg, []))
        joiners.update(w.casefold() for w in grammar.get("joiners", {}).get(lg, []))
        if lg in parts_all:                  # compounds are made of the words and the parts
            parts.update(own)
            for k, v in parts_all[lg].items():
                parts[k.casefold()] = None if v < 0 else v     # -1 marks a joiner ("und")
    single = len(langs) == 1
    return _Tables(words, sorted(stems.items(), key=lambda kv: (-len(kv[0]), kv[0])),
                   sorted(set(prefixes), key=lambda p: (-len(p), p)), parts, frozenset(joiners),
                   single and lang in grammar.get("ten_multiplies", []),
                   single and lang in grammar.get("positional", []))


@functools.lru_cache(maxsize=64)
def _cached_tables(language: str | None) -> _Tables:
    return _tables(language)


_MAX_COMPOUND = 40        # longer words are not split into number parts


def _compound(word: str, parts: dict[str, float | None]) -> list[float] | None:
    """The values of the parts a one-word compound is made of (``zweiundvierzig`` -> 2, 42;
    ``ventidue`` -> 20, 2), fewest parts first; None unless the whole word is at least two
    number parts (joiners such as ``und`` between them)."""
    if not parts or len(word) > _MAX_COMPOUND:
        return None
    n = len(word)
    best: list[list[float | None] | None] = [None] * (n + 1)
    best[0] = []
    lengths = sorted({len(k) for k in parts}, reverse=True)
    for i in range(n):
        if best[i] is None:
            continue
        for size in lengths:
            piece = word[i:i + size]
            if len(piece) == size and piece in parts:
                cand = best[i] + [parts[piece]]
                old = best[i + size]
                if old is None or len(cand) < len(old):
                    best[i + size] = cand
    found = best[n]
    if found is None:
        return None
    values = [v for v in found if v is not None]
    if len(values) < 2 or found[0] is None or found[-1] is None:
        return None
    return values


def _word_value(word: str, t: _Tables) -> float | list[float] | None:
    """A word's value, or the values of the parts of a compound word, or None."""
    w = word.casefold().replace("\u2019", "'").replace("\u02bc", "'")
    candidates = [w] + [w[len(p):] for p in t.prefixes if w.startswith(p) and len(w) > len(p) + 1]
    for c in candidates:
        if c in t.words:
            return t.words[c]
    for c in candidates:
        for stem, value in t.stems:
            if c.startswith(stem):
                return value
    return _compound(w, t.parts)


def _run_value(run: list[float], t: _Tables) -> float:
    """The number a run of number words says: ``two hundred five`` 205, ``seven ... half``
    7.5, ``dreiundvierzig`` 43; with ``ten_multiplies``, ``du dek`` 20."""
    total, current, last = 0.0, 0.0, None
    for v in run:
        if v >= 1000:
            total += max(current, 1) * v
            current = 0.0
        elif v == 100:
            current = max(current, 1) * v
        elif v == 10 and t.ten_multiplies and last is not None and 0 < last < 10:
            current = current - last + last * 10
        else:
            current += v
        last = v
    return total + current


def _cjk_value(digits: list[float]) -> list[float]:
    """Values of a run of CJK numerals: each digit, the digits read one by one (一九九零 1990)
    and the run read with its units (三十五 35, 两万 20000)."""
    values = list(digits)
    if all(d < 10 and d == int(d) for d in digits) and len(digits) > 1:
        values.append(float("".join(str(int(d)) for d in digits)))
    total, section, number = 0.0, 0.0, 0.0
    for d in digits:
        if d in (10000, 100000000):
            total += (section + number) * d
            section = number = 0.0
        elif d in (10, 100, 1000):
            section += (number or 1) * d
            number = 0.0
        else:
            number = d
    values.append(total + section + number)
    return values


def _cjk_runs(text: str, table: dict[str, float]) -> list[float]:
    """Values of the CJK numerals of ``text``: runs (三十五), decimals (三点五 3.5) and a half
    after a number and one counter or unit (七个半小时 7.5, 一年半 1.5)."""
    values: list[float] = []
    chars = list(text)
    i, last, last_end = 0, None, -9
    while i < len(chars):
        if chars[i] in table and chars[i] != "半":
            j = i
            while j < len(chars) and chars[j] in table and chars[j] != "半":
                j += 1
            run = _cjk_value([table[c] for c in chars[i:j]])
            values.extend(run)
            last, last_end = run[-1], j
            if j + 1 < len(chars) and chars[j] in "点點" and chars[j + 1] in table:
                k = j + 1
                while k < len(chars) and chars[k] in table and table[chars[k]] < 10:
                    k += 1
                decimals = "".join(str(int(table[c])) for c in chars[j + 1:k])
                if decimals:
                    values.append(float(f"{int(last)}.{decimals}"))
                j = k
            i = j
            continue
        if chars[i] == "半":
            values.append(0.5)
            if last is not None and i - last_end == 1:
                values.append(last + 0.5)
        i += 1
    return values


def word_values(text: str, language: str | None = None) -> set[Decimal]:
    """Values that the number words of ``text`` can express: each word's own value and the
    value of each run of consecutive number words (``twenty five`` -> 20, 5, 25), joined by
    the language's joiners (``seven and a half`` -> 7.5, ``treinta y dos`` -> 32), and of
    one-word compounds (``zweiundvierzig`` -> 42, ``ventidue`` -> 22)."""
    t = _cached_tables(language)
    out: set[float] = set()
    run: list[float] = []
    pending = 0                              # joiners seen since the last number word

    def flush() -> None:
        if not run:
            return
        out.add(_run_value(run, t))
        if len(run) > 1 and not t.ten_multiplies:
            out.add(sum(run))
            if t.positional and all(v < 10 and v == int(v) for v in run):
                out.add(float("".join(str(int(v)) for v in run)))
        run.clear()

    for m in _WORD.on(text).finditer(text):
        pieces = m.group(0).split("-")
        k = 0
        while k < len(pieces):
            # the longest hyphenated group that is a word of its own (quatre-vingts = 80)
            size = next((s for s in range(len(pieces) - k, 1, -1)
                         if "-".join(pieces[k:k + s]).casefold() in t.words), 1)
            part = "-".join(pieces[k:k + size])
            k += size
            value = _word_value(part, t) if part else None
            if value is None:
                if run and part.casefold() in t.joiners and pending < 2:
                    pending += 1
                    continue
                pending = 0
                flush()
                continue
            pending = 0
            values = value if isinstance(value, list) else [value]
            if isinstance(value, list):
                out.add(_run_value(values, t))
            out.update(float(v) for v in values)
            run.extend(float(v) for v in values)
    flush()
    out.update(_cjk_runs(text, _cjk_table()))
    result = set()
    for v in out:
        with contextlib.suppress(InvalidOperation):
            result.add(_dec(repr(v) if v != int(v) else str(int(v))))
    return result


@functools.lru_cache(maxsize=1)
def _cjk_table() -> dict[str, float]:
    """The CJK numerals and their values (read, never changed, by _cjk_runs)."""
    return {k: float(v) for k, v in _lexicon().get("cjk", {}).items()}


@functools.lru_cache(maxsize=1)
def dual_languages() -> frozenset[str]:
    return frozenset(_lexicon().get("grammar", {}).get("dual", []))


# --- comparison ---------------------------------------------------------------------------

_ONE = Decimal(1)
_TWO = Decimal(2)


@dataclass
class NumberDiff:
    missing: list[Number] = field(default_factory=list)   # in the source, not in the target
    extra: list[Number] = field(default_factory=list)     # in the target, not in the source

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra)


def _twelve_apart(a: Number, b: Number) -> bool:
    return any(abs(x - y) == 12 and 0 <= x <= 24 and 0 <= y <= 24
               for x in a.values for y in b.values)


def _unmatched(a: list[Number], b: list[Number]) -> tuple[list[Number], list[Number]]:
    left = list(a)
    right = list(b)
    # exact single-valued matches first, then ambiguous ones, so "1,500" does not steal a 1.5
    for pass_ambiguous in (False, True):
        rest = []
        for n in left:
            if (len(n.values) > 1) != pass_ambiguous:
                rest.append(n)
                continue
            k = next((i for i, m in enumerate(right) if n.matches(m)), None)
            if k is None:
                rest.append(n)
            else:
                right.pop(k)
        left = rest
    # an hour on the 12-hour clock on one side, the 24-hour clock on the other: 5 pm / 17:00
    rest = []
    for n in left:
        k = next((i for i, m in enumerate(right) if (n.clock or m.clock) and _twelve_apart(n, m)),
                 None)
        if k is None:
            rest.append(n)
        else:
            right.pop(k)
    left = rest
    # the same numbers written another way: a number whose parts all stand on the other side
    # (24/7 and "7 days, 24 hours"; 2.30 and 2:30; 12.05.2020 and 12/05/2020)
    left_atoms = Counter(a for n in left for a in _atoms(n))
    right_atoms = Counter(a for n in right for a in _atoms(n))
    return ([n for n in left if not _covered(n, right_atoms)],
            [m for m in right if not _covered(m, left_atoms)])


def _atoms(n: Number) -> list:
    """The whole numbers a number is made of: the digit groups of a compound (24/7 -> 24, 7;
    2.30 -> 2, 30), else its own value when that is a whole number."""
    if len(n.groups) > 1:
        return list(n.groups)
    if len(n.values) == 1:
        v = next(iter(n.values))
        if v == v.to_integral_value():
            return [int(v)]
    return []


def _covered(n: Number, atoms: Counter) -> bool:
    mine = Counter(_atoms(n))
    return bool(mine) and all(atoms[a] >= k for a, k in mine.items())


def compare(source_text: str, target_text: str, *, source_language: str | None = None,
            target_language: str | None = None) -> NumberDiff:
    """Digit numbers of the source missing from the target and of the target missing from the
    source, excusing a number the other side expresses in words, numbers glued to a name
    (HTML5), an hour written on the other clock (5 pm / 17:00), the value 1 (articles and
    singular nouns say it) and 2 in a language with a dual."""
    if not may_hold_number(source_text) and not may_hold_number(target_text):
        return NumberDiff()
    src = [n for n in extract(source_text) if n.values and not n.glued]
    tgt = [n for n in extract(target_text) if n.values and not n.glued]
    if not src and not tgt:
        return NumberDiff()
    missing, extra = _unmatched(src, tgt)
    if not missing and not extra:
        return NumberDiff()
    tgt_words = word_values(target_text, target_language) if missing else set()
    src_words = word_values(source_text, source_language) if extra else set()
    tgt_dual = langtags.primary(target_language) in dual_languages()
    src_dual = langtags.primary(source_language) in dual_languages()

    def excused(n: Number, words: set[Decimal], dual: bool) -> bool:
        if n.values & words:
            return True
        if "/" in n.raw and n.groups and Decimal(n.groups[0]) in words:
            return True               # 3/4 and "three quarters"
        if _ONE in n.values and len(n.values) == 1:
            return True
        return dual and _TWO in n.values and len(n.values) == 1

    return NumberDiff(missing=[n for n in missing if not excused(n, tgt_words, tgt_dual)],
                      extra=[n for n in extra if not excused(n, src_words, src_dual)])
