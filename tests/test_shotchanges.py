"""Shot-change lists (subqa/shotchanges.py): every accepted format, and bad lines are errors
naming the file and the line."""
import pytest

from shotkit import FORMATS, shot_list
from subqa import frames
from subqa.model import UsageError
from subqa.shotchanges import read_shot_changes

CUTS = [96, 240, 361, 500, 770]          # frames


@pytest.mark.parametrize("fps", [23.976, 24, 25, 29.97])
@pytest.mark.parametrize("kind", FORMATS)
def test_every_format_gives_the_cuts_to_within_a_millisecond(tmp_path, kind, fps):
    path = tmp_path / "film.shotchanges"
    path.write_text(shot_list(kind, CUTS, fps), encoding="utf-8")
    got = read_shot_changes(path, fps)
    want = [n * frames.frame_ms(fps) for n in CUTS]
    assert len(got) == len(want)
    assert all(abs(a - b) <= 1.0 for a, b in zip(got, want)), (got, want)


def test_scenedetect_first_scene_start_is_no_cut_and_header_row_alone_works(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Scene Number,Start Frame,Start Timecode,Start Time (seconds)\n"
                    "1,1,00:00:00.000,0.000\n2,121,00:00:05.000,5.000\n", encoding="utf-8")
    assert read_shot_changes(path, 24) == (5000.0,)


def test_units_comments_decimal_comma_and_order(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("# Subtitle Edit shot changes\n\n12,5\n3.25\n3.25\n", encoding="utf-8")
    assert read_shot_changes(path, 24) == (3250.0, 12500.0)
    path.write_text("# unit: frames\n48\n", encoding="utf-8")
    assert read_shot_changes(path, 24) == (2000.0,)
    path.write_text("# unit: milliseconds\n48\n96\n", encoding="utf-8")
    assert read_shot_changes(path, 24) == (48.0, 96.0)
    path.write_text("2000\n5000\n9000\n", encoding="utf-8")           # median step 3000: ms
    assert read_shot_changes(path, 25) == (2000.0, 5000.0, 9000.0)
    path.write_text("50\n125\n225\n", encoding="utf-8")               # median step 75: frames
    assert read_shot_changes(path, 25) == (2000.0, 5000.0, 9000.0)


def test_timecode_frames_at_23976_count_24_a_second(tmp_path):
    path = tmp_path / "tc.txt"
    path.write_text("00:01:00:00\n", encoding="utf-8")
    assert read_shot_changes(path, 23.976) == (60060.0,)


@pytest.mark.parametrize("text,line,needle", [
    ("1.5\n2.5\nabc\n", 3, "'abc' is not a shot-change time"),
    ("00:00:01.000\n00:00:02:30\n", 2, "frame 30 does not exist"),
    ("00:00:01;12\n", 1, "drop-frame"),
    ("00:99:01.000\n", 1, "not a timecode"),
    ("120\n", 1, "# unit: frames"),
    ("# unit: parsecs\n1.0\n", 1, "unknown unit"),
    ("Scene Number,Start Frame,Start Timecode,Start Time (seconds)\n1,1,x,0\n2,5,x,oops\n", 3,
     "'oops' is not a time in seconds"),
    ("Timecode List:,00:00:01.000\nfoo,bar\n", 2, "header row"),
    ("[Parsed_showinfo_1 @ 0x1] n: 0 pts: 1 pts_time:nan\n", 1, "pts_time:nan"),
])
def test_a_bad_line_is_a_usage_error_naming_file_and_line(tmp_path, text, line, needle):
    path = tmp_path / "bad.shotchanges"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        read_shot_changes(path, 24)
    assert f"{path}:{line}:" in str(exc.value) and needle in str(exc.value)


def test_not_utf8_and_missing_files(tmp_path):
    path = tmp_path / "bin.shotchanges"
    path.write_bytes(b"1.0\n\xff\xfe\n")
    with pytest.raises(UsageError, match=r"bin.shotchanges:2: not UTF-8"):
        read_shot_changes(path, 24)
    with pytest.raises(UsageError, match="cannot be read"):
        read_shot_changes(tmp_path / "nope.txt", 24)


# --- end to end: discovery, option, configuration, and the frame rate's origin --------------------

import json  # noqa: E402

from click.testing import CliRunner  # noqa: E402

import subqa  # noqa: E402
from subqa.api import FileJob, resolve_fps  # noqa: E402
from subqa.cli import cli  # noqa: E402
from subqa.profiles import load_profile  # noqa: E402
from trackkit import cue, track  # noqa: E402


def _srt(path, starts_ms, length=2000):
    blocks = []
    for i, start in enumerate(starts_ms, 1):
        end = start + length
        blocks.append(f"{i}\n{_clock(start)} --> {_clock(end)}\nLine {i}.\n")
    path.write_text("\n".join(blocks), encoding="utf-8")


def _clock(ms):
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, rem = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{rem:03d}"


def _codes(report):
    return [f.code for f in report.findings]


def test_list_beside_the_track_option_and_configuration(tmp_path):
    _srt(tmp_path / "film.en.srt", [10_208])          # 5 frames after a cut at 10 s
    assert _codes(subqa.check([tmp_path / "film.en.srt"], select=["T007"], use_config=False)) == []
    (tmp_path / "film.shotchanges").write_text("10.000\n", encoding="utf-8")
    found = subqa.check([tmp_path / "film.en.srt"], select=["T007"], use_config=False)
    assert _codes(found) == ["T007"]
    assert found.files[0].shot_changes == (tmp_path / "film.shotchanges").as_posix()
    other = tmp_path / "other.txt"
    other.write_text("00:00:30.000\n", encoding="utf-8")           # the option wins
    assert _codes(subqa.check([tmp_path / "film.en.srt"], select=["T007"], use_config=False,
                              shot_changes=other)) == []
    (tmp_path / "film.shotchanges").unlink()
    (tmp_path / "cuts").mkdir()
    (tmp_path / "cuts" / "f.csv").write_text(
        "Scene Number,Start Frame,Start Timecode,Start Time (seconds)\n"
        "1,1,00:00:00.000,0.000\n2,241,00:00:10.000,10.000\n", encoding="utf-8")
    (tmp_path / "subqa.toml").write_text('[shot-changes]\n"film.*.srt" = "cuts/f.csv"\n',
                                         encoding="utf-8")
    assert _codes(subqa.check([tmp_path / "film.en.srt"], select=["T007"])) == ["T007"]


def test_cli_option_text_header_and_a_bad_list_is_exit_2(tmp_path):
    _srt(tmp_path / "film.en.srt", [10_208])
    shots = tmp_path / "shots.txt"
    shots.write_text("10.000\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "film.en.srt"), "--no-config",
                                 "--shot-changes", str(shots), "-j", "1"])
    assert "24 fps (profile)" in r.output and f"1 shot change from {shots.as_posix()}" in r.output
    assert "T007 in-cue-near-shot-change" in r.output
    shots.write_text("10.000\nten\n", encoding="utf-8")
    from subqa.cli import main
    import pytest as _pytest
    with _pytest.raises(SystemExit) as exc:
        main(["check", str(tmp_path / "film.en.srt"), "--no-config", "--shot-changes", str(shots)])
    assert exc.value.code == 2


