"""JSON report (schema version 1, documented in the README; what pipelines parse)."""
from __future__ import annotations

import json

from ..report import Report

SCHEMA_VERSION = 1


def to_dict(report: Report) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "tool": report.tool(),
        "files": [r.to_dict() for r in report.files],
        "summary": report.summary(),
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
