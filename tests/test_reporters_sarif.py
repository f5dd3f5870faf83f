"""SARIF output, checked against the parts of the SARIF 2.1.0 specification (OASIS, sections 3.11
to 3.52) and of GitHub code scanning's requirements that subqa uses. The checker is written here
so the tests need no schema download."""
import copy
import json
import re

import pytest

from subqa import __version__
from subqa.model import Severity
from subqa.reporters import sarif
from subqa.checks import all_rules
from test_reporters_kit import baseline_report, film_report, samples_report, sample_report

LEVELS = {"none", "note", "warning", "error"}                 # 3.27.10

# The properties SARIF 2.1.0 defines for the objects subqa emits (the schema forbids any other:
# "additionalProperties": false); property bags ("properties") are free-form.
ALLOWED = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "invocations", "conversion", "language", "versionControlProvenance",
            "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
            "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
            "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
            "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
            "translations", "policies", "webRequests", "webResponses", "specialLocations",
            "properties"},
    "tool": {"driver", "extensions", "properties"},
    "toolComponent": {"guid", "name", "organization", "product", "productSuite",
                      "shortDescription", "fullDescription", "fullName", "version",
                      "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri",
                      "informationUri", "globalMessageStrings", "notifications", "rules", "taxa",
                      "locations", "language", "contents", "isComprehensive",
                      "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
                      "associatedComponent", "translationMetadata", "supportedTaxonomies",
                      "properties"},
    "reportingDescriptor": {"id", "deprecatedIds", "guid", "deprecatedGuids", "name",
                            "deprecatedNames", "shortDescription", "fullDescription",
                            "messageStrings", "defaultConfiguration", "helpUri", "help",
                            "relationships", "properties"},
    "reportingConfiguration": {"enabled", "level", "rank", "parameters", "properties"},
    "multiformatMessageString": {"text", "markdown", "properties"},
    "message": {"text", "markdown", "id", "arguments", "properties"},
    "artifact": {"description", "location", "parentIndex", "offset", "length", "roles",
                 "mimeType", "contents", "encoding", "sourceLanguage", "hashes",
                 "lastModifiedTimeUtc", "properties"},
    "result": {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
               "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
               "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
               "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
               "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
               "webResponse", "properties"},
    "location": {"id", "physicalLocation", "logicalLocations", "message", "annotations",
                 "relationships", "properties"},
    "physicalLocation": {"address", "artifactLocation", "region", "contextRegion", "properties"},
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
               "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"},
}


def _keys(obj, kind, where, errors):
    extra = set(obj) - ALLOWED[kind] if isinstance(obj, dict) else {"<not an object>"}
    if extra:
        errors.append(f"{where}: {kind} has no properties {sorted(extra)}")


def check_keys(doc) -> list[str]:
    """Properties that SARIF 2.1.0 does not define on the objects subqa writes."""
    errors: list[str] = []
    _keys(doc, "log", "log", errors)
    for r, run in enumerate(doc.get("runs", [])):
        w = f"runs[{r}]"
        _keys(run, "run", w, errors)
        _keys(run.get("tool", {}), "tool", w + ".tool", errors)
        driver = run.get("tool", {}).get("driver", {})
        _keys(driver, "toolComponent", w + ".driver", errors)
        for i, d in enumerate(driver.get("rules", [])):
            _keys(d, "reportingDescriptor", f"rules[{i}]", errors)
            for key in ("shortDescription", "fullDescription", "help"):
                if key in d:
                    _keys(d[key], "multiformatMessageString", f"rules[{i}].{key}", errors)
            if "defaultConfiguration" in d:
                _keys(d["defaultConfiguration"], "reportingConfiguration", f"rules[{i}]", errors)
        for i, a in enumerate(run.get("artifacts", [])):
            _keys(a, "artifact", f"artifacts[{i}]", errors)
            _keys(a.get("location", {}), "artifactLocation", f"artifacts[{i}].location", errors)
        for i, res in enumerate(run.get("results", [])):
            _keys(res, "result", f"results[{i}]", errors)
            _keys(res.get("message", {}), "message", f"results[{i}].message", errors)
            for loc in res.get("locations", []):
                _keys(loc, "location", f"results[{i}].location", errors)
                phys = loc.get("physicalLocation", {})
                _keys(phys, "physicalLocation", f"results[{i}].physicalLocation", errors)
                _keys(phys.get("artifactLocation", {}), "artifactLocation", f"results[{i}]", errors)
                _keys(phys.get("region", {}), "region", f"results[{i}].region", errors)
    return errors


