import pytest

from shotkit import FORMATS, shot_list
from subqa import frames
from subqa.shotchanges import read_shot_changes
from trackkit import codes, cue, findings, track


def test_t001_overlap_fires_and_touching_cues_do_not():
    overlapping = track(cue(1, 1000, 3000, "One."), cue(2, 2500, 4000, "Two."))
    found = findings(overlapping, select=["T001"])
    assert [(f.code, f.cue, f.data["overlap_ms"]) for f in found] == [("T001", 2, 500)]
    touching = track(cue(1, 1000, 3000, "One."), cue(2, 3000, 4000, "Two."))
    assert codes(touching, select=["T001"]) == []


def test_t002_zero_length_is_t002_only_not_t003():
    t = track(cue(1, 1000, 1000, "Zero."), cue(2, 5000, 4000, "Reversed."))
    assert codes(t, select=["T"]) == ["T002", "T002"]


def test_t003_short_cue_and_exact_minimum():
    short = track(cue(1, 1000, 1500, "Hi."))
    assert codes(short, select=["T003"]) == ["T003"]
    exact = track(cue(1, 1000, 1833, "Hi."))    # 833 ms = 5/6 s rounded: allowed
    assert codes(exact, select=["T003"]) == []


def test_t004_long_cue_and_exact_maximum():
    # 7 s is 168 frames at 24 fps; 7020 ms is 168.48 frames (168), 7021 ms 168.5 (169)
    assert codes(track(cue(1, 0, 7021, "Long.")), select=["T004"]) == ["T004"]
    assert codes(track(cue(1, 0, 7020, "Long.")), select=["T004"]) == []
    assert codes(track(cue(1, 0, 7000, "Long.")), select=["T004"]) == []


def test_t005_gap_depends_on_frame_rate():
    t = track(cue(1, 1000, 3000, "One."), cue(2, 3060, 5000, "Two."))   # 60 ms gap
    found = findings(t, select=["T005"], fps=24)
    assert [f.code for f in found] == ["T005"]
    assert found[0].data["gap_ms"] == 60
    ok = track(cue(1, 1000, 3000, "One."), cue(2, 3083, 5000, "Two."))  # 2 frames at 24 fps
    assert codes(ok, select=["T005"], fps=24) == []
    # 60 ms is more than 2 frames at 50 fps (40 ms)
    assert codes(t, select=["T005"], fps=50) == []


def test_t005_zero_gap_is_reported_but_overlap_is_t001():
    chained = track(cue(1, 1000, 3000, "One."), cue(2, 3000, 5000, "Two."))
    assert codes(chained, select=["T005"]) == ["T005"]
    overlap = track(cue(1, 1000, 3000, "One."), cue(2, 2900, 5000, "Two."))
    assert codes(overlap, select=["T001", "T005"]) == ["T001"]


def test_t006_out_of_order_is_not_also_an_overlap():
    t = track(cue(1, 5000, 7000, "Later."), cue(2, 1000, 3000, "Earlier."))
    assert codes(t, select=["T"]) == ["T006"]
    in_order = track(cue(1, 1000, 3000, "A."), cue(2, 5000, 7000, "B."))
    assert codes(in_order, select=["T006"]) == []


# --- whole frames (issue 15) ---------------------------------------------------------------------

def test_t003_counts_frames_820_to_830_ms_at_24_fps_are_20_frames():
    for ms in (820, 825, 830):
        assert codes(track(cue(1, 1000, 1000 + ms, "Hi.")), select=["T003"], fps=24) == []
    found = findings(track(cue(1, 1000, 1790, "Hi.")), select=["T003"], fps=24)
    assert [f.message for f in found] == ["on screen 19 frames (790 ms) at 24 fps; minimum 20 frames"]
    assert found[0].data["duration_frames"] == 19 and found[0].data["min_duration_frames"] == 20
    # 5/6 s is 21 frames at 25 fps: 820 ms (20.5 -> 21) passes, 800 ms (20) does not
    assert codes(track(cue(1, 1000, 1820, "Hi.")), select=["T003"], fps=25) == []
    assert codes(track(cue(1, 1000, 1800, "Hi.")), select=["T003"], fps=25) == ["T003"]


@pytest.mark.parametrize("gap,fps,fires", [
    (80, 25, False), (80, 24, False), (82, 23.976, False), (83, 23.976, False),
    (63, 24, False), (62, 24, True), (40, 25, True), (60, 24, True), (60, 50, False),
])
def test_t005_counts_the_gap_in_frames(gap, fps, fires):
    t = track(cue(1, 1000, 3000, "One."), cue(2, 3000 + gap, 5000, "Two."))
    assert codes(t, select=["T005"], fps=fps) == (["T005"] if fires else [])


# --- shot changes and chaining, at four frame rates, with every shot-list format ------------------

RATES = [23.976, 24, 25, 29.97]
CUT = 480                                 # the shot change, in frames


def _ms(n, fps):
    return int(round(n * frames.frame_ms(fps)))


