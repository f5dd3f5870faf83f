"""The fast paths of glossary matching that pay (measured in docs/speedups.md): a matcher
normalises and splits each cue through :class:`FastText`, which gives exactly what
:meth:`Morphology.normalize <subqa.stemming.Morphology.normalize>` and
:meth:`Morphology.words <subqa.stemming.Morphology.words>` give (they stay the specification;
tests/test_glossary_fastpaths.py compares the two):

- **translate.** Text whose every character folds to exactly one character (all ASCII text in
  most languages, most text of most languages) is normalised by one ``str.translate``, its
  origins the identity;
- **regex split.** Text whose every character the word pattern classifies as
  ``Morphology._is_word_char`` does is split by the pattern.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

from ..stemming import Morphology

# letters and digits (str.isalnum); the Uzbek apostrophe letter where it is one (never first:
# an apostrophe opening a word is a quotation mark)
_WORD_RE = re.compile(r"[^\W_]+")
_WORD_RE_APOSTROPHE = re.compile("[^\\W_\u02bb][^\\W_]*")     # ʻ (Lm) is a word character too
_UZ_APOSTROPHE = "\u02bb"


class FastText:
    """One morphology's normalisation and word split, the short way where it gives the same."""

    def __init__(self, morph: Morphology):
        self.morph = morph
        self._word_re = _WORD_RE_APOSTROPHE if morph.apostrophe_letter else _WORD_RE
        self.ascii_words = self._word_re.findall    # word_texts of normalised ASCII text
        # characters whose fold is exactly one character (a str.translate table) and the others
        self._one_to_one: dict[int, str] = {}
        self._one_to_one_chars: set[str] = set()
        self._not_one_to_one: set[str] = set()
        # the table for ASCII text when every ASCII character folds to one (else empty)
        self.ascii_table = self._translate_table({chr(c) for c in range(128)})
        # characters the word pattern classifies as Morphology._is_word_char does, and not
        self._regex_agrees: set[str] = set()
        self._regex_disagrees: set[str] = set()
        # characters that fold to one character the word pattern classifies as
        # Morphology._is_word_char does: text of these only takes both short ways (normalize_words),
        # told by a search for any other character (a pattern made again when the set grows)
        self._split_chars: set[str] = set()
        self._not_split: re.Pattern[str] | None = None
        # those of them whose fold is not their str.casefold() (Russian ё, stress marks): text
        # without these is normalised by one casefold(), str.translate looking each character of
        # non-ASCII text up in the table one by one (some 30 times slower); a search for them
        # (a pattern made again only when one is learnt, which is rare)
        self._uncased_chars: set[str] = set()
        self._uncased: re.Pattern[str] | None = None

    def normalize(self, text: str) -> tuple[str, Sequence[int]]:
        """``Morphology.normalize(text)``."""
        if text.isascii():
            if self.ascii_table:
                return text.translate(self.ascii_table), range(len(text))
        else:
            text = unicodedata.normalize("NFC", text)
        if self._one_to_one_only(set(text)):
            return text.translate(self._one_to_one), range(len(text))
        return self.morph.normalize(text)

    def normalize_words(self, text: str) -> tuple[str, Sequence[int], list[str] | None]:
        """``normalize(text)`` and ``word_texts`` of the result; for text of characters known to
        take both short ways, told by one search for any other character (``_not_split``)."""
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
            if self._not_split is not None and self._not_split.search(text) is None:
                if self._uncased is None or self._uncased.search(text) is None:
                    norm = text.casefold()
                else:
                    norm = text.translate(self._one_to_one)
                return norm, range(len(text)), self._word_re.findall(norm)
        norm, origin = self.normalize(text)
        texts = self.word_texts(norm)
        if texts is not None and isinstance(origin, range) and not text.isascii():
            # each character folds to one character (a range of origins), each agrees
            self._add_split_chars(set(text) - self._split_chars)
        return norm, origin, texts

    def learn(self, texts: Iterable[str]) -> None:
        """Learn at once the characters of many texts (a track's cues) that take both short
        ways of :meth:`normalize_words`, so that its search patterns are made once, not again
        each time a cue brings a character not seen yet (a Cyrillic film made them some forty
        times). A character takes both ways on its own: it folds to exactly one character and
        the word pattern classifies that one as Morphology._is_word_char does; a text of such
        characters only takes them, which is what normalize_words learns from a whole text."""
        text = "\n".join(texts)
        if text.isascii() or (self._not_split is not None and self._not_split.search(text) is None):
            return      # ASCII text takes its own short way; or every character is known
        chars = set(unicodedata.normalize("NFC", text)) - self._split_chars
        one = self._one_to_one
        self._add_split_chars({c for c in chars if self._one_to_one_only({c})
                               and self._regex_safe(one[ord(c)])})

    def _add_split_chars(self, new: set[str]) -> None:
        """Add characters known to take both short ways; the search patterns made again."""
        if not new:
            return
        self._split_chars |= new
        self._not_split = re.compile(
            "[^" + "".join(re.escape(c) for c in sorted(self._split_chars)) + "]")
        one = self._one_to_one
        uncased = {c for c in new if c.casefold() != one[ord(c)]}
        if uncased:
            self._uncased_chars |= uncased
            self._uncased = re.compile(
                "[" + "".join(re.escape(c) for c in sorted(self._uncased_chars)) + "]")

    def _translate_table(self, chars: set[str]) -> dict[int, str]:
        if not self._one_to_one_only(chars):
            return {}
        return {ord(c): self._one_to_one[ord(c)] for c in chars}

    def _one_to_one_only(self, chars: set[str]) -> bool:
        """Learn the folds of characters not seen yet; True when each of ``chars`` folds to
        exactly one character."""
        if chars <= self._one_to_one_chars:
            return True
        if not chars.isdisjoint(self._not_one_to_one):
            return False
        for ch in chars - self._one_to_one_chars:
            folded = self.morph.folded(ch)
            if len(folded) == 1:
                self._one_to_one[ord(ch)] = folded
                self._one_to_one_chars.add(ch)
            else:
                self._not_one_to_one.add(ch)
        return chars <= self._one_to_one_chars

    def _regex_safe(self, norm: str) -> bool:
        """The word pattern splits ``norm`` exactly as Morphology.words does: it classifies each
        of its characters as Morphology._is_word_char does (letters and digits: yes; combining
        marks and the rare digit-like symbols: checked, and the general split taken where they
        differ)."""
        if norm.isascii():       # ASCII letters and digits: both say word; the rest: both say not
            return True
        chars = set(norm)
        if chars <= self._regex_agrees:
            return True
        if not chars.isdisjoint(self._regex_disagrees):
            return False
        morph = self.morph
        for ch in chars - self._regex_agrees:
            # the apostrophe letter: inside a word for both, opening one for neither
            if (ch == _UZ_APOSTROPHE and morph.apostrophe_letter) or \
                    bool(self._word_re.fullmatch(ch)) == morph._is_word_char(ch):
                self._regex_agrees.add(ch)
            else:
                self._regex_disagrees.add(ch)
        return chars <= self._regex_agrees

    def word_texts(self, norm: str) -> list[str] | None:
        """The texts of Morphology.words (None when the pattern does not apply to ``norm``)."""
        return self._word_re.findall(norm) if self._regex_safe(norm) else None

    @staticmethod
    def regex_spans(norm: str, texts: list[str]) -> list[tuple[int, int]]:
        """(start, end) of each of ``word_spans(norm)`` where ``texts``, ``word_texts(norm)``, is
        not None: each word is the first occurrence of its text after the word before it (what
        lies between two words is no word character, or the apostrophe letter, which never
        opens a word), found by str.find rather than by matching the pattern again."""
        spans = []
        end = 0
        for text in texts:
            start = norm.find(text, end)
            end = start + len(text)
            spans.append((start, end))
        return spans

    def word_spans(self, norm: str, split: bool = False) -> list[tuple[str, int, int]]:
        """``Morphology.word_spans(norm)`` (``split``: word_texts(norm) was not None)."""
        if split or self._regex_safe(norm):
            return [(m.group(), m.start(), m.end()) for m in self._word_re.finditer(norm)]
        return self.morph.word_spans(norm)