def _message(obj, where, errors):
    if not isinstance(obj, dict) or not (isinstance(obj.get("text"), str) or "id" in obj):
        errors.append(f"{where}: a message needs text (or id)")          # 3.11.7


def check_sarif(doc) -> list[str]:
    """Structural errors in a SARIF log (empty list: valid for what subqa emits)."""
    errors: list[str] = []
    if doc.get("version") != "2.1.0":
        errors.append("version must be '2.1.0'")                          # 3.13.2
    if not isinstance(doc.get("$schema"), str) or "2.1.0" not in doc["$schema"]:
        errors.append("$schema must name the 2.1.0 schema")
    runs = doc.get("runs")
    if not isinstance(runs, list):
        return errors + ["runs must be an array"]                          # 3.13.4
    for r, run in enumerate(runs):
        driver = (run.get("tool") or {}).get("driver")
        if not isinstance(driver, dict) or not isinstance(driver.get("name"), str):
            errors.append(f"runs[{r}].tool.driver.name is required")       # 3.18.2, 3.19.8
            continue
        rules = driver.get("rules", [])
        ids = [d.get("id") for d in rules]
        for i, d in enumerate(rules):
            if not isinstance(d.get("id"), str):
                errors.append(f"rules[{i}].id is required")                # 3.49.3
            for key in ("shortDescription", "fullDescription", "help"):
                if key in d:
                    _message(d[key], f"rules[{i}].{key}", errors)          # 3.12 text required
            level = d.get("defaultConfiguration", {}).get("level", "warning")
            if level not in LEVELS:
                errors.append(f"rules[{i}].defaultConfiguration.level {level!r}")
        if len(set(ids)) != len(ids):
            errors.append("rule ids are not unique")
        artifacts = run.get("artifacts", [])
        for i, res in enumerate(run.get("results", [])):
            where = f"results[{i}]"
            _message(res.get("message"), where + ".message", errors)       # 3.27.11 required
            if res.get("baselineState", "new") not in {"new", "unchanged", "updated", "absent"}:
                errors.append(f"{where}.baselineState")                    # 3.27.24
            if res.get("level", "warning") not in LEVELS:
                errors.append(f"{where}.level {res.get('level')!r}")
            idx = res.get("ruleIndex")
            if idx is not None and not (0 <= idx < len(rules) and ids[idx] == res.get("ruleId")):
                errors.append(f"{where}.ruleIndex does not point at ruleId")  # 3.27.7
            locations = res.get("locations") or []
            if not locations:
                errors.append(f"{where}: GitHub needs a location")
            for loc in locations:
                phys = loc.get("physicalLocation", {})
                art = phys.get("artifactLocation", {})
                uri = art.get("uri")
                if not isinstance(uri, str) or "\\" in uri or " " in uri:
                    errors.append(f"{where}: uri {uri!r} is not a URI reference")
                if "index" in art and not (0 <= art["index"] < len(artifacts)
                                           and artifacts[art["index"]]["location"]["uri"] == uri):
                    errors.append(f"{where}: artifact index does not match the uri")
                region = phys.get("region")
                if not isinstance(region, dict) or not isinstance(region.get("startLine"), int) \
                        or region["startLine"] < 1:                        # 3.30.5, GitHub
                    errors.append(f"{where}: region.startLine must be an integer >= 1")
    return errors


def doc_of(report):
    return json.loads(sarif.render(report))


def test_sample_report_is_valid_sarif():
    doc = doc_of(sample_report())
    assert check_sarif(doc) == []
    assert check_keys(doc) == []
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1
    assert len(doc["runs"][0]["results"]) == 5


@pytest.mark.parametrize("breakage", [
    lambda d: d["runs"][0]["tool"]["driver"].pop("name"),
    lambda d: d["runs"][0]["results"][1].update(ruleIndex=d["runs"][0]["results"][1]["ruleIndex"] + 1),
    lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"].pop("region"),
    lambda d: d["runs"][0]["results"][0].update(level="info"),
    lambda d: d["runs"][0]["results"][0].update(message={}),
    lambda d: d.update(version="2.0.0"),
    lambda d: d["runs"][0]["results"][0].update(severity="error"),
    lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(
        line=3),
])
def test_checker_rejects_broken_documents(breakage):
    doc = copy.deepcopy(doc_of(sample_report()))
    breakage(doc)
    assert check_sarif(doc) + check_keys(doc) != []


