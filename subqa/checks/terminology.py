"""Terminology: the glossary's deprecated terms, missing term translations, inconsistent terms.

All three read the term base from ``ctx.glossary`` (the built-in seed glossary unless
``--glossary`` replaces it) and match with :meth:`subqa.glossary.Glossary.find`: Unicode
normalisation, case folding (Turkish dotted/dotless i), whole words in alphabetic scripts and none
in Chinese/Japanese, longest match first, terms across line breaks and inside quotation marks,
inflection through Snowball stemmers, a bounded suffix allowance, apostrophe suffixes and Arabic
clitics. A correctly inflected form of an accepted term is never reported.
"""
from __future__ import annotations

import functools
from typing import Iterator

from .. import langtags
from ..glossary import Concept, Glossary, Term, TermMatch, language_compatible
from ..glossary._fastpaths import FastText
from ..model import Cue, Hit, Severity, Track
from ..stemming import EXACT, morphology
from .base import CacheKey, Context, Rule


def _language(track: Track | None, declared: str | None) -> str | None:
    if declared:
        return declared
    if track is None:
        return None
    return track.language or langtags.from_filename(track.path)


def _matching_language(glossary: Glossary, language: str | None) -> str | None:
    """The language to match text in: every language (None) when the glossary has no term for
    the track's language (e.g. a language identifier took Kazakh for Russian)."""
    return language if glossary.covers(language) else None


def cue_matches(ctx: Context, track: Track, language: str | None,
                key: CacheKey) -> list[tuple[Cue, list[TermMatch]]]:
    """Leftmost-longest term matches per cue of ``track``, computed once per track run."""
    glossary: Glossary = ctx.glossary

    def compute():
        cues = track.cues
        found = glossary.find_many([cue.plain_lines for cue in cues], language)
        return [(cue, f) for cue, f in zip(cues, found, strict=True) if f]

    return ctx.cached(key, compute)


def _quote(term: Term | None) -> str:
    return f"'{term.text}'" if term is not None else "(none)"


