"""WebVTT reader: the spec's cue count, plus a P001 for every block the spec drops silently."""
from __future__ import annotations

import pytest

from subqa.formats import parse_bytes
from subqa.formats.vtt import parse_timing


def read(text: str, name: str = "t.vtt", **kw):
    return parse_bytes(text.encode("utf-8"), name, **kw)


def p001(track):
    return [d for d in track.diagnostics if d.code == "P001"]


FULL = """WEBVTT - a title
Kind: captions

STYLE
::cue { color: yellow }

REGION
id:top width:40%

NOTE a comment
spanning two lines

intro
00:00:01.000 --> 00:00:02.500 align:start line:10%
<v Roger>Hello</v>
<i>there</i>

00:03.000 --> 00:04.000
No hours

120:00:00.000 --> 120:00:01.000 region:top
Hours above 99
"""


def test_full_file():
    tr = read(FULL)
    assert tr.format == "vtt" and not tr.diagnostics
    a, b, c = tr.cues
    assert (a.index, a.line, a.timing_line, a.identifier, a.start_ms, a.end_ms) == (
        1, 13, 14, "intro", 1000, 2500)
    assert a.settings == "align:start line:10%"
    assert a.lines == ("<v Roger>Hello</v>", "<i>there</i>")
    assert (b.identifier, b.line, b.start_ms, b.end_ms, b.text) == (None, 18, 3000, 4000, "No hours")
    assert c.start_ms == 120 * 3_600_000 and c.settings == "region:top"


def test_sniffed_without_extension():
    tr = parse_bytes(b"WEBVTT\n\n00:01.000 --> 00:02.000\nx\n", "asset_without_extension")
    assert tr.format == "vtt" and len(tr.cues) == 1


@pytest.mark.parametrize("line, expected", [
    ("00:00:01.000 --> 00:00:02.000", (1000, 2000, "")),
    ("00:01.000-->00:02.000", (1000, 2000, "")),
    ("\t00:01.000 \t-->\t 00:02.000 size:50%", (1000, 2000, "size:50%")),
    ("00:00.000 --> 00:01.000x", (0, 1000, "x")),        # spec: the rest is settings
    ("100:00:00.000 --> 100:00:01.000", (360_000_000, 360_001_000, "")),
    ("0:00:01.000 --> 0:00:02.000x", (1000, 2000, "x")),   # one-digit hours are fine
    ("999:59:59.999 --> 000:00:00.000", (3_599_999_999, 0, "")),   # 3-digit hours are fine
])
def test_spec_timings(line, expected):
    assert parse_timing(line)[0] == expected


@pytest.mark.parametrize("line", [
    "00:00:01,000 --> 00:00:02,000",   # comma is SubRip, not WebVTT
    "00:00:01.00 --> 00:00:02.000",    # two-digit fraction
    "00:60.000 --> 00:61.000",         # seconds >= 60
    "00:0:01.000 --> 00:00:02.000",    # minutes need two digits
    "00:00:01.000 -> 00:00:02.000",
    "00:01.000 --> ",
    "-00:01.000 --> 00:02.000",
    "1000:00:00.000 --> 1000:00:01.000",   # subqa: hours of more than 3 digits
    "0000:00:01.000 --> 00:00:02.000",
    "9" * 4301 + ":00:00.000 --> 00:00:01.000",
    "00:00:00.000 --> " + "1" * 5000 + ":00:01.000",
])
def test_spec_rejects_timings(line):
    assert parse_timing(line)[0] is None


def test_dropped_block_keeps_spec_count_and_is_reported():
    text = ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA\n\n"
            "2\n00:00:03.00 --> 00:00:04.000\nB dropped by the spec\n\n"
            "3\n00:00:05.000 --> 00:00:06.000\nC\n")
    tr = read(text)
    assert [c.text for c in tr.cues] == ["A", "C"]
    (d,) = p001(tr)
    assert d.line == 7 and d.data["timing_line"] == 8 and "three digits" in d.message


