"""JUnit XML report, for CI systems that show test results (GitLab, Jenkins, Azure, ...).

One ``<testsuite>`` per checked file (name and ``file`` = the path). One ``<testcase>`` per
finding: classname = the path, name = ``CODE name FINGERPRINT``, where FINGERPRINT is the first
8 hex digits of the finding's baseline fingerprint (``subqa.baseline.fingerprint``: a hash of
the cue text, or for a finding on no cue of its text without numbers), so a case keeps its name
when cues are inserted above it; a name repeated in one file (two findings of one code on one
cue) gets `` (2)``, `` (3)``... in report order, so every name in a file is unique. Findings at
or above the report's ``fail_on`` severity are failing cases (``<failure type="CODE"
message="...">`` with the details as its text); findings below it are passing cases whose
details are in ``<system-out>``, so the JUnit result agrees with subqa's exit code. With
``fail_on`` None (``--fail-on never``) nothing fails. A file without findings is one passing
case named ``no findings``. ``time`` is always 0 (the report is deterministic; consumers that
require the attribute get one).

Test cases carry no ``file``/``line`` attributes: Jenkins' xunit plugin validates against its
``junit-10.xsd``, which rejects them, and the path is the classname anyway; the line is in the
details (see docs/report-formats.md for the consumers compared).

Characters that XML 1.0 forbids (control characters from broken files, lone surrogates) are
replaced by U+FFFD, so the document always parses.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from ..baseline import fingerprint
from ..model import Finding, Severity, format_timecode
from ..report import FileResult, Report

# Everything outside XML 1.0's Char production: C0 controls other than tab/LF/CR, surrogates,
# U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def case_name(f: Finding) -> str:
    """``CODE name FINGERPRINT``: the same for the same finding whatever the cue numbers."""
    return f"{f.code} {f.name} {fingerprint(f)[:8]}"


def case_names(findings: list[Finding]) -> list[str]:
    """One name per finding, unique within the file: repeats get " (2)", " (3)"..."""
    seen: Counter[str] = Counter()
    names = []
    for f in findings:
        name = case_name(f)
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def details(res: FileResult, f: Finding) -> str:
    """The multi-line body of a failure or system-out."""
    where = f"{res.path}:{f.line}" if f.line is not None else res.path
    out = [f"{f.code} {f.name} [{f.severity.label}] at {where}"]
    times = f"{format_timecode(f.start_ms)} --> {format_timecode(f.end_ms)}"
    if f.cue is not None:
        out.append(f"{f.cue_label()} {times}")
    elif f.start_ms is not None:
        out.append(f"at {times}")
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
        "file": xml_safe(res.path),
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
                                          "time": "0"})
        return suite
    for f, name in zip(res.findings, case_names(res.findings), strict=True):
        case = ET.SubElement(suite, "testcase", {"classname": xml_safe(res.path),
                                                 "name": xml_safe(name), "time": "0"})
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
