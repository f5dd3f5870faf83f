"""GitHub Actions workflow commands: each finding becomes an annotation on the file and line.

    ::group::films/ep01.ru.srt
    ::error file=films/ep01.ru.srt,line=12,title=T001 cue-overlap::cue 3 (00:00:10.000 --> ...): ...
    ::endgroup::

error -> ``::error``, warning -> ``::warning``, info -> ``::notice``. Files without findings
print no group. Values are escaped as the Actions runner expects (``%``, CR and LF in the
message; also ``:`` and ``,`` in properties), so text from a subtitle can never start a command
of its own. A plain summary line ends the output.
"""
from __future__ import annotations

from ..model import Finding, Severity, format_timecode
from ..report import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, f: Finding) -> str:
    props = [f"file={escape_property(path)}"]
    if f.line is not None:
        props.append(f"line={f.line}")
    props.append(f"title={escape_property(f'{f.code} {f.name}')}")
    if f.cue is None:
        message = f.message
    else:
        message = (f"{f.cue_label()} ({format_timecode(f.start_ms)} --> "
                   f"{format_timecode(f.end_ms)}): {f.message}")
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(message)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report) -> str:
    out: list[str] = []
    for res in report.files:
        if not res.findings:
            continue
        out.append(f"::group::{escape_data(res.path)}")
        out.extend(annotation(res.path, f) for f in res.findings)
        out.append("::endgroup::")
    s = report.summary()
    out.append(f"subqa: {_plural(s['files'], 'file')}, {_plural(s['cues'], 'cue')}: "
               f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')}, "
               f"{s['infos']} info")
    baseline = getattr(report, "baseline", None)
    if baseline is not None:
        gone = sum(e["count"] for e in baseline.stale)
        out.append(f"baseline: {_plural(baseline.suppressed, 'known finding')} not shown, "
                   f"{gone} no longer found")
    return "\n".join(out) + "\n"