def test_arrow_line_inside_payload_ends_the_cue():
    text = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n00:00:03.000 --> 00:00:04.000\nB\n\n"
            "00:00:05.000 --> 00:00:06.000\nC\nD --> E\nF\n")
    tr = read(text)
    assert [(c.text, c.timing_line) for c in tr.cues] == [("A", 3), ("B", 5), ("C", 8)]
    # Line 5: B follows A's text with no blank line (kept, reported). Line 10: "D --> E"
    # started a block the spec drops, with "F".
    assert [d.line for d in p001(tr)] == [5, 10]
    assert p001(tr)[0].data["reason"] == "no-blank-line"


def test_missing_blank_line_puts_the_next_identifier_into_the_text():
    tr = read("WEBVTT\n\n1\n00:01.000 --> 00:02.000\nA\n2\n00:03.000 --> 00:04.000\nB\n")
    # Per spec, "2" is the first cue's text and the second cue has no identifier.
    assert [(c.identifier, c.lines) for c in tr.cues] == [("1", ("A", "2")), (None, ("B",))]
    assert [d.line for d in p001(tr)] == [7]


def test_timing_right_after_signature_is_a_cue():
    # WPT header-timings.vtt: 1 cue (vtt.js 2019 expected none; WPT wins).
    tr = read("WEBVTT\n00:00.000 --> 00:01.000\ntext\n")
    assert len(tr.cues) == 1 and not tr.diagnostics


def test_signature_only_is_zero_cues_without_finding():
    for text in ("WEBVTT", "WEBVTT\n", "WEBVTT \n\n", "\ufeffWEBVTT\t\n", "WEBVTT\nX-TIMESTAMP-MAP=1\n"):
        tr = read(text)
        assert tr.cues == () and tr.diagnostics == (), text


@pytest.mark.parametrize("text", ["WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n",
                                  "\nWEBVTT\n\n00:01.000 --> 00:02.000\nx\n",
                                  " WEBVTT\n", "webvtt\n",
                                  "00:01.000 --> 00:02.000\nx\n"])
def test_bad_signature_is_a_file_level_p001_and_no_cues(text):
    tr = read(text)
    assert tr.cues == ()
    (d,) = p001(tr)
    assert d.line is None and "WEBVTT" in d.message


def test_subrip_content_in_a_vtt_file_gets_a_hint():
    tr = read("1\n00:00:01,000 --> 00:00:02,000\nHello\n")
    (d,) = p001(tr)
    assert "SubRip" in d.message and tr.cues == ()


def test_text_block_without_timing_is_reported():
    tr = read("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nstray text\nmore\n\n00:03.000 --> 00:04.000\nB\n")
    assert [c.text for c in tr.cues] == ["A", "B"]
    assert [d.line for d in p001(tr)] == [6]


def test_metadata_block_before_the_first_cue_is_not_reported():
    tr = read("WEBVTT\n\nKind: captions\nLanguage: en\n\n00:01.000 --> 00:02.000\nA\n\n"
              "Kind: late\n")
    assert len(tr.cues) == 1 and [d.line for d in p001(tr)] == [9]


def test_two_identifier_lines_drop_both_and_keep_the_cue():
    tr = read("WEBVTT\n\nfirst id\nsecond id\n00:01.000 --> 00:02.000\nA\n")
    assert [(c.identifier, c.text, c.line) for c in tr.cues] == [(None, "A", 5)]
    assert [d.line for d in p001(tr)] == [3]


def test_whitespace_only_lines_before_cues_are_p001_because_ffmpeg_stops_there():
    # Browsers skip the line; FFmpeg's WebVTT demuxer stops reading at it (measured with
    # FFmpeg 5.1: 0 of 865 cues of a Netflix file), so it is an error naming the cues lost.
    tr = read("WEBVTT\n\n   \n\n00:01.000 --> 00:02.000\nA\n\n\t\n\n00:03.000 --> 00:04.000\nB\n")
    assert len(tr.cues) == 2
    assert [(d.line, d.data["cues_after"]) for d in p001(tr)] == [(3, 2), (8, 1)]
    assert "FFmpeg stops reading" in p001(tr)[0].message


