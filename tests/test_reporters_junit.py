import re
import xml.etree.ElementTree as ET

import pytest

from subqa.baseline import fingerprint
from subqa.engine import Selection, TrackJob, run_rules
from subqa.formats import parse_bytes
from subqa.model import Severity
from subqa.profiles import load_profile
from subqa.report import FileResult, Report
from subqa.reporters import junit
from test_reporters_kit import EVIL, samples_report, sample_report


def parse(report):
    return ET.fromstring(junit.render(report).encode("utf-8"))


def suites(root):
    return {s.get("name"): s for s in root.findall("testsuite")}


def test_one_suite_per_file_with_counts():
    root = parse(sample_report())
    assert root.tag == "testsuites"
    by_name = suites(root)
    assert list(by_name) == ["films/ep 01.en.srt", "films/ep02.ru.srt", "broken.vtt"]
    a = by_name["films/ep 01.en.srt"]
    assert (a.get("tests"), a.get("failures")) == ("4", "1")
    assert len(a.findall("testcase")) == 4
    assert (root.get("tests"), root.get("failures")) == ("6", "2")
    props = {p.get("name"): p.get("value") for p in a.find("properties")}
    assert props["encoding"] == "cp1252" and props["language"] == "en"


def test_failing_case_for_a_finding_at_fail_on():
    a = suites(parse(sample_report()))["films/ep 01.en.srt"]
    failing = [c for c in a.findall("testcase") if c.find("failure") is not None]
    assert len(failing) == 1
    case = failing[0]
    assert case.get("classname") == "films/ep 01.en.srt"
    assert case.get("name") == f"T001 cue-overlap {fingerprint(sample_report().findings[1])[:8]}"
    assert case.get("line") is None and case.get("file") is None
    failure = case.find("failure")
    assert "at films/ep 01.en.srt:5" in failure.text
    assert failure.get("type") == "T001"
    assert "starts 500 ms before" in failure.get("message")
    assert "00:00:02.500 --> 00:00:05.000" in failure.text
    assert "<script>alert(1)</script>" in failure.text        # the cue text, as text


def test_findings_below_fail_on_pass_with_details_in_system_out():
    a = suites(parse(sample_report()))["films/ep 01.en.srt"]
    passing = [c for c in a.findall("testcase") if c.find("failure") is None]
    fa = sample_report().files[0].findings
    assert [c.get("name") for c in passing] == [
        f"P002 non-utf8-encoding {fingerprint(fa[0])[:8]}",
        f"R003 reading-speed-too-high {fingerprint(fa[2])[:8]}",
        f"R004 lines-fit-on-one {fingerprint(fa[3])[:8]}",
    ]
    out = passing[1].find("system-out").text
    assert "48.0 characters per second" in out and "cps=48.0" in out


@pytest.mark.parametrize("fail_on, expected", [
    (Severity.INFO, "4"), (Severity.WARNING, "2"), (Severity.ERROR, "1"), (None, "0")])
def test_fail_on_decides_what_fails(fail_on, expected):
    a = suites(parse(sample_report(fail_on=fail_on)))["films/ep 01.en.srt"]
    assert a.get("failures") == expected
    assert len(a.findall("testcase/failure")) == int(expected)


def test_clean_file_is_one_passing_case():
    b = suites(parse(sample_report()))["films/ep02.ru.srt"]
    cases = b.findall("testcase")
    assert [(c.get("name"), c.find("failure")) for c in cases] == [("no findings", None)]
    assert (b.get("tests"), b.get("failures")) == ("1", "0")


def test_forbidden_xml_characters_are_replaced():
    with pytest.raises(ET.ParseError):              # what would happen without the cleaning
        ET.fromstring("<a>\x01</a>")
    text = junit.render(sample_report())
    assert "\x01" not in text and "\x1b" not in text and "\ufffe" not in text
    failure = parse(sample_report()).find(".//failure")
    assert "\ufffd" in failure.text
    assert junit.xml_safe(EVIL).count("\ufffd") == 4


def test_samples_parse_and_count_every_finding():
    report = samples_report()
    root = parse(report)
    for res in report.files:
        suite = suites(root)[res.path]
        assert int(suite.get("tests")) == max(1, len(res.findings))
        assert int(suite.get("failures")) == sum(f.severity >= Severity.ERROR for f in res.findings)


