"""Baselines: adopt the gate on a legacy catalogue without fixing everything first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only the
findings that are not in it, and lists the entries that no longer occur. A finding is keyed by
its file (relative to the baseline file), its rule code and a fingerprint of its *identity*
(see ``identity``): text, never a cue number or a time, which shift when cues are inserted or
retimed. Identical keys are counted, so a baseline with one `the the` in a file still catches a
second one.

Format versions: 2 (written now) keys a finding on no cue (file-level findings, a missing
translation) by text as ``identity`` says; 1 keyed those by their whole message, cue numbers
and times included. A version-1 file is still read, with the keys it was written with, and
``--write-baseline`` rewrites it as version 2."""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .model import Finding, UsageError
from .report import Report

BASELINE_VERSION = 2
READABLE_VERSIONS = (1, 2)

# A number that does not continue a word: counts, cue numbers, line numbers, offsets, times
# ("cue 17", "00:01:02,500", "3 cues"); "cp1251" and "X003" keep their digits.
_NUMBER = re.compile(r"(?<![^\W_])\d+(?:[.,:]\d+)*")


def identity(finding: Finding) -> str:
    """The text a finding is known by, whatever cues are inserted above it or retimed:

    - a finding on a cue: the cue's text;
    - a finding on a cue of the *other* track (a missing translation, X003 ``data.side``
      "source"): that source cue's text (``data.source_text``);
    - any other file-level finding: its message with every number and time replaced by ``#``.
    """
    if finding.text is not None:
        return finding.text
    source_text = finding.data.get("source_text")
    if isinstance(source_text, str):
        return f"source:{source_text}"
    return f"file:{_NUMBER.sub('#', finding.message)}"


def _digest(basis: str) -> str:
    norm = " ".join(unicodedata.normalize("NFC", basis).casefold().split())
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprint(finding: Finding) -> str:
    """16 hex digits of a hash of ``identity`` (case and spacing folded)."""
    return _digest(identity(finding))


def _fingerprint_v1(finding: Finding) -> str:
    """The key of a version-1 baseline: the cue text, else the whole message."""
    return _digest(finding.text if finding.text is not None else f"file:{finding.message}")


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:          # another drive on Windows
        return Path(path).as_posix()


def _key(finding: Finding, base: Path,
         fp: Callable[[Finding], str] = fingerprint) -> tuple[str, str, str]:
    return (_rel(finding.path, base), finding.code, fp(finding))


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
        version = data.get("version")
    except FileNotFoundError:
        raise UsageError(f"baseline file not found: {path}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path}: not a subqa baseline file ({exc})") from None
    if version not in READABLE_VERSIONS:
        raise UsageError(
            f"{path}: baseline format version {version!r} is not one this subqa reads "
            f"({', '.join(map(str, READABLE_VERSIONS))}); record it again with --write-baseline")
    fp = fingerprint if version == BASELINE_VERSION else _fingerprint_v1
    suppressed = 0
    checked = {_rel(r.path, path.parent) for r in report.files}
    for result in report.files:
        kept = []
        for f in result.findings:
            key = _key(f, path.parent, fp)
            if remaining.get(key, 0) > 0:
                remaining[key] -= 1
                suppressed += 1
            else:
                kept.append(f)
        result.findings = kept
    stale = [{"path": p, "code": c, "fingerprint": fp, "count": n}
             for (p, c, fp), n in sorted(remaining.items()) if n > 0 and p in checked]
    return BaselineResult(suppressed=suppressed, stale=stale)
