"""ASS/SSA reader: Dialogue lines in the Format line's order, every malformed event a P001 with
its line, italics and signs as a renderer shows them, and the same findings as the SubRip
track it was converted from."""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import warnings
from pathlib import Path

import pytest

from subqa import api
from subqa.cli import main
from subqa.formats import load_track, parse_bytes, sniff_file, sniff_format
from subqa.formats.ass import clock, parse_time

from trackkit import findings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

HEAD = """[Script Info]
ScriptType: v4.00+
{info}
[V4+ Styles]
Format: Name, Fontname, Fontsize, Italic, Alignment
Style: Default,Arial,20,0,2
Style: Ital,Arial,20,-1,2
Style: Top,Arial,20,0,8

[Events]
{format}
"""
FORMAT = "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"


def ass(*events: str, fmt: str = FORMAT, info: str = "", name: str = "t.ass", **kw):
    text = HEAD.format(info=info, format=fmt) + "\n".join(events) + "\n"
    return parse_bytes(text.encode("utf-8"), name, **kw)


def ev(start="0:00:01.00", end="0:00:03.00", text="Hello", style="Default", layer=0,
       kind="Dialogue"):
    return f"{kind}: {layer},{start},{end},{style},,0,0,0,,{text}"


def codes(track):
    return [(d.code, d.line) for d in track.diagnostics]


FIRST_EVENT = HEAD.format(info="", format=FORMAT).count("\n") + 1     # file line of event 1


# ------------------------------------------------------------------ fields and lines

def test_a_dialogue_line_is_a_cue_on_its_own_file_line():
    t = ass(ev(text="Hello, world, again"), ev("0:00:04.00", "0:00:05.50", "Two"))
    assert t.format == "ass" and not t.diagnostics
    a, b = t.cues
    assert (a.start_ms, a.end_ms, a.lines) == (1000, 3000, ("Hello, world, again",))
    assert a.line == a.timing_line == FIRST_EVENT and b.line == FIRST_EVENT + 1
    assert a.identifier is None and a.settings == "layer:0 style:Default"
    assert (b.index, b.start_ms, b.end_ms) == (2, 4000, 5500)


def test_fields_are_read_in_the_order_the_format_line_declares():
    t = ass("Dialogue: Hi, there,0:00:02.00,0:00:01.00", fmt="Format: Text, End, Start")
    # Text is not last: a P001 on the Format line, and the event, read in the default order,
    # has too few fields; the near miss below declares an unusual but valid order
    assert codes(t) == [("P001", FIRST_EVENT - 1), ("P001", FIRST_EVENT)] and not t.cues
    assert "does not end with Text" in t.diagnostics[0].message
    t = ass("Dialogue: 0:00:05.00,0:00:02.00,Default,Hi, there", fmt="Format: End, Start, "
            "Style, Text")
    assert not t.diagnostics
    assert (t.cues[0].start_ms, t.cues[0].end_ms, t.cues[0].lines) == (2000, 5000, ("Hi, there",))


def test_the_default_order_without_a_format_line():
    text = "[Script Info]\n\n[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi\n"
    t = parse_bytes(text.encode(), "t.ass")
    assert not t.diagnostics and t.cues[0].lines == ("Hi",)


def test_line_breaks_and_hard_spaces():
    t = ass(ev(text=r"one\Ntwo\nthree\hfour"))
    assert t.cues[0].lines == ("one", "two three\u00a0four")          # \n is a space ...
    t = ass(ev(text=r"one\Ntwo\nthree"), info="WrapStyle: 2")
    assert t.cues[0].lines == ("one", "two", "three")                 # ... except in style 2


def test_comment_lines_and_drawings_are_not_cues_but_drawn_text_is():
    t = ass(ev(kind="Comment", text="a note"), ev(text=r"{\p1}m 0 0 l 100 0 100 100{\p0}"),
            ev(text=r"{\p1}m 0 0 l 1 1{\p0}Label"), ev(kind="Picture", text="x.bmp"))
    assert not t.diagnostics
    assert [(c.line, c.plain_lines) for c in t.cues] == [(FIRST_EVENT + 2, ("Label",))]


