"""Checking a term base's content (what ``subqa glossary`` reports)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import langtags
from ..stemming import morphology
from .model import PREFERRED, Concept, Problem, Term

if TYPE_CHECKING:
    from .termbase import Glossary


def validate(glossary: Glossary) -> list[Problem]:
    """Problems in the content: duplicate ids, a term both accepted and rejected, languages with
    no preferred term, the same term in several concepts, rejected terms that are another
    concept's accepted term."""
    out: list[Problem] = []
    seen_ids: dict[str, Concept] = {}
    where: dict[tuple[str, str], list[Term]] = {}
    for c in glossary.concepts:
        out.extend(_concept_problems(c, seen_ids, where))
    out.extend(_shared_term_problems(where))
    return out


def _concept_problems(c: Concept, seen_ids: dict[str, Concept],
                      where: dict[tuple[str, str], list[Term]]) -> list[Problem]:
    """The problems of one concept; records its id in ``seen_ids`` and its terms in ``where``
    (by language and folded text)."""
    out: list[Problem] = []
    first = seen_ids.get(c.id)
    if first is not None:
        out.append(Problem("error",
                           f"duplicate concept id {c.id!r} (first at line {first.line})",
                           c.path, c.line, c.id))
    else:
        seen_ids[c.id] = c
    if not c.terms:
        out.append(Problem("warning", "concept has no terms", c.path, c.line, c.id))
    by_lang: dict[str, list[Term]] = {}
    for t in c.terms:
        by_lang.setdefault(t.language, []).append(t)
        if not morphology(t.language).words(morphology(t.language).fold(t.text)):
            out.append(Problem("error", f"term {t.text!r} ({t.language}) has no letters or "
                               "digits: it can never match", t.path, t.line, c.id))
        key = (langtags.primary(t.language) or t.language,
               morphology(t.language).fold(t.text).strip())
        where.setdefault(key, []).append(t)
    for lang, terms in sorted(by_lang.items()):
        out.extend(_language_problems(c, lang, terms))
    return out


def _language_problems(c: Concept, lang: str, terms: list[Term]) -> list[Problem]:
    """The problems of the terms of concept ``c`` in one language."""
    out: list[Problem] = []
    folded: dict[str, Term] = {}
    for t in terms:
        k = morphology(lang).fold(t.text)
        other = folded.get(k)
        if other is not None:
            if other.accepted != t.accepted:
                out.append(Problem("error", f"term {t.text!r} ({lang}) is both "
                                   f"{other.status} and {t.status}", t.path, t.line, c.id))
            else:
                out.append(Problem("warning", f"duplicate term {t.text!r} ({lang})",
                                   t.path, t.line, c.id))
        folded.setdefault(k, t)
    if any(t.accepted for t in terms) and not any(t.status == PREFERRED for t in terms):
        out.append(Problem("warning", f"no preferred term in {lang}", c.path, c.line, c.id))
    if not any(t.accepted for t in terms):
        out.append(Problem("warning", f"only deprecated/superseded terms in {lang}: "
                           "nothing to suggest", c.path, c.line, c.id))
    return out


def _shared_term_problems(where: dict[tuple[str, str], list[Term]]) -> list[Problem]:
    """The same term in several concepts: an error when one rejects what another accepts."""
    out: list[Problem] = []
    for (lang, _), terms in sorted(where.items()):
        ids = sorted({t.concept_id for t in terms})
        if len(ids) < 2:
            continue
        rejected = [t for t in terms if t.rejected]
        accepted = [t for t in terms if t.accepted]
        if rejected and accepted:
            t = rejected[0]
            out.append(Problem("error", f"{t.text!r} ({lang}) is deprecated in "
                               f"{t.concept_id!r} but accepted in {accepted[0].concept_id!r}",
                               t.path, t.line, t.concept_id))
        else:
            t = terms[-1]
            out.append(Problem("warning", f"term {t.text!r} ({lang}) belongs to several concepts: "
                               f"{', '.join(ids)}", t.path, t.line, t.concept_id))
    return out
