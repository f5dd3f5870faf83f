"""SubRip reader: every block becomes a cue or a P001 naming its file line."""
from __future__ import annotations

import pysrt
import pytest

from subqa.formats import parse_bytes
from subqa.formats.srt import parse_time


def read(text: str, name: str = "t.srt", **kw):
    return parse_bytes(text.encode("utf-8"), name, **kw)


def p001(track):
    return [d for d in track.diagnostics if d.code == "P001"]


CLEAN = (
    "1\n00:00:01,000 --> 00:00:02,500\n<i>Hello</i> there\nsecond line\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nBye\n"
)


def test_clean_file_positions_and_text():
    tr = read(CLEAN)
    assert tr.format == "srt" and tr.encoding == "utf-8" and tr.line_count == 8
    assert not tr.diagnostics
    a, b = tr.cues
    assert (a.index, a.start_ms, a.end_ms, a.line, a.timing_line, a.identifier) == (
        1, 1000, 2500, 1, 2, "1")
    assert a.lines == ("<i>Hello</i> there", "second line")
    assert (b.index, b.line, b.timing_line, b.text) == (2, 6, 7, "Bye")


@pytest.mark.parametrize("token, ms, flags", [
    ("00:00:01,000", 1000, ""),
    ("00:00:01.250", 1250, ""),          # '.' instead of ','
    ("0:0:1,500", 1500, ""),             # unpadded fields
    ("0:0:1,5", 1500, "short"),          # ',5' is half a second as a decimal fraction
    ("00:00:01,50", 1500, "short"),      # 2-digit fraction is a decimal fraction
    ("00:01:41,04", 101_040, "short"),
    ("00:00:01,005", 1005, ""),
    ("123:04:05,678", ((123 * 60 + 4) * 60 + 5) * 1000 + 678, ""),   # hours >= 100
    ("999:59:59,999", ((999 * 60 + 59) * 60 + 59) * 1000 + 999, ""),  # the largest time
    ("00:00:013,567", 13_567, ""),       # over-padded seconds, value in range
    ("00:00:02", 2000, "no_millis"),     # no fraction
    ("01:02,345", 62_345, "no_hours"),   # no hours when a fraction is present
    ("01:02,3", 62_300, "no_hours short"),
])
def test_accepted_timestamps(token, ms, flags):
    stamp, why = parse_time(token)
    assert (stamp.ms, why) == (ms, "")
    assert {f for f in ("no_hours", "no_millis") if getattr(stamp, f)} | (
        {"short"} if stamp.short_fraction else set()) == set(flags.split())


@pytest.mark.parametrize("token, why", [
    ("00:00:xx,000", "not a timestamp"),
    ("00:00:1d,890", "not a timestamp"),
    ("-00:00:01,000", "negative"),
    ("00:60:00,000", "out of range"),
    ("00:00:60,000", "out of range"),
    ("00:01", "ambiguous"),
    ("00:00:01,1234", "more than 3"),
    ("00:00:01,", "empty fraction"),
    ("", "missing"),
    ("1000:00:00,000", "more than 3 digits"),
    ("00:0000:01,000", "more than 3 digits"),
    ("0" * 5000 + "1:00:00,000", "more than 3 digits"),
    ("9" * 5000 + ":00:00,000", "more than 3 digits"),
    ("00:00:" + "9" * 4301 + ",000", "more than 3 digits"),
    ("00:00:01," + "9" * 4301, "more than 3 fraction digits"),
])
def test_rejected_timestamps(token, why):
    ms, reason = parse_time(token)
    assert ms is None and why in reason


def test_bad_block_is_reported_and_parsing_continues():
    text = ("1\n00:00:01,000 -> 00:00:02,000\nBroken arrow\n\n"
            "2\n00:00:xx,000 --> 00:00:02,000\nLetters\n\n"
            "3\n00:00:03,000 --> 00:00:04,000\nKept\n")
    tr = read(text)
    assert [c.text for c in tr.cues] == ["Kept"]
    assert tr.cues[0].line == 9 and tr.cues[0].index == 1
    found = p001(tr)
    assert [(d.line, d.data["timing_line"]) for d in found] == [(1, 2), (5, 6)]
    assert "arrow" in found[0].message and "not a timestamp" in found[1].message


def test_two_timestamps_without_arrow_is_a_bad_block_not_text():
    tr = read("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 00:00:04,000\nB\n")
    assert [c.text for c in tr.cues] == ["A"]
    assert [d.line for d in p001(tr)] == [5]