def test_override_blocks_stay_comment_blocks_go():
    t = ass(ev(text=r"{\an2\fs30}Hello {a note for the editor}there"))
    c = t.cues[0]
    assert c.lines == (r"{\an2\fs30}Hello there",) and c.plain_lines == ("Hello there",)


# ------------------------------------------------------------------ malformed events

@pytest.mark.parametrize("line, why", [
    ("Dialogue: 0,0:00:01.00,0:00:02.00,Default", "field"),
    ("Dialogue: 0,Invalid,0:00:02.00,Default,,0,0,0,,x", "not a time"),
    ("Dialogue: 0,,0:00:02.00,Default,,0,0,0,,x", "missing time"),
    ("Dialogue: 0,-0:00:01.00,0:00:02.00,Default,,0,0,0,,x", "negative"),
    ("Dialogue: 0,0:61:01.00,0:62:02.00,Default,,0,0,0,,x", "out of range"),
    ("Dialogue: 0,0:00:01.00,1000:00:02.00,Default,,0,0,0,,x", "more than 3 digits"),
    ("Dialog: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,x", "unknown event type"),
    ("just some words", "not an event"),
])
def test_every_malformed_event_line_is_a_p001_on_its_line(line, why):
    t = ass(ev(), line, ev("0:00:05.00", "0:00:06.00"))
    assert len(t.cues) == 2
    [d] = t.diagnostics
    assert (d.code, d.line) == ("P001", FIRST_EVENT + 1) and why in d.message


def test_lines_outside_a_section_and_a_file_without_events():
    t = parse_bytes(b"Format: Layer, Start, End, Style, Name, Text\n", "t.ass")
    assert sorted(codes(t), key=str) == sorted([("P001", None), ("P001", 1)], key=str)
    near = parse_bytes(b"[Script Info]\n; a comment\nTitle: x\n\n[Events]\n", "t.ass")
    assert not near.diagnostics and not near.cues


def test_other_sections_are_not_read_as_events():
    t = ass(ev(), "", "[Fonts]", "fontname: a.ttf", "M3(Z*#]J", "", "[Aegisub Project Garbage]",
            "Video File: x.mkv")
    assert not t.diagnostics and len(t.cues) == 1


# ------------------------------------------------------------------ times

@pytest.mark.parametrize("token, ms, notes", [
    ("0:00:01.00", 1000, []), ("1:02:03.45", 3723450, []), ("0:0:38.48", 38480, []),
    ("10:00:00.00", 36000000, []),
    ("0:00:04:56", 4560, ["colon"]), ("0:00:38.480", 38480, ["fraction"]),
    ("0:00:01.5", 1500, ["fraction"]),
])
def test_times(token, ms, notes):
    assert parse_time(token) == (ms, "", notes)


def test_a_colon_before_the_centiseconds_is_p003_and_a_long_fraction_p004():
    t = ass(ev("0:00:04:56", "0:00:08.90"), ev("0:00:38.480", "0:00:40.00"),
            ev("0:00:41.00", "0:00:42.00"))
    assert codes(t) == [("P003", FIRST_EVENT), ("P004", FIRST_EVENT + 1)]
    assert [c.start_ms for c in t.cues] == [4560, 38480, 41000]
    p004 = t.diagnostics[1]
    assert "0:00:38.48" in p004.message and "0:00:42.80" in p004.message   # 480 cs = 4.80 s
    assert p004.data["other_reading"] == [42800]
    assert "libass" in t.diagnostics[0].message


def test_clock():
    assert clock(3723450) == "1:02:03.45" and clock(1005) == "0:00:01.00 (+5 ms)"


# ------------------------------------------------------------------ italics and F003

