"""Term bases: loading (TBX 2008 and TBX v3, CSV/TSV), validation, and term matching.

Formats read
------------
* TBX 2008 (``martif/text/body/termEntry/langSet/tig|ntig``) and TBX v3
  (``tbx/text/body/conceptEntry/langSec/termSec``), data categories as attributes
  (``<termNote type="administrativeStatus">``) or as elements (``<basic:administrativeStatus>``).
  Status comes from ``administrativeStatus`` (``preferredTerm-admn-sts``, ``admittedTerm-admn-sts``,
  ``deprecatedTerm-admn-sts``, ``supersededTerm-admn-sts``) or ``normativeAuthorization``
  (``preferredTerm``, ...). A term-level ``<note>`` starting with "unverified" marks a rendering
  nobody has checked. XML is parsed with defusedxml: entity declarations and external
  references are refused, never expanded.
* CSV/TSV with language codes as column headers (one concept per row, several terms in a cell
  separated by ``|``, each optionally followed by flags in brackets: ``OBOR [deprecated]``,
  ``Кашгар [admitted, unverified]``; without a flag the first term of a cell is preferred and
  the others admitted) plus optional ``id``, ``section``/``source``, ``subject``, ``note``
  columns (concept level); or the long form, one term per row, with ``concept, language, term[,
  status, verified, source, note]`` columns, where ``source`` is the term's evidence (where its
  form is attested) and the concept's own fields come from ``section``, ``subject`` and
  ``concept_note`` (the first non-empty value of the concept's rows).

Matching
--------
``Glossary.find(lines, language)`` finds term occurrences in one cue (lines joined, so a term may
span a line break) with the language's :mod:`subqa.stemming` rules. Words are looked up through
an index of every term's first word forms (hash lookups per text word, never a scan over the
glossary); Chinese, Japanese and Thai go through an index by first character. By default the
leftmost-longest non-overlapping matches are returned; ``overlapping=True`` returns every match
(used to ask "does this concept occur at all").
"""
from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import langtags
from .model import UsageError
from .record import Frozen as _Frozen, Record as _Record, _set
from .resources import seeds_dir
from .stemming import EXACT, Morphology, morphology

PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = "preferred", "admitted", "deprecated", "superseded"
ACCEPTED = frozenset({PREFERRED, ADMITTED})
REJECTED = frozenset({DEPRECATED, SUPERSEDED})

_STATUS_WORDS = {
    "preferred": PREFERRED, "standardized": PREFERRED, "legal": PREFERRED, "regulated": PREFERRED,
    "admitted": ADMITTED, "allowed": ADMITTED, "permitted": ADMITTED, "accepted": ADMITTED,
    "deprecated": DEPRECATED, "forbidden": DEPRECATED, "notrecommended": DEPRECATED,
    "donotuse": DEPRECATED, "rejected": DEPRECATED, "prohibited": DEPRECATED,
    "superseded": SUPERSEDED, "obsolete": SUPERSEDED, "outdated": SUPERSEDED,
}
_VERIFY_WORDS = {"unverified": False, "verified": True}
_META_COLUMNS = {
    "id": "id", "concept": "id", "concept_id": "id", "conceptid": "id", "entry": "id",
    "section": "source", "source": "source", "paper_section": "source",
    "subject": "subject", "subjectfield": "subject", "domain": "subject", "category": "subject",
    "note": "note", "notes": "note", "comment": "note", "definition": "note",
}



class Term(_Frozen):
    __slots__ = _fields = ("text", "language", "status", "verified", "concept_id", "status_given",
                           "note", "line", "path", "source")

    def __init__(self, text: str, language: str, status: str = PREFERRED, verified: bool = True,
                 concept_id: str = "", status_given: bool = True, note: str = "",
                 line: int | None = None, path: str = "", source: str = ""):
        _set(self, "text", text)
        _set(self, "language", language)          # normalised BCP 47 tag
        _set(self, "status", status)              # preferred | admitted | deprecated | superseded
        _set(self, "verified", verified)
        _set(self, "concept_id", concept_id)
        _set(self, "status_given", status_given)
        _set(self, "note", note)
        _set(self, "line", line)
        _set(self, "path", path)
        _set(self, "source", source)              # evidence: where this form is attested

    @property
    def accepted(self) -> bool:
        return self.status in ACCEPTED

    @property
    def rejected(self) -> bool:
        return self.status in REJECTED


class Concept(_Record):
    __slots__ = _fields = ("id", "terms", "source", "subject", "note", "line", "path")
    __hash__ = None                                # type: ignore[assignment]  # mutable

    def __init__(self, id: str, terms: list[Term] | None = None, source: str = "",
                 subject: str = "", note: str = "", line: int | None = None, path: str = ""):
        self.id = id
        self.terms: list[Term] = [] if terms is None else terms
        self.source = source          # where it comes from (e.g. the paper section)
        self.subject = subject
        self.note = note
        self.line = line
        self.path = path

    def terms_in(self, language: str | None) -> list[Term]:
        return [t for t in self.terms if language_compatible(t.language, language)]

    def preferred(self, language: str | None) -> Term | None:
        """The term to suggest: preferred (verified first), else admitted, in ``language``."""
        ranked = sorted((t for t in self.terms_in(language) if t.accepted),
                        key=lambda t: (t.status != PREFERRED, not t.verified))
        return ranked[0] if ranked else None

    def label(self) -> str:
        en = self.preferred("en")
        return en.text if en else self.id


class Problem(_Frozen):
    __slots__ = _fields = ("level", "message", "path", "line", "concept")

    def __init__(self, level: str, message: str, path: str = "", line: int | None = None,
                 concept: str | None = None):
        _set(self, "level", level)                # "error" | "warning" | "info"
        _set(self, "message", message)
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "concept", concept)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "path": self.path, "line": self.line,
                "concept": self.concept, "message": self.message}


