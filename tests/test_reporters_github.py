"""GitHub Actions workflow commands: checked by a small parser that undoes the runner's escaping
(``%25``, ``%0D``, ``%0A``; in properties also ``%3A``, ``%2C``)."""
import re

from subqa.model import Severity
from subqa.reporters import github
from test_reporters_kit import baseline_report, samples_report, sample_report

COMMAND = re.compile(r"^::([a-z]+)(?: ([^:]*))?::(.*)$")


def unescape(value: str, prop: bool = False) -> str:
    if prop:
        value = value.replace("%3A", ":").replace("%2C", ",")
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def commands(text: str) -> list[tuple[str, dict, str]]:
    out = []
    for line in text.splitlines():
        m = COMMAND.match(line)
        if m:
            props = {}
            for pair in (m.group(2) or "").split(","):
                if pair:
                    key, _, value = pair.partition("=")
                    props[key] = unescape(value, prop=True)
            out.append((m.group(1), props, unescape(m.group(3))))
    return out


def test_annotations_grouped_per_file():
    text = github.render(sample_report())
    cmds = commands(text)
    assert [c[0] for c in cmds] == [
        "group", "notice", "error", "warning", "notice", "endgroup",
        "group", "error", "endgroup",
    ]
    assert cmds[0][2] == "films/ep 01.en.srt" and cmds[6][2] == "broken.vtt"
    assert "films/ep02.ru.srt" not in text          # a clean file prints no group
    assert text.splitlines()[-1] == "subqa: 3 files, 6 cues: 2 errors, 1 warning, 2 info"


def test_error_annotation_fields():
    line = github.render(sample_report()).splitlines()[2]
    assert line == ("::error file=films/ep 01.en.srt,line=5,title=T001 cue-overlap::"
                    "cue 2 (00:00:02.500 --> 00:00:05.000): "
                    "starts 500 ms before the previous cue 1 ends")


def test_file_level_finding_has_no_line():
    kind, props, message = commands(github.render(sample_report()))[1]
    assert kind == "notice"
    assert props == {"file": "films/ep 01.en.srt", "title": "P002 non-utf8-encoding"}
    assert message == "decoded as cp1252"


def test_escaping_keeps_one_command_per_finding():
    report = sample_report()
    res = report.files[2]
    res.path = "odd:dir,1/100%.vtt"
    hostile = "50% done\r\n::error::injected\nlast"
    res.findings = [res.findings[0].replace(message=hostile,
                                        name="malformed-block")]
    text = github.render(report)
    lines = [ln for ln in text.splitlines() if ln.startswith("::error")]
    assert len(lines) == 2                           # T001 and this one; nothing injected
    assert "file=odd%3Adir%2C1/100%25.vtt" in lines[1]
    assert lines[1].endswith("::50%25 done%0D%0A::error::injected%0Alast")
    kind, props, message = commands(text)[-2]
    assert (kind, props["file"], message) == ("error", "odd:dir,1/100%.vtt", hostile)
    assert "::group::odd:dir,1/100%25.vtt" in text.splitlines()


def test_severity_maps_to_command():
    assert github.COMMANDS == {Severity.ERROR: "error", Severity.WARNING: "warning",
                               Severity.INFO: "notice"}


def test_samples_one_annotation_per_finding():
    report = samples_report()
    cmds = commands(github.render(report))
    annotations = [c for c in cmds if c[0] in ("error", "warning", "notice")]
    assert len(annotations) == len(report.findings)
    assert sum(c[0] == "group" for c in cmds) == sum(1 for r in report.files if r.findings)
    assert all(c[1]["line"].isdigit() for c in annotations if "line" in c[1])


def test_baseline_summary():
    last = github.render(baseline_report()).splitlines()[-1]
    assert last == "baseline: 7 known findings not shown, 2 no longer found"