def test_whitespace_only_lines_after_the_last_cue_are_not_reported():
    tr = read("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n   \n\t\n")
    assert len(tr.cues) == 1 and not tr.diagnostics


def test_nul_replaced_and_reported():
    tr = read("WEBVTT\n\n00:01.000 --> 00:02.000\na\x00b\n")
    assert tr.cues[0].text == "a\ufffdb"
    (d,) = p001(tr)
    assert d.line == 4 and "NUL" in d.message


def test_style_and_note_blocks_are_not_reported():
    tr = read("WEBVTT\n\nSTYLE\n::cue {}\n\nNOTE\nx\n\n00:01.000 --> 00:02.000\nA\n\nNOTE end\n")
    assert len(tr.cues) == 1 and not tr.diagnostics


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline):
    tr = read(FULL.replace("\n", newline))
    assert [(c.line, c.timing_line) for c in tr.cues] == [(13, 14), (18, 18), (21, 21)]


@pytest.mark.parametrize("digits", [4, 4300, 4301, 10_000])
def test_huge_hours_are_a_p001_and_the_rest_is_read(digits):
    text = (f"WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n{'7' * digits}:00:00.000 --> "
            f"00:00:03.000\nB\n\n00:04.000 --> 00:05.000\nC\n")
    tr = read(text)
    assert [c.text for c in tr.cues] == ["A", "C"]
    (d,) = p001(tr)
    assert d.line == 6 and "more than 3 digits" in d.message and len(d.message) < 200


def test_style_and_region_blocks_after_the_first_cue_are_reported():
    text = ("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nSTYLE\n::cue { color: red }\n\n"
            "REGION\nid:top\n\n00:03.000 --> 00:04.000\nB\n")
    tr = read(text)
    assert [c.text for c in tr.cues] == ["A", "B"]
    assert [(d.line, d.data["reason"]) for d in p001(tr)] == [(6, "late-style"),
                                                             (9, "late-region")]
    assert "STYLE block after the first cue" in p001(tr)[0].message


def test_style_block_after_a_dropped_cue_is_still_a_header_block():
    # seen_cue is set only by a cue that parses: the spec still takes this STYLE block
    tr = read("WEBVTT\n\n00:01.00 --> 00:02.000\nA\n\nSTYLE\n::cue {}\n\n"
              "00:03.000 --> 00:04.000\nB\n")
    assert [c.text for c in tr.cues] == ["B"] and [d.line for d in p001(tr)] == [3]


def test_timing_line_right_after_a_cue_without_text_is_reported():
    tr = read("WEBVTT\n\nid\n00:01.000 --> 00:02.000\n00:03.000 --> 00:04.000\nB\n")
    assert [(c.identifier, c.lines, c.timing_line) for c in tr.cues] == [
        ("id", (), 4), (None, ("B",), 5)]
    (d,) = p001(tr)
    assert (d.line, d.data["reason"]) == (5, "no-blank-line")
    assert "cue 1's timing line (cue 1 has no text)" in d.message


def test_empty_cue_followed_by_a_blank_line_is_not_reported():
    tr = read("WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\nB\n")
    assert [c.lines for c in tr.cues] == [(), ("B",)] and not tr.diagnostics


def test_spec_reasons_come_before_the_hours_limit():
    assert parse_timing("0000.000 --> 00:01.000")[1] == "expected ':' in timestamp"
    assert parse_timing("0000:00.000 --> 00:01.000")[1] == "expected ':' after minutes"
    assert "more than 3 digits" in parse_timing("0000:00:00.000 --> 00:01.000")[1]