class TermMatch(_Frozen):
    __slots__ = _fields = ("term", "start", "end", "surface", "quality")

    def __init__(self, term: Term, start: int, end: int, surface: str, quality: int):
        _set(self, "term", term)
        _set(self, "start", start)     # offsets into the cue's text as given (NFC), end exclusive
        _set(self, "end", end)
        _set(self, "surface", surface)
        _set(self, "quality", quality)  # lowest word quality: 3 exact, 2 stem/clitic, 1 suffix


def language_compatible(term_language: str | None, language: str | None) -> bool:
    """A term tagged ``term_language`` applies to text in ``language``: same primary language and
    no conflicting script (``uz-Latn`` terms apply to ``uz`` text, not to ``uz-Cyrl``). Unknown
    text language: every term applies."""
    if language is None:
        return True
    if term_language is None:
        return False
    a, b = term_language.split("-"), language.split("-")
    if a[0].lower() != b[0].lower():
        return False
    sa = next((p for p in a[1:] if len(p) == 4 and p.isalpha()), None)
    sb = next((p for p in b[1:] if len(p) == 4 and p.isalpha()), None)
    return sa is None or sb is None or sa.lower() == sb.lower()


# ------------------------------------------------------------------------------------------
# Matching
# ------------------------------------------------------------------------------------------

class _Compiled:
    """One term compiled for matching (a plain class: a dataclass costs import time)."""

    __slots__ = ("term", "words", "chars", "rank", "leads", "gap")

    def __init__(self, term: Term, words: tuple[frozenset[str], ...] = (), chars: str = "",
                 rank: int = 0, gap: frozenset[str] = frozenset()):
        self.term = term
        self.words = words      # per term word, its keys (word mode)
        self.chars = chars      # the folded character string (char mode)
        self.rank = rank        # 1 for accepted: wins ties against rejected
        self.gap = gap          # what may stand between its words in the text, besides spaces
        self.leads: tuple | None = None   # per term word, Matcher._lead_prefixes of its keys (lazy)


