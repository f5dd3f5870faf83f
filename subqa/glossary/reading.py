"""What the term-base readers share: status and flag words, concept-level columns, language
columns given as codes or names, and the builder collecting concepts and problems."""
from __future__ import annotations

import functools
import re

from .. import langtags
from .model import (ADMITTED, DEPRECATED, PREFERRED, SUPERSEDED, Concept,  # noqa: F401
                    Problem)

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
    return {langtags.language_facts(t).get("name", "").lower(): t
            for t in langtags.known_languages() if langtags.language_facts(t).get("name")}


class _Builder:
    """Collects concepts and problems while a file is read."""

    def __init__(self, path: str):
        self.path = path
        self.concepts: list[Concept] = []
        self.problems: list[Problem] = []
        self._tags: dict[str, str] = {}     # raw language -> its tag, for those with no problem

    def problem(self, level: str, message: str, line: int | None,
                concept: str | None = None) -> None:
        self.problems.append(Problem(level, message, self.path, line, concept))

    def language(self, raw: str | None, line: int | None, concept: str | None) -> str | None:
        known = self._tags.get(raw) if raw else None
        if known is not None:
            return known
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
        else:
            self._tags[raw] = tag
        return tag
