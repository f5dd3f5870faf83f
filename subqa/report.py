"""The result of a check run: per-file results and the summary that reporters render."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .model import Finding, Severity


@dataclass(slots=True)
class FileResult:
    """The result for one file. ``language_origin``: "option" | "filename" | "document" |
    "detected" | None; ``source``: the source track it was compared with; ``track``: the Track, for
    reporters that show the cues; ``profile``: the profile it was checked with; ``fps``: the
    frame rate the timing rules counted frames at, ``fps_origin`` where it came from ("option",
    "config", the format that declared it ("ttml"), "inferred", "profile") and ``fps_evidence``
    why, when inferred;
    ``shot_changes``: the shot-change list used (and ``shot_change_count`` its shot changes);
    ``reading_speeds``: every cue's reading speed as R003 measures it (a
    subqa.checks.readability.ReadingSpeeds; with ``track``, for the reporters that chart it)."""

    path: str
    format: str
    language: str | None
    encoding: str
    cues: int
    findings: list[Finding] = field(default_factory=list)
    language_origin: str | None = None
    source: str | None = None
    track: Any = None
    profile: str | None = None
    fps: float | None = None
    fps_origin: str | None = None
    fps_evidence: str | None = None
    shot_changes: str | None = None
    shot_change_count: int | None = None
    reading_speeds: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "language": self.language,
            "language_origin": self.language_origin,
            "encoding": self.encoding,
            "cues": self.cues,
            "fps": self.fps,
            "fps_origin": self.fps_origin,
            "fps_evidence": self.fps_evidence,
            "source": self.source,
            "shot_changes": self.shot_changes,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(slots=True)
class Report:
    """A run's results. ``fail_on`` None: never fail; ``baseline`` a
    subqa.baseline.BaselineResult when one is used."""

    files: list[FileResult]
    profile: str
    fail_on: Severity | None = Severity.ERROR
    baseline: Any = None

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    def summary(self) -> dict[str, Any]:
        sev = Counter(f.severity.label for f in self.findings)
        codes = Counter(f.code for f in self.findings)
        return {
            "files": len(self.files),
            "cues": sum(r.cues for r in self.files),
            "findings": sum(sev.values()),
            "errors": sev.get("error", 0),
            "warnings": sev.get("warning", 0),
            "infos": sev.get("info", 0),
            "by_code": dict(sorted(codes.items())),
            "exit_code": self.exit_code(),
        }

    def exit_code(self) -> int:
        if self.fail_on is None:
            return 0
        return 1 if any(f.severity >= self.fail_on for f in self.findings) else 0

    def tool(self) -> dict[str, Any]:
        return {"name": "subqa", "version": __version__, "profile": self.profile}
