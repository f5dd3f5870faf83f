import xml.etree.ElementTree as ET

import pytest

from subqa.model import Severity
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
    assert case.get("name") == "T001 cue-overlap line 5 cue 2"
    assert case.get("line") == "5"
    failure = case.find("failure")
    assert failure.get("type") == "T001"
    assert "starts 500 ms before" in failure.get("message")
    assert "00:00:02.500 --> 00:00:05.000" in failure.text
    assert "<script>alert(1)</script>" in failure.text        # the cue text, as text


def test_findings_below_fail_on_pass_with_details_in_system_out():
    a = suites(parse(sample_report()))["films/ep 01.en.srt"]
    passing = [c for c in a.findall("testcase") if c.find("failure") is None]
    assert [c.get("name") for c in passing] == [
        "P002 non-utf8-encoding file",
        "R003 reading-speed-too-high line 9 cue 3",
        "R004 lines-fit-on-one line 13 cue 4",
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
