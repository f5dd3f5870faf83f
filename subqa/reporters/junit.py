"""JUnit XML report, for CI systems that show test results (GitLab, Jenkins, Azure, ...).

One ``<testsuite>`` per checked file (name = the path). One ``<testcase>`` per finding
(classname = the path, name = ``CODE name line N cue M``). Findings at or above the report's
``fail_on`` severity are failing cases (``<failure type="CODE" message="...">`` with the details
as its text); findings below it are passing cases whose details are in ``<system-out>``, so the
JUnit result agrees with subqa's exit code. With ``fail_on`` None (``--fail-on never``) nothing
fails. A file without findings is one passing case named ``no findings``. ``time`` is always 0
(the report is deterministic; consumers that require the attribute get one).

Characters that XML 1.0 forbids (control characters from broken files, lone surrogates) are
replaced by U+FFFD, so the document always parses.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Finding, Severity, format_timecode
from ..report import FileResult, Report

# Everything outside XML 1.0's Char production: C0 controls other than tab/LF/CR, surrogates,
# U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def case_name(f: Finding) -> str:
    parts = [f.code, f.name]
    if f.line is not None:
        parts.append(f"line {f.line}")
    parts.append(f"cue {f.cue}" if f.cue is not None else "file")
    return " ".join(parts)


def details(res: FileResult, f: Finding) -> str:
    """The multi-line body of a failure or system-out."""
    where = f"{res.path}:{f.line}" if f.line is not None else res.path
    out = [f"{f.code} {f.name} [{f.severity.label}] at {where}"]
    if f.cue is not None:
        out.append(f"cue {f.cue} {format_timecode(f.start_ms)} --> {format_timecode(f.end_ms)}")
    out.append(f.message)
    if f.text is not None:
        out.append("text:")
        out.extend("  " + ln for ln in f.text.split("\n"))
    if f.data:
        out.append("data: " + ", ".join(f"{k}={v}" for k, v in sorted(f.data.items())))
    return "\n".join(out)


def _fails(f: Finding, fail_on: Severity | None) -> bool:
    return fail_on is not None and f.severity >= fail_on


def _suite(report: Report, res: FileResult) -> ET.Element:
    failures = sum(1 for f in res.findings if _fails(f, report.fail_on))
    suite = ET.Element("testsuite", {
        "name": xml_safe(res.path),
        "tests": str(max(1, len(res.findings))),
        "failures": str(failures),
        "errors": "0",
        "skipped": "0",
        "time": "0",
    })
    props = ET.SubElement(suite, "properties")
    for key, value in (("format", res.format), ("language", res.language),
                       ("language_origin", res.language_origin), ("encoding", res.encoding),
                       ("cues", res.cues), ("source", res.source), ("profile", report.profile)):
        if value is not None:
            ET.SubElement(props, "property", {"name": key, "value": xml_safe(value)})
    if not res.findings:
        ET.SubElement(suite, "testcase", {"classname": xml_safe(res.path), "name": "no findings",
                                          "file": xml_safe(res.path), "time": "0"})
        return suite
    for f in res.findings:
        attrs = {"classname": xml_safe(res.path), "name": xml_safe(case_name(f)),
                 "file": xml_safe(res.path), "time": "0"}
        if f.line is not None:
            attrs["line"] = str(f.line)
        case = ET.SubElement(suite, "testcase", attrs)
        body = xml_safe(details(res, f))
        if _fails(f, report.fail_on):
            failure = ET.SubElement(case, "failure", {
                "type": xml_safe(f.code),
                "message": xml_safe(f"[{f.severity.label}] {f.message}"),
            })
            failure.text = body
        else:
            ET.SubElement(case, "system-out").text = body
    return suite


def render(report: Report) -> str:
    suites = [_suite(report, res) for res in report.files]
    root = ET.Element("testsuites", {
        "name": "subqa",
        "tests": str(sum(int(s.get("tests")) for s in suites)),
        "failures": str(sum(int(s.get("failures")) for s in suites)),
        "errors": "0",
        "time": "0",
    })
    root.extend(suites)
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
