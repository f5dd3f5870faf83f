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


# --- issue 11: deliberate spacing and repetition (real cases from the shared corpus) --------

def _f002(*lines_per_cue, language="en", fmt="srt", **kw):
    t = track(*(cue(i, i * 3000, i * 3000 + 2000, *lines)
                for i, lines in enumerate(lines_per_cue, 1)), language=language, fmt=fmt)
    return [(f.cue, f.message) for f in findings(t, select=["F002"], **kw)]


def test_f002_space_after_webvtt_voice_class_and_language_tags_is_not_reported():
    assert _f002(("<v Kyle Huey> So thanks again for <u>coming</u>.",),
                 ("<v Chris Pearce> Okay.</v>", "<v Kyle Huey> Oh, now?</v>"),
                 ("<c.yellow> Careful!</c>",), ("<lang en> Hello.</lang>",), fmt="vtt") == []


def test_f002_real_spaces_inside_voice_spans_and_after_other_tags_are_still_reported():
    assert _f002(("<v Kyle Huey> So the  cycle collector.",),
                 ("<v Kyle Huey> So the cycle collector. ",),
                 ("<i> Leading space in italics.</i>",), fmt="vtt") == [
        (1, "double space in line 1"), (2, "trailing space in line 1"),
        (3, "leading space in line 1")]


def test_f002_double_space_between_chinese_japanese_or_thai_phrases_is_punctuation():
    assert _f002(("宇宙守护神  保护我们远离邪恶",), ("小辣椒 & 蘿蔔頭  第6集：魔藥大賽",),
                 language="zh-Hans") == []
    assert _f002(("そうか  分かった",), language="ja") == []
    assert _f002(("ถอยไป  ถอยไป",), language="th") == []


def test_f002_double_space_beside_punctuation_in_a_cjk_track_is_reported():
    # beside a dash or a punctuation mark the gap is not punctuation (the mark is); between a
    # Latin word and a Chinese phrase it is the phrase gap, as between two Chinese phrases
    assert _f002(("-  是啊 肯定有大量的白板讨论",), ("每月一次？  是啊",), ("OK  是啊",),
                 ("OK   是啊",), language="zh-Hans") == [
        (1, "double space in line 1"), (2, "double space in line 1"),
        (4, "double space in line 1")]


def test_f002_wide_gap_of_a_letter_spaced_title_is_not_reported():
    assert _f002(("Г О Р Ш Т А К   3", "<i>Из зоре времена долазимо,</i>"),
                 ("3   Г О Р Ш Т А К",), language="sr") == []


def test_f002_wide_gap_without_enough_spaced_letters_is_reported(tmp_path):
    assert _f002(("A B   word",), ("Да ты боишься, что твое зелье  не сможет",)) == [
        (1, "double space in line 1"), (2, "double space in line 1")]
    profile = tmp_path / "p.toml"
    profile.write_text('[profile]\nname = "p"\nextends = "netflix"\n[params]\nspaced_letters = 2\n',
                       encoding="utf-8")
    assert _f002(("A B   word",), profile=str(profile)) == []


def test_f002_spaces_left_around_a_removed_override_tag_are_reported():
    assert _f002(("This is {\\an1} the first subtitle.",)) == [(1, "double space in line 1")]


def _f004(*lines_per_cue, language="en", **kw):
    t = track(*(cue(i, i * 3000, i * 3000 + 2000, *lines)
                for i, lines in enumerate(lines_per_cue, 1)), language=language)
    return [(f.cue, f.data["word"]) for f in findings(t, select=["F004"], **kw)]


def test_f004_space_between_repeated_cjk_or_thai_words_is_a_comma():
    assert _f004(("- 是啊 是啊 没错", "- Yeah, yeah, right."), ("- 不 不 不 但它",), ("别掉坑里 别掉坑里",),
                 language="zh-Hans") == []
    assert _f004(("ถอยไป ถอยไป",), language="th") == []
    # the English line of the same bilingual cue is still checked
    assert _f004(("是啊 是啊", "Yeah, yeah, the the pit."), language="zh-Hans") == [(1, "the")]


def test_f004_grammatical_doubles_are_not_reported_in_their_language_only():
    assert _f004(("Vous vous moquez de moi",), ("Nous nous levons.",), language="fr") == []
    assert _f004(("Je ne sais pas pas.",), language="fr") == [(1, "pas")]
    assert _f004(("Kinder, die die Schule lieben.",), language="de") == []
    assert _f004(("Ik weet dat dat waar is.",), language="nl") == []
    assert _f004(("Setkal se se sestrou.",), language="cs") == []
    assert _f004(("We had had enough.",), ("I gave her her coat.",)) == []
    # the same doubles in a language whose grammar does not make them are slips
    assert _f004(("Vous vous moquez de moi",), ("Setkal se se sestrou.",), language="en") == [
        (1, "Vous"), (2, "se")]
    assert _f004(("Er hat nicht nicht gesagt.",), language="de") == [(1, "nicht")]


def test_f004_capitalised_names_and_titles_are_not_reported():
    assert _f004(('Min far er I "La La Land".',), ("We flew to Bora Bora.",),
                 ("Sirhan Sirhan was there.",), language="en") == []
    # a capital on the first copy only is a sentence start, and capitals say nothing in an
    # all-capitals line
    assert _f004(("The the end.",), ("THE THE END.",)) == [(1, "The"), (2, "THE")]


