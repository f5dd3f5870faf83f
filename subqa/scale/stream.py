"""A check run whose results arrive one file at a time, in report order, and the summary kept
as they pass: what the streamed reports (``jsonl``, ``json``) need, so that a catalogue run
holds one file's result at a time instead of the whole report."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Iterator

from .. import __version__
from ..model import Severity
from .packed import finding_tally


class ReportStream:
    """The files' results (``FileResult``) in report order, as they arrive; iterate once.
    ``profile`` and ``fail_on`` are those of the Report the same run would give."""

    def __init__(self, results: Iterable, profile: str, fail_on: Severity | None,
                 total: int) -> None:
        self._results = results
        self.profile = profile
        self.fail_on = fail_on
        self.total = total

    def __iter__(self) -> Iterator:
        return iter(self._results)

    def tool(self) -> dict[str, Any]:
        return {"name": "subqa", "version": __version__, "profile": self.profile}


class RunningSummary:
    """``Report.summary()`` and ``Report.exit_code()``, counted one result at a time."""

    def __init__(self, fail_on: Severity | None) -> None:
        self.fail_on = fail_on
        self.files = 0
        self.cues = 0
        self.severities: Counter = Counter()
        self.codes: Counter = Counter()
        self.rules: Counter = Counter()          # (code, name, severity) for --statistics
        self.failed = False

    def add(self, result) -> None:
        """Count a FileResult, or a PackedResult (its findings already counted)."""
        self.files += 1
        self.cues += result.cues
        tally = getattr(result, "tally", None)
        if tally is None:
            tally = finding_tally(result.findings)
        for (code, name, severity), n in tally:
            self.severities[severity] += n
            self.codes[code] += n
            self.rules[(code, name, severity)] += n
            if self.fail_on is not None and Severity.parse(severity) >= self.fail_on:
                self.failed = True

    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> dict[str, Any]:
        sev = self.severities
        return {
            "files": self.files,
            "cues": self.cues,
            "findings": sum(sev.values()),
            "errors": sev.get("error", 0),
            "warnings": sev.get("warning", 0),
            "infos": sev.get("info", 0),
            "by_code": dict(sorted(self.codes.items())),
            "exit_code": self.exit_code(),
        }

    def statistics(self) -> str:
        """What ``--statistics`` prints (subqa.reporters.text.render_statistics)."""
        lines = [f"{n:>6}  {code}  {name:<28} {sev}" for (code, name, sev), n
                 in sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))]
        return "\n".join(lines) + ("\n" if lines else "")


# The formats stream_formats gives writers for, by name: what `subqa check` asks before it
# decides to stream, without loading the writers (a text report needs neither).
STREAMED = ("json", "jsonl", "text")


def stream_formats() -> dict[str, type]:
    """Formats that can be written as results arrive: name -> writer class (keys: STREAMED)."""
    from ..reporters.json_stream import JsonStreamWriter
    from ..reporters.jsonl import JsonlWriter
    from ..reporters.text import TextStreamWriter

    return {"json": JsonStreamWriter, "jsonl": JsonlWriter, "text": TextStreamWriter}


def write_streamed(stream: ReportStream, writers: list) -> RunningSummary:
    """Feed each result to every writer as it arrives, then the summary; nothing of a file is
    kept once written (a writer's ``start(stream)``, ``add(result)``, ``finish(summary)``)."""
    summary = RunningSummary(stream.fail_on)
    for w in writers:
        w.start(stream)
    for result in stream:
        summary.add(result)
        for w in writers:
            w.add(result)
    for w in writers:
        w.finish(summary)
    return summary