@pytest.mark.parametrize("arrow", ["->", "-- >", "—>", "–>", "=>", ">", " - ", "  ", "-->>"])
def test_malformed_arrows_are_bad_blocks(arrow):
    tr = read(f"1\n00:00:01,000{arrow}00:00:02,000\nA\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n")
    assert [c.text for c in tr.cues] == ["B"]
    assert [(d.line, d.data["timing_line"]) for d in p001(tr)] == [(1, 2)]


def test_cue_after_text_without_blank_line_is_a_new_cue():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nFirst\n"
            "2\n00:00:03,000 --> 00:00:04,000\nSecond\n"
            "00:00:05,000 --> 00:00:06,000\nThird\n")
    tr = read(text)
    assert [(c.text, c.identifier, c.line, c.timing_line) for c in tr.cues] == [
        ("First", "1", 1, 2), ("Second", "2", 4, 5), ("Third", None, 7, 7)]
    assert [d.line for d in p001(tr)] == [4, 7]


def test_cue_without_number_line_is_kept_and_reported():
    tr = read("1\n00:00:01,000 --> 00:00:02,000\nA\n\n00:00:03,000 --> 00:00:04,000\nB\n\n"
              "3\n00:00:05,000 --> 00:00:06,000\nC\n")
    assert [(c.text, c.identifier) for c in tr.cues] == [("A", "1"), ("B", None), ("C", "3")]
    assert [(d.line, d.data["reason"]) for d in p001(tr)] == [(5, "no-number")]


def test_file_without_any_number_lines_gets_one_finding():
    tr = read("00:00:01,000 --> 00:00:02,000\nA\n\n00:00:03,000 --> 00:00:04,000\nB\n\n"
              "00:00:05,000 --> 00:00:06,000\nC\n")
    assert len(tr.cues) == 3
    assert [(d.line, d.data["reason"]) for d in p001(tr)] == [(1, "no-number")]


def test_byte_order_mark_inside_a_concatenated_file():
    tr = read(CLEAN + "\n\ufeff1\n00:00:05,000 --> 00:00:06,000\nNext file\n")
    assert [c.identifier for c in tr.cues] == ["1", "2", "1"] and not tr.diagnostics


def test_times_inside_dialogue_are_text():
    lines = ("1:23:45 12:30 is the record", "10:30 11:45")
    tr = read("1\n00:00:01,000 --> 00:00:02,000\n" + "\n".join(lines) + "\n")
    assert tr.cues[0].lines == lines and not tr.diagnostics


def test_damaged_number_line_gives_one_finding():
    tr = read("1\n00:00:01,000 --> 00:00:02,000\nA\n\nx2\n00:00:03,000 --> 00:00:04,000\nB\n")
    assert [c.text for c in tr.cues] == ["A", "B"]
    assert [(d.line, d.data["reason"]) for d in p001(tr)] == [(5, "no-timing")]


def test_unnumbered_file_with_a_bad_block_still_gets_one_number_finding():
    tr = read("00:00:01,000 --> 00:00:02,000\nA\n\n00:00:03,000 -> 00:00:04,000\nB\n\n"
              "00:00:05,000 --> 00:00:06,000\nC\n")
    assert [(d.line, d.data["reason"]) for d in p001(tr)] == [
        (1, "no-number"), (4, "no '-->' between the times (missing or malformed arrow)")]


def test_number_inside_text_is_text():
    tr = read("1\n00:00:01,000 --> 00:00:02,000\nRoom\n101\n\n")
    assert tr.cues[0].lines == ("Room", "101") and not tr.diagnostics


def test_number_without_timing_and_text_without_timing():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\nno timing here\nat all\n\n"
            "3\n00:00:03,000 --> 00:00:04,000\nB\n\n4\n")
    tr = read(text)
    assert [c.text for c in tr.cues] == ["A", "B"]
    msgs = {d.line: d.message for d in p001(tr)}
    assert set(msgs) == {5, 13}
    assert "no timing" in msgs[5] and "number line '4'" in msgs[13]


def test_missing_start_or_end_time():
    tr = read("1\n     --> 00:00:02,000\nA\n\n2\n00:00:03,000 -->\nB\n\n"
              "3\n00:00:05,000 --> 00:00:06,000\nC\n")
    assert [c.text for c in tr.cues] == ["C"]
    assert [d.line for d in p001(tr)] == [1, 5]


def test_empty_cue_is_kept_without_p001():
    tr = read("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n")
    assert [c.lines for c in tr.cues] == [(), ("B",)]
    assert not tr.diagnostics