def test_italics_as_rendered_become_balanced_i_tags():
    t = ass(ev(text=r"{\i1}whole line"), ev(text=r"a {\i1}word{\i0} here"),
            ev(text="styled", style="Ital"), ev(text=r"x{\i1}y{\r}z"),
            ev(text=r"{\b1\i1\pos(1,2)}sign"), ev(text=r"{\i1}a{\rItal}b{\rDefault}c"),
            ev(text=r"{\i1}on\Nstill on"))
    got = [c.text for c in t.cues]
    assert got == [r"{\i1}<i>whole line</i>", r"a {\i1}<i>word</i>{\i0} here",
                   "<i>styled</i>", r"x{\i1}<i>y</i>{\r}z",
                   r"{\b1\i1\pos(1,2)}<i>sign</i>", r"{\i1}<i>a{\rItal}b</i>{\rDefault}c",
                   "{\\i1}<i>on\nstill on</i>"]


def test_f003_never_reports_ass_italics_left_on_but_does_report_literal_tags():
    t = ass(ev(text=r"{\i1}whole line"), ev("0:00:04.00", "0:00:06.00", r"{\i0}off{\i0}"))
    assert [f.code for f in findings(t.replace(language="en"), select=["F003"])] == []
    bad = ass(ev(text="<i>typed as SubRip"))            # shown literally by libass
    assert [f.code for f in findings(bad.replace(language="en"), select=["F003"])] == ["F003"]


# ------------------------------------------------------------------ signs and layers

def _timing(track):
    return sorted((f.code, f.cue) for f in findings(track.replace(language="en"),
                                                     select=["T001", "T005", "T006"]))


@pytest.mark.parametrize("sign", [r"{\pos(960,100)}KASHGAR", r"{\an8}KASHGAR",
                                  r"{\move(1,2,3,4)}KASHGAR", r"{\a6}KASHGAR", "TOP STYLE"])
def test_a_sign_over_dialogue_is_not_an_overlap(sign):
    style = "Top" if sign == "TOP STYLE" else "Default"
    t = ass(ev("0:00:01.00", "0:00:05.00", "dialogue"), ev("0:00:02.00", "0:00:04.00", sign, style),
            ev("0:00:05.50", "0:00:07.00", "next"))
    assert " sign:" in t.cues[1].settings
    assert _timing(t) == []


def test_events_on_another_layer_are_not_compared():
    t = ass(ev("0:00:01.00", "0:00:05.00", "dialogue"),
            ev("0:00:02.00", "0:00:04.00", "karaoke", layer=1))
    assert _timing(t) == []


def test_near_miss_dialogue_on_one_layer_still_overlaps_and_is_out_of_order():
    t = ass(ev("0:00:01.00", "0:00:05.00", "one"), ev("0:00:04.00", "0:00:06.00", r"{\an2}two"),
            ev("0:00:02.00", "0:00:03.00", r"{\pos(1,1)}sign"), ev("0:00:00.00", "0:00:00.50"),
            ev("0:00:06.02", "0:00:07.00", "gap"))
    # cue 2 overlaps cue 1 (an explicit \an2 is the dialogue line); the sign (cue 3) is
    # skipped; cue 4 starts before cue 2; cue 5 follows cue 4 in its lane after 5.52 s
    assert _timing(t) == [("T001", 2), ("T006", 4)]
    srt = parse_bytes(b"1\n00:00:01,000 --> 00:00:05,000\na\n\n2\n00:00:02,000 --> "
                      b"00:00:04,000\n{\\an8}b\n", "t.srt")
    assert _timing(srt) == [("T001", 2)]                 # SubRip: one lane, unchanged


# ------------------------------------------------------------------ SSA v4, sniffing, encodings

SSA = """[Script Info]
ScriptType: v4.00

[V4 Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding
Style: Default,Arial,20,16777215,65535,0,0,0,0,1,1,1,2,10,10,10,0,1
Style: Top,Arial,20,16777215,65535,0,0,0,-1,1,1,1,6,10,10,10,0,1

[Events]
Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: Marked=0,0:00:01.00,0:00:04.00,*Default,NTP,0000,0000,0000,,Hello, World!
Dialogue: Marked=0,0:00:02.00,0:00:03.00,Top,NTP,0000,0000,0000,,Title
"""


