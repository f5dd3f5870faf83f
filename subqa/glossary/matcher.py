"""Finding a language's terms in a text: every term compiled to the word forms it may take
(:mod:`subqa.stemming`, :mod:`subqa.glossary.inflection`), looked up through an index of first
words (hash lookups per text word, never a scan over the glossary); Chinese, Japanese and Thai
through an index by first character."""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..stemming import EXACT, Morphology
from ._fastpaths import FastText
from .inflection import MARK
from .model import Term, TermMatch


@dataclass(frozen=True)
class _Heads:
    """Prefixes a text word may begin with: ``begins(word)`` is ``word.startswith(prefixes)``,
    told by one set lookup per prefix length instead of a comparison per prefix (a 5,000-concept
    glossary has some 250 prefixes per first letter)."""

    prefixes: frozenset[str]
    lengths: tuple[int, ...]          # the lengths of the prefixes, shortest first

    @classmethod
    def of(cls, prefixes: Iterable[str]) -> "_Heads":
        prefixes = frozenset(prefixes)
        return cls(prefixes, tuple(sorted({len(p) for p in prefixes})))

    def begins(self, word: str) -> bool:
        prefixes = self.prefixes
        for n in self.lengths:
            if word[:n] in prefixes:
                return True
            if n >= len(word):
                return False          # a longer prefix of the word is the word again
        return False


class _Compiled:
    """One term compiled for matching (a plain class: a dataclass costs import time). The keys
    of the words after the first may be computed when first asked (:attr:`words`)."""

    __slots__ = ("term", "_words", "_later", "size", "chars", "rank", "leads", "gap")

    def __init__(self, term: Term, words: tuple[frozenset[str], ...] = (), chars: str = "",
                 rank: int = 0, gap: frozenset[str] = frozenset(), later: tuple | None = None):
        self.term = term
        self._words = words     # per term word, its keys (word mode); see words
        self._later = later     # (keys of a word, texts of the further words) until asked
        self.size = len(words) + (len(later[1]) if later else 0)   # number of words
        self.chars = chars      # the folded character string (char mode)
        self.rank = rank        # 1 for accepted: wins ties against rejected
        self.gap = gap          # what may stand between its words in the text, besides spaces
        self.leads: tuple | None = None   # per term word, Matcher._lead_prefixes of its keys (lazy)

    @property
    def words(self) -> tuple[frozenset[str], ...]:
        """Per term word, its keys (word mode)."""
        later = self._later
        if later is not None:
            keys_of, texts = later
            self._words += tuple(keys_of(w) for w in texts)
            self._later = None
        return self._words


