"""The glossary: concepts from one or more term bases, and finding their terms in a cue
(:meth:`Glossary.find`, one compiled :class:`~subqa.glossary.matcher.Matcher` per language)."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from .. import langtags
from ..stemming import morphology
from .matcher import Matcher
from .model import Concept, Problem, Term, TermMatch, language_compatible
from .validation import validate


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
            got = self._matchers[key] = self._compile(language)
        return got

    def _compile(self, language: str | None) -> list[Matcher]:
        if language is None:
            groups: dict[str, list[Term]] = {}
            group_of: dict[str, str] = {}         # per language tag, computed once
            for t in self.terms():
                g = group_of.get(t.language)
                if g is None:
                    g = group_of[t.language] = langtags.primary(t.language) or t.language
                groups.setdefault(g, []).append(t)
            return [Matcher(ts, morphology(lang)) for lang, ts in sorted(groups.items())]
        compatible: dict[str, bool] = {}
        terms = []
        for t in self.terms():
            ok = compatible.get(t.language)
            if ok is None:
                ok = compatible[t.language] = language_compatible(t.language, language)
            if ok:
                terms.append(t)
        return [Matcher(terms, morphology(language))] if terms else []

    def find_many(self, texts: Sequence[str | Sequence[str]],
                  language: str | None) -> list[list[TermMatch]]:
        """:meth:`find` for each of ``texts`` (e.g. every cue's lines of a track)."""
        matchers = self._matchers.get(language or "*")
        if matchers is None:
            matchers = self.matchers(language)
        texts = [text if isinstance(text, str) else " ".join(text) for text in texts]
        for matcher in matchers:
            matcher.learn(texts)
        if len(matchers) != 1:
            return [self.find(t, language) for t in texts]
        find = matchers[0].find                 # find, the matcher looked up once
        out = []
        for text in texts:
            found = find(text)
            if len(found) > 1:
                found.sort(key=_order)
            out.append(found)
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
            out.sort(key=_order)
        return out


def _order(m: TermMatch) -> tuple:
    return (m.start, -m.end, m.term.concept_id, m.term.text)
