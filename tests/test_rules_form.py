from trackkit import Diagnostic, codes, cue, findings, track


def test_f001_empty_and_tag_only_cues():
    t = track(cue(1, 0, 2000, ""), cue(2, 3000, 5000, "<i></i>"), cue(3, 6000, 8000, "Text."))
    found = findings(t, select=["F001"])
    assert [f.cue for f in found] == [1, 2]


def test_f002_spaces():
    t = track(cue(1, 0, 2000, " Leading."), cue(2, 3000, 5000, "Trailing. "),
              cue(3, 6000, 8000, "Double  space."), cue(4, 9000, 11000, "Fine, all of it."))
    assert [f.cue for f in findings(t, select=["F002"])] == [1, 2, 3]


def test_f002_ideographic_space_is_not_reported():
    t = track(cue(1, 0, 2000, "你好　世界"), language="zh-Hans")
    assert codes(t, select=["F002"]) == []


def test_f003_unbalanced_tags():
    t = track(cue(1, 0, 2000, "<i>Never closed."), cue(2, 3000, 5000, "Closed</i> only."),
              cue(3, 6000, 8000, "<i>Spans", "two lines.</i>"),
              cue(4, 9000, 11000, "<b><i>Crossed</b></i>"))
    assert [f.cue for f in findings(t, select=["F003"])] == [1, 2, 4]


def test_f003_vtt_voice_span_may_stay_open():
    t = track(cue(1, 0, 2000, "<v Roger>Hi there."), fmt="vtt")
    assert codes(t, select=["F003"]) == []


def test_f004_repeated_word_across_line_break():
    t = track(cue(1, 0, 2000, "I saw the", "the house."), cue(2, 3000, 5000, "No, no, no."),
              cue(3, 6000, 8000, "Он пошёл в в магазин."), cue(4, 9000, 11000, "Bye bye!"))
    found = findings(t, select=["F004"])
    assert [(f.cue, f.data["word"]) for f in found] == [(1, "the"), (3, "в")]


def test_f004_not_inside_words_or_numbers():
    t = track(cue(1, 0, 2000, "The theme is 10 10 years."), cue(2, 3000, 5000, "She's she."))
    assert codes(t, select=["F004"]) == []


def test_p_rules_come_from_reader_diagnostics():
    t = track(cue(1, 0, 2000, "Fine."),
              diagnostics=[Diagnostic("P001", "timestamp has letters", line=7),
                           Diagnostic("P002", "decoded as cp1251 (detected)")])
    found = findings(t, select=["P"])
    assert [(f.code, f.line, f.cue, f.severity.label) for f in found] == [
        ("P002", None, None, "info"), ("P001", 7, None, "error")]


def test_f004_reduplicating_languages_report_only_doubled_function_words():
    t = track(cue(1, 0, 2000, "Yavaş yavaş yürü."), cue(2, 3000, 5000, "Ali ve ve Ayşe geldi."),
              language="tr")
    assert [(f.cue, f.data["word"]) for f in findings(t, select=["F004"])] == [(2, "ve")]
    kk = track(cue(1, 0, 2000, "Ақырын ақырын жүр."), cue(2, 3000, 5000, "Мен мен сен барамыз."),
               language="kk")
    assert [f.cue for f in findings(kk, select=["F004"])] == [2]
    # the same doubling in English is reported
    en = track(cue(1, 0, 2000, "Slowly slowly walk."))
    assert codes(en, select=["F004"]) == ["F004"]