def _cue_frames(index, start, end, fps):
    return cue(index, _ms(start, fps), _ms(end, fps), "Text.")


def _run(tmp_path, fps, kind, *cues_, select=("T007", "T008", "T009")):
    path = tmp_path / "film.shotchanges"
    path.write_text(shot_list(kind, [CUT, CUT + 100], fps), encoding="utf-8")
    shots = read_shot_changes(path, fps)
    return [(f.code, f.cue) for f in findings(track(*cues_), select=select, fps=fps,
                                               shot_changes=shots)]


def _window(fps):
    return frames.ms_to_frames(500, fps)          # 12 at 23.976/24, 13 at 25, 15 at 29.97


@pytest.mark.parametrize("fps", RATES)
@pytest.mark.parametrize("kind", FORMATS)
def test_t007_in_cue_near_a_shot_change(tmp_path, fps, kind):
    w = _window(fps)
    for offset, fires in [(0, False), (1, False), (-1, False), (2, True), (-2, True),
                          (w - 1, True), (-(w - 1), True), (w, False), (-w, False)]:
        start = CUT + offset
        got = _run(tmp_path, fps, kind, _cue_frames(1, start, start + 60, fps))
        assert got == ([("T007", 1)] if fires else []), (offset, got)


@pytest.mark.parametrize("fps", RATES)
@pytest.mark.parametrize("kind", FORMATS)
def test_t008_out_cue_near_a_shot_change(tmp_path, fps, kind):
    w = _window(fps)
    for offset, fires in [(-2, False), (-1, False), (0, False), (1, False), (2, True),
                          (-3, True), (w - 1, True), (-(w - 1), True), (w, False), (-w, False)]:
        end = CUT + offset
        got = _run(tmp_path, fps, kind, _cue_frames(1, end - 60, end, fps))
        assert got == ([("T008", 1)] if fires else []), (offset, got)


@pytest.mark.parametrize("fps", RATES)
def test_a_cue_crossing_a_shot_change_by_a_few_frames_is_t007_only(tmp_path, fps):
    short = _cue_frames(1, CUT - 3, CUT + 5, fps)
    assert _run(tmp_path, fps, "seconds", short) == [("T007", 1)]


@pytest.mark.parametrize("fps", RATES)
def test_t009_gap_should_chain_and_exactly_2_and_12_frames_do_not(tmp_path, fps):
    w = _window(fps)
    for gap, fires in [(2, False), (3, True), (w - 1, True), (w, False), (1, False)]:
        t = track(_cue_frames(1, 100, 200, fps), _cue_frames(2, 200 + gap, 300, fps))
        got = [(f.code, f.cue) for f in findings(t, select=["T009"], fps=fps)]
        assert got == ([("T009", 1)] if fires else []), (gap, got)


@pytest.mark.parametrize("fps", RATES)
def test_a_gap_t008_reports_before_a_shot_change_is_not_also_t009(tmp_path, fps):
    before = _cue_frames(1, CUT - 80, CUT - 5, fps)
    on_cut = _cue_frames(2, CUT, CUT + 60, fps)
    assert _run(tmp_path, fps, "seconds", before, on_cut) == [("T008", 1)]


def test_messages_say_where_the_cue_should_go(tmp_path):
    after = _run_messages(tmp_path, _cue_frames(1, CUT + 5, CUT + 65, 24))
    assert after == ["starts 5 frames (208 ms) after the shot change at 00:00:20.000 (24 fps); "
                     "start it on the shot change"]
    before = _run_messages(tmp_path, _cue_frames(1, CUT - 10, CUT + 50, 24))
    assert before == ["starts 10 frames (417 ms) before the shot change at 00:00:20.000 (24 "
                      "fps); start it on the shot change, or 12 frames before it (00:00:19.500)"]
    late = _run_messages(tmp_path, _cue_frames(1, CUT - 60, CUT + 4, 24))
    assert late == ["ends 4 frames (167 ms) after the shot change at 00:00:20.000 (24 fps); end "
                    "it 2 frames before the shot change (00:00:19.917)"]
    t = track(_cue_frames(1, 100, 200, 24), _cue_frames(2, 205, 300, 24))
    chain = findings(t, select=["T009"], fps=24)
    assert chain[0].message == ("gap of 5 frames (209 ms) at 24 fps before cue 2; gaps under 12 "
                                "frames are closed to 2 frames: end this cue at 00:00:08.459")


def _run_messages(tmp_path, *cues_):
    path = tmp_path / "film.shotchanges"
    path.write_text(shot_list("seconds", [CUT], 24), encoding="utf-8")
    shots = read_shot_changes(path, 24)
    return [f.message for f in findings(track(*cues_), select=["T007", "T008"], fps=24,
                                        shot_changes=shots)]


def test_no_shot_change_list_no_t007_t008():
    t = track(_cue_frames(1, CUT + 5, CUT + 65, 24))
    assert codes(t, select=["T007", "T008"]) == []
