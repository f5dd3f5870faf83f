"""``subqa check`` says for each finding whether a fix exists and how safe it is: the fixes
are planned exactly as ``subqa fix`` plans its first pass, and each is attached to the finding
it answers (``Finding.fix``; the JSON report's ``fix``, SARIF ``fixes[]``)."""
from __future__ import annotations

from .. import files
from ..model import Track
from ..report import FileResult
from .base import CATALOG, Region


def annotate(result: FileResult, job, track: Track, data: bytes | None = None,
             located=None) -> FileResult:
    """``result`` with its fixable findings given their Fix (nothing changes when no finding
    has one, or the file cannot be fixed: a P001, a format not located, bytes that do not
    decode losslessly). ``data``: the file's bytes (default: read from job.path); ``located``:
    (Source, cue spans) of them when already made. Never raises: a failure here only leaves
    the findings without fixes."""
    if not any(f.code in CATALOG for f in result.findings):
        return result
    try:
        from .engine import context_for, plan_all

        fc = context_for(job, track, data if data is not None else files.read_bytes(job.path),
                         result, located)
        if fc is None:
            return result
        fixes = plan_all(fc, unsafe=True)
    except Exception:               # noqa: BLE001  a check never fails for want of a fix
        return result
    by_key = {}
    with_regions = job.fix_regions
    for fix in fixes:
        # a report needs the edits as regions (SARIF) only, and only when SARIF is written: the
        # edits themselves (spans of the decoded text, for `subqa fix`) are not kept
        by_key.setdefault((fix.code, fix.cue), fix.replace(
            regions=regions(fc.src, fix.edits) if with_regions else (), edits=()))
    findings = []
    for f in result.findings:
        fix = by_key.get((f.code, f.cue)) or by_key.get((f.code, None))
        findings.append(f.replace(fix=fix) if fix is not None else f)
    result.findings = findings
    return result


def regions(src, edits) -> tuple[Region, ...]:
    """Each edit as a :class:`Region`: its start and end line and column, 1-based, columns in
    UTF-16 code units (SARIF's default ``columnKind``), and its replacement."""
    starts = src.line_starts

    def column(line: int, offset: int) -> int:
        prefix = src.text[starts[line - 1]:offset]
        return len(prefix.encode("utf-16-le", "surrogatepass")) // 2 + 1

    out = []
    for e in edits:
        line = src.position(e.start)[0]
        # an edit within one line (a timing, a word) looks its line up once
        end_line = line if line == len(starts) or e.end < starts[line] else src.position(e.end)[0]
        out.append(Region(line, column(line, e.start), end_line, column(end_line, e.end),
                          e.replacement))
    return tuple(out)
