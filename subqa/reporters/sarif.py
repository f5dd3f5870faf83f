"""SARIF 2.1.0 report, for code-scanning consumers (GitHub code scanning, Azure DevOps, IDEs).

One run. ``tool.driver.rules`` is the whole rule catalog (id = code, name, short and full
description, ``defaultConfiguration.level``); each finding is a result pointing at its rule by
``ruleId`` and ``ruleIndex``. Levels: error -> ``error``, warning -> ``warning``, info ->
``note``. Every result has a ``region.startLine`` (1-based): GitHub code scanning needs one to
place an alert, so a file-level finding (no line) points at line 1 and says so in
``properties.fileLevel``. Cue number and times are in the result's ``properties``.
``partialFingerprints`` key a result by its code and cue text (not the cue number, which shifts
when cues are inserted), so alerts follow a cue across edits.
"""
from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Severity, format_timecode
from ..report import FileResult, Report
from ..rules import all_rules

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "subqaCueText/v1"

# Lone surrogates (from undecodable bytes) cannot be written as UTF-8 JSON.
_SURROGATE = re.compile("[\ud800-\udfff]")
_DRIVE = re.compile(r"^[A-Za-z]:/")


def _clean(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value)


def artifact_uri(path: str) -> str:
    """A path as a URI reference: relative paths stay relative (forward slashes), absolute ones
    become ``file://`` URIs; characters a URI cannot hold are percent-encoded."""
    p = _clean(path).replace("\\", "/")
    if _DRIVE.match(p):
        return "file:///" + p[:2] + quote(p[2:], safe="/")
    if p.startswith("/"):
        return "file://" + quote(p, safe="/")
    return quote(p, safe="/")


def _descriptor(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explain()},
        "help": {"text": f"{rule.explain()}\n\nRun `subqa rules {rule.code}` for its parameters."},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _message(f: Finding) -> str:
    """The message, placed on the cue (viewers show the rule id and name beside it)."""
    if f.cue is None:
        return f.message
    return f"cue {f.cue} ({format_timecode(f.start_ms)} --> {format_timecode(f.end_ms)}): {f.message}"


def _fingerprint(f: Finding, seen: dict[str, int]) -> str:
    basis = f"{f.code}\0{f.text if f.text is not None else f.message}"
    digest = hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()[:20]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


def _result(f: Finding, res: FileResult, artifact_index: int, rule_index: dict[str, int],
            seen: dict[str, int]) -> dict:
    region = {"startLine": f.line if f.line is not None and f.line >= 1 else 1}
    props: dict = {"severity": f.severity.label}
    if f.line is None:
        props["fileLevel"] = True
    if f.cue is not None:
        props.update(cue=f.cue, start_ms=f.start_ms, end_ms=f.end_ms)
    if f.text is not None:
        props["cueText"] = _clean(f.text)
    if f.data:
        props["data"] = {str(k): v for k, v in f.data.items()}
    result = {
        "ruleId": f.code,
        "ruleIndex": rule_index[f.code],
        "level": LEVELS[f.severity],
        "message": {"text": _clean(_message(f))},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(res.path), "index": artifact_index},
                "region": region,
            },
        }],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(f, seen)},
        "properties": props,
    }
    return result


def to_dict(report: Report) -> dict:
    rules = [_descriptor(r) for r in all_rules()]
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    # A finding whose code is not in the catalog (a plugin rule removed since) still gets a
    # descriptor, so every ruleIndex is valid.
    for f in report.findings:
        if f.code not in rule_index:
            rule_index[f.code] = len(rules)
            rules.append({"id": f.code, "name": f.name, "shortDescription": {"text": f.name},
                          "defaultConfiguration": {"level": LEVELS[f.severity]}})
    artifacts = []
    results = []
    for i, res in enumerate(report.files):
        art = {"location": {"uri": artifact_uri(res.path)}, "encoding": res.encoding,
               "properties": {"format": res.format, "cues": res.cues}}
        if res.language:
            art["properties"]["language"] = res.language
        artifacts.append(art)
        seen: dict[str, int] = {}
        results.extend(_result(f, res, i, rule_index, seen) for f in res.findings)
    baseline = getattr(report, "baseline", None)
    run_props = {"profile": report.profile,
                 "failOn": report.fail_on.label if report.fail_on else "never"}
    if baseline is not None:
        # what is left after a baseline is new by definition (SARIF 3.27.24)
        for r in results:
            r["baselineState"] = "new"
        run_props["baseline"] = {"suppressed": baseline.suppressed, "stale": baseline.stale}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "subqa",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "artifacts": artifacts,
            "results": results,
            "properties": run_props,
        }],
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2, default=str) + "\n"