def test_coordinates_kept_as_settings():
    tr = read("1\n00:02:04,08 --> 00:02:07,12 X1:40 X2:600 Y1:20 Y2:50\nMAN:\n")
    cue = tr.cues[0]
    assert (cue.start_ms, cue.end_ms, cue.settings) == (124_080, 127_120, "X1:40 X2:600 Y1:20 Y2:50")


def codes(track, *wanted):
    return [(d.code, d.line) for d in track.diagnostics if d.code in wanted]


@pytest.mark.parametrize("timing, ignored", [
    ("00:00:01,000 --> 00:00:02,000 what is this", "what is this"),
    ("00:00:01,000 --> 00:01:20,000?", "?"),
    ("00:00:01,000 --> 00:01:20,000.", "."),
    ("00:00:01,000 --> 00:01:20,000x", "x"),
    ("00:00:01,000 --> 00:01:20,000 [Vendor QC 2019] X1:40", "[Vendor QC 2019] X1:40"),
])
def test_text_after_the_end_time_keeps_the_cue_with_p005(timing, ignored):
    tr = read(f"1\n{timing}\nA\n\n2\n00:02:00,000 --> 00:02:01,000\nB\n")
    assert [c.text for c in tr.cues] == ["A", "B"] and tr.cues[0].settings == ""
    assert codes(tr, "P001", "P003", "P004", "P005") == [("P005", 2)]
    (d,) = [d for d in tr.diagnostics if d.code == "P005"]
    assert d.data["ignored"] == ignored and repr(ignored) in d.message
    assert d.data["timing_line"] == 2


@pytest.mark.parametrize("timing", [
    "00:00:01,000 --> 00:00:1d,890",     # a broken time, not a time with text after it
    "00:00:01,000 --> 00:00:02:500",
    "00:00:01,000 --> 00:00:02,000,5",
    "00:00:01,000 --> 00:00:02x",
])
def test_damaged_end_time_is_still_p001(timing):
    tr = read(f"1\n{timing}\nA\n")
    assert not tr.cues and codes(tr, "P001", "P005") == [("P001", 1)]


def test_settings_after_the_end_time_are_not_p005():
    tr = read("1\n00:00:01,000 --> 00:00:02,000 X1:40 X2:600 Y1:20 Y2:50\nA\n")
    assert not tr.diagnostics and tr.cues[0].settings == "X1:40 X2:600 Y1:20 Y2:50"


def test_missing_milliseconds_or_hours_keep_the_cue_with_one_p003_per_line():
    tr = read("1\n00:00:01 --> 00:00:10\nA\n\n2\n00:20,500 --> 00:27,000\nB\n\n"
              "3\n00:00:30,000 --> 00:00:31\nC\n\n4\n00:00:40,000 --> 00:00:41,000\nD\n")
    assert [(c.start_ms, c.end_ms) for c in tr.cues] == [
        (1000, 10_000), (20_500, 27_000), (30_000, 31_000), (40_000, 41_000)]
    p003 = [d for d in tr.diagnostics if d.code == "P003"]
    assert [(d.line, d.data["timing_line"]) for d in p003] == [(2, 2), (6, 6), (10, 10)]
    assert not codes(tr, "P001", "P004", "P005")
    first, second, third = p003
    assert "start time '00:00:01' has no milliseconds; end time '00:00:10' has no " \
           "milliseconds" in first.message
    assert first.data["read_as"] == "00:00:01,000 --> 00:00:10,000"
    assert "has no hours" in second.data["reason"] and "start" in second.data["reason"]
    assert third.data["reason"] == "end time '00:00:31' has no milliseconds"


def test_short_fractions_name_both_readings_in_one_p004_per_line():
    tr = read("1\n00:00:01,5 --> 00:00:02,46\nA\n\n2\n00:00:03,500 --> 00:00:04,500\nB\n")
    assert [(c.start_ms, c.end_ms) for c in tr.cues] == [(1500, 2460), (3500, 4500)]
    (d,) = [d for d in tr.diagnostics if d.code == "P004"]
    assert d.line == 2 and not codes(tr, "P001", "P003", "P005")
    assert "500 ms as a decimal fraction, 00:00:01,005 with 5 ms as FFmpeg, mpv and the srt " \
           "library read it" in d.message
    assert "460 ms as a decimal fraction" in d.message and "46 ms as FFmpeg" in d.message
    assert d.data["read_as"] == "00:00:01,500 --> 00:00:02,460"
    assert d.data["other_reading"] == "00:00:01,005 --> 00:00:02,046"


