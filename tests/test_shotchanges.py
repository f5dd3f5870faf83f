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