class Matcher:
    """All terms of one language compiled under that language's morphology."""

    def __init__(self, terms: Iterable[Term], morph: Morphology):
        self.morph = morph
        self._first: dict[str, list[_Compiled]] = {}
        self._prefixes: set[str] = set()      # first letters of every term word form
        self._keys: dict[str, dict[str, int]] = {}   # text word -> its forms (cache)
        for term in terms:
            rank = 1 if term.accepted else 0
            seen: set[str] = set()
            for variant in morph.term_variants(term.text):   # ZWNJ also as a space (fa, ur)
                norm, _ = morph.normalize(variant)
                if norm in seen:
                    continue
                seen.add(norm)
                if morph.chars:
                    stream, _ = morph.chars_stream(norm)
                    if stream:
                        self._first.setdefault(stream[0], []).append(_Compiled(term, chars=stream, rank=rank))
                    continue
                words = morph.word_spans(norm)            # (text, start, end), as words() gives
                if words:
                    keys = tuple(morph.term_keys(w[0]) for w in words)
                    self._prefixes.update(k[:morph.min_stem_letters] for ks in keys for k in ks)
                    # the term's own punctuation between its words is allowed in the text too
                    own = frozenset(norm[words[0][2]:words[-1][1]]) if len(words) > 1 else frozenset()
                    comp = _Compiled(term, words=keys, rank=rank, gap=morph.name_gap | own)
                    for key in keys[0]:
                        self._first.setdefault(key, []).append(comp)
        for bucket in self._first.values():
            bucket.sort(key=lambda c: (-len(c.chars), -len(c.words)))
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
        self._heads = {k[:m] for k in self._first if len(k) >= m}
        # with clitic prefixes (Arabic) or one-letter stems every word is examined
        self._gated = not morph.prefix_groups and morph.min_stem_letters >= 2
        # Where the stemmer is known to keep all but the last few letters of a word
        # (stemming.STEM_PREFIX), a tighter test: a word can have a form equal to a key only if
        # it is the key or begins with the key less its last letters (those the stemmer or an
        # alternation may change); the stemmer's irregular words are always examined.
        self._lead: dict[str, tuple[str, ...]] | None = None
        self._irregular: frozenset[str] = frozenset()
        self._may_stem = None
        self._seconds: dict[str, Any] = {}       # start word -> _second_test (tight filter only)
        stem_prefix = morph.stem_prefix if self._gated and morph.stemmer_name else None
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

    def _lead_prefixes(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]] | None:
        """Prefixes by first letter: a text word that begins with none of them has no form
        (text_keys) among ``keys`` unless it is one of them. Forms of at least min_stem_letters
        letters are the word's suffix-allowance heads (one letter fewer with alternations) and
        its stem (``_slack`` letters fewer); compound heads keep the whole key; shorter keys
        match only themselves. None (no filter) if a prefix would be empty."""
        morph = self.morph
        n = morph.min_stem_letters
        alternation = 1 if morph.alternations else 0
        by_letter: dict[str, set[str]] = {}
        for k in keys:
            cut = None
            if len(k) >= n:
                cut = len(k) - max(alternation, self._slack)
            if morph.compound_letters and len(k) >= morph.compound_letters:
                cut = len(k) if cut is None else cut
            if cut is not None:
                if cut < 1:
                    return None
                by_letter.setdefault(k[0], set()).add(k[:cut])
        return {letter: tuple(sorted(p)) for letter, p in by_letter.items()}

    def _may_open(self, word: str) -> bool:
        """The cheap test of :meth:`_can_start`: False when no form of ``word`` can be a
        first-word key (the stemmer is then not run)."""
        if word in self._first:
            return True
        lead = self._lead
        if lead is not None:
            heads = lead.get(word[:1])
            return (heads is not None and word.startswith(heads)) or word in self._irregular
        return word[:self._head_letters] in self._heads \
            or bool(self.morph.stemmer_name and word[:self.morph.min_stem_letters] in self._prefixes)

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
                    if nxt not in exact and nxt not in irregular:
                        heads = lead.get(nxt[:1])
                        if heads is None or not nxt.startswith(heads):
                            continue                  # no term opened by texts[i] goes on here
                kept.append(i)
            starts = kept
        return starts

    def _second_test(self, word: str) -> tuple[frozenset[str], dict[str, tuple[str, ...]]] | None:
        """For a word that opens terms: None if one of them is a single word or has no filter
        for its second word, else (keys, lead prefixes) of their second words together."""
        exact: set[str] = set()
        lead: dict[str, set[str]] = {}
        first = self._first
        for key in self._text_keys(word):
            for comp in first.get(key, ()):
                leads = self._leads_of(comp) if len(comp.words) >= 2 else None
                if leads is None or leads[1] is None:
                    return None
                exact.update(comp.words[1])
                for letter, heads in leads[1].items():
                    lead.setdefault(letter, set()).update(heads)
        return frozenset(exact), {letter: tuple(sorted(h)) for letter, h in lead.items()}

    def _text_keys(self, word: str) -> dict[str, int]:
        got = self._keys.get(word)
        if got is None:
            if len(self._keys) > 200_000:
                self._keys.clear()
            got = self._keys[word] = self.morph.text_keys(word, self._prefixes, self._may_stem)
        return got

    def find(self, text: str, *, overlapping: bool = False) -> list[TermMatch]:
        import unicodedata

        nfc = text if text.isascii() else unicodedata.normalize("NFC", text)
        norm, origin = self.morph.normalize(nfc)
        if self.morph.chars:
            if self._first.keys().isdisjoint(norm):   # no character opens a term
                return []
            spans = self._find_chars(norm, overlapping)
        else:
            texts = self.morph.word_texts(norm)
            starts = None
            if texts is not None:
                starts = self._start_positions(texts)
                if not starts:
                    return []                         # no word opens a term
            spans = self._find_words(norm, overlapping, texts, starts)
        out = []
        for comp, a, b, quality in spans:
            start, end = origin[a], origin[b - 1] + 1
            out.append(TermMatch(comp.term, start, end, nfc[start:end], quality))
        return out

    def find_many(self, texts: Sequence[str]) -> list[list[TermMatch]]:
        """:meth:`find` (leftmost-longest) for each of ``texts``. A text of ASCII characters
        none of whose words opens a term costs a translate, a regex split and the start test
        here (a set test once its words are known), none of find's calls."""
        morph = self.morph
        table = morph._ascii_table
        if table is None:
            table = morph._ascii_table = morph._ascii_folds()
        if morph.chars or not table:
            return [self.find(t) for t in texts]
        word_texts = morph.word_texts
        no = self._no_start
        find = self.find
        out: list[list[TermMatch]] = []
        start_positions = self._start_positions
        for text in texts:
            if text.isascii():
                words = word_texts(text.translate(table))       # = find's normalize + split
                if words is not None and (no.issuperset(words) or not start_positions(words)):
                    out.append([])
                    continue
            out.append(find(text))
        return out

    @staticmethod
    def _select(found: list[tuple[_Compiled, int, int, int, int]]):
        """Among matches starting at one place: the longest; among equals the best quality;
        an accepted term beats a rejected one on the same span."""
        if not found:
            return []
        best = max((f[4], f[3], f[0].rank) for f in found)
        return [f for f in found if (f[4], f[3], f[0].rank) == best]

    def _find_words(self, norm: str, overlapping: bool, texts: list[str] | None = None,
                    starts: list[int] | None = None):
        """Leftmost-longest (or all) matches; only the words that may open a term (``starts``,
        in order) are tried: at any other word nothing is found and the scan moves on by one."""
        tokens = None                                 # (text, start, end), once a match is found
        if texts is None:
            tokens = self.morph.word_spans(norm)
            texts = [t[0] for t in tokens]
        if starts is None:
            starts = self._start_positions(texts)
        keys: list[dict[str, int] | None] = [None] * len(texts)   # word forms, when needed
        results = []
        n = len(texts)
        text_keys = self._text_keys
        free = 0                                      # first word not inside a chosen match
        for i in starts:
            if i < free:
                continue
            seen: set[int] = set()
            found = []
            if keys[i] is None:
                keys[i] = text_keys(texts[i])
            for key in keys[i]:
                for comp in self._first.get(key, ()):
                    if id(comp) in seen:
                        continue
                    seen.add(id(comp))
                    width = len(comp.words)
                    if i + width > n:
                        continue
                    quality = EXACT
                    leads = self._leads_of(comp) if len(comp.words) > 1 else None
                    for k, term_keys in enumerate(comp.words):
                        tk = keys[i + k]
                        if tk is None:
                            w = texts[i + k]
                            if leads is not None and leads[k] is not None and w not in term_keys:
                                heads = leads[k].get(w[:1])
                                if (heads is None or not w.startswith(heads)) and w not in self._irregular:
                                    break             # no form of w is a key of this term word
                            tk = keys[i + k] = text_keys(w)
                        q = max((tk.get(x, 0) for x in term_keys), default=0)
                        if q == 0:
                            break
                        quality = min(quality, q)
                    else:
                        if tokens is None:
                            tokens = self.morph.word_spans(norm)
                        if width > 1 and not self._gaps_allowed(comp.gap, norm, tokens, i, width):
                            continue                  # a sentence break between its words
                        found.append((comp, tokens[i][1], tokens[i + width - 1][2], quality, width))
            if overlapping:
                results.extend((c, a, b, q) for c, a, b, q, _ in found)
                continue
            chosen = self._select(found)
            results.extend((c, a, b, q) for c, a, b, q, _ in chosen)
            free = i + (chosen[0][4] if chosen else 1)
        return results

    @staticmethod
    def _gaps_allowed(gap: frozenset[str], norm: str, tokens, i: int, width: int) -> bool:
        """Between the words of a match only white space and ``gap`` (commas, dashes, quotation
        marks, the term's own punctuation: rules/lang/folding.toml name_gap)."""
        for k in range(i, i + width - 1):
            for ch in norm[tokens[k][2]:tokens[k + 1][1]]:
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


