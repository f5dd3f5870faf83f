"""The text report: cue text on each finding, patterns with a count, the file's own cue ids."""
import json

from click.testing import CliRunner

import subqa
from subqa.cli import cli
from subqa.model import Finding, Severity
from subqa.report import FileResult, Report
from subqa.reporters import json_report, junit, sarif
from subqa.reporters.text import message_kind, pattern_label, patterns, render, short_text


def _srt(path, n, first_number=1, trailing=True, text="Hello there"):
    """``n`` well-timed cues numbered from ``first_number``, each line ending in a space when
    ``trailing``."""
    blocks = []
    for i in range(n):
        start = 1000 + i * 4000
        blocks.append(f"{first_number + i}\n{_tc(start)} --> {_tc(start + 2500)}\n"
                      f"{text} {i}{' ' if trailing else ''}\n")
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def _tc(ms):
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def _finding(i, message, code="R003", cue_id=None, text="a line"):
    return Finding(path="f.srt", code=code, name="reading-speed-too-high",
                   severity=Severity.WARNING, message=message, line=4 * i + 1, cue=i + 1,
                   start_ms=i * 1000, end_ms=i * 1000 + 900, text=text, cue_id=cue_id)


def _report(findings, cues=20):
    return Report([FileResult("f.srt", "srt", "en", "utf-8", cues, findings)], "netflix")


# --- what a pattern is ---------------------------------------------------------------------

def test_message_kind_blanks_numbers_and_quotes_and_takes_parts_as_a_set():
    one = message_kind("trailing space in line 1")
    assert message_kind("trailing space in line 2; trailing space in line 1") == one
    assert message_kind("double space in line 1") != one
    assert message_kind("“Vous” twice in a row") == message_kind("“A” twice in a row")
    assert message_kind("cue looks Chinese, not English") != \
        message_kind("cue looks Bulgarian, not English")
    assert message_kind("gap of 0 ms after cue 2") == message_kind("gap of 40 ms after cue 17")


def test_a_pattern_needs_group_min_findings_of_one_code_and_kind():
    ten = [_finding(i, f"{20 + i}.0 characters per second, limit is 17") for i in range(10)]
    assert list(patterns(ten, 10)) == [0] and len(patterns(ten, 10)[0]) == 10
    assert patterns(ten[:9], 10) == {}                       # near miss: 9 stay single
    mixed = ten[:9] + [_finding(9, "line 1 has 50 characters, limit is 42", code="R001")]
    assert patterns(mixed, 10) == {}                         # another code is not the pattern
    assert patterns(ten, 0) == {}                            # --no-group


def test_the_pattern_label_keeps_shared_values_and_blanks_the_others():
    msgs = [f"{20 + i}.0 characters per second ({40 + i} characters in 2000 ms), limit is 17"
            for i in range(3)]
    assert pattern_label(msgs) == "… characters per second (… characters in 2000 ms), limit is 17"
    assert pattern_label(["trailing space in line 1; trailing space in line 1",
                          "trailing space in line 2"]) == "trailing space in line …"



def test_the_pattern_label_compares_quoted_parts_and_text_holding_an_ellipsis_piece_by_piece():
    # quoted values: kept where all agree, blanked inside their quotes where they differ
    assert pattern_label(["“Vous” twice in a row at 3", "“Vous” twice in a row at 4"]) == \
        "“Vous” twice in a row at …"
    assert pattern_label(["“A” twice in a row", "“B” twice in a row"]) == "“…” twice in a row"
    # "…" in the fixed text: one template ("cut at … …") from two layouts, so the numbers
    # stand in different places and none is kept
    assert pattern_label(["cut at … 5", "cut at 5 …"]) == "cut at … …"
    assert pattern_label(["cut at … 5", "cut at … 5"]) == "cut at … 5"


# --- the report ----------------------------------------------------------------------------

def test_file_wide_trailing_spaces_become_one_pattern_with_a_count_and_the_first_cues(tmp_path):
    report = subqa.check([str(_srt(tmp_path / "film.en.srt", 12))], select=("F002",))
    text = render(report)
    lines = text.splitlines()
    head = [ln for ln in lines if "F002" in ln]
    assert head == [f"  {tmp_path / 'film.en.srt'}: F002 stray-spaces [warning] on 12 of 12 "
                    "cues: trailing space in line 1"]
    members = [ln for ln in lines if ln.startswith("      line ")]
    assert len(members) == 3 and members[0].endswith('| "Hello there 0 "')
    assert "and 9 more (lines 13-45); --no-group lists each" in text
    assert "12 warnings" in text                             # the summary counts every finding
    every = render(report, group_min=0)
    assert sum("F002 stray-spaces" in ln for ln in every.splitlines()) == 12
    data = json.loads(json_report.render(report))            # JSON keeps every finding
    assert len(data["files"][0]["findings"]) == 12