def test_f004_three_or_more_in_a_row_is_a_chant_not_a_slip(tmp_path):
    assert _f004(("Los! Bewegt eure Ärsche! Los los los!",), ("Allez allez", "allez !"),
                 language="de") == []
    assert _f004(("Los los!",), language="de") == [(1, "Los")]
    profile = tmp_path / "p.toml"
    profile.write_text('[profile]\nname = "p"\nextends = "netflix"\n[params]\n'
                       'repeat_deliberate_run = 4\n', encoding="utf-8")
    assert _f004(("Los los los!",), language="de", profile=str(profile)) == [(1, "Los"),
                                                                                (1, "los")]


def test_f004_echo_across_a_line_break_is_deliberate_but_not_an_article_or_preposition():
    assert _f004(("كل شيئ آمن", "آمن كلية"), ("...أنصت", "أنصت إلى أصوات الآلة"),
                 language="ar") == []
    assert _f004(("Take it to the", "the gate."), ("I saw it", "it was red."),
                 ("5 normal spaces: A", "A letter followed by"), language="en") == [(1, "the")]
    assert _f004(("что привело тебя в", "в страну"), ("Я знаю", "знаю тебя"),
                 language="ru") == [(1, "в")]


def test_f004_wide_gap_between_copies_is_layout():
    assert _f004(("5 normal spaces between letters: A     A",)) == []
    assert _f004(("a house house",)) == [(1, "house")]


def test_repetition_facts_name_known_languages_and_known_lists_only():
    from subqa import langtags
    from subqa.resources import rules_dir
    from subqa.tomlload import load_toml

    data = load_toml(rules_dir() / "lang" / "repetition.toml")
    assert data
    for tag, entry in data.items():
        assert langtags.normalize(tag) == tag
        assert set(entry) <= {"grammatical", "never_final"} and entry
        for words in entry.values():
            assert words == [w.casefold() for w in words] and len(set(words)) == len(words)


_SHARED = __import__("pathlib").Path("/work/shared/corpus/real")


@__import__("pytest").mark.skipif(not _SHARED.is_dir(), reason="shared corpus absent")
def test_real_deliberate_repetition_and_spacing_of_the_issue_are_not_reported():
    from subqa.formats import load_track

    cases = [("vttjs-integration/cycle-collector-talk.vtt", "en", "F002"),
             ("subtitleedit/auto_detect_windows-1251.srt", "sr", "F002"),
             ("cdown-srt/gb2312.srt", "zh-Hans", "F002"),
             ("videojs-elephantsdream/captions.ar.vtt", "ar", "F004"),
             ("pysrt/utf-8.srt", "fr", "F004"),
             ("subtitleedit/auto_detect_Danish.srt", "da", "F004")]
    for rel, lang, code in cases:
        t = load_track(_SHARED / rel)
        t = track(*t.cues, language=lang, fmt=t.format, path=str(rel))
        assert codes(t, select=[code]) == [], rel


def test_f002_spaces_at_the_edges_of_an_ass_line_are_not_rendered():
    # libass and VSFilter drop them: aegisub-format-tests.ass, "Regular spaces at line
    # start/end are ignored, so this line is centered"; fansub `{\blur4} - 是的`
    assert _f002(("   Regular spaces at line start/end are ignored",),
                 ("Now going to test conflict resolution. ",),
                 ("{\\blur4} - 是的", "{\\blur4}- Yes."), ("not fail or ", " crash"),
                 fmt="ass") == []
    assert _f002(("   Centered? ",), fmt="ssa") == []


def test_f002_double_spaces_in_an_ass_line_and_edge_spaces_elsewhere_are_reported():
    # libass draws every space between words; SubRip players show edge spaces
    assert _f002(("{\\blur4}-  [Mission Control] Three",), fmt="ass") == [
        (1, "double space in line 1")]
    assert _f002(("   Regular spaces at line start/end",), fmt="srt") == [
        (1, "leading space in line 1")]


def test_two_spaces_between_a_chinese_phrase_and_a_name_digit_or_bracket_are_a_phrase_gap():
    # real fansub lines: the chapter index, the note in brackets and the list of engine names
    # are separated by the same half-width gap as two Chinese phrases
    from subqa.checks.form import _phrase_gap

    zh = "喷管是如何工作的  16:00"
    assert _phrase_gap(zh, "的", "1", "  ") and _phrase_gap(zh, "律", "(", "  ")
    assert _phrase_gap("原版J-2 J-2T(250K)  XRS-2200 和RS-2200", ")", "X", "  ")
    # near misses: beside punctuation or a dash, three spaces, a tab, a line with no Chinese
    assert not _phrase_gap(zh, "？", "是", "  ") and not _phrase_gap(zh, "-", "是", "  ")
    assert not _phrase_gap(zh, "的", "1", "   ") and not _phrase_gap(zh, "的", "1", " \t")
    assert not _phrase_gap("But one really  cool", "y", "c", "  ")


def test_f004_copies_styled_apart_are_a_deliberate_contrast():
    from subqa.checks.form import _styled_apart

    assert _styled_apart("Test <i>test</i> Captions", "Test", "test")
    assert _styled_apart(r"no {\i1}no{\i0}", "no", "no")
    # near misses: the same style on both copies, or a tag elsewhere in the line
    assert not _styled_apart("<i>the the house</i>", "the", "the")
    assert not _styled_apart("the the <i>house</i>", "the", "the")


def test_f004_in_a_two_language_track_allows_what_each_language_allows():
    # "really really" is an English emphasis double; in a zh-Hans+en fansub its English line
    # follows the English list (a real cue of the corpus fansub)
    cue = ("但是LASRE实验是一个非常酷的实验", "But one really really cool experiment was it,")
    assert _f004(cue, language="zh-Hans+en") == []
    assert _f004(("但是实验是一个非常酷的实验", "But one the the cool experiment,"),
                 language="zh-Hans+en") == [(1, "the")]
