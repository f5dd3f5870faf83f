"""The term-base model: a concept (one meaning) holds terms (one rendering in one language, with
a status and whether anyone checked it); a problem found in a file; a term found in a text."""
from __future__ import annotations

from typing import Any

from ..record import Frozen as _Frozen, Record as _Record, _set

PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = "preferred", "admitted", "deprecated", "superseded"
ACCEPTED = frozenset({PREFERRED, ADMITTED})
REJECTED = frozenset({DEPRECATED, SUPERSEDED})


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