class DeprecatedTerm(Rule):
    """A term that the glossary marks deprecated or superseded appears in the track.

    Term bases mark renderings that must no longer be used: officially discouraged names (the
    English "One Belt, One Road" / "OBOR" for the Belt and Road Initiative) and superseded
    spellings of place names ("Sinkiang", "Urumchi"). The message names the preferred term of the
    same concept in the track's language. Matching is inflection-tolerant, so an inflected
    deprecated form is reported too; where an accepted term of the glossary covers the same words
    (the longer or the exact match wins), nothing is reported. Renderings the glossary flags as
    unverified are not reported: the glossary does not know they are wrong.
    """

    code = "G001"
    name = "deprecated-term"
    severity = Severity.WARNING
    summary = "Deprecated or superseded glossary term used; the message names the preferred term"
    needs = frozenset({"glossary"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        language = _language(ctx.track, ctx.language)
        for cue, found in cue_matches(ctx, ctx.track, language, CacheKey.GLOSSARY_MATCHES_TARGET):
            reported: set[tuple[str, str]] = set()
            for m in found:
                term = m.term
                if not term.rejected or not term.verified \
                        or (term.concept_id, term.text) in reported:
                    continue
                reported.add((term.concept_id, term.text))
                concept = ctx.glossary.concept(term.concept_id)
                preferred = concept.preferred(language or term.language) if concept else None
                advice = f"use {_quote(preferred)}" if preferred else \
                    "no accepted term in this language"
                label = concept.label() if concept else term.concept_id
                form = "" if m.quality == EXACT else f", a form of '{term.text}'"
                yield Hit(
                    f"{term.status} term '{m.surface}' ({label}{form}): {advice}",
                    cue,
                    {"concept": term.concept_id, "term": term.text, "found": m.surface,
                     "status": term.status, "language": term.language,
                     "preferred": preferred.text if preferred else None},
                )


class _Renderings:
    """The concepts each aligned source cue has and each target cue renders (the target's found
    when first asked)."""

    def __init__(self, glossary: Glossary, pairs: list, found: list, src_lang: str | None,
                 tgt_lang: str, lenient: bool):
        self.glossary, self.pairs = glossary, pairs
        self.src_lang, self.tgt_lang, self.lenient = src_lang, tgt_lang, lenient
        self.in_source = [{m.term.concept_id for m in f} for f in found]
        self.in_target = [self.present_in(p.target) if f else None
                          for p, f in zip(pairs, found, strict=True)]

    def present_in(self, cues) -> set[str]:
        """The concepts the text of ``cues`` renders. A guessed target language is not trusted
        to say a rendering is absent (``lenient``): the concept's terms in every language but
        the source's count."""
        lines = [ln for c in cues for ln in c.plain_lines]
        src_lang, tgt_lang = self.src_lang, self.tgt_lang
        if self.lenient:
            return {m.term.concept_id for m in self.glossary.find(lines, None, overlapping=True)
                    if src_lang is None or not language_compatible(m.term.language, src_lang)
                    or language_compatible(m.term.language, tgt_lang)}
        return {m.term.concept_id
                for m in self.glossary.find(lines, tgt_lang, overlapping=True)}

    def moved(self, i: int, cid: str) -> bool:
        """The rendering sits in a neighbouring target cue whose own source does not have the
        concept: the translator moved it across the cue boundary."""
        in_target = self.in_target
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.pairs) and cid not in self.in_source[j]:
                if in_target[j] is None:
                    in_target[j] = self.present_in(self.pairs[j].target)
                if cid in in_target[j]:
                    return True
        return False


class MissingTermTranslation(Rule):
    """A source cue contains a glossary term, and the time-aligned target cue(s) contain none of
    the concept's renderings in the target language.

    The source cue is matched in the source language (``--source-lang`` or the source file's
    language), the target cues aligned with it by time (``subqa.align``) in the track's language;
    any term of the concept in the target language counts as present, inflected or not. A target
    that uses a deprecated rendering is left to G001 (one root cause, one finding). Concepts the
    glossary has no verified accepted term for in the target language are skipped silently: the
    rule cannot tell what the translation should be (``subqa glossary FILE`` lists coverage), and
    source cues with no aligned target cue are left to the bilingual rules (missing cue).
    A rendering moved into the neighbouring target cue counts as present when that cue's own
    source does not contain the concept (translators move words across cue boundaries).
    """

    code = "G002"
    name = "missing-term-translation"
    severity = Severity.WARNING
    summary = "Glossary term in the source cue has no accepted rendering in the aligned target cue"
    needs = frozenset({"glossary", "source"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        from ..align import alignment

        glossary: Glossary = ctx.glossary
        src_lang = _matching_language(glossary, _language(ctx.source, ctx.source_language))
        tgt_lang = _language(ctx.track, ctx.language)
        if tgt_lang is None:
            return
        # A guessed target language is not trusted to say a rendering is absent: look for the
        # concept's terms in every language but the source's.
        lenient = ctx.job.language_origin == "detected" or not glossary.covers(tgt_lang)
        judged: dict[str, bool] = {}

        def can_judge(concept: Concept) -> bool:
            if concept.id not in judged:
                judged[concept.id] = any(t.accepted and t.verified
                                         for t in concept.terms_in(tgt_lang))
            return judged[concept.id]

        pairs = [p for p in alignment(ctx) if p.source and p.target]
        found = glossary.find_many([[ln for c in p.source for ln in c.plain_lines]
                                    for p in pairs], src_lang)
        renderings = _Renderings(glossary, pairs, found, src_lang, tgt_lang, lenient)
        for i, pair in enumerate(pairs):
            done: set[str] = set()
            for m in found[i]:
                cid = m.term.concept_id
                if cid in done or cid in renderings.in_target[i]:
                    continue
                done.add(cid)
                concept = glossary.concept(cid)
                if concept is None or not can_judge(concept) or renderings.moved(i, cid):
                    continue
                expected = concept.preferred(tgt_lang)
                yield Hit(
                    f"source term '{m.surface}' ({concept.label()}) has no accepted rendering in "
                    f"the target; expected {_quote(expected)}",
                    pair.target[0],
                    {"concept": cid, "source_term": m.term.text, "found": m.surface,
                     "source_cue": pair.source[0].index,
                     "expected": [t.text for t in concept.terms_in(tgt_lang) if t.accepted]},
                )


def _form(term: Term, language: str | None) -> tuple[str, ...]:
    """A term as its normalised words (one string of letters in Chinese/Japanese)."""
    return _folded_form(term.text, language or term.language)


@functools.lru_cache(maxsize=100_000)
def _folded_form(text: str, language: str) -> tuple[str, ...]:
    """_form of a term's text: computed once per term and language in a process (a check of a
    track asks again at every use of the term), through the matchers' short ways of folding and
    splitting (FastText gives what Morphology.fold and Morphology.words give)."""
    morph = morphology(language)
    fast = _fast_text(language)
    if morph.chars:
        return (morph.chars_stream(fast.normalize(text)[0])[0],)
    norm, _, texts = fast.normalize_words(text)
    return tuple(texts) if texts is not None else tuple(t.text for t in morph.words(norm))


@functools.lru_cache(maxsize=None)
def _fast_text(language: str) -> FastText:
    return FastText(morphology(language))


def _short_form(a: Term, b: Term, language: str | None) -> bool:
    """``a`` is a short form of ``b`` (or the other way round): its words are a contiguous part
    of the other's ("Belt and Road" / "Belt and Road Initiative"; in Chinese a substring) or it
    is the other's acronym ("BRI", "XUAR")."""
    wa, wb = _form(a, language), _form(b, language)
    if morphology(language or a.language).chars:
        return wa != wb and (wa[0] in wb[0] or wb[0] in wa[0])
    for x, y in ((wa, wb), (wb, wa)):
        if len(x) < len(y) and any(y[i:i + len(x)] == x for i in range(len(y) - len(x) + 1)):
            return True
    for short, raw in ((a, b.text), (b, a.text)):
        letters = short.text.replace(".", "").replace(" ", "")
        if letters.isupper() and len(letters) >= 2:
            words = [w for w in raw.replace("-", " ").split() if w[:1].isupper() or w[:1].isdigit()]
            if "".join(w[0] for w in words).upper() == letters.upper():
                return True
    return False


class InconsistentTerm(Rule):
    """The same concept is rendered with different accepted terms within one track.

    Both renderings are allowed by the glossary, but a viewer may take two names for two things
    ("Kashgar" in one cue, "Kashi" in another). Reported once per concept, at the first cue that
    uses a second rendering. Short forms of the same name are not inconsistent: a term whose
    words are part of the other's ("Belt and Road" beside "Belt and Road Initiative") or an
    acronym of it ("BRI", "XUAR").
    """

    code = "G003"
    name = "inconsistent-term"
    severity = Severity.INFO
    summary = "Same concept rendered with different accepted glossary terms in one track"
    needs = frozenset({"glossary"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        language = _language(ctx.track, ctx.language)
        first: dict[str, list[tuple[tuple[str, ...], Term, Cue]]] = {}
        reported: set[str] = set()
        for cue, found in cue_matches(ctx, ctx.track, language, CacheKey.GLOSSARY_MATCHES_TARGET):
            uses: dict[tuple[int, int, str], Term] = {}
            for m in found:          # several terms of one concept on the same words: one use
                if m.term.accepted:
                    uses.setdefault((m.start, m.end, m.term.concept_id), m.term)
            for (_, _, cid), term in uses.items():
                if cid in reported:
                    continue
                form = _form(term, language)
                used = first.setdefault(cid, [])
                if any(f == form for f, _, _ in used):
                    continue
                clash = next((u for u in used if not _short_form(u[1], term, language)), None)
                used.append((form, term, cue))
                if clash is None:
                    continue
                reported.add(cid)
                _, other, other_cue = clash
                concept = ctx.glossary.concept(cid)
                yield Hit(
                    f"'{term.text}' here, '{other.text}' in cue {other_cue.index}: one concept "
                    f"({concept.label() if concept else cid}), two renderings",
                    cue,
                    {"concept": cid, "term": term.text, "other": other.text,
                     "other_cue": other_cue.index},
                )