def _job(fps=None, origin=None):
    return FileJob(path="t.srt", lang=None, profile="netflix", fps=fps, select=(), ignore=(),
                   encoding=None, source=None, source_lang=None, glossary=None,
                   min_severity="info", fps_origin=origin)


def test_frame_rate_order_option_config_document_inferred_profile():
    prof = load_profile("netflix")
    on_25 = track(*[cue(i, i * 1040, i * 1040 + 800, "x") for i in range(1, 80)])
    assert resolve_fps(_job(), on_25, prof)[:2] == (25.0, "inferred")
    assert "of 158 times on the 25 fps frame grid" in resolve_fps(_job(), on_25, prof)[2]
    assert resolve_fps(_job(30.0, "option"), on_25, prof)[:2] == (30.0, "option")
    assert resolve_fps(_job(29.97, "config"), on_25, prof)[:2] == (29.97, "config")
    few = track(*[cue(i, i * 1040, i * 1040 + 800, "x") for i in range(1, 20)])
    assert resolve_fps(_job(), few, prof)[:2] == (24.0, "profile")

    class WithFps:                       # a reader that knows the document's rate sets Track.fps
        fps = 23.976
        format = "ttml"                  # the origin is named by the format that declared it
        cues = on_25.cues
    assert resolve_fps(_job(), WithFps(), prof)[:2] == (23.976, "ttml")
    assert resolve_fps(_job(25.0, "option"), WithFps(), prof)[:2] == (25.0, "option")


def test_json_carries_fps_and_origin(tmp_path):
    _srt(tmp_path / "a.srt", [i * 2040 for i in range(1, 70)], length=1200)   # 40 ms grid
    out = tmp_path / "r.json"
    CliRunner().invoke(cli, ["check", str(tmp_path / "a.srt"), "--no-config", "--format",
                             f"json:{out}", "-j", "1"])
    data = json.loads(out.read_text(encoding="utf-8"))["files"][0]
    assert (data["fps"], data["fps_origin"]) == (25.0, "inferred")
    assert data["fps_evidence"].startswith("138 of 138 times on the 25 fps")
