"""Baselines: adopt the gate on a legacy catalogue without fixing everything first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only the
findings that are not in it, and lists the entries that no longer occur. A finding is keyed by
its file (relative to the baseline file), its rule code and a fingerprint of the cue's text
(not the cue number or the time, which shift when cues are inserted or retimed). File-level
findings use their message instead of a cue text. Identical keys are counted, so a baseline with
one `the the` in a file still catches a second one."""
from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .model import Finding, UsageError
from .report import Report

BASELINE_VERSION = 1


def fingerprint(finding: Finding) -> str:
    basis = finding.text if finding.text is not None else f"file:{finding.message}"
    norm = " ".join(unicodedata.normalize("NFC", basis).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:          # another drive on Windows
        return Path(path).as_posix()


def _key(finding: Finding, base: Path) -> tuple[str, str, str]:
    return (_rel(finding.path, base), finding.code, fingerprint(finding))


def write_baseline(report: Report, path: str | Path) -> int:
    """Record the report's findings; returns how many entries were written."""
    path = Path(path)
    counts = Counter(_key(f, path.parent) for f in report.findings)
    entries = [{"path": p, "code": c, "fingerprint": fp, "count": n}
               for (p, c, fp), n in sorted(counts.items())]
    data = {"version": BASELINE_VERSION, "tool": "subqa", "entries": entries}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return sum(counts.values())


@dataclass
class BaselineResult:
    suppressed: int
    stale: list[dict]          # entries (with remaining count) that no longer occur


def apply_baseline(report: Report, path: str | Path) -> BaselineResult:
    """Remove from ``report`` (in place) the findings recorded in the baseline."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["entries"]
        remaining = Counter({(e["path"], e["code"], e["fingerprint"]): int(e["count"])
                             for e in entries})
    except FileNotFoundError:
        raise UsageError(f"baseline file not found: {path}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: not a subqa baseline file ({exc})") from None
    suppressed = 0
    checked = {_rel(r.path, path.parent) for r in report.files}
    for result in report.files:
        kept = []
        for f in result.findings:
            key = _key(f, path.parent)
            if remaining.get(key, 0) > 0:
                remaining[key] -= 1
                suppressed += 1
            else:
                kept.append(f)
        result.findings = kept
    stale = [{"path": p, "code": c, "fingerprint": fp, "count": n}
             for (p, c, fp), n in sorted(remaining.items()) if n > 0 and p in checked]
    return BaselineResult(suppressed=suppressed, stale=stale)
