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
            cue = (f"cue {f.cue} {format_timecode(f.start_ms)}-{format_timecode(f.end_ms)}"
                   if f.cue is not None else "file")
            out.append(f"  {where}: {f.code} {f.name} [{f.severity.label}] {cue}: {f.message}")
        if not res.findings:
            out.append("  no findings")
    s = report.summary()
    out.append("")
    out.append(f"{_plural(s['files'], 'file')}, {_plural(s['cues'], 'cue')}: "
               f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')}, "
               f"{s['infos']} info")
    return "\n".join(out) + "\n"
