"""What a text shows: its letters per script and its words (:class:`Evidence`,
:func:`evidence`), and the words worth giving an n-gram model (:func:`model_words`)."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from ..text import DETECTOR_WORD
from . import _fastpaths
from .scripts import _WIDE, _fold_apostrophes, _script

# --------------------------------------------------------------------------------- evidence

# Regular expressions (compiled at import: all of them take about a millisecond)
_PATTERNS = {
    "strip": ("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]", 0),      # Arabic harakat, tatweel
    "presentation": ("[\uFB50-\uFDFF\uFE70-\uFEFF]", 0),
    # the blocks of the "strip" and "presentation" characters (a superset that compiles faster)
    "arabic": ("[\u0640-\u06FF\uFB50-\uFEFF]", 0),
    "url": (r"(?:https?://|www\.)\S+|\S+@\S+|\S+\.(?:com|org|net)\b", re.IGNORECASE),
    "url_hint": (r"://|www|@|\.(?:com|org|net)\b", re.IGNORECASE),
    # a word (its one group, the whole match, is what findall returns and what re.split keeps):
    # letters with inner apostrophes and zero-width non-joiners (subqa.text.DETECTOR_WORD)
    "token": (DETECTOR_WORD, 0),
    "brackets": (r"\[[^\]]*\]|\([^)]*\)|♪", 0),
    # a letter-spaced title (Г О Р Ш Т А К): three or more single letters one space apart
    "spaced": (r"(?<!\w)(?:[^\W\d_] ){2,}[^\W\d_](?!\w)", 0),
}
_COMPILED = {name: re.compile(*spec) for name, spec in _PATTERNS.items()}


def _rx(name: str) -> re.Pattern:
    return _COMPILED[name]


def _blank_urls(text: str) -> str:
    r"""``_rx("url").sub(" ", text)``, with the pattern applied only to the runs of non-space
    characters that hold a match of "url_hint": a match of "url" is made of non-space
    characters (so it lies within one run, and the run's neighbours, spaces or the ends of the
    text, look alike to its ``\b``) and holds a match of "url_hint". (Applied to a whole track,
    the pattern would try its ``\S+`` at every character.)"""
    out = []
    pos = 0
    end = len(text)
    for m in _rx("url_hint").finditer(text):
        start = m.start()
        if start < pos:
            continue                            # in the run just done
        stop = m.end()
        while start > pos and not text[start - 1].isspace():
            start -= 1
        while stop < end and not text[stop].isspace():
            stop += 1
        out.append(text[pos:start])
        out.append(_rx("url").sub(" ", text[start:stop]))
        pos = stop
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def join_spaced(text: str) -> str:
    """``text`` with its letter-spaced words written together (``Г О Р Ш Т А К   3`` ->
    ``ГОРШТАК   3``): the letters of a spaced title are one word, not single-letter words."""
    return _rx("spaced").sub(lambda m: m.group().replace(" ", ""), text)


@dataclass(slots=True, eq=False)
class Evidence:
    """What a text shows: its letters per script, its words (cached and shared: not changed
    once made, but for ``counts`` (lower-case letter -> occurrences), computed on first use
    from ``_low``, the text in lower case)."""

    text: str                             # normalised text the evidence was taken from
    letters: int
    by_script: dict
    tokens: tuple                         # words, as written
    words: frozenset                      # the words folded (lower case, one apostrophe)
    _low: str = field(repr=False)
    _counts: dict | None = field(repr=False)
    ascii: bool = True                    # all ASCII (its letters: a-z, A-Z)

    @property
    def counts(self) -> dict:
        counts = self._counts
        if counts is None:
            low = self._low
            if self.ascii:
                counts = {ch: low.count(ch) for ch in _ASCII_LETTERS.intersection(low)}
            else:
                counts = _count_letters(low)[1]
            self._counts = counts
        return counts

    def letters_within(self, alphabet: frozenset) -> bool:
        """``alphabet.issuperset(self.counts)``: every letter of the text is in ``alphabet``
        (found among the characters outside it, without counting)."""
        if self._counts is not None:
            return alphabet.issuperset(self._counts)
        return all(_script(ch) is None for ch in set(self._low).difference(alphabet))


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _ascii_url_hint(low: str) -> bool:
    """False when the "url_hint" pattern cannot match the text whose lower case is ``low``.
    (Its letters w c o m r g n e t match no other character under IGNORECASE, and no other
    character lower-cases to one of them, so this holds for any text.)"""
    return "@" in low or "://" in low or "www" in low or ".com" in low or ".org" in low \
        or ".net" in low


@dataclass(frozen=True, slots=True, eq=False)
class _Letters:
    """The letters of a (long) text, as :func:`evidence` counts them, without its words."""

    by_script: dict
    counts: dict


@functools.lru_cache(maxsize=8)
def _letters_of(text: str) -> _Letters:
    """``evidence(text).by_script`` and ``.counts``, found without the words (for whole tracks:
    letters_doubt, alphabet_conflict, track_scripts)."""
    if text.isascii():
        low = text.lower()
        if _ascii_url_hint(low) and _rx("url_hint").search(text):
            text = _blank_urls(text)
            low = text.lower()
        counts = {ch: low.count(ch) for ch in _ASCII_LETTERS.intersection(low)}
        letters = sum(counts.values())
        return _Letters({"Latn": letters} if letters else {}, counts)
    text = _normalize(text)
    low = text.lower()
    by_script, counts, _letters = _count_letters(low)
    return _Letters(by_script, counts)


def _normalize(text: str) -> str:
    """A non-ASCII text as evidence reads it: Arabic presentation forms decomposed, NFC,
    without harakat and tatweel, URLs and e-mail addresses blanked."""
    text = _normalize_letters(text)
    if _ascii_url_hint(text.lower()) and _rx("url_hint").search(text):
        text = _blank_urls(text)
    return text


def _normalize_letters(text: str) -> str:
    """_normalize without the URLs."""
    if unicodedata.is_normalized("NFC", text) and not _rx("arabic").search(text):
        return text                         # (the steps below would leave it as it is)
    if _rx("presentation").search(text):
        # Arabic presentation forms (legacy encodings and some editors write the shaped
        # glyphs): compatibility-decompose them to the letters they show
        text = unicodedata.normalize("NFKC", text)
    elif not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _rx("strip").sub("", text)


def _count_letters(low: str) -> tuple[dict, dict, int]:
    """(letters per script, occurrences per letter, letters) of a lower-cased text."""
    by_script: dict[str, int] = {}
    counts: dict[str, int] = {}
    letters = 0
    for ch in set(low):
        sc = _script(ch)
        if sc is not None:
            k = low.count(ch)
            by_script[sc] = by_script.get(sc, 0) + k
            counts[ch] = k
            letters += k
    return by_script, counts, letters


@functools.lru_cache(maxsize=8192)
def evidence(text: str) -> Evidence:
    """What ``text`` shows (an ASCII or plain-Latin text through :mod:`._fastpaths`); kept for
    the texts of cues, which recur."""
    return text_evidence(text)


def text_evidence(text: str) -> Evidence:
    """:func:`evidence`, not kept: for a text seen once, such as a whole track's (kept, 8,192
    of them would hold the text of as many films in a catalogue run)."""
    fast = _fastpaths.evidence(text)
    return fast if fast is not None else _evidence(text)


def _evidence(text: str) -> Evidence:
    text = _normalize_letters(text)
    low = text.lower()
    if _ascii_url_hint(low) and _rx("url_hint").search(text):
        text = _blank_urls(text)
        low = text.lower()
    by_script, counts, letters = _count_letters(low)
    tokens = tuple(_rx("token").findall(text))
    # lower-cased and apostrophes folded as _fold_word does, word by word (tokens hold no space)
    words = frozenset(_fold_apostrophes(" ".join(tokens).lower()).split())
    return Evidence(text, letters, by_script, tokens, words, low, counts, ascii=False)


_SENTENCE_BREAKS = frozenset(".!?…:;-–—\"«»¿¡")


@functools.lru_cache(maxsize=50_000)
def _token_facts(tok: str) -> tuple:
    """What model_words asks of a token: (None for an ASCII token else the scripts of its
    letters, with None for a letter of no known script; it starts with a capital; a capital
    follows; its lower case; it is written in a script without spaces)."""
    if tok.isascii():
        rest = tok[1:]
        # (in ASCII a capital is a character lower() changes)
        return None, "A" <= tok[0] <= "Z", rest != rest.lower(), tok.lower(), False
    return (frozenset(map(_script, filter(str.isalpha, tok))),
            tok[0].isupper(),
            len(tok) > 1 and any(c.isupper() for c in tok[1:]),
            tok.lower(),
            _script(tok[0]) in _WIDE)


def model_words(text: str, scripts: Iterable[str], dedupe: bool = True,
                names: bool = True) -> list[str]:
    """The words of ``text`` worth giving an n-gram model: written in ``scripts``, with names
    (a capital inside a sentence), acronyms and brand names (``NASA``, ``iPhone``) left out.
    A cue written all in capitals is read in lower case. With ``names=False`` (a whole track,
    where names are few) a capitalised word that opens a sentence is kept ("Merci !")."""
    scripts = frozenset(scripts)
    latin = "Latn" in scripts
    if text.isascii():
        # ASCII: its cased characters are its letters
        if text.isupper():
            text = text.lower()
        # words and the text between them: gap, word, gap, word ... (ASCII words hold no
        # character that strip would remove)
        parts = _fastpaths.ASCII_TOKEN.split(text)
        tokens = [(parts[i], i == 1 or not _SENTENCE_BREAKS.isdisjoint(parts[i - 1]))
                  for i in range(1, len(parts), 2)]
    else:
        if not any(map(str.islower, filter(str.isalpha, text))) and \
                any(map(str.isupper, filter(str.isalpha, text))):
            text = text.lower()                     # no lower-case letter, an upper-case one
        parts = _rx("token").split(text)
        tokens = []
        for i in range(1, len(parts), 2):
            tok = parts[i].strip("'’ʼʻ‘\u200c")
            if tok:
                # a word opens a sentence when it is the first or punctuation precedes it
                tokens.append((tok, i == 1 or not _SENTENCE_BREAKS.isdisjoint(parts[i - 1])))
    out: list[str] = []
    seen: set = set()
    facts = _token_facts
    last = len(tokens) - 1
    for i, (tok, initial) in enumerate(tokens):
        tok_scripts, capital, inner_capital, low, wide = facts(tok)
        if (not latin) if tok_scripts is None else not tok_scripts <= scripts:
            continue                            # (an ASCII word is all Latin letters)
        if capital:
            # a capital inside a sentence is a name; so is a capitalised first word unless
            # the sentence goes on in lower case ("Open the door", not "Marta Rodríguez")
            nxt = tokens[i + 1][0] if i < last else ""
            if not initial or (names and (not nxt[:1].islower() or tokens[i + 1][1])):
                continue
        if inner_capital:
            continue
        if dedupe:
            if low in seen:         # "no, no, no" is one word of evidence
                continue
            seen.add(low)
        if wide:
            # no spaces between words: three characters stand for a word
            out.extend(tok[k:k + 3] for k in range(0, len(tok), 3))
        else:
            out.append(tok)
    return out