def test_ssa_v4_with_marked_and_legacy_alignment(tmp_path):
    t = parse_bytes(SSA.encode(), "t.ssa")
    assert t.format == "ssa" and not t.diagnostics
    assert [c.lines for c in t.cues] == [("Hello, World!",), ("<i>Title</i>",)]
    assert " sign:" in t.cues[1].settings and _timing(t) == []      # SSA 6 = top centre
    named = tmp_path / "noext"
    named.write_text(SSA, encoding="utf-8")
    assert load_track(named).format == "ssa" and sniff_file(named) == "ssa"


def test_sniffing_by_the_script_info_header(tmp_path):
    body = HEAD.format(info="", format=FORMAT) + ev() + "\n"
    assert sniff_format(body) == "ass" and sniff_format("\n\n" + body) == "ass"
    assert sniff_format("Some text\n" + body) is None                 # near miss
    f = tmp_path / "episode.txt"
    f.write_text(body, encoding="utf-8")
    assert load_track(f).format == "ass" and len(load_track(f).cues) == 1
    (tmp_path / "x.ass").write_text(body, encoding="utf-8")
    (tmp_path / "y.ssa").write_text(SSA, encoding="utf-8")
    assert sorted(p.name for p in api.discover(tmp_path)) == ["x.ass", "y.ssa"]


def test_utf16_and_gbk(tmp_path):
    body = HEAD.format(info="", format=FORMAT) + ev(text="你好，世界\\N再见") + "\n"
    t = parse_bytes(b"\xff\xfe" + body.encode("utf-16-le"), "t.ass")
    assert t.cues[0].lines == ("你好，世界", "再见") and not t.diagnostics
    t = parse_bytes((body * 1).encode("gbk"), "t.zh.ass")
    assert t.cues[0].lines == ("你好，世界", "再见")
    assert [d.code for d in t.diagnostics] == ["P002"]


# ------------------------------------------------------------------ SubRip -> ASS, same findings

def srt_to_ass(srt_text: str) -> str:
    """A plain converter (as a fansub tool writes): one Dialogue line per SubRip cue, `<i>` as
    `{\\i1}`, `</i>` as `{\\i0}`, line breaks as `\\N`, times in centiseconds."""
    out = [HEAD.format(info="", format=FORMAT).rstrip("\n")]
    for block in re.split(r"\n\s*\n", srt_text.strip()):
        lines = block.splitlines()
        start, end = (_cs(t) for t in lines[1].split(" --> "))
        text = r"\N".join(lines[2:]).replace("<i>", r"{\i1}").replace("</i>", r"{\i0}")
        out.append(ev(start, end, text))
    return "\n".join(out) + "\n"


def _cs(stamp: str) -> str:
    h, m, rest = stamp.strip().split(":")
    s, ms = rest.split(",")
    assert ms.endswith("0"), "the samples' times are whole centiseconds"
    return f"{int(h)}:{m}:{s}.{ms[:2]}"


def _comparable(report_file):
    return sorted((f["code"], f["cue"], f["message"]) for f in report_file["findings"])