# ------------------------------------------------------------------------------------------
# The glossary
# ------------------------------------------------------------------------------------------

class Glossary:
    def __init__(self, concepts: Sequence[Concept] = (), problems: Sequence[Problem] = (),
                 paths: Sequence[str] = ()):
        self.concepts: list[Concept] = list(concepts)
        self._problems: list[Problem] = list(problems)
        self._unvalidated = False            # load_glossary: validate() on first .problems
        self.paths: list[str] = list(paths)
        self.by_id: dict[str, Concept] = {}
        for c in self.concepts:
            self.by_id.setdefault(c.id, c)
        self._matchers: dict[str, Any] = {}

    @property
    def problems(self) -> list[Problem]:
        """Problems found while reading, then those :func:`validate` finds (computed once, on
        first access, for a glossary from :func:`load_glossary`)."""
        if self._unvalidated:
            self._unvalidated = False
            self._problems.extend(validate(self))
        return self._problems

    @problems.setter
    def problems(self, value: Sequence[Problem]) -> None:
        self._unvalidated = False
        self._problems = list(value)

    def __len__(self) -> int:
        return len(self.concepts)

    def concept(self, concept_id: str) -> Concept | None:
        return self.by_id.get(concept_id)

    def languages(self) -> list[str]:
        return sorted({t.language for c in self.concepts for t in c.terms})

    def terms(self) -> Iterable[Term]:
        for c in self.concepts:
            yield from c.terms

    def covers(self, language: str | None) -> bool:
        """The glossary has at least one term that applies to text in ``language``."""
        if language is None:
            return True
        key = "covers:" + language
        if key not in self._matchers:
            tags = {t.language for t in self.terms()}
            self._matchers[key] = any(language_compatible(tag, language) for tag in tags)
        return self._matchers[key]

    def matchers(self, language: str | None) -> list[Matcher]:
        """Compiled matchers for text in ``language`` (one per glossary language when unknown)."""
        key = language or "*"
        got = self._matchers.get(key)
        if got is None:
            if language is None:
                groups: dict[str, list[Term]] = {}
                group_of: dict[str, str] = {}         # per language tag, computed once
                for t in self.terms():
                    g = group_of.get(t.language)
                    if g is None:
                        g = group_of[t.language] = langtags.primary(t.language) or t.language
                    groups.setdefault(g, []).append(t)
                got = [Matcher(ts, morphology(lang)) for lang, ts in sorted(groups.items())]
            else:
                compatible: dict[str, bool] = {}
                terms = []
                for t in self.terms():
                    ok = compatible.get(t.language)
                    if ok is None:
                        ok = compatible[t.language] = language_compatible(t.language, language)
                    if ok:
                        terms.append(t)
                got = [Matcher(terms, morphology(language))] if terms else []
            self._matchers[key] = got
        return got

    def find_many(self, texts: Sequence[str | Sequence[str]], language: str | None) -> list[list[TermMatch]]:
        """:meth:`find` for each of ``texts`` (e.g. every cue's lines of a track): the same
        results, with less work per text that holds no term."""
        matchers = self._matchers.get(language or "*")
        if matchers is None:
            matchers = self.matchers(language)
        if not matchers:                      # no term in this language
            return [[] for _ in texts]
        if len(matchers) != 1:
            return [self.find(t, language) for t in texts]
        joined = [t if isinstance(t, str) else " ".join(t) for t in texts]
        out = matchers[0].find_many(joined)
        for found in out:
            if len(found) > 1:
                found.sort(key=lambda m: (m.start, -m.end, m.term.concept_id, m.term.text))
        return out

    def find(self, text: str | Sequence[str], language: str | None, *,
             overlapping: bool = False) -> list[TermMatch]:
        """Term occurrences in ``text`` (a string or a cue's lines, joined by a space)."""
        if not isinstance(text, str):
            text = " ".join(text)
        matchers = self._matchers.get(language or "*")
        if matchers is None:
            matchers = self.matchers(language)
        if len(matchers) == 1:
            out = matchers[0].find(text, overlapping=overlapping)
        else:
            out = []
            for matcher in matchers:
                out.extend(matcher.find(text, overlapping=overlapping))
        if len(out) > 1:
            out.sort(key=lambda m: (m.start, -m.end, m.term.concept_id, m.term.text))
        return out


# ------------------------------------------------------------------------------------------
# Loading
# ------------------------------------------------------------------------------------------

_STATUS_NOISE = re.compile(r"[\s_\-]")


@functools.lru_cache(maxsize=256)
def parse_status(value: str | None) -> str | None:
    """``preferredTerm-admn-sts``, ``deprecatedTerm``, ``Deprecated term``, ``forbidden`` ... ->
    preferred | admitted | deprecated | superseded; None for anything else."""
    if value is None:
        return None
    key = _STATUS_NOISE.sub("", value.strip().lower())
    for suffix in ("admnsts", "term"):
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
    return _STATUS_WORDS.get(key)


def _language_names() -> dict[str, str]:
    """English language names from rules/lang/languages.toml ("Russian" -> "ru"), for CSV headers
    that name languages instead of giving codes."""
    return {langtags.language_facts(t).get("name", "").lower(): t for t in langtags.known_languages()
            if langtags.language_facts(t).get("name")}


class _Builder:
    """Collects concepts and problems while a file is read."""

    def __init__(self, path: str):
        self.path = path
        self.concepts: list[Concept] = []
        self.problems: list[Problem] = []

    def problem(self, level: str, message: str, line: int | None, concept: str | None = None) -> None:
        self.problems.append(Problem(level, message, self.path, line, concept))

    def language(self, raw: str | None, line: int | None, concept: str | None) -> str | None:
        if not raw or not raw.strip():
            self.problem("error", "language code missing", line, concept)
            return None
        tag = langtags.normalize(raw)
        if tag is None:
            tag = _language_names().get(raw.strip().lower())
        if tag is None:
            self.problem("error", f"invalid language code {raw!r}", line, concept)
            return None
        if not langtags.language_facts(tag):
            self.problem("warning", f"unknown language code {raw!r}", line, concept)
        return tag


