"""The values that flow through subqa: cues, tracks, reader diagnostics and findings.

Everything here is immutable. Readers build Tracks; rules read them and yield Hits; the engine
turns Hits into Findings (it owns severity and ordering); reporters render Findings.
Positions are 1-based lines of the original file; times are integer milliseconds.
"""
from __future__ import annotations

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


_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    import html          # html.entities is a large table: loaded only when a line has "&"

    return html.unescape(text)


@dataclass(frozen=True)
class Cue:
    """One cue as read. ``lines`` are the payload lines exactly as in the file (tags kept)."""

    index: int                 # 1-based number of the cue in the track (reading order)
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    line: int                  # 1-based file line where the cue block starts
    timing_line: int = 0       # 1-based file line of the "-->" line (0 when unknown)
    identifier: str | None = None
    settings: str = ""         # WebVTT cue settings, verbatim

    @property
    def text(self) -> str:
        """Payload with lines joined by newlines, tags kept."""
        return "\n".join(self.lines)

    # Computed once per cue (every rule reads them) and kept in the instance __dict__, which a
    # frozen dataclass allows; equality and hashing still use the fields only.
    @property
    def plain_lines(self) -> tuple[str, ...]:
        """Payload lines with formatting tags (``<i>``, ``<c.x>``, ``{\\an8}``) removed and
        character references (``&amp;``) decoded: the text as it appears on screen."""
        cached = self.__dict__.get("_plain_lines")
        if cached is None:
            cached = self.__dict__["_plain_lines"] = tuple(
                _unescape(_TAG.sub("", ln)) if ("<" in ln or "{" in ln or "&" in ln) else ln
                for ln in self.lines)
        return cached

    @property
    def plain_text(self) -> str:
        """Tag-free text, lines joined by a space: what a reader of the screen reads."""
        cached = self.__dict__.get("_plain_text")
        if cached is None:
            cached = self.__dict__["_plain_text"] = " ".join(
                ln.strip() for ln in self.plain_lines if ln.strip())
        return cached

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True)
class Diagnostic:
    """Something a reader noticed about the file itself (becomes a P-finding)."""

    code: str                  # "P001", "P002", ...
    message: str
    line: int | None = None    # 1-based file line, None for the whole file
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Track:
    path: str
    format: str                # "srt" | "vtt"
    cues: tuple[Cue, ...]
    encoding: str              # codec the bytes were decoded with, e.g. "utf-8", "cp1251"
    language: str | None = None        # declared/resolved language tag (BCP 47), None if unknown
    diagnostics: tuple[Diagnostic, ...] = ()
    line_count: int = 0


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the engine completes it into a Finding."""

    message: str
    cue: Cue | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None    # overrides the cue's line when given


@dataclass(frozen=True)
class Finding:
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
    text: str | None = None    # the cue's text, for reports that show it

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
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
            "data": dict(self.data),
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