# --- stable, unique test case names ------------------------------------------------------------

FILM = ("1\n00:00:01,000 --> 00:00:03,000\nI saw the the house.\n\n"
        "2\n00:00:02,500 --> 00:00:05,000\nThis overlaps the cue before it.\n\n"
        "3\n00:00:06,000 --> 00:00:09,000\nThis first line is much too long for any screen at all\n"
        "and so is this second line, far beyond the limit of it\n\n"
        "4\n00:00:10,000 --> 00:00:12,000\nA line with a a doubled word.\n")


def checked(srt: str, path="film.en.srt") -> Report:
    track = parse_bytes(srt.encode("utf-8"), path).replace(language="en")
    found, _ = run_rules(TrackJob(track=track, language="en", profile=load_profile("netflix"),
                                  fps=24.0), Selection())
    return Report(files=[FileResult(path=path, format="srt", language="en", encoding="utf-8",
                                    cues=len(track.cues), findings=found, track=track)],
                  profile="netflix", fail_on=Severity.ERROR)


def case_names(report):
    return [c.get("name") for c in parse(report).iter("testcase")]


def test_case_names_do_not_change_when_a_cue_is_inserted_above():
    before = case_names(checked(FILM))
    renumbered = "\n\n".join(str(k + 2) + b[b.index("\n"):]
                               for k, b in enumerate(FILM.strip("\n").split("\n\n")))
    after = case_names(checked("1\n00:00:00,000 --> 00:00:00,900\nHello.\n\n" + renumbered))
    assert before and before == after
    assert all(re.fullmatch(r"[A-Z]\d{3} [a-z0-9-]+ [0-9a-f]{8}( \(\d+\))?", n) for n in before)


def test_two_findings_of_one_code_on_one_cue_get_distinct_names():
    report = checked(FILM)
    r001 = [f for f in report.findings if f.code == "R001"]
    assert len(r001) == 2 and r001[0].cue == r001[1].cue == 3     # two long lines of one cue
    names = case_names(report)
    assert len(names) == len(set(names))
    base = junit.case_name(r001[0])
    assert names.count(base) == 1 and names.count(base + " (2)") == 1
    # near miss: one code on two different cues: two fingerprints, no counter
    f004 = [n for n in names if n.startswith("F004")]
    assert len(f004) == 2 and f004[0] != f004[1] and not any("(" in n for n in f004)


def test_case_names_are_unique_in_every_sample_file():
    for suite in parse(samples_report()).findall("testsuite"):
        names = [c.get("name") for c in suite.findall("testcase")]
        assert len(names) == len(set(names)), suite.get("name")


# Attributes Jenkins' xunit plugin accepts (its junit-10.xsd, as pytest's xunit2 family follows)
XSD_ATTRIBUTES = {
    "testsuites": {"name", "time", "tests", "failures", "errors"},
    "testsuite": {"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp",
                  "hostname", "id", "package", "file", "log", "url"},
    "testcase": {"name", "time", "classname", "group"},
    "failure": {"type", "message"},
    "property": {"name", "value"},
    "properties": set(), "system-out": set(),
}


@pytest.mark.parametrize("make", [sample_report, samples_report, lambda: checked(FILM)])
def test_only_attributes_the_jenkins_xunit_schema_allows(make):
    root = parse(make())
    for el in root.iter():
        assert el.tag in XSD_ATTRIBUTES, el.tag
        assert set(el.attrib) <= XSD_ATTRIBUTES[el.tag], (el.tag, el.attrib)
    for suite in root.findall("testsuite"):
        assert suite.get("file") == suite.get("name")       # the path, where the schema allows it


def test_details_give_the_time_of_a_finding_on_no_cue():
    from subqa.model import Finding

    res = sample_report().files[0]
    missing = Finding(res.path, "X003", "missing-counterpart", Severity.WARNING,
                      "source cue 3 has no translation", 9, None, 7000, 9000,
                      {"side": "source", "source_text": "Take it."})
    assert "at 00:00:07.000 --> 00:00:09.000" in junit.details(res, missing)
    file_level = sample_report().files[0].findings[0]          # near miss: no time at all
    assert "-->" not in junit.details(res, file_level)