# ---- TBX ---------------------------------------------------------------------------------

_XML_NS = "http://www.w3.org/XML/1998/namespace"


class _Node:
    """An XML element: local name, attributes, line, children, text parts around them."""

    __slots__ = ("tag", "attrs", "line", "children", "parts")

    def __init__(self, tag: str, attrs: dict[str, str], line: int,
                 children: list["_Node"] | None = None, parts: list[str] | None = None):
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children = children if children is not None else []
        self.parts = parts if parts is not None else []

    def text(self) -> str:
        return "".join(self.parts).strip()

    def itertext(self) -> str:
        out = list(self.parts[:1])
        for child in self.children:
            out.append(child.itertext())
        out.extend(self.parts[1:])
        return "".join(out)

    def iter(self, *tags: str):
        for child in self.children:
            if not tags or child.tag in tags:
                yield child
            yield from child.iter(*tags)


def _tree_handler():
    """A SAX handler that builds a small tree of local names with line numbers. The XML machinery
    is imported only when a TBX file is actually parsed (the seed glossary is read from CSV)."""
    from xml.sax.handler import ContentHandler

    class _TreeHandler(ContentHandler):
        """Builds a small tree of local names with line numbers (SAX through defusedxml)."""

        def __init__(self):
            super().__init__()
            self.root: _Node | None = None
            self.stack: list[_Node] = []
            self.locator = None

        def setDocumentLocator(self, locator):
            self.locator = locator

        def startElementNS(self, name, qname, attrs):
            uri, local = name
            values = {}
            for (auri, alocal), value in attrs.items():
                values["xml:lang" if (auri == _XML_NS and alocal == "lang") else alocal] = value
            node = _Node(local, values, self.locator.getLineNumber() if self.locator else 0)
            if self.stack:
                parent = self.stack[-1]
                parent.children.append(node)
                parent.parts.append("")            # text after this child goes to a new part
            else:
                self.root = node
            self.stack.append(node)

        def endElementNS(self, name, qname):
            self.stack.pop()

        def characters(self, content):
            if self.stack:
                node = self.stack[-1]
                if not node.parts:
                    node.parts.append("")
                node.parts[-1] += content

    return _TreeHandler()


def _parse_xml(data: bytes, path: str) -> _Node:
    from defusedxml import DefusedXmlException
    from xml.sax import SAXParseException

    from defusedxml.expatreader import DefusedExpatParser
    from xml.parsers import expat
    from xml.sax.handler import feature_namespaces

    class _Parser(DefusedExpatParser):
        """defusedxml's SAX parser (entity declarations and external entities refused) that
        also never asks for the external DTD subset: TBX 2008 files name
        ``TBXcoreStructV02.dtd`` in their DOCTYPE, which is neither needed nor fetched."""

        def reset(self):
            super().reset()
            self._parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    handler = _tree_handler()
    parser = _Parser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as exc:
        raise UsageError(f"{path}:{exc.getLineNumber()}: not well-formed XML: {exc.getMessage()}") from None
    except DefusedXmlException as exc:
        line = handler.locator.getLineNumber() if handler.locator else "?"
        raise UsageError(f"{path}:{line}: refused unsafe XML ({type(exc).__name__}: "
                         "entity declarations and external references are not allowed)") from None
    if handler.root is None:
        raise UsageError(f"{path}:1: empty XML document")
    return handler.root


def _status_in(node: _Node) -> tuple[str | None, str | None]:
    """(status, raw value) from the data categories directly under a term group."""
    for child in node.iter():
        kind = child.attrs.get("type", "") if child.tag in ("termNote", "admin", "descrip") else child.tag
        if kind in ("administrativeStatus", "normativeAuthorization"):
            raw = child.text()
            return parse_status(raw), raw
    return None, None


def _verified_in(node: _Node) -> bool:
    for child in node.iter("note"):
        if child.text().lower().startswith("unverified"):
            return False
    return True


def _term_admin(node: _Node) -> tuple[str, str]:
    """(source, note) of a term group: ``<admin type="source">`` and the first ``<note>`` that
    is not the unverified flag."""
    source = note = ""
    for child in node.iter("admin", "note"):
        if child.tag == "admin" and child.attrs.get("type") == "source" and not source:
            source = child.text()
        elif child.tag == "note" and not note and child.text().lower() != "unverified":
            note = child.text()
    return source, note


def _load_tbx(data: bytes, path: str) -> _Builder:
    root = _parse_xml(data, path)
    b = _Builder(path)
    if root.tag not in ("martif", "tbx"):
        raise UsageError(f"{path}:{root.line}: not a TBX file (root element <{root.tag}>, "
                         "expected <martif> or <tbx>)")
    default_lang = root.attrs.get("xml:lang")
    n = 0
    for entry in root.iter("termEntry", "conceptEntry"):
        n += 1
        cid = entry.attrs.get("id") or f"{Path(path).stem}-{n}"
        concept = Concept(cid, line=entry.line, path=path)
        for child in entry.children:
            if child.tag in ("langSet", "langSec"):
                continue
            kind = child.attrs.get("type") or child.tag
            if kind == "subjectField":
                concept.subject = child.text()
            elif kind == "source":
                concept.source = child.text()
            elif kind in ("note", "definition") and not concept.note:
                concept.note = child.text()
        for lang_node in entry.iter("langSet", "langSec"):
            raw_lang = lang_node.attrs.get("xml:lang") or lang_node.attrs.get("lang") or default_lang
            lang = b.language(raw_lang, lang_node.line, cid)
            if lang is None:
                continue
            groups = [g for g in lang_node.iter("tig", "ntig", "termSec")]
            if not groups:               # loose <term> elements directly in the language section
                groups = [_Node("tig", {}, t.line, [t]) for t in lang_node.children if t.tag == "term"]
            for group in groups:
                term_nodes = list(group.iter("term"))
                if not term_nodes:
                    b.problem("error", "term group without a <term>", group.line, cid)
                    continue
                text = " ".join(term_nodes[0].itertext().split())
                if not text:
                    b.problem("error", "empty term", term_nodes[0].line, cid)
                    continue
                status, raw = _status_in(group)
                if raw is not None and status is None:
                    b.problem("warning", f"unknown term status {raw!r} (read as admitted)", group.line, cid)
                    status = ADMITTED
                source, note = _term_admin(group)
                concept.terms.append(Term(
                    text=text, language=lang, status=status or PREFERRED, verified=_verified_in(group),
                    concept_id=cid, status_given=raw is not None, note=note, line=term_nodes[0].line,
                    path=path, source=source))
        b.concepts.append(concept)
    if n == 0:
        b.problem("warning", "no termEntry/conceptEntry found", root.line)
    return b