class Matcher:
    """All terms of one language compiled under that language's morphology."""

    later_keys = True     # keys of a term's further words when first asked, where that is safe

    def __init__(self, terms: Iterable[Term], morph: Morphology):
        self.morph = morph
        self._text = FastText(morph)          # normalisation and word split, the short way
        self._first: dict[str, list[_Compiled]] = {}
        self._prefixes: set[str] = set()      # first letters of every term word form
        # text word -> its forms, remembered
        self._text_keys = functools.lru_cache(maxsize=200_000)(self._word_forms)
        # keys of a term word, computed once per word; where no stemmer reads _prefixes, those
        # of the words after a term's first only when a text reaches the term (most never do)
        keys_of = functools.lru_cache(maxsize=None)(morph.term_keys)
        later_words = self.later_keys and not morph.stemmer_name
        for term in terms:
            rank = 1 if term.accepted else 0
            seen: set[str] = set()
            for variant in morph.term_variants(term.text):   # ZWNJ also as a space (fa, ur)
                norm, _, texts = (*self._text.normalize(variant), None) if morph.chars \
                    else self._text.normalize_words(variant)
                if norm in seen:
                    continue
                seen.add(norm)
                if morph.chars:
                    stream, _ = morph.chars_stream(norm)
                    if stream:
                        self._first.setdefault(stream[0], []).append(
                            _Compiled(term, chars=stream, rank=rank))
                    continue
                # (text, start, end), as words() gives; the regex split where texts says so
                words = self._text.word_spans(norm, split=texts is not None)
                if words:
                    # the term's own punctuation between its words is allowed in the text too
                    own = frozenset(norm[words[0][2]:words[-1][1]]) if len(words) > 1 \
                        else frozenset()
                    later = (keys_of, tuple(w[0] for w in words[1:])) \
                        if later_words and len(words) > 1 else None
                    keys = (keys_of(words[0][0]),) if later else \
                        tuple(keys_of(w[0]) for w in words)
                    self._prefixes.update(k[:morph.min_stem_letters] for ks in keys for k in ks)
                    comp = _Compiled(term, words=keys, rank=rank, gap=morph.name_gap | own,
                                     later=later)
                    for key in keys[0]:
                        self._first.setdefault(key, []).append(comp)
        for bucket in self._first.values():
            bucket.sort(key=lambda c: (-len(c.chars), -c.size))
        # Pre-filter: a text word can open a match only if one of its forms (text_keys) is a
        # first-word key. Those forms are the word itself, its stem (computed only when its first
        # min_stem_letters letters open a term word form, see text_keys), and forms that keep at
        # least its first min_stem_letters letters (suffix allowance, compound heads of at least
        # compound_letters), one fewer where the last kept letter may alternate (Turkish ğ/k).
        # Words passing none of these three cheap tests are never stemmed.
        self._starts: dict[str, bool] = {}
        self._no_start: set[str] = set()          # the words of _starts that cannot open a term
        kept = morph.min_stem_letters - (1 if morph.alternations else 0)
        m = max(1, min(kept, morph.compound_letters or kept))
        self._head_letters = m
        self._heads = {k[:m] for k in self._first if len(k) >= m and MARK not in k[:m]}
        # paradigm keys (stem + MARK + class) whose stem is shorter than m: the word begins with it
        short: dict[str, set[str]] = {}
        for k in self._first:
            stem = k.split(MARK, 1)[0] if MARK in k else None
            if stem is not None and len(stem) < m:
                short.setdefault(stem[:1], set()).add(stem)
        self._short_heads = {letter: tuple(s) for letter, s in short.items()}
        # with clitic prefixes (Arabic) or one-letter stems every word is examined
        self._gated = not morph.prefix_groups and morph.min_stem_letters >= 2
        # Where the stemmer is known to keep all but the last few letters of a word
        # (stemming.STEM_PREFIX), a tighter test: a word can have a form equal to a key only if
        # it is the key or begins with the key less its last letters (those the stemmer or an
        # alternation may change); the stemmer's irregular words are always examined.
        self._lead: _Heads | None = None
        self._irregular: frozenset[str] = frozenset()
        self._may_stem = None
        self._seconds: dict[str, Any] = {}       # start word -> _second_test (tight filter only)
        # the words of ASCII text where one str.translate normalises it to ASCII text
        # (FastText.normalize), which the word pattern splits (FastText.word_texts): find's
        # short way out
        table = self._text.ascii_table
        self._ascii_words = self._text.ascii_words if table and not morph.chars \
            and all(c.isascii() for c in table.values()) else None
        stem_prefix = morph.stem_prefix if self._gated and morph.stemmer_name else None
        if self._gated and morph.inflection is not None and not morph.stemmer_name \
                and not morph.suffix_letters and not morph.compound_letters:
            # every form of a text word is the word itself or a base that begins it (an inflection
            # key: the word less endings, its last letter possibly alternated): the tight filter
            stem_prefix = (0, frozenset())
        if stem_prefix is not None:
            self._slack, self._irregular = stem_prefix
            self._lead = self._lead_prefixes(self._first)
            # text_keys stems a word when its first letters open a term word form, as elsewhere,
            # and always the stemmer's irregular words (skies -> sky)
            prefixes, n, irregular = self._prefixes, morph.min_stem_letters, self._irregular
            self._may_stem = lambda w: w[:n] in prefixes or w in irregular

    def _leads_of(self, comp: _Compiled) -> tuple | None:
        """_lead_prefixes of each word of a term (computed when first needed: most terms of a
        large glossary are never reached), None without the tighter test."""
        leads = comp.leads
        if leads is None and self._lead is not None:
            leads = comp.leads = tuple(self._lead_prefixes(ks) for ks in comp.words)
        return leads

    def _lead_prefixes(self, keys: Iterable[str]) -> _Heads | None:
        """Prefixes: a text word that begins with none of them has no form
        (text_keys) among ``keys`` unless it is one of them. Forms of at least min_stem_letters
        letters are the word's suffix-allowance heads (one letter fewer with alternations) and
        its stem (``_slack`` letters fewer); compound heads keep the whole key; shorter keys
        match only themselves. None (no filter) if a prefix would be empty."""
        morph = self.morph
        n = morph.min_stem_letters
        alternation = 1 if morph.alternations else 0
        heads: set[str] = set()
        for k in keys:
            if MARK in k:                # an inflection key: the text word begins with its stem
                stem = k.split(MARK, 1)[0]
                stem = stem[:len(stem) - alternation]
                if not stem:
                    return None
                heads.add(stem)
                continue
            cut = None
            if len(k) >= n:
                cut = len(k) - max(alternation, self._slack)
            if morph.compound_letters and len(k) >= morph.compound_letters:
                cut = len(k) if cut is None else cut
            if cut is not None:
                if cut < 1:
                    return None
                heads.add(k[:cut])
        return _Heads.of(heads)

    def _may_open(self, word: str) -> bool:
        """The cheap test of :meth:`_can_start`: False when no form of ``word`` can be a
        first-word key (the stemmer is then not run)."""
        if word in self._first:
            return True
        lead = self._lead
        if lead is not None:
            return lead.begins(word) or word in self._irregular
        if word[:self._head_letters] in self._heads:
            return True
        short = self._short_heads.get(word[:1]) if self._short_heads else None
        if short is not None and word.startswith(short):
            return True
        return bool(self.morph.stemmer_name
                    and word[:self.morph.min_stem_letters] in self._prefixes)

    def _can_start(self, word: str) -> bool:
        got = self._starts.get(word)
        if got is None:
            if self._gated and not self._may_open(word):
                got = False
            else:
                first = self._first
                got = any(k in first for k in self._text_keys(word))
            if len(self._starts) > 200_000:
                self._starts.clear()
                self._no_start.clear()
            self._starts[word] = got
            if not got:
                self._no_start.add(word)
        return got

    def _start_positions(self, texts: list[str]) -> list[int]:
        """Indices of the words that may open a term (most cues: none, told by one set test).
        With the tighter pre-filter, a word that opens only terms of two or more words ("a" of
        "A Faraway Shepherd") counts only where the next word passes the test of their second
        words."""
        no = self._no_start
        if no.issuperset(texts):
            return []
        can_start = self._can_start
        starts = [i for i, w in enumerate(texts) if w not in no and can_start(w)]
        if starts and self._lead is not None:
            last = len(texts) - 1
            seconds = self._seconds
            irregular = self._irregular
            kept = []
            for i in starts:
                test = seconds.get(texts[i], False)
                if test is False:
                    test = seconds[texts[i]] = self._second_test(texts[i])
                if test is not None:
                    if i == last:
                        continue                      # no room for a second word
                    nxt = texts[i + 1]
                    exact, lead = test
                    if nxt not in exact and nxt not in irregular and not lead.begins(nxt):
                        continue                      # no term opened by texts[i] goes on here
                kept.append(i)
            starts = kept
        return starts

    def _second_test(self, word: str) -> tuple[frozenset[str], _Heads] | None:
        """For a word that opens terms: None if one of them is a single word or has no filter
        for its second word, else (keys, lead prefixes) of their second words together."""
        seconds: dict[_Compiled, tuple[frozenset[str], _Heads]] = {}
        first = self._first
        for key in self._text_keys(word):
            for comp in first.get(key, ()):
                if comp in seconds:
                    continue
                leads = self._leads_of(comp) if comp.size >= 2 else None
                if leads is None or leads[1] is None:
                    return None
                seconds[comp] = (comp.words[1], leads[1])
        if len(seconds) == 1:                     # one term (most words): its own, not a copy
            return next(iter(seconds.values()))
        exact: set[str] = set()
        lead: set[str] = set()
        for keys, heads in seconds.values():
            exact.update(keys)
            lead.update(heads.prefixes)
        return frozenset(exact), _Heads.of(lead)

    def _word_forms(self, word: str) -> dict[str, int]:
        return self.morph.text_keys(word, self._prefixes, self._may_stem)

    def learn(self, texts: Sequence[str]) -> None:
        """Prepare for finding terms in each of ``texts`` (a track's cues): learn their
        characters at once (:meth:`FastText.learn`). Optional: ``find`` learns them as they
        come; it finds the same either way."""
        if not self.morph.chars:
            self._text.learn(texts)

    def find(self, text: str, *, overlapping: bool = False) -> list[TermMatch]:
        words = self._ascii_words
        if words is not None and text.isascii():
            # ASCII text that one str.translate normalises to ASCII (FastText.normalize), split
            # by the word pattern (FastText.word_texts): as below, the short way
            nfc, norm, origin = text, text.translate(self._text.ascii_table), None
            texts = words(norm)
            starts = self._start_positions(texts)
            if not starts:
                return []                             # no word opens a term
            spans = self._find_words(norm, overlapping, texts, starts)
        else:
            nfc = text if text.isascii() else unicodedata.normalize("NFC", text)
            if self.morph.chars:
                norm, origin = self._text.normalize(nfc)
                if self._first.keys().isdisjoint(norm):   # no character opens a term
                    return []
                spans = self._find_chars(norm, overlapping)
            else:
                norm, origin, texts = self._text.normalize_words(nfc)
                starts = None
                if texts is not None:
                    starts = self._start_positions(texts)
                    if not starts:
                        return []                     # no word opens a term
                spans = self._find_words(norm, overlapping, texts, starts)
        out = []
        for comp, a, b, quality in spans:
            start, end = (origin[a], origin[b - 1] + 1) if origin is not None else (a, b)
            out.append(TermMatch(comp.term, start, end, nfc[start:end], quality))
        return out

    @staticmethod
    def _select(found: list[tuple[_Compiled, int, int, int, int]]):
        """Among matches starting at one place: the longest; among equals the best quality;
        an accepted term beats a rejected one on the same span."""
        if len(found) < 2:
            return found
        best = max((f[4], f[3], f[0].rank) for f in found)
        return [f for f in found if (f[4], f[3], f[0].rank) == best]

    def _find_words(self, norm: str, overlapping: bool, texts: list[str] | None = None,
                    starts: list[int] | None = None):
        """Leftmost-longest (or all) matches; only the words that may open a term (``starts``,
        in order) are tried: at any other word nothing is found and the scan moves on by one."""
        spans = None                                  # (start, end) per word, once a match is found
        if texts is None:
            tokens = self._text.word_spans(norm)
            texts = [t[0] for t in tokens]
            spans = [(a, b) for _, a, b in tokens]
        if starts is None:
            starts = self._start_positions(texts)
        keys: list[dict[str, int] | None] = [None] * len(texts)   # word forms, when needed
        results = []
        n = len(texts)
        first = self._first
        free = 0                                      # first word not inside a chosen match
        for i in starts:
            if i < free:
                continue
            seen: set[_Compiled] = set()
            found = []
            if keys[i] is None:
                keys[i] = self._text_keys(texts[i])
            for key in keys[i]:
                for comp in first.get(key, ()):
                    if comp in seen:
                        continue
                    seen.add(comp)
                    width = comp.size
                    if i + width > n:
                        continue
                    quality = self._quality_at(comp, i, texts, keys)
                    if not quality:
                        continue
                    if spans is None:                 # texts were given: the regex split
                        spans = self._text.regex_spans(norm, texts)
                    if width > 1 and not self._gaps_allowed(comp.gap, norm, spans, i, width):
                        continue                      # a sentence break between its words
                    found.append((comp, spans[i][0], spans[i + width - 1][1], quality, width))
            if overlapping:
                results.extend((c, a, b, q) for c, a, b, q, _ in found)
                continue
            chosen = self._select(found)
            results.extend((c, a, b, q) for c, a, b, q, _ in chosen)
            free = i + (chosen[0][4] if chosen else 1)
        return results

    def _quality_at(self, comp: _Compiled, i: int, texts: list[str],
                    keys: list[dict[str, int] | None]) -> int:
        """The quality of ``comp``'s words at ``texts[i:]`` (the lowest of its words'), 0 where
        one does not match; the word forms computed on the way are kept in ``keys``."""
        words = comp.words
        leads = self._leads_of(comp) if len(words) > 1 else None
        quality = EXACT
        for k, term_keys in enumerate(words):
            w = texts[i + k]
            tk = keys[i + k]
            if tk is None:
                if leads is not None and leads[k] is not None and w not in term_keys \
                        and not leads[k].begins(w) and w not in self._irregular:
                    return 0                          # no form of w is a key of this term word
                tk = keys[i + k] = self._text_keys(w)
            if w in term_keys:
                continue                              # the word itself: EXACT, the best quality
            q = max((tk.get(x, 0) for x in term_keys), default=0)
            if q == 0:
                return 0
            quality = min(quality, q)
        return quality

    @staticmethod
    def _gaps_allowed(gap: frozenset[str], norm: str, spans, i: int, width: int) -> bool:
        """Between the words of a match only white space and ``gap`` (commas, dashes, quotation
        marks, the term's own punctuation: rules/lang/folding.toml name_gap)."""
        for k in range(i, i + width - 1):
            for ch in norm[spans[k][1]:spans[k + 1][0]]:
                if ch not in gap and not ch.isspace():
                    return False
        return True

    def _find_chars(self, norm: str, overlapping: bool):
        stream, where = self.morph.chars_stream(norm)
        results = []
        i = 0
        n = len(stream)
        while i < n:
            found = []
            for comp in self._first.get(stream[i], ()):
                if stream.startswith(comp.chars, i):
                    width = len(comp.chars)
                    found.append((comp, where[i], where[i + width - 1] + 1, EXACT, width))
            if overlapping:
                results.extend((c, a, b, q) for c, a, b, q, _ in found)
                i += 1
                continue
            chosen = self._select(found)
            results.extend((c, a, b, q) for c, a, b, q, _ in chosen)
            i += chosen[0][4] if chosen else 1
        return results
