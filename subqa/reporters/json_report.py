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


# one encoder for every value: json.dumps with options builds a new one per call, a quarter of
# the time of rendering a finding
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def render(report: Report) -> str:
    """Indented like ``json.dumps(indent=2)`` down to each finding, which is written on one line:
    as readable, and it keeps the C encoder (json falls back to pure Python when indenting),
    which matters for a catalogue with tens of thousands of findings."""
    data = to_dict(report)
    out = ["{"]
    keys = list(data)
    for i, key in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        value = data[key]
        if key != "files":
            out.append(f"  {_compact(key)}: {_compact(value)}{comma}")
            continue
        out.append('  "files": [')
        for j, f in enumerate(value):
            out.append("    {")
            fkeys = list(f)
            for k, fkey in enumerate(fkeys):
                fcomma = "," if k < len(fkeys) - 1 else ""
                if fkey == "findings" and f[fkey]:
                    out.append('      "findings": [')
                    items = f[fkey]
                    out.extend(f"        {_compact(x)}{',' if n < len(items) - 1 else ''}"
                               for n, x in enumerate(items))
                    out.append(f"      ]{fcomma}")
                else:
                    out.append(f"      {_compact(fkey)}: {_compact(f[fkey])}{fcomma}")
            out.append("    }" + ("," if j < len(value) - 1 else ""))
        out.append(f"  ]{comma}")
    out.append("}")
    return "\n".join(out) + "\n"