# ---- CSV / TSV ---------------------------------------------------------------------------

_FLAGS = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
# synonyms in one cell: "|" or a new line, and ";" unless ";" separates the columns
_CELL_SPLIT = {",": re.compile(r"\s*[|;\n]\s*"), "\t": re.compile(r"\s*[|;\n]\s*"),
               ";": re.compile(r"\s*[|\n]\s*")}


def _parse_cell_term(raw: str) -> tuple[str, str | None, bool | None, list[str]]:
    """``'OBOR [deprecated, unverified]'`` -> ('OBOR', 'deprecated', False, [])."""
    status = verified = None
    unknown: list[str] = []
    text = raw.strip()
    m = _FLAGS.search(text)
    if m:
        text = text[:m.start()].strip()
        for flag in (f.strip() for f in m.group(1).split(",")):
            if not flag:
                continue
            if parse_status(flag):
                status = parse_status(flag)
            elif flag.lower() in _VERIFY_WORDS:
                verified = _VERIFY_WORDS[flag.lower()]
            else:
                unknown.append(flag)
    return text, status, verified, unknown


def _decode(data: bytes, path: str) -> str:
    for enc in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            err = f"{path}:{line}: not UTF-8 text ({exc.reason}); save the glossary as UTF-8"
    raise UsageError(err)


def _load_csv(data: bytes, path: str) -> _Builder:
    import csv                  # here: a check taking the seed glossary from the cache needs none
    text = _decode(data, path)
    first = text.split("\n", 1)[0]
    if path.lower().endswith((".tsv", ".tab")) or "\t" in first:
        delimiter = "\t"
    elif first.count(";") > first.count(","):
        delimiter = ";"
    else:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    b = _Builder(path)
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError(f"{path}:1: empty glossary file") from None
    except csv.Error as exc:
        raise UsageError(f"{path}:1: {exc}") from None
    names = [h.strip() for h in header]
    lowered = [h.lower() for h in names]
    if "term" in lowered and any(x in lowered for x in ("language", "lang", "locale")):
        return _load_long(reader, names, b)
    columns: list[tuple[int, str, str]] = []      # (index, kind, language or meta)
    for i, name in enumerate(names):
        meta = _META_COLUMNS.get(name.lower().replace(" ", "_"))
        if meta:
            columns.append((i, "meta", meta))
            continue
        if not name:
            continue
        lang = b.language(name, 1, None)
        if lang:
            columns.append((i, "lang", lang))
    if not any(kind == "lang" for _, kind, _ in columns):
        raise UsageError(f"{path}:1: no language columns in the header (expected codes such as "
                         "en, zh-Hans, ru)")
    n = 0
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            n += 1
            values = {meta: row[i].strip() for i, kind, meta in columns if kind == "meta" and i < len(row)}
            cid = values.get("id") or f"{Path(path).stem}-{n}"
            concept = Concept(cid, source=values.get("source", ""), subject=values.get("subject", ""),
                              note=values.get("note", ""), line=line, path=path)
            for i, kind, lang in columns:
                if kind != "lang" or i >= len(row) or not row[i].strip():
                    continue
                parsed = [_parse_cell_term(p) for p in _CELL_SPLIT[delimiter].split(row[i]) if p.strip()]
                explicit_preferred = any(s == PREFERRED for _, s, _, _ in parsed)
                seen_default = False
                for term_text, status, verified, unknown in parsed:
                    for flag in unknown:
                        b.problem("warning", f"unknown flag [{flag}] on {term_text!r}", line, cid)
                    if not term_text:
                        b.problem("error", f"empty term in column {lang}", line, cid)
                        continue
                    given = status is not None
                    if status is None:
                        status = ADMITTED if (explicit_preferred or seen_default) else PREFERRED
                        seen_default = True
                    concept.terms.append(Term(term_text, lang, status, verified is not False, cid,
                                              given, line=line, path=path))
            b.concepts.append(concept)
    except csv.Error as exc:
        raise UsageError(f"{path}:{reader.line_num}: {exc}") from None
    return b


def _load_long(reader, names: list[str], b: _Builder) -> _Builder:
    idx = {n.lower(): i for i, n in enumerate(names)}

    def col(row, *keys):
        for k in keys:
            i = idx.get(k)
            if i is not None and i < len(row):
                return row[i].strip()
        return ""

    concepts: dict[str, Concept] = {}
    for row in reader:
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        cid = col(row, "concept", "concept_id", "id") or f"{Path(b.path).stem}-{line}"
        concept = concepts.get(cid)
        if concept is None:
            concept = concepts[cid] = Concept(cid, line=line, path=b.path)
        # the concept's own fields: the first non-empty value among its rows
        concept.source = concept.source or col(row, "section")
        concept.subject = concept.subject or col(row, "subject")
        concept.note = concept.note or col(row, "concept_note")
        lang = b.language(col(row, "language", "lang", "locale"), line, cid)
        text = col(row, "term")
        if lang is None:
            continue
        if not text:
            b.problem("error", "empty term", line, cid)
            continue
        raw_status = col(row, "status")
        status = parse_status(raw_status) if raw_status else None
        if raw_status and status is None:
            b.problem("warning", f"unknown term status {raw_status!r} (read as admitted)", line, cid)
            status = ADMITTED
        verified = col(row, "verified", "confidence").lower() not in ("unverified", "no", "false", "0")
        concept.terms.append(Term(text, lang, status or PREFERRED, verified, cid, bool(raw_status),
                                  note=col(row, "note"), line=line, path=b.path,
                                  source=col(row, "source")))
    b.concepts.extend(concepts.values())
    return b