def test_driver_carries_the_whole_rule_catalog():
    driver = doc_of(sample_report())["runs"][0]["tool"]["driver"]
    assert driver["name"] == "subqa" and driver["version"] == __version__
    catalog = all_rules()
    assert [d["id"] for d in driver["rules"]] == [r.code for r in catalog]
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for d, rule in zip(driver["rules"], catalog):
        assert d["name"] == rule.name
        assert d["shortDescription"]["text"] == rule.summary
        assert d["fullDescription"]["text"] == rule.explain()
        assert d["defaultConfiguration"]["level"] == level[rule.severity]


def test_results_levels_locations_and_properties():
    run = doc_of(sample_report())["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    t001 = by_rule["T001"]
    assert t001["level"] == "error"
    phys = t001["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "films/ep%2001.en.srt"
    assert phys["region"] == {"startLine": 5}
    assert t001["properties"]["cue"] == 2
    assert (t001["properties"]["start_ms"], t001["properties"]["end_ms"]) == (2500, 5000)
    assert "cue 2 (00:00:02.500 --> 00:00:05.000)" in t001["message"]["text"]
    assert by_rule["R003"]["level"] == "warning"
    assert by_rule["R003"]["properties"]["data"] == {"cps": 48.0, "limit": 20}
    assert by_rule["R004"]["level"] == "note"
    p002 = by_rule["P002"]                      # file-level: line 1, flagged as such
    assert p002["level"] == "note"
    assert p002["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert p002["properties"]["fileLevel"] is True and "cue" not in p002["properties"]
    assert by_rule["P001"]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "broken.vtt", "index": 2}


def test_artifacts_describe_every_file():
    arts = doc_of(sample_report())["runs"][0]["artifacts"]
    assert [a["location"]["uri"] for a in arts] == ["films/ep%2001.en.srt", "films/ep02.ru.srt",
                                                   "broken.vtt"]
    assert arts[0]["encoding"] == "windows-1252" and arts[0]["properties"]["language"] == "en"
    assert arts[1]["encoding"] == "UTF-8"


@pytest.mark.parametrize("unknown", ["", None, "cp737", "no-such-codec"])
def test_artifact_without_a_known_charset_has_no_encoding(unknown):
    report = sample_report()
    report.files[2].encoding = unknown          # unreadable file, or a codec IANA does not name
    arts = doc_of(report)["runs"][0]["artifacts"]
    assert "encoding" not in arts[2] and arts[0]["encoding"] == "windows-1252"
    assert check_sarif(doc_of(report)) == []


# Every codec the encoding detector (subqa.formats.encoding) can report, and its IANA name.
DETECTED = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32",
    "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
    "cp1250": "windows-1250", "cp1251": "windows-1251", "cp1252": "windows-1252",
    "cp1253": "windows-1253", "cp1254": "windows-1254", "cp1255": "windows-1255",
    "cp1256": "windows-1256", "cp1257": "windows-1257", "cp1258": "windows-1258",
    "cp874": "windows-874", "gb18030": "GB18030", "big5": "Big5", "cp950": "Big5",
    "cp949": "KS_C_5601-1987", "shift_jis": "Shift_JIS", "cp932": "Windows-31J",
    "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "iso8859-5": "ISO-8859-5", "cp866": "IBM866",
    "iso8859-6": "ISO-8859-6",
}


def test_every_codec_the_detector_returns_has_its_iana_name():
    from subqa.formats import encoding

    returned = ({"utf-8", "utf-16-le", "utf-16-be"} | set(encoding.CANDIDATES)
                | set(encoding._WIDER.values()) | {codec for _, codec, _ in encoding._BOMS})
    assert returned == set(DETECTED)            # a new candidate needs its IANA name here
    assert {c: sarif.iana_charset(c) for c in sorted(returned)} == {
        c: DETECTED[c] for c in sorted(returned)}


@pytest.mark.parametrize("given, iana", [
    ("utf_16_le", "UTF-16LE"), ("UTF8", "UTF-8"), ("utf_8_sig", "UTF-8"),
    ("CP1251", "windows-1251"),
    ("windows-1251", "windows-1251"), ("latin-1", "ISO-8859-1"), ("iso-8859-15", "ISO-8859-15"),
    ("ascii", "US-ASCII"), ("cp437", "IBM437"), ("mac_roman", "macintosh"), ("euc-jp", "EUC-JP"),
    ("sjis", "Shift_JIS"), ("gbk", "GBK"),
])
def test_codec_aliases_given_with_encoding_map_to_iana_names(given, iana):
    assert sarif.iana_charset(given) == iana


@pytest.mark.parametrize("path, uri", [
    ("a/b.srt", "a/b.srt"),
    ("a\\b c.srt", "a/b%20c.srt"),
    ("/srv/films/x.srt", "file:///srv/films/x.srt"),
    ("C:\\films\\x.srt", "file:///C:/films/x.srt"),
    ("фильм.ru.srt", "%D1%84%D0%B8%D0%BB%D1%8C%D0%BC.ru.srt"),
])
def test_artifact_uri(path, uri):
    assert sarif.artifact_uri(path) == uri


def test_fingerprints_follow_the_cue_text_and_stay_unique():
    run = doc_of(film_report(30, every=1))["runs"][0]
    prints = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in run["results"]]
    assert len(prints) == 30 and len(set(prints)) == 30
    # the same text and code give the same key wherever the cue sits; repeats are numbered
    assert re.fullmatch(r"[0-9a-f]{20}:1", prints[0])


