"""The term-base model: a concept (one meaning) holds terms (one rendering in one language, with
a status and whether anyone checked it); a problem found in a file; a term found in a text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = "preferred", "admitted", "deprecated", "superseded"
ACCEPTED = frozenset({PREFERRED, ADMITTED})
REJECTED = frozenset({DEPRECATED, SUPERSEDED})


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    language: str                 # normalised BCP 47 tag
    status: str = PREFERRED       # preferred | admitted | deprecated | superseded
    verified: bool = True
    concept_id: str = ""
    status_given: bool = True
    note: str = ""
    line: int | None = None
    path: str = ""
    source: str = ""              # evidence: where this form is attested

    @property
    def accepted(self) -> bool:
        return self.status in ACCEPTED

    @property
    def rejected(self) -> bool:
        return self.status in REJECTED


@dataclass(slots=True)
class Concept:
    id: str
    terms: list[Term] = field(default_factory=list)
    source: str = ""              # where it comes from (e.g. the paper section)
    subject: str = ""
    note: str = ""
    line: int | None = None
    path: str = ""

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


@dataclass(frozen=True, slots=True)
class Problem:
    level: str                    # "error" | "warning" | "info"
    message: str
    path: str = ""
    line: int | None = None
    concept: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "path": self.path, "line": self.line,
                "concept": self.concept, "message": self.message}


# Made once per term found in a cue (a term-dense film: one per cue), so a plain slotted
# dataclass, as model.Hit and model.Finding: a frozen one's __init__ sets each field through
# object.__setattr__ (1.1 us against 0.3 us). Nothing changes a match once found.
@dataclass(slots=True)
class TermMatch:
    term: Term
    start: int                    # offsets into the cue's text as given (NFC), end exclusive
    end: int
    surface: str
    quality: int                  # lowest word quality: 3 exact, 2 stem/clitic, 1 suffix


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