def _cli(capsys, *argv):
    """The CLI in-process: (exit code, stdout)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    return exit_info.value.code, capsys.readouterr().out


def _json(capsys, *args):
    code, out = _cli(capsys, "check", *args, "--format", "json", "--no-config", "-j", "1")
    return code, json.loads(out)["files"][0]


@pytest.mark.parametrize("name", ["road_to_kashgar.en.srt", "road_to_kashgar.ru.srt",
                                  "road_to_kashgar.ar.srt"])
def test_a_track_converted_to_ass_gives_the_same_findings(tmp_path, capsys, name):
    src = SAMPLES / name
    raw = src.read_bytes()
    srt_text = raw.decode("utf-8-sig") if name != "road_to_kashgar.ru.srt" else \
        raw.decode("cp1251")
    srt_text = srt_text.replace("\r\n", "\n")
    lang = name.split(".")[1]
    plain = tmp_path / f"film.{lang}.srt"
    plain.write_text(srt_text, encoding="utf-8")
    converted = tmp_path / f"film.{lang}.ass"
    converted.write_text(srt_to_ass(srt_text), encoding="utf-8")
    source = ["--source", str(SAMPLES / "road_to_kashgar.en.srt")] if lang != "en" else []
    _, a = _json(capsys, str(plain), *source)
    _, b = _json(capsys, str(converted), *source)
    assert (a["format"], b["format"]) == ("srt", "ass") and a["cues"] == b["cues"]
    left, right = _comparable(a), _comparable(b)
    # The one difference, by design: an unclosed SubRip <i> becomes {\i1}, which in ASS is a
    # switch that ends with its event (never unbalanced), so F003 has nothing to report.
    left = [f for f in left if f[0] != "F003"]
    assert left == right
    assert all(f["line"] > 14 for f in b["findings"] if f["cue"])       # the Dialogue lines
    if name == "road_to_kashgar.en.srt":
        assert ("F003", 3) in {(f["code"], f["cue"]) for f in a["findings"]}


# ------------------------------------------------------------------ pairing and score

def test_an_ass_translation_pairs_with_an_srt_source_and_scores(tmp_path, capsys):
    folder = tmp_path / "film"
    folder.mkdir()
    shutil.copy(SAMPLES / "road_to_kashgar.en.srt", folder / "road_to_kashgar.en.srt")
    shutil.copy(SAMPLES / "road_to_kashgar.tr.ass", folder / "road_to_kashgar.tr.ass")
    code, report = _json(capsys, str(folder / "road_to_kashgar.tr.ass"), "--source-lang", "en")
    assert report["source"].endswith("road_to_kashgar.en.srt")
    assert ("X002", 7) in {(f["code"], f["cue"]) for f in report["findings"]}
    assert not [f for f in report["findings"] if f["code"] == "X003"]   # the sign is not paired
    # score: the ASS translation against a SubRip reference of itself (same text) is perfect
    ref = tmp_path / "ref.tr.srt"
    lines = []
    for c in load_track(folder / "road_to_kashgar.tr.ass").cues:
        if " sign:" in c.settings:
            continue
        lines += [str(len(lines) // 4 + 1), f"{_srt(c.start_ms)} --> {_srt(c.end_ms)}",
                  "\n".join(c.plain_lines), ""]
    ref.write_text("\n".join(lines), encoding="utf-8")
    code, out = _cli(capsys, "score", str(folder / "road_to_kashgar.tr.ass"), "--ref", str(ref),
                     "--lang", "tr", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["unaligned"] == 0 and data["bleu"] == pytest.approx(100.0)


def _srt(ms: int) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


# ------------------------------------------------------------------ the shared corpus

CORPUS = Path(os.environ.get("SUBQA_CORPUS") or ROOT.parent / "shared" / "corpus")

# path: (cues, first cue (start, end), last cue (start, end), P-codes), read by subqa; and
# what pysubs2 1.8 reads, with the reason when it differs. pysubs2 is right where it agrees.
EXPECTED = {
    "real/pysubs2/subtitle_with_attached_images_aegisub.ass": (1, (0, 5000), (0, 5000), "", None),
    "real/pysubs2/subtitle_with_attached_fonts_aegisub.ass": (1, (0, 5000), (0, 5000), "", None),
    "real/subtitleedit/test.ass": (3, (1000, 4000), (10000, 13000), "", None),
    "real/subtitleedit/test.ssa": (3, (1000, 4000), (10000, 13000), "", None),
    # an unknown line inside [Events] is a P001 (pysubs2 skips it silently)
    "real/go-astisub/example-in.ssa": (6, (99000, 101040), (151400, 153440), "P001", None),
    # 'Invalid' and blank times: 4 P001, one P003 (`0:00:04:56`); pysubs2 raises on the file
    "real/exoplayer-ssa/invalid_timecodes": (1, (4560, 8900), (4560, 8900), "P001 P003",
                                             "raises"),
    # `0:00:09:56`: pysubs2 falls back to its short pattern and reads 9.00 s, dropping the
    # centiseconds; subqa reads 9.56 s (FFmpeg and ExoPlayer too) and says libass reads 0
    "real/exoplayer-ssa/invalid_positioning": (4, (0, 1230), (9560, 12900), "P003",
                                               (4, (0, 1230), (9000, 12000))),
    # `Format: Start, End, Text`: pysubs2 ignores the Format line and reads the start time as
    # the Layer, so it raises
    "real/exoplayer-ssa/overlapping_timecodes": (7, (1000, 4230), (13220, 14220), "", "raises"),
    # UTF-16 LE with BOM: pysubs2.load assumes UTF-8 unless told; told, it reads the
    # `0:00:04:56` of the last cue as 4.00 s (see invalid_positioning)
    "real/exoplayer-ssa/typical_utf16le": (3, (0, 1230), (4560, 8900), "P003",
                                           (3, (0, 1230), (4000, 8000))),
    # `Format: Start, End, Style, Text` (padded field names): pysubs2 ignores it and raises
    "real/exoplayer-ssa/empty_style_line": (1, (1000, 3000), (1000, 3000), "", "raises"),
    # only a Format line, outside any section: nothing to read, said twice (line 1, no events)
    "real/exoplayer-ssa/typical_format": (0, None, None, "P001", (0, None, None)),
    # pysubs2 counts an event that has a drawing as a drawing: line 59 also shows the text
    # "Image(draw) with text", which subqa keeps as a cue (53 against 52)
    "real/libass-tests/generic.ass": (53, (0, 5000), (107000, 108000), "",
                                      (52, (0, 5000), (107000, 108000))),
    "real/libass-tests/aegisub-format-tests.ass": (39, (0, 5000), (62000, 64000), "", None),
    "real/libass-tests/shiftjis.ass": (1, (0, 114410), (0, 114410), "", None),
    "real/libass-tests/big5-hkscs.ass": (1, (0, 114410), (0, 114410), "", None),
    "real/libass-tests/legacy-arabic-simplified.ass": (1, (0, 114410), (0, 114410), "", None),
    "real/bourshevik0-subtitle-works/20191018-D4SaofKCYwo.combination.ass":
        (1120, (200, 15200), (2454580, 2458270), "", None),
    # 28 events with negative times (`-1:58:37.160`, `-10:-2:0.080`) are P001 (910 - 28 =
    # 882 cues); every time has 3 fraction digits, P004 on each of the 882 lines (libass and
    # FFmpeg read `.480` as 4.80 s); pysubs2 raises on `-10:-2:0.080`
    "real/subtitleconverter/Aqui_no_hay_quien_viva_1.ass":
        (882, (3360, 7400), (2769640, 2769680), "P001 P004", "raises"),
}


def _manifest_rows():
    with open(CORPUS / "MANIFEST.tsv", newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r["format"] in ("ass", "ssa")]


def _read(path: Path):
    return load_track(path, fmt=None if path.suffix else "ass")


def _summary(cues):
    if not cues:
        return (0, None, None)
    return (len(cues), cues[0], cues[-1])


corpus = pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").is_file(),
                            reason=f"subtitle corpus not found at {CORPUS}")


@corpus
def test_the_corpus_lists_exactly_these_ass_files():
    assert sorted(r["path"] for r in _manifest_rows()) == sorted(EXPECTED)


@corpus
@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_corpus_file_reads_as_stated(rel):
    track = _read(CORPUS / rel)
    count, first, last, pcodes, _ = EXPECTED[rel]
    times = [(c.start_ms, c.end_ms) for c in track.cues]
    assert _summary(times) == (count, first, last)
    assert " ".join(sorted({d.code for d in track.diagnostics} - {"P002"})) == pcodes
    lines = (CORPUS / rel).read_bytes()
    assert all(0 < c.line == c.timing_line for c in track.cues) and lines


@corpus
@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_corpus_file_against_pysubs2(rel):
    pysubs2 = pytest.importorskip("pysubs2")
    count, first, last, _, theirs = EXPECTED[rel]
    path = CORPUS / rel
    encoding = "utf-16" if rel.endswith("utf16le") else "utf-8-sig"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            subs = pysubs2.load(str(path), encoding=encoding,
                                format_=None if path.suffix else "ass")
    except Exception:
        assert theirs == "raises"
        return
    events = [(e.start, e.end) for e in subs.events if e.type == "Dialogue" and not e.is_drawing]
    assert _summary(events) == (theirs if theirs is not None else (count, first, last))
