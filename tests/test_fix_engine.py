"""`subqa fix`: each fix family on small cases (fires, and the near miss it must not touch),
the discipline (P001 files untouched, worse results reverted, fixpoint, selection) and the
command line (--diff exit codes, the golden diff of the samples, writing in place)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import subqa
from subqa.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _srt(*cues: tuple[str, str, str], numbers=None, nl="\n") -> str:
    out = []
    for i, (start, end, text) in enumerate(cues, 1):
        n = numbers[i - 1] if numbers else i
        out.append(f"{n}{nl}{start} --> {end}{nl}{text.replace(chr(10), nl)}{nl}")
    return nl.join(out)


def fix_text(tmp_path, text: str, name="film.en.srt", encoding="utf-8", **options):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    options.setdefault("use_config", False)
    run = subqa.fix([path], **options)
    (outcome,) = run.outcomes
    return outcome, outcome.output.decode(encoding)


# --- F002 -------------------------------------------------------------------------------------

def test_stray_spaces_removed_through_tags(tmp_path):
    text = _srt(("00:00:01,000", "00:00:03,000", " <i>Hello  there </i>\nsecond\tline"))
    outcome, out = fix_text(tmp_path, text, select=["F002"])
    assert outcome.status == "fixed"
    assert "<i>Hello there</i>\nsecond line\n" in out
    assert not [f for f in outcome.result.findings if f.code == "F002"]


def test_deliberate_spaces_are_kept(tmp_path):
    text = _srt(("00:00:01,000", "00:00:03,000", "Г О Р Ш Т А К   3"),
                ("00:00:04,000", "00:00:06,000", "是啊  是啊"))
    outcome, out = fix_text(tmp_path, text, select=["F002"])
    assert outcome.status == "unchanged" and out == text


def test_webvtt_voice_tag_space_is_kept(tmp_path):
    text = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Kyle> So  we go \n"
    outcome, out = fix_text(tmp_path, text, name="film.en.vtt", select=["F002"])
    assert out == "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Kyle> So we go\n"


# --- F003 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("before,after", [
    ("<i>Open\nstill open", "<i>Open\nstill open</i>"),
    ("closed</b> never opened", "closed never opened"),
    ("<b><i>crossed</b></i>", "<b><i>crossed</i></b>"),
    ("<I>upper", "<I>upper</I>"),
    ("<font color=\"red\">red", "<font color=\"red\">red</font>"),
])
def test_tags_balanced(tmp_path, before, after):
    text = _srt(("00:00:01,000", "00:00:03,000", before))
    outcome, out = fix_text(tmp_path, text, select=["F003"])
    assert out == _srt(("00:00:01,000", "00:00:03,000", after))
    assert not [f for f in outcome.result.findings if f.code == "F003"]


def test_a_tag_alone_on_a_line_is_not_removed(tmp_path):
    text = _srt(("00:00:01,000", "00:00:03,000", "text\n</i>"))
    outcome, out = fix_text(tmp_path, text, select=["F003"])
    assert out == text                 # removing it would end the cue early


# --- timing -----------------------------------------------------------------------------------

def test_overlap_of_a_few_frames_is_safe(tmp_path):
    text = _srt(("00:00:01,000", "00:00:03,050", "One"), ("00:00:03,000", "00:00:05,000", "Two"))
    outcome, out = fix_text(tmp_path, text, select=["T001"], fps=24)
    assert "00:00:01,000 --> 00:00:02,917" in out
    assert outcome.applied[0].applicability == "safe"


def test_large_overlap_needs_unsafe(tmp_path):
    text = _srt(("00:00:01,000", "00:00:04,000", "One"), ("00:00:03,000", "00:00:05,000", "Two"))
    outcome, out = fix_text(tmp_path, text, select=["T001"], fps=24)
    assert out == text
    outcome, out = fix_text(tmp_path, text, select=["T001"], fps=24, unsafe=True)
    assert "00:00:01,000 --> 00:00:02,917" in out


def test_short_gap_and_chaining(tmp_path):
    text = _srt(("00:00:01,000", "00:00:02,980", "One"), ("00:00:03,000", "00:00:05,000", "Two"),
                ("00:00:05,250", "00:00:07,000", "Three"))
    outcome, out = fix_text(tmp_path, text, select=["T005", "T009"], fps=25)
    assert "00:00:01,000 --> 00:00:02,920" in out      # 2 frames at 25 fps before 3,000
    assert "00:00:03,000 --> 00:00:05,170" in out      # chained: 2 frames before 5,250
    codes = {f.code for f in outcome.result.findings}
    assert not codes & {"T005", "T009"}


def test_short_cue_extended_into_free_time(tmp_path):
    text = _srt(("00:00:01,000", "00:00:01,500", "Hi"), ("00:00:10,000", "00:00:12,000", "Two"))
    outcome, out = fix_text(tmp_path, text, select=["T003"], fps=24)
    assert "00:00:01,000 --> 00:00:01,833" in out


def test_short_cue_without_room_is_left(tmp_path):
    text = _srt(("00:00:01,000", "00:00:01,500", "Hi"), ("00:00:01,600", "00:00:03,000", "Two"))
    outcome, out = fix_text(tmp_path, text, select=["T003"], fps=24)
    assert out == text


def test_out_of_order_is_unsafe_and_renumbers(tmp_path):
    text = _srt(("00:00:05,000", "00:00:06,000", "Second"), ("00:00:01,000", "00:00:02,000",
                                                              "First"))
    outcome, out = fix_text(tmp_path, text, select=["T006"])
    assert out == text
    outcome, out = fix_text(tmp_path, text, select=["T006"], unsafe=True)
    assert out == _srt(("00:00:01,000", "00:00:02,000", "First"),
                       ("00:00:05,000", "00:00:06,000", "Second"))


def test_srt_renumbering_without_select(tmp_path):
    text = _srt(("00:00:01,000", "00:00:02,000", "a"), ("00:00:03,000", "00:00:04,000", "b"),
                numbers=[5, 9])
    outcome, out = fix_text(tmp_path, text)
    assert out.startswith("1\n") and "\n2\n00:00:03" in out
    outcome, out = fix_text(tmp_path, text, select=["F002"])
    assert out == text


def test_ass_times_written_in_centiseconds(tmp_path):
    text = ("[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
            "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
            "Dialogue: 0,0:00:01.00,0:00:03.05,Default,,0,0,0,,One\n"
            "Dialogue: 0,0:00:03.00,0:00:05.00,Default,,0,0,0,,Two\n")
    outcome, out = fix_text(tmp_path, text, name="x.en.ass", select=["T001"], fps=25)
    assert "0:00:01.00,0:00:02.92" in out


# --- discipline -------------------------------------------------------------------------------

def test_p001_file_is_never_fixed(tmp_path):
    text = _srt(("00:00:01,000", "00:00:03,000", "Hello  there")) + "\n7\n00:00:0x,000 --> 1\nx\n"
    outcome, out = fix_text(tmp_path, text)
    assert outcome.status == "skipped" and "P001" in outcome.reason
    assert outcome.output == outcome.original


def test_crlf_legacy_encoding_and_bom_are_kept(tmp_path):
    text = _srt(("00:00:01,000", "00:00:03,000", "Привет  мир"),
                ("00:00:04,000", "00:00:06,000", "Ещё раз "), nl="\r\n")
    outcome, out = fix_text(tmp_path, text, name="film.ru.srt", encoding="cp1251")
    assert outcome.status == "fixed"
    assert out == text.replace("Привет  мир", "Привет мир").replace("раз \r\n", "раз\r\n")
    bom = "\ufeff" + text
    path = tmp_path / "bom.ru.srt"
    path.write_bytes(bom.encode("utf-8"))
    (o,) = subqa.fix([path], use_config=False).outcomes
    assert o.output.startswith(b"\xef\xbb\xbf") and b"\r\n" in o.output


def test_webvtt_header_note_style_settings_kept(tmp_path):
    text = ("WEBVTT Kind: captions\n\nSTYLE\n::cue { color: lime }\n\nNOTE keep  me \n\n"
            "c1\n00:01.000 --> 00:03.000 align:start position:10%\n Hello  world \n")
    outcome, out = fix_text(tmp_path, text, name="film.en.vtt")
    assert out == text.replace(" Hello  world \n", "Hello world\n")


def test_to_utf8_converts(tmp_path):
    text = _srt(("00:00:01,000", "00:00:03,000", "Привет"))
    path = tmp_path / "film.ru.srt"
    path.write_bytes(text.encode("cp1251"))
    (o,) = subqa.fix([path], use_config=False, to_utf8=True).outcomes
    assert o.output == text.encode("utf-8") and o.status == "fixed"


def test_second_run_changes_nothing(tmp_path):
    text = _srt(("00:00:01,000", "00:00:01,400", " <b>Hi  "), ("00:00:01,420", "00:00:03,000",
                                                               "Two</i>"),
                ("00:00:03,200", "00:00:05,000", "Three"), numbers=[3, 4, 5])
    outcome, out = fix_text(tmp_path, text, unsafe=True)
    assert outcome.status == "fixed"
    again, out2 = fix_text(tmp_path, out, unsafe=True)
    assert again.status == "unchanged" and out2 == out


def test_a_worse_pass_is_reverted(tmp_path, monkeypatch):
    from subqa.fixes import spacing
    from subqa.fixes.base import SAFE, Fix
    from subqa.fixes.spans import Edit

    def vandal(fc):          # a broken planner: turns a timing line into garbage
        at = fc.src.text.index("-->")
        return [Fix("F002", 1, SAFE, "break it", [Edit(at, at + 3, "==>")])]

    monkeypatch.setattr(spacing, "plan", vandal)
    text = _srt(("00:00:01,000", "00:00:03,000", "Hello  there"))
    outcome, out = fix_text(tmp_path, text)
    assert out == text and outcome.status == "unchanged"
    assert any("reverted" in n for n in outcome.notes)


def test_check_reports_say_which_findings_have_a_fix(tmp_path):
    path = tmp_path / "film.en.srt"
    path.write_text(_srt(("00:00:01,000", "00:00:03,000", "<i>Hello  there")), encoding="utf-8")
    report = subqa.check([path], use_config=False)
    fixes = {f.code: f.fix for f in report.findings}
    assert fixes["F002"].applicability == "safe" and fixes["F003"].applicability == "safe"
    from subqa.reporters import get_renderer

    data = json.loads(get_renderer("json")(report))
    assert {f["code"]: f["fix"]["applicability"] for f in data["files"][0]["findings"]} == \
        {"F002": "safe", "F003": "safe"}
    sarif = json.loads(get_renderer("sarif")(report))
    results = sarif["runs"][0]["results"]
    (f002,) = [r for r in results if r["ruleId"] == "F002"]
    change = f002["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"]["text"] == ""


# --- command line -----------------------------------------------------------------------------

def _cli(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def test_diff_writes_nothing_and_exits_1(tmp_path, capsys):
    path = tmp_path / "film.en.srt"
    text = _srt(("00:00:01,000", "00:00:03,000", "Hello  there"))
    path.write_text(text, encoding="utf-8")
    code, out, _ = _cli(capsys, "fix", "--diff", "--no-config", str(path))
    assert code == 1 and "-Hello  there\n+Hello there\n" in out
    assert path.read_text(encoding="utf-8") == text
    code, out, err = _cli(capsys, "fix", "--no-config", "-j", "1", str(path))
    assert code == 0 and "fixed 1" in err
    assert path.read_text(encoding="utf-8") == text.replace("  ", " ")
    code, out, _ = _cli(capsys, "fix", "--diff", "--no-config", str(path))
    assert code == 0 and out == ""


def test_fix_report_formats(tmp_path, capsys):
    path = tmp_path / "film.en.srt"
    path.write_text(_srt(("00:00:01,000", "00:00:03,000", "Hello  there")), encoding="utf-8")
    code, out, _ = _cli(capsys, "fix", "--no-config", "--format", "json", str(path))
    data = json.loads(out)
    assert data["files"][0]["fix_status"] == "fixed"
    assert data["files"][0]["fixed"][0]["code"] == "F002"


def test_fix_rejects_bad_options_like_check(tmp_path, capsys):
    code, _, err = _cli(capsys, "fix", "--fps", "17", str(ROOT / "samples"))
    assert code == 2 and "--fps" in err


def test_samples_golden_diff():
    """`subqa fix --diff samples/` shows exactly samples/expected/fix.diff (SUBQA_REGEN_SAMPLES=1
    rewrites it after a deliberate change)."""
    proc = subprocess.run([sys.executable, "-m", "subqa", "fix", "--diff", "samples/"],
                          cwd=ROOT, capture_output=True)
    assert proc.returncode == 1, proc.stderr
    golden = ROOT / "samples" / "expected" / "fix.diff"
    if os.environ.get("SUBQA_REGEN_SAMPLES"):
        golden.write_bytes(proc.stdout)
    assert proc.stdout == golden.read_bytes()


# --- unsafe re-breaking -----------------------------------------------------------------------

def test_long_line_rebroken_at_a_phrase_boundary(tmp_path):
    text = _srt(("00:00:01,000", "00:00:05,000",
                 "Audiences in Almaty and Tashkent watch them with subtitles."))
    outcome, out = fix_text(tmp_path, text, select=["R001"])
    assert out == text                                 # unsafe: not without --unsafe-fixes
    outcome, out = fix_text(tmp_path, text, select=["R001"], unsafe=True)
    assert "Audiences in Almaty\nand Tashkent watch them with subtitles.\n" in out
    assert outcome.applied[0].applicability == "unsafe"


def test_never_after_an_article_and_prefers_punctuation(tmp_path):
    from subqa.fixes.linebreaks import best_break

    text = "I told you, the old road is long and the night is cold"
    at = best_break(text, 42, 1.0, "en")
    assert text[:at] == "I told you, the old road is long"
    text = "We walked along the river to the very old bridge at night"
    assert not text[:best_break(text, 42, 1.0, "en")].endswith((" the", " to"))


def test_cjk_breaks_only_after_punctuation():
    from subqa.fixes.linebreaks import best_break

    text = "这里拍摄的电影走得更远，传得更广。"
    assert best_break(text, 16, 0.5, "zh-Hans") == text.index("，") + 1
    assert best_break("这里拍摄的电影走得更远传得更广了吗", 16, 0.5, "zh-Hans") is None


def test_two_lines_that_fit_are_joined(tmp_path):
    text = "WEBVTT\n\n00:01.000 --> 00:03.000\nThank you,\nfriends.\n"
    outcome, out = fix_text(tmp_path, text, name="film.en.vtt", select=["R004"], unsafe=True)
    assert out == "WEBVTT\n\n00:01.000 --> 00:03.000\nThank you, friends.\n"


def test_dialogue_cues_are_not_joined(tmp_path):
    text = "WEBVTT\n\n00:01.000 --> 00:03.000\n- Yes?\n- No.\n"
    outcome, out = fix_text(tmp_path, text, name="film.en.vtt", unsafe=True)
    assert out == text


def test_sarif_regions_are_the_edits_line_and_column_positions():
    """annotate.regions gives each edit's start and end as (line, UTF-16 column), 1-based, the
    line of an edit within one line looked up once: the same as looking both ends up, for edits
    within a line, across line ends (R004 joins two lines), at a line's end and on the last
    line."""
    from subqa.fixes.annotate import regions
    from subqa.fixes.base import Region
    from subqa.fixes.spans import Edit, Source

    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nfirst 😀 line\r\nsecond\r\n\r\nlast"
    src = Source(text, "utf-8")

    def by_position(offset):
        line, _ = src.position(offset)
        prefix = text[src.line_starts[line - 1]:offset]
        return line, len(prefix.encode("utf-16-le", "surrogatepass")) // 2 + 1

    n = len(text)
    edits = [Edit(a, b, "x") for a in range(n + 1) for b in range(a, min(n, a + 25) + 1)]
    want = tuple(Region(*by_position(e.start), *by_position(e.end), "x") for e in edits)
    assert regions(src, edits) == want
    line, column = 3, 7            # after "first 😀": the emoji counts two UTF-16 units
    joined = regions(src, [Edit(text.index("line"), text.index("second"), " ")])
    assert joined == (Region(3, 10, 4, 1, " "),) and by_position(text.index(" line")) == (line, column + 2)
