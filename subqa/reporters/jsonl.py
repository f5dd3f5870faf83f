"""JSON Lines: one line per file (the object the JSON report has in ``files``), then one summary
line ``{"version": 1, "tool": {...}, "summary": {...}}`` (and ``baseline`` when one was used).
Written as results arrive, for pipelines, and for merging shards with ``subqa report``."""
from __future__ import annotations

import json
from typing import Callable

from ..report import Report
from .json_report import SCHEMA_VERSION


def _line(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def summary_line(tool: dict, summary: dict, baseline=None) -> str:
    out = {"version": SCHEMA_VERSION, "tool": tool, "summary": summary}
    if baseline is not None:
        out["baseline"] = {"suppressed": baseline.suppressed, "stale": baseline.stale}
    return _line(out)


def render(report: Report) -> str:
    return "".join(_line(r.to_dict()) for r in report.files) + summary_line(
        report.tool(), report.summary(), report.baseline)


class JsonlWriter:
    """``start(stream)``, ``add(result)`` per file in report order, ``finish(summary)``."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self.write = write
        self.tool: dict = {}

    def start(self, stream) -> None:
        self.tool = stream.tool()

    @staticmethod
    def file_text(result) -> str:
        """The file's line (what a worker renders for it, scale/packed.py)."""
        return _line(result.to_dict())

    def add(self, result) -> None:
        """Write a FileResult, or a PackedResult's text for "jsonl"."""
        texts = getattr(result, "texts", None)
        self.write(texts["jsonl"] if texts is not None else self.file_text(result))

    def finish(self, summary) -> None:
        self.write(summary_line(self.tool, summary.summary()))