def test_one_finding_per_code_on_a_line_with_several_oddities():
    tr = read("1\n00:01,5 --> 00:00:02 note\nA\n")
    assert len(tr.cues) == 1 and (tr.cues[0].start_ms, tr.cues[0].end_ms) == (1500, 2000)
    assert codes(tr, "P001", "P003", "P004", "P005") == [("P003", 2), ("P004", 2), ("P005", 2)]


def test_arrow_in_text_is_text():
    text = ("1\n00:00:01,000 --> 00:00:04,000\nRoute: Paris --> London\nthen Rome\n\n"
            "2\n00:00:05,000 --> 00:00:06,000\n-->\n10 --> 20\n"
            "00:00:07,000 -> 00:00:08,000\n\n"
            "3\n00:00:09,000 --> 00:00:10,000\nC\n101\nA --> B\n")
    tr = read(text)
    assert [c.lines for c in tr.cues] == [
        ("Route: Paris --> London", "then Rome"),
        ("-->", "10 --> 20", "00:00:07,000 -> 00:00:08,000"),
        ("C", "101", "A --> B")]
    assert not tr.diagnostics


def test_arrow_in_the_text_of_a_rejected_block_is_swallowed_with_it():
    tr = read("1\n00:00:xx,000 --> 00:00:02,000\nRoute: Paris --> London\n\n"
              "2\n00:00:03,000 --> 00:00:04,000\nB\n")
    assert [c.text for c in tr.cues] == ["B"] and [d.line for d in p001(tr)] == [1]


def test_broken_timing_line_where_a_block_starts_is_p001():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nA\n\n"
            "2\nRoute: Paris --> London\nB\n\n"           # after a number line
            "Paris --> London\nC\n\n"                      # after a blank line
            "3\n00:00:05,000 --> 00:00:06,000\nD\n")
    tr = read(text)
    assert [c.text for c in tr.cues] == ["A", "D"]
    assert [(d.line, d.data["timing_line"]) for d in p001(tr)] == [(5, 6), (9, 9)]
    top = read("Paris --> London\nC\n\n1\n00:00:05,000 --> 00:00:06,000\nD\n")
    assert [(d.line, d.data["timing_line"]) for d in p001(top)] == [(1, 1)]


def test_valid_timing_line_in_text_still_starts_a_cue():
    # with and without a number line before it, and with a nonstandard but readable time
    text = ("1\n00:00:01,000 --> 00:00:02,000\nA\nRoute: Paris --> London\n"
            "2\n00:00:03,000 --> 00:00:04,000\nB\n00:00:05 --> 00:00:06,5\nC\n")
    tr = read(text)
    assert [(c.identifier, c.timing_line, c.lines) for c in tr.cues] == [
        ("1", 2, ("A", "Route: Paris --> London")), ("2", 6, ("B",)), (None, 8, ("C",))]
    assert [(d.code, d.line) for d in tr.diagnostics] == [
        ("P001", 5), ("P001", 8), ("P003", 8), ("P004", 8)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline):
    tr = read(CLEAN.replace("\n", newline))
    assert [(c.line, c.timing_line, c.lines) for c in tr.cues] == [
        (1, 2, ("<i>Hello</i> there", "second line")), (6, 7, ("Bye",))]
    assert tr.line_count == 8


def test_mixed_line_endings():
    tr = read("1\r\n00:00:01,000 --> 00:00:02,000\rA\n\r\n2\r00:00:03,000 --> 00:00:04,000\nB")
    assert [(c.line, c.text) for c in tr.cues] == [(1, "A"), (5, "B")]


def test_text_is_never_altered():
    line = "  {\\an8}<font color=\"#ff0000\">Ünïcödé</font>  \u00a0 "
    tr = read(f"1\n00:00:01,000 --> 00:00:02,000\n{line}\n")
    assert tr.cues[0].lines == (line,)


def test_feature_length_parse_is_fast_enough_to_be_linear():
    body = "".join(f"{i}\n00:{i // 60 % 60:02d}:{i % 60:02d},000 --> 00:{i // 60 % 60:02d}:"
                   f"{i % 60:02d},900\nLine {i}\n\n" for i in range(1, 1501))
    tr = read(body)
    assert len(tr.cues) == 1500 and not tr.diagnostics


# --- pysrt, the library subqa measured against: where it loses a cue, subqa keeps it. ---

