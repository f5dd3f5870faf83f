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