# ---- entry points ------------------------------------------------------------------------

def seed_glossary_paths() -> list[str]:
    """The built-in seed glossary: the CSV, its source of truth (``seeds/glossary.tbx`` is generated
    from it and loads to the same glossary, but reading XML costs several times more)."""
    return [str(seeds_dir() / "glossary.csv")]


def _cache_key(path: str) -> tuple | None:
    """What a glossary file's concepts depend on: the file, this module (the readers) and the
    language tags (langtags and its languages.toml)."""
    from . import cache
    from .resources import rules_dir

    return cache.file_key([path, __file__, langtags.__file__, str(rules_dir() / "lang" / "languages.toml")],
                          "glossary")


def _builder_data(b: _Builder) -> tuple:
    return ([(c.id, c.source, c.subject, c.note, c.line, c.path, [t._values() for t in c.terms])
             for c in b.concepts], [p._values() for p in b.problems])


def _builder_from(data: tuple, path: str) -> _Builder:
    concepts, problems = data
    b = _Builder(path)
    b.concepts = [Concept(cid, [Term(*t) for t in terms], source, subject, note, line, cpath)
                  for cid, source, subject, note, line, cpath, terms in concepts]
    b.problems = [Problem(*p) for p in problems]
    return b


def _load_one(path: str) -> _Builder:
    """A glossary file read; the built-in seed glossary from the subqa cache when it (and the
    code reading it) did not change since it was stored. (Other files are read each time: their
    entries would pile up in the cache folder, one per version of the file.)"""
    from . import cache

    if Path(path).parent != seeds_dir():
        return _read_one(path)
    key = _cache_key(path)
    stored = cache.read("glossary", key)
    if stored is not None:
        return _builder_from(stored, path)
    built = _read_one(path)
    cache.write("glossary", key, _builder_data(built))
    return built


def _read_one(path: str) -> _Builder:
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, not a glossary file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read glossary ({exc.strerror or exc})") from None
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    suffix = Path(path).suffix.lower()
    if suffix in (".tbx", ".xml") or head == b"<":
        return _load_tbx(data, path)
    if suffix in (".csv", ".tsv", ".tab", ".txt"):
        return _load_csv(data, path)
    raise UsageError(f"{path}: unknown glossary format (use .tbx, .csv or .tsv)")


def load_glossary(paths: Sequence[str] | None = None) -> Glossary:
    """Load and merge term bases; None or [] loads the built-in seed glossary. A file that cannot
    be read at all raises UsageError naming file and line; content problems are kept in
    ``Glossary.problems`` (see :func:`validate`), which are checked on first access: only
    ``subqa glossary`` shows them, so ``subqa check`` does not pay for the validation."""
    paths = list(paths) if paths else seed_glossary_paths()
    concepts: list[Concept] = []
    problems: list[Problem] = []
    for path in paths:
        built = _load_one(str(path))
        concepts.extend(built.concepts)
        problems.extend(built.problems)
    glossary = Glossary(concepts, problems, [str(p) for p in paths])
    glossary._unvalidated = True
    return glossary


def validate(glossary: Glossary) -> list[Problem]:
    """Problems in the content: duplicate ids, a term both accepted and rejected, languages with
    no preferred term, the same term in several concepts, rejected terms that are another
    concept's accepted term."""
    out: list[Problem] = []
    seen_ids: dict[str, Concept] = {}
    where: dict[tuple[str, str], list[Term]] = {}
    for c in glossary.concepts:
        first = seen_ids.get(c.id)
        if first is not None:
            out.append(Problem("error", f"duplicate concept id {c.id!r} (first at line {first.line})",
                               c.path, c.line, c.id))
        else:
            seen_ids[c.id] = c
        if not c.terms:
            out.append(Problem("warning", "concept has no terms", c.path, c.line, c.id))
        by_lang: dict[str, list[Term]] = {}
        for t in c.terms:
            by_lang.setdefault(t.language, []).append(t)
            if not morphology(t.language).words(morphology(t.language).fold(t.text)):
                out.append(Problem("error", f"term {t.text!r} ({t.language}) has no letters or digits: "
                                   "it can never match", t.path, t.line, c.id))
            key = (langtags.primary(t.language) or t.language, morphology(t.language).fold(t.text).strip())
            where.setdefault(key, []).append(t)
        for lang, terms in sorted(by_lang.items()):
            folded: dict[str, Term] = {}
            for t in terms:
                k = morphology(lang).fold(t.text)
                other = folded.get(k)
                if other is not None:
                    if other.accepted != t.accepted:
                        out.append(Problem("error", f"term {t.text!r} ({lang}) is both {other.status} "
                                           f"and {t.status}", t.path, t.line, c.id))
                    else:
                        out.append(Problem("warning", f"duplicate term {t.text!r} ({lang})",
                                           t.path, t.line, c.id))
                folded.setdefault(k, t)
            if any(t.accepted for t in terms) and not any(t.status == PREFERRED for t in terms):
                out.append(Problem("warning", f"no preferred term in {lang}", c.path, c.line, c.id))
            if not any(t.accepted for t in terms):
                out.append(Problem("warning", f"only deprecated/superseded terms in {lang}: "
                                   "nothing to suggest", c.path, c.line, c.id))
    for (lang, _), terms in sorted(where.items()):
        ids = sorted({t.concept_id for t in terms})
        if len(ids) < 2:
            continue
        rejected = [t for t in terms if t.rejected]
        accepted = [t for t in terms if t.accepted]
        if rejected and accepted:
            t = rejected[0]
            out.append(Problem("error", f"{t.text!r} ({lang}) is deprecated in {t.concept_id!r} but "
                               f"accepted in {accepted[0].concept_id!r}", t.path, t.line, t.concept_id))
        else:
            t = terms[-1]
            out.append(Problem("warning", f"term {t.text!r} ({lang}) belongs to several concepts: "
                               f"{', '.join(ids)}", t.path, t.line, t.concept_id))
    return out


