"""The result of a check run: per-file results and the summary that reporters render."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .model import Finding, Severity


@dataclass
class FileResult:
    path: str
    format: str
    language: str | None
    encoding: str
    cues: int
    findings: list[Finding] = field(default_factory=list)
    language_origin: str | None = None     # "option" | "filename" | "detected" | None
    source: str | None = None              # path of the source track it was compared with
    track: Any = None                      # the Track, for reporters that show the cues
    profile: str | None = None             # the profile reference the file was checked with

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "language": self.language,
            "language_origin": self.language_origin,
            "encoding": self.encoding,
            "cues": self.cues,
            "source": self.source,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class Report:
    files: list[FileResult]
    profile: str
    fail_on: Severity | None = Severity.ERROR      # None: never fail
    baseline: Any = None                            # subqa.baseline.BaselineResult when used

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
