"""SARIF 2.1.0 report, for code-scanning consumers (GitHub code scanning, Azure DevOps, IDEs).

One run. ``tool.driver.rules`` is the whole rule catalog (id = code, name, short and full
description, ``defaultConfiguration.level``); each finding is a result pointing at its rule by
``ruleId`` and ``ruleIndex``. Levels: error -> ``error``, warning -> ``warning``, info ->
``note``. Every result has a ``region.startLine`` (1-based): GitHub code scanning needs one to
place an alert, so a file-level finding (no line) points at line 1 and says so in
``properties.fileLevel``. Cue number (reading order), the cue's own identifier in the file
(``cueId``: the SubRip number, the WebVTT cue id) and times are in the result's ``properties``.
``partialFingerprints`` key a result by its code and its identity text (``subqa.baseline.identity``:
the cue text, never the cue number, which shifts when cues are inserted), so alerts follow a cue
across edits. ``artifacts[].encoding`` is the IANA charset name of the codec the file was read
with (``windows-1251``, ``UTF-8``), as SARIF 3.24.9 requires, and absent when there is none.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import re
from urllib.parse import quote

from .. import __version__
from ..baseline import identity
from ..model import Finding, Severity, format_timecode
from ..report import FileResult, Report
from ..checks import all_rules

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "subqaCueText/v1"

# Lone surrogates (from undecodable bytes) cannot be written as UTF-8 JSON.
_SURROGATE = re.compile("[\ud800-\udfff]")
_DRIVE = re.compile(r"^[A-Za-z]:/")


# Python codec names (as codecs.lookup(...).name gives them) -> IANA character set names
# (https://www.iana.org/assignments/character-sets: the preferred MIME name where there is one).
# Codecs with no IANA name (cp737, cp1125, mac-cyrillic, ...) are left out: no encoding is
# better than a made-up one.
_IANA = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8",          # the BOM is a byte of the file, not a charset
    "utf-16": "UTF-16", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
    "utf-32": "UTF-32", "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE", "utf-7": "UTF-7",
    "ascii": "US-ASCII",
    **{f"cp{n}": f"windows-{n}" for n in range(1250, 1259)}, "cp874": "windows-874",
    **{f"iso8859-{n}": f"ISO-8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)},
    "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "ptcp154": "PTCP154", "kz1048": "KZ-1048",
    **{f"cp{n}": f"IBM{n}" for n in ("037", "273", "424", "437", "500", "775", "850", "852",
                                     "855", "857", "860", "861", "862", "863", "864", "865",
                                     "866", "869", "1026")},
    "cp858": "IBM00858", "cp1140": "IBM01140",
    "gb18030": "GB18030", "gbk": "GBK", "gb2312": "GB2312", "hz": "HZ-GB-2312",
    # cp950 is Microsoft's Big5 (with its extensions), which is what decoders named Big5 read
    "big5": "Big5", "cp950": "Big5", "big5hkscs": "Big5-HKSCS",
    "shift_jis": "Shift_JIS", "cp932": "Windows-31J", "euc_jp": "EUC-JP",
    "iso2022_jp": "ISO-2022-JP", "iso2022_jp_2": "ISO-2022-JP-2",
    # cp949 (Unified Hangul Code) has no IANA entry of its own; KS_C_5601-1987 is the name
    # Windows labels it with, and WHATWG decoders (browsers) read that label as cp949
    "cp949": "KS_C_5601-1987", "euc_kr": "EUC-KR", "iso2022_kr": "ISO-2022-KR",
    "tis-620": "TIS-620", "mac-roman": "macintosh", "hp-roman8": "hp-roman8",
}


def iana_charset(codec: str | None) -> str | None:
    """The IANA character set name of a Python codec name or alias (``cp1251`` ->
    ``windows-1251``, ``utf_8_sig`` -> ``UTF-8``), or None when it has none or is unknown."""
    if not codec:
        return None
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return None
    return _IANA.get(name)


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
    return (f"{f.cue_label()} ({format_timecode(f.start_ms)} --> {format_timecode(f.end_ms)}): "
            f"{f.message}")


def _fingerprint(f: Finding, seen: dict[str, int]) -> str:
    basis = f"{f.code}\0{identity(f)}"
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
        props["cue"] = f.cue
    if f.cue_id is not None:        # the cue's own number or id in the file
        props["cueId"] = _clean(f.cue_id)
    if f.start_ms is not None:      # a cue's times, or a missing translation's source times
        props.update(start_ms=f.start_ms, end_ms=f.end_ms)
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
    if f.fix is not None:            # `subqa fix` can fix it (SARIF 3.55 fix objects)
        result["fixes"] = [_fix(f.fix, res.path, artifact_index)]
    return result


def _fix(fix, path: str, artifact_index: int) -> dict:
    return {
        "description": {"text": _clean(f"{fix.description} ({fix.applicability} fix)")},
        "artifactChanges": [{
            "artifactLocation": {"uri": artifact_uri(path), "index": artifact_index},
            "replacements": [{"deletedRegion": {"startLine": r.line, "startColumn": r.column,
                                                "endLine": r.end_line, "endColumn": r.end_column},
                              "insertedContent": {"text": _clean(r.replacement)}}
                             for r in fix.regions],
        }],
        "properties": {"applicability": fix.applicability},
    }


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
        art = {"location": {"uri": artifact_uri(res.path)}}
        charset = iana_charset(res.encoding)
        if charset:
            art["encoding"] = charset
        art["properties"] = {"format": res.format, "cues": res.cues}
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