def test_below_the_threshold_each_finding_has_its_own_line(tmp_path):
    report = subqa.check([str(_srt(tmp_path / "film.en.srt", 9))], select=("F002",))
    text = render(report)
    assert sum("F002 stray-spaces" in ln for ln in text.splitlines()) == 9
    assert "of 9 cues" not in text


def test_a_pattern_stands_where_its_first_finding_stands_and_others_keep_their_order():
    findings = [_finding(0, "other kind", code="F001")]
    findings += [_finding(i, f"{20 + i}.0 characters per second, limit is 17")
                 for i in range(1, 11)]
    findings.insert(5, _finding(5, "another kind", code="F003"))
    lines = render(_report(findings)).splitlines()
    codes = [ln.split(": ", 1)[1].split()[0] for ln in lines if ln.startswith("  f.srt")]
    assert codes == ["F001", "R003", "F003"]
    assert render(_report(findings)) == render(_report(list(findings)))     # deterministic


def test_several_findings_on_one_cue_and_findings_on_no_cue_are_counted_as_findings():
    twice = [_finding(i // 2, f"line {1 + i % 2} has 50 characters, limit is 42", code="R001")
             for i in range(10)]
    assert "10 findings on 5 of 20 cues: line … has 50 characters, limit is 42" in \
        render(_report(twice))
    blocks = [Finding("f.srt", "P001", "malformed-block", Severity.ERROR,
                      f"malformed timing line '{i}': bad", 3 * i + 1, None, None, None)
              for i in range(10)]
    out = render(_report(blocks))
    assert "P001 malformed-block [error] 10 findings: malformed timing line '…': bad" in out
    assert "      line 1: malformed timing line '0': bad" in out       # no cue text, no times


def test_short_text_is_one_line_cut_at_a_word_with_an_ellipsis():
    assert short_text("Hello,\nworld ") == "Hello, / world "
    assert short_text("a\x1bb") == "a?b"
    long = " ".join(["word"] * 30)
    cut = short_text(long)
    assert cut.endswith("word…") and len(cut) <= 73 and "\n" not in cut
    assert short_text(None) == ""


def test_findings_show_the_cue_text_on_their_line(tmp_path):
    path = tmp_path / "film.en.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nThe the cat\nsat.\n", encoding="utf-8")
    text = render(subqa.check([str(path)], select=("F004",)))
    assert '| "The the cat / sat."' in text


# --- the cue's own identifier --------------------------------------------------------------

def test_srt_numbers_that_differ_from_reading_order_are_shown_and_carried(tmp_path):
    # an "ad" cue numbered 0 at the top: every cue's number is one less than its position
    report = subqa.check([str(_srt(tmp_path / "film.en.srt", 3, first_number=0))],
                         select=("F002",))
    f = report.findings[1]
    assert (f.cue, f.cue_id) == (2, "1")
    assert "cue 2 (id 1) 00:00:05.000" in render(report)
    assert json.loads(json_report.render(report))["files"][0]["findings"][1]["cue_id"] == "1"
    props = sarif.to_dict(report)["runs"][0]["results"][1]["properties"]
    assert (props["cue"], props["cueId"]) == (2, "1")
    assert "cue 2 (id 1) 00:00:05.000 --&gt; " in junit.render(report)


def test_matching_numbers_are_not_repeated(tmp_path):
    report = subqa.check([str(_srt(tmp_path / "film.en.srt", 3))], select=("F002",))
    assert [f.cue_id for f in report.findings] == ["1", "2", "3"]
    assert "(id" not in render(report)


def test_webvtt_ids_are_quoted_and_cues_without_an_id_have_none(tmp_path):
    path = tmp_path / "film.en.vtt"
    path.write_text("WEBVTT\n\nintro\n00:00:01.000 --> 00:00:03.000\nHello \n\n"
                    "00:00:05.000 --> 00:00:07.000\nWorld \n", encoding="utf-8")
    report = subqa.check([str(path)], select=("F002",))
    assert [f.cue_id for f in report.findings] == ["intro", None]
    text = render(report)
    assert 'cue 1 (id "intro") 00:00:01.000' in text and "cue 2 00:00:05.000" in text


# --- the options ---------------------------------------------------------------------------

def test_group_min_and_no_group_options(tmp_path):
    path = str(_srt(tmp_path / "film.en.srt", 4))
    runner = CliRunner()
    grouped = runner.invoke(cli, ["check", path, "--no-config", "--select", "F002",
                                  "--group-min", "3"])
    assert "on 4 of 4 cues: trailing space in line 1" in grouped.output
    default = runner.invoke(cli, ["check", path, "--no-config", "--select", "F002"])
    assert "of 4 cues" not in default.output
    assert default.output.count("F002 stray-spaces") == 4
    listed = runner.invoke(cli, ["check", path, "--no-config", "--select", "F002",
                                 "--group-min", "3", "--no-group"])
    assert listed.output.count("F002 stray-spaces") == 4
    bad = runner.invoke(cli, ["check", path, "--group-min", "0"])
    assert bad.exit_code == 2
