"""What every fix family shares: the Fix value, the context a planner reads, and the catalog.

A planner (one per family module) reads the located cues and the findings of one check of the
file and returns Fixes: each answers one finding (its code and cue), says whether it is safe
or unsafe, and holds its edits (spans of the decoded text). Planners never write; the engine
applies, re-reads and re-checks.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..model import Finding, Track
from .locate import CueSpans
from .spans import Edit, Source

SAFE, UNSAFE = "safe", "unsafe"

# code -> (applicability, what the fix does): the README's "Fixing" table says the same.
CATALOG: Mapping[str, tuple[str, str]] = {
    "F002": (SAFE, "remove leading and trailing spaces, close double spaces to one"),
    "F003": (SAFE, "close tags left open, drop closing tags never opened, close crossed tags "
                   "in order"),
    "T001": (SAFE, "end the earlier cue the minimum gap before the next one starts (safe up to "
                   "fix_max_move_frames; unsafe beyond)"),
    "T005": (SAFE, "end the earlier cue the minimum gap before the next one starts (safe up to "
                   "fix_max_move_frames; unsafe beyond)"),
    "T009": (SAFE, "extend the cue's end to the minimum gap before the next cue (chaining)"),
    "T003": (SAFE, "extend the cue into the free time after it, keeping the minimum gap"),
    "T006": (UNSAFE, "move the cue blocks into time order (SubRip numbers follow)"),
    "R001": (UNSAFE, "re-break the text into two balanced, bottom-heavy lines at a phrase "
                     "boundary"),
    "R004": (UNSAFE, "join the two lines into one"),
}
# SubRip numbering is not a finding: it is fixed (safe) whenever --select is not given.
NUMBERING = "srt-numbering"


@dataclass(frozen=True, slots=True)
class Region:
    """An edit of a fix as a report shows it (SARIF's ``deletedRegion`` and its replacement):
    1-based lines and columns, the columns in UTF-16 code units (SARIF's default)."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """One finding's fix: ``code`` and ``cue`` of the finding it answers, ``applicability``
    "safe" | "unsafe", ``description`` (what it does to this cue), ``edits`` (kept sorted)."""

    code: str
    cue: int | None
    applicability: str
    description: str
    edits: tuple[Edit, ...]
    # the edits as regions of the file: set by subqa.fixes.annotate for reports (SARIF)
    regions: tuple[Region, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", tuple(sorted(self.edits)))
        object.__setattr__(self, "regions", tuple(self.regions))

    def replace(self, **changes: Any) -> "Fix":
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {"applicability": self.applicability, "description": self.description}


class FixContext:
    """What the planners read: the track as read, its decoded text, the located cues (None
    for a format that is not located), the findings of one check, and the facts the check
    used (frame rate, profile, language, shot changes)."""

    def __init__(self, track: Track, src: Source, spans: list[CueSpans] | None,
                 findings: Sequence[Finding], fps: float, profile, language: str | None,
                 shot_changes: Sequence[float] = ()) -> None:
        self.track = track
        self.src = src
        self.spans = spans
        self.findings = list(findings)
        self.fps = fps
        self.profile = profile
        self.language = language
        self.shot_changes = tuple(shot_changes)

    def param(self, key: str) -> Any:
        return self.profile.param(key, self.language)

    def findings_of(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def cue_spans(self, index: int) -> CueSpans | None:
        if self.spans is None or not 1 <= index <= len(self.spans):
            return None
        return self.spans[index - 1]


def blanks_a_line(lines: Sequence[tuple[int, str]], edits: Sequence[Edit]) -> bool:
    """Whether ``edits`` leave one of the cue's text ``lines`` ((offset, text) pairs) empty or
    only spaces: that would end the cue there (SubRip, WebVTT) and lose the rest of its text."""
    for base, raw in lines:
        mine = [Edit(e.start - base, e.end - base, e.replacement) for e in edits
                if base <= e.start and e.end <= base + len(raw)]
        if mine and not Source(raw, "utf-8").apply(mine).strip():
            return True
    return False