def glossary_summary_dict(glossary: Glossary) -> dict[str, Any]:
    languages: dict[str, int] = {}
    statuses = {PREFERRED: 0, ADMITTED: 0, DEPRECATED: 0, SUPERSEDED: 0}
    unverified = 0
    for t in glossary.terms():
        languages[t.language] = languages.get(t.language, 0) + 1
        statuses[t.status] += 1
        unverified += not t.verified
    evidence: dict[str, dict[str, int]] = {}
    for t in glossary.terms():
        e = evidence.setdefault(t.language, {"verified": 0, "unverified": 0, "no_evidence": 0})
        e["verified" if t.verified else "unverified"] += 1
        e["no_evidence"] += not t.source
    covered: dict[str, int] = {}
    for c in glossary.concepts:
        for lang in {t.language for t in c.terms if t.accepted}:
            covered[lang] = covered.get(lang, 0) + 1
    problems = sorted(glossary.problems, key=lambda p: (p.path, p.line or 0, p.level, p.message))
    return {
        "files": list(glossary.paths),
        "concepts": len(glossary.concepts),
        "terms": sum(languages.values()),
        "languages": dict(sorted(languages.items())),
        "coverage": dict(sorted(covered.items())),   # concepts with an accepted term, per language
        "statuses": statuses,
        "unverified": unverified,
        # per language: terms verified / flagged unverified / without a source (any status)
        "evidence": dict(sorted(evidence.items())),
        "errors": sum(p.level == "error" for p in problems),
        "warnings": sum(p.level == "warning" for p in problems),
        "problems": [p.to_dict() for p in problems],
    }


def glossary_summary(glossary: Glossary) -> str:
    d = glossary_summary_dict(glossary)
    lines = [
        f"files:      {', '.join(d['files'])}",
        f"concepts:   {d['concepts']}",
        f"terms:      {d['terms']} ({d['unverified']} unverified)",
        "languages:  " + ", ".join(f"{k} {v}" for k, v in d["languages"].items()),
        "coverage:   " + ", ".join(f"{k} {v}/{d['concepts']}" for k, v in d["coverage"].items()),
        "statuses:   " + ", ".join(f"{k} {v}" for k, v in d["statuses"].items()),
        "evidence:   verified / unverified / without a source, per language",
        *(f"  {lang:<8} {e['verified']:>4} {e['unverified']:>4} {e['no_evidence']:>4}"
          for lang, e in d["evidence"].items()),
        f"problems:   {d['errors']} error(s), {d['warnings']} warning(s)",
    ]
    for p in d["problems"]:
        loc = f"{p['path']}:{p['line']}" if p["line"] else p["path"]
        concept = f" [{p['concept']}]" if p["concept"] else ""
        lines.append(f"  {loc}: {p['level']}: {p['message']}{concept}")
    return "\n".join(lines)


# ---- writing TBX -------------------------------------------------------------------------

_TBX_STATUS = {PREFERRED: "preferredTerm-admn-sts", ADMITTED: "admittedTerm-admn-sts",
               DEPRECATED: "deprecatedTerm-admn-sts", SUPERSEDED: "supersededTerm-admn-sts"}


def escape(data: str) -> str:
    """XML character data escaped as ``xml.sax.saxutils.escape`` does (``&``, ``<``, ``>``);
    local, because importing saxutils pulls in urllib.request, http.client and ssl."""
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(data: str) -> str:
    """An attribute value escaped and quoted as ``xml.sax.saxutils.quoteattr`` does."""
    data = escape(data).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' in data:
        if "'" in data:
            return '"%s"' % data.replace('"', "&quot;")
        return "'%s'" % data
    return '"%s"' % data


def to_tbx(glossary: Glossary, *, title: str = "") -> str:
    """The glossary as TBX v3 (TBX-Basic dialect, DCA style), deterministic."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">',
           "  <tbxHeader>", "    <fileDesc>", "      <sourceDesc>",
           f"        <p>{escape(title)}</p>", "      </sourceDesc>", "    </fileDesc>",
           "  </tbxHeader>", "  <text>", "    <body>"]
    for c in glossary.concepts:
        out.append(f"      <conceptEntry id={quoteattr(c.id)}>")
        if c.subject:
            out.append(f'        <descrip type="subjectField">{escape(c.subject)}</descrip>')
        if c.source:
            out.append(f'        <admin type="source">{escape(c.source)}</admin>')
        if c.note:
            out.append(f"        <note>{escape(c.note)}</note>")
        langs: dict[str, list[Term]] = {}
        for t in c.terms:
            langs.setdefault(t.language, []).append(t)
        for lang, terms in langs.items():
            out.append(f"        <langSec xml:lang={quoteattr(lang)}>")
            for t in terms:
                out.append("          <termSec>")
                out.append(f"            <term>{escape(t.text)}</term>")
                out.append(f'            <termNote type="administrativeStatus">{_TBX_STATUS[t.status]}</termNote>')
                if t.source:
                    out.append(f'            <admin type="source">{escape(t.source)}</admin>')
                if not t.verified:
                    out.append("            <note>unverified</note>")
                if t.note:
                    out.append(f"            <note>{escape(t.note)}</note>")
                out.append("          </termSec>")
            out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def summary_json(glossary: Glossary) -> str:
    import json

    return json.dumps(glossary_summary_dict(glossary), ensure_ascii=False, indent=2, sort_keys=False)