PYSRT_LOSSES = {
    # pysrt drops the whole block with the malformed arrow (no error in non-strict mode)
    "malformed-arrow": (
        "1\n00:00:01,000 -> 00:00:02,000\nBroken arrow\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n",
        ["Second"], [1]),
    # pysrt swallows a cue that follows without a blank line into the previous cue's text
    "no-blank-line": (
        "1\n00:00:01,000 --> 00:00:02,000\nFirst\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n",
        ["First", "Second"], [4]),
    # pysrt reads 00:00:xx,000 as zero seconds and reports nothing
    "letters-in-time": (
        "1\n00:00:xx,000 --> 00:00:02,000\nLetters\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n",
        ["Second"], [1]),
}


@pytest.mark.parametrize("case", sorted(PYSRT_LOSSES))
def test_subqa_reports_what_pysrt_loses(case):
    text, kept, p001_lines = PYSRT_LOSSES[case]
    ours = read(text)
    assert [c.text for c in ours.cues] == kept
    assert [d.line for d in p001(ours)] == p001_lines
    # Every timing line is accounted for by subqa: a cue's or a P001's.
    arrows = [i for i, ln in enumerate(text.splitlines(), 1) if "-->" in ln or i == 2]
    accounted = {c.timing_line for c in ours.cues} | {d.data["timing_line"] for d in p001(ours)}
    assert set(arrows) <= accounted
    theirs = pysrt.from_string(text)
    # pysrt accounts for fewer blocks, or reads a wrong time, and says nothing.
    theirs_texts = [s.text for s in theirs]
    lost_or_wrong = len(theirs) < 2 or any(
        s.text == "Letters" and s.start.ordinal == 0 for s in theirs)
    assert lost_or_wrong, f"pysrt now handles {case}: {theirs_texts}"


@pytest.mark.parametrize("line", [
    "00:00:01,000 --> 00:00:02,500", "  01:02:03.004 --> 01:02:04,999  ", "100:59:59,999 --> 101:00:00,000",
    "00:00:01,000 --> 00:00:02,500 X1:10 Y1:20", "00:00:01,000 -->00:00:02,500",
    "00:00:01,000  --> 00:00:02,500", "00:60:01,000 --> 00:00:02,500", "00:00:61,000 --> 00:00:62,000",
    "00:00:01,0000 --> 00:00:02,000", "00:00:01,00 --> 00:00:02,000", "0:0:1,000 --> 0:0:2,000",
    "00:00:01,000 --> 00:00:02,000 --> 00:00:03,000", "00:00:01,000 --> 00:00:02,000 hello",
    "1000:00:01,000 --> 1000:00:02,000", "999:00:01,000 --> 999:00:02,000",
    "\u00a000:00:01,000 --> 00:00:02,000", "00:00:01,000 --> 00:00:02,000\u00a0",
    "-00:00:01,000 --> 00:00:02,000", "00:00:01,000 -- > 00:00:02,000",
    "\uff10\uff10:00:01,000 --> 00:00:02,000",
])
def test_canonical_fast_path_agrees_with_the_general_parser(line):
    from subqa.formats import srt

    if "-->" in line:
        assert srt.parse_timing(line) == srt._parse_timing(line)
    fast = srt._CANONICAL.fullmatch(line)
    if fast is not None:
        general = srt._parse_timing(line)[0]
        assert general is not None
        # the short path marks its reading standard, so timing_notes skips it: the general
        # reading of the same line must indeed have nothing to note
        assert srt.parse_timing(line)[0].standard and not general.standard
        assert srt.timing_notes(general, line, 7) == []


@pytest.mark.parametrize("digits", [4, 4300, 4301, 10_000])
def test_huge_numbers_in_a_timestamp_are_a_p001_and_the_rest_is_read(digits):
    big = "7" * digits
    text = (f"1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n{big}:00:00,000 --> 00:00:03,000\nB\n\n"
            f"3\n00:00:04,000 --> 00:00:{big},000\nC\n\n4\n00:00:05,000 --> 00:00:06,{big}\nD\n\n"
            "5\n00:00:07,000 --> 00:00:08,000\nE\n")
    tr = read(text)
    assert [c.text for c in tr.cues] == ["A", "E"]
    assert [d.line for d in p001(tr)] == [5, 9, 13]
    assert all(len(d.message) < 300 and len(str(d.data)) < 300 for d in tr.diagnostics)


def test_long_digit_runs_take_linear_time():
    import time

    lines = ["9" * 50_000 + ":" + "9" * 50_000 + ":" + "9" * 50_000,
             "1:" + "2" * 50_000 + ":" + "3" * 50_000 + ",4 --> 1:" + "2" * 50_000]
    started = time.perf_counter()
    for line in lines:
        tr = read(f"1\n{line}\nA\n")
        assert not tr.cues and [d.line for d in p001(tr)] == [1]
    assert time.perf_counter() - started < 1.0
