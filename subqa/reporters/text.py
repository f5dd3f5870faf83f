"""Plain-text report: grouped by file, one line per finding, a summary line."""
from __future__ import annotations

from ..model import format_timecode
from ..report import Report


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report) -> str:
    out: list[str] = []
    for res in report.files:
        lang = res.language or "language unknown"
        if res.language_origin == "detected":
            lang += " (detected)"
        head = f"{res.path}  [{res.format}, {lang}, {res.encoding}, {_plural(res.cues, 'cue')}"
        if res.source:
            head += f", source {res.source}"
        out.append(head + "]")
        for f in res.findings:
            where = f"{res.path}:{f.line}" if f.line is not None else res.path
            where_in_track = (f" cue {f.cue} {format_timecode(f.start_ms)}-"
                              f"{format_timecode(f.end_ms)}" if f.cue is not None
                              else (" file" if f.line is None else ""))
            out.append(f"  {where}: {f.code} {f.name} [{f.severity.label}]{where_in_track}: "
                       f"{f.message}")
        if not res.findings:
            out.append("  no findings")
    s = report.summary()
    out.append("")
    out.append(f"{_plural(s['files'], 'file')}, {_plural(s['cues'], 'cue')}: "
               f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')}, "
               f"{s['infos']} info")
    if report.baseline is not None:
        b = report.baseline
        gone = sum(e["count"] for e in b.stale)
        out.append(f"baseline: {_plural(b.suppressed, 'known finding')} not shown; "
                   f"{gone} baseline {'entry no longer occurs' if gone == 1 else 'entries no longer occur'}")
        for e in b.stale:
            out.append(f"  gone: {e['path']} {e['code']} {e['fingerprint']} x{e['count']}")
    return "\n".join(out) + "\n"


def render_statistics(report: Report) -> str:
    """``--statistics``: findings per rule code, most frequent first."""
    counts: dict[tuple[str, str, str], int] = {}
    for f in report.findings:
        key = (f.code, f.name, f.severity.label)
        counts[key] = counts.get(key, 0) + 1
    lines = []
    for (code, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{n:>6}  {code}  {name:<28} {sev}")
    return "\n".join(lines) + ("\n" if lines else "")
