"""The values that flow through subqa: cues, tracks, reader diagnostics and findings.

Everything here is immutable. Readers build Tracks; rules read them and yield Hits; the engine
turns Hits into Findings (it owns severity and ordering); reporters render Findings.
Positions are 1-based lines of the original file; times are integer milliseconds.
"""
from __future__ import annotations

import dataclasses
import enum
import re
from dataclasses import dataclass, field
from typing import Any, Mapping


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}; allowed: error, warning, info") from None


# Characters a one-line report must not print raw (terminal escapes, line separators, lone
# surrogates from undecodable bytes).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    import html          # html.entities is a large table: loaded only when a line has "&"

    return html.unescape(text)


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue as read. ``lines`` are the payload lines exactly as in the file (tags kept).

    index        1-based number of the cue in the track (reading order)
    line         1-based file line where the cue block starts
    timing_line  1-based file line of the "-->" line (0 when unknown)
    settings     WebVTT cue settings, verbatim

    ``plain_lines`` and ``plain_text`` are computed once per cue (every rule reads them) and
    kept in two slots of their own, which equality, hashing, ``repr`` and ``replace`` leave
    out. Slotted: a cue weighs about a quarter of what it did with an instance ``__dict__``
    holding the two (issue 17: memory per cue).
    """

    index: int
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    line: int
    timing_line: int = 0
    identifier: str | None = None
    settings: str = ""
    _plain_lines: tuple[str, ...] | None = field(default=None, init=False, repr=False,
                                                 compare=False)
    _plain_text: str | None = field(default=None, init=False, repr=False, compare=False)

    def replace(self, **changes: Any) -> Cue:
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

    @property
    def text(self) -> str:
        """Payload with lines joined by newlines, tags kept."""
        return "\n".join(self.lines)

    @property
    def plain_lines(self) -> tuple[str, ...]:
        """Payload lines with formatting tags (``<i>``, ``<c.x>``, ``{\\an8}``) removed and
        character references (``&amp;``) decoded: the text as it appears on screen."""
        got = self._plain_lines
        if got is None:
            got = tuple(_unescape(_TAG.sub("", ln)) if ("<" in ln or "{" in ln or "&" in ln)
                        else ln for ln in self.lines)
            object.__setattr__(self, "_plain_lines", got)
        return got

    @property
    def plain_text(self) -> str:
        """Tag-free text, lines joined by a space: what a reader of the screen reads."""
        got = self._plain_text
        if got is None:
            got = " ".join(ln.strip() for ln in self.plain_lines if ln.strip())
            object.__setattr__(self, "_plain_text", got)
        return got

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something a reader noticed about the file itself (becomes a P-finding): ``code``
    ("P001", ...), ``message``, ``line`` (1-based file line, None for the whole file), ``data``."""

    code: str
    message: str
    line: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Track:
    """A file as read: ``format`` "srt" | "vtt" | "ttml" | ...; ``encoding`` the codec the
    bytes were decoded with ("utf-8", "cp1251"); ``language`` the declared/resolved tag
    (BCP 47) or None; ``fps`` the frame rate the file declares (TTML ``ttp:frameRate``), or
    None."""

    path: str
    format: str
    cues: tuple[Cue, ...]
    encoding: str
    language: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    line_count: int = 0
    fps: float | None = None

    def replace(self, **changes: Any) -> Track:
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)


# Hit and Finding are made in the thousands per film (1,500 on the Avengers track), so they are
# plain (not frozen) slotted dataclasses: a frozen dataclass's __init__ sets each field through
# object.__setattr__, 4.3 us for 13 fields against 0.7 us (Python 3.11), which was 5-8 % of a
# film checked in a warm process (docs/speedups.md). Nothing changes them after the engine made
# them; a changed copy is made with ``replace``. Cue and Track stay frozen: every rule shares them.
@dataclass(slots=True)
class Hit:
    """What a rule reports; the engine completes it into a Finding. ``line`` overrides the
    cue's line when given. ``start_ms``/``end_ms`` give a time to a hit on no cue of the track
    (a missing translation has its source cue's time); a hit on a cue has the cue's times."""

    message: str
    cue: Cue | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass(slots=True)
class Finding:
    """One reported problem. ``cue`` is subqa's reading-order number of the cue; ``cue_id`` the
    cue's own identifier in the file (the SubRip number line, the WebVTT cue id), which differs
    from ``cue`` after a dropped, missing or renumbered block; ``text`` is the cue's text, for
    reports that show it."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    line: int | None
    cue: int | None
    start_ms: int | None
    end_ms: int | None
    data: Mapping[str, Any] = field(default_factory=dict)
    text: str | None = None
    cue_id: str | None = None
    fix: Any = None   # a subqa.fixes.base.Fix when the finding has one (`subqa fix`), or None

    def replace(self, **changes: Any) -> Finding:
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

    @property
    def cue_id_differs(self) -> bool:
        """True when the file's own identifier of the cue is not its reading-order number
        (``cue_id`` "12" for cue 11, or a WebVTT id such as "intro")."""
        return self.cue is not None and self.cue_id is not None and \
            self.cue_id.strip() != str(self.cue)

    def cue_label(self) -> str:
        """``cue 11``, or ``cue 11 (id 12)`` when the file numbers it otherwise; "" for a
        finding on no cue."""
        if self.cue is None:
            return ""
        if not self.cue_id_differs:
            return f"cue {self.cue}"
        ident = self.cue_id if len(self.cue_id) <= 40 else self.cue_id[:39] + "…"
        if not (ident.isascii() and ident.isdigit()):
            ident = ident.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            ident = '"' + _CONTROL.sub("?", ident) + '"'
        return f"cue {self.cue} (id {ident})"

    def sort_key(self) -> tuple:
        return (
            self.line if self.line is not None else 0,
            self.cue if self.cue is not None else 0,
            self.code,
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.line,
            "cue": self.cue,
            "cue_id": self.cue_id,
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
            "data": dict(self.data),
            **({"fix": self.fix.to_dict()} if self.fix is not None else {}),
        }


class SubtitleError(Exception):
    """A file cannot be read at all (missing, unreadable, a directory). Content problems are
    never raised: they become P-findings."""


class UsageError(Exception):
    """Bad options, profile or configuration: exit code 2 with this message."""


def format_timecode(ms: int | None) -> str:
    if ms is None:
        return "--:--:--.---"
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, rem = divmod(rem, 1000)
    return f"{sign}{h:02d}:{m:02d}:{s:02d}.{rem:03d}"
