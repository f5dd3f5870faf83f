"""JSON report (schema version 1, documented in the README; what pipelines parse)."""
from __future__ import annotations

import json

from ..report import Report

SCHEMA_VERSION = 1


def to_dict(report: Report) -> dict:
    out = {
        "version": SCHEMA_VERSION,
        "tool": report.tool(),
        "files": [r.to_dict() for r in report.files],
        "summary": report.summary(),
    }
    if report.baseline is not None:
        out["baseline"] = {"suppressed": report.baseline.suppressed,
                           "stale": report.baseline.stale}
    return out


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