def test_hostile_text_stays_valid_json():
    text = sarif.render(sample_report())
    doc = json.loads(text)
    cue_text = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "T001"][0]["properties"]
    assert cue_text["cueText"].startswith("<script>alert(1)</script>")
    text.encode("utf-8")                       # no lone surrogates


def test_samples_are_valid_sarif():
    report = samples_report()
    doc = doc_of(report)
    assert check_sarif(doc) == [] and check_keys(doc) == []
    assert len(doc["runs"][0]["results"]) == len(report.findings)


def test_repeated_cue_text_gets_numbered_fingerprints():
    report = film_report(3, every=1)
    res = report.files[0]
    res.findings = [f.replace(text="Yes.") for f in res.findings]
    prints = [r["partialFingerprints"][sarif.FINGERPRINT_KEY]
              for r in doc_of(report)["runs"][0]["results"]]
    stems = {p.split(":")[0] for p in prints}
    assert len(stems) == 1 and [p.split(":")[1] for p in prints] == ["1", "2", "3"]


def test_baseline_marks_results_new_and_lists_stale_entries():
    doc = doc_of(baseline_report())
    run = doc["runs"][0]
    assert check_sarif(doc) == [] and check_keys(doc) == []
    assert {r["baselineState"] for r in run["results"]} == {"new"}
    assert run["properties"]["baseline"]["suppressed"] == 7
    assert run["properties"]["baseline"]["stale"][0]["code"] == "T003"
    assert "baselineState" not in doc_of(sample_report())["runs"][0]["results"][0]


def _file_level_print(message, **data):
    report = sample_report()
    report.files[2].findings = [report.files[2].findings[0].replace(message=message, data=data)]
    result = [r for r in doc_of(report)["runs"][0]["results"] if r["ruleId"] == "P001"][0]
    return result["partialFingerprints"][sarif.FINGERPRINT_KEY], result["properties"]


def test_file_level_fingerprint_ignores_cue_numbers_and_times():
    a, _ = _file_level_print("cue 3 has no number line before its timing line")
    b, _ = _file_level_print("cue 4 has no number line before its timing line")
    c, _ = _file_level_print("cue 4 starts without a blank line")       # near miss: another problem
    assert a == b and a != c


def test_missing_translation_has_its_source_times_and_a_text_fingerprint():
    report = sample_report()
    x003 = report.files[2].findings[0].replace(
        code="X003", name="missing-counterpart", message="source cue 7 (...) has no translation",
        start_ms=28000, end_ms=32000, data={"side": "source", "source_text": "The road."})
    report.files[2].findings = [x003]
    result = [r for r in doc_of(report)["runs"][0]["results"] if r["ruleId"] == "X003"][0]
    assert "cue" not in result["properties"]
    assert (result["properties"]["start_ms"], result["properties"]["end_ms"]) == (28000, 32000)
    moved = x003.replace(message="source cue 8 (...) has no translation", start_ms=29000)
    report.files[2].findings = [moved]
    again = [r for r in doc_of(report)["runs"][0]["results"] if r["ruleId"] == "X003"][0]
    assert again["partialFingerprints"] == result["partialFingerprints"]
