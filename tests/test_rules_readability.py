from trackkit import codes, cue, findings, track


def test_r001_counts_per_language_limit():
    line = "x" * 43
    assert codes(track(cue(1, 0, 5000, line)), select=["R001"]) == ["R001"]
    assert codes(track(cue(1, 0, 5000, "x" * 42)), select=["R001"]) == []


def test_r001_tags_are_not_counted():
    tagged = "<i>" + "x" * 42 + "</i>"
    assert codes(track(cue(1, 0, 5000, tagged)), select=["R001"]) == []


def test_r001_chinese_limit_and_half_width_weighting():
    zh17 = "这" * 17
    assert codes(track(cue(1, 0, 5000, zh17), language="zh-Hans"), select=["R001"]) == ["R001"]
    # 14 ideographs + 4 half-width characters = 16: within the 16 limit
    mixed = "这" * 14 + "ABCD"
    assert codes(track(cue(1, 0, 5000, mixed), language="zh-Hans"), select=["R001"]) == []
    # the same text in an English track counts 18 but the English limit is 42
    assert codes(track(cue(1, 0, 5000, mixed), language="en"), select=["R001"]) == []


def test_r001_grapheme_cluster_counts_once():
    # 42 base letters with combining accents: 84 code points, 42 graphemes
    line = "e\u0301" * 42
    assert codes(track(cue(1, 0, 5000, line)), select=["R001"]) == []


def test_r002_three_lines():
    assert codes(track(cue(1, 0, 5000, "a", "b", "c")), select=["R002"]) == ["R002"]
    assert codes(track(cue(1, 0, 5000, "a", "b")), select=["R002"]) == []


def test_r003_reading_speed_per_language():
    text = "x" * 41                      # 41 chars in 2 s = 20.5 cps
    assert codes(track(cue(1, 0, 2000, text), language="en"), select=["R003"]) == ["R003"]
    assert codes(track(cue(1, 0, 2000, "x" * 40), language="en"), select=["R003"]) == []
    # French allows 17 cps: 40 chars in 2 s is too fast
    assert codes(track(cue(1, 0, 2000, "x" * 40), language="fr"), select=["R003"]) == ["R003"]


def test_r003_line_break_does_not_count_and_children_profile_is_stricter():
    two = track(cue(1, 0, 2000, "x" * 20, "y" * 20), language="en")   # 40 chars / 2 s = 20
    assert codes(two, select=["R003"]) == []
    assert codes(two, select=["R003"], profile="netflix-children") == ["R003"]


def test_r003_skips_reversed_cue():
    assert codes(track(cue(1, 2000, 1000, "x" * 100)), select=["R003"]) == []


def test_r003_chinese_nine_cps():
    assert codes(track(cue(1, 0, 2000, "这" * 19), language="zh-Hans"), select=["R003"]) == ["R003"]
    assert codes(track(cue(1, 0, 2000, "这" * 18), language="zh-Hans"), select=["R003"]) == []


def test_r004_two_lines_that_fit_and_dialogue_near_miss():
    fits = track(cue(1, 0, 3000, "I know", "what you mean."))
    assert codes(fits, select=["R004"]) == ["R004"]
    dialogue = track(cue(1, 0, 3000, "- Are you sure?", "- Yes."))
    assert codes(dialogue, select=["R004"]) == []
    too_long = track(cue(1, 0, 5000, "This first line is quite long already,", "and so is this one."))
    assert codes(too_long, select=["R004"]) == []


def test_message_names_limit_and_found_value():
    f = findings(track(cue(1, 0, 5000, "x" * 50)), select=["R001"])[0]
    assert "50" in f.message and "42" in f.message
    assert f.data == {"line_number": 1, "chars": 50, "limit": 42}


def test_cluster_fast_path_agrees_with_the_pattern():
    from subqa import text

    pattern = text._may_cluster_pattern()
    # every code point of the BMP outside the surrogates, one at a time and after a letter
    for cp in range(0x20, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        assert text.may_cluster("a" + ch) == (pattern.search("a" + ch) is not None), hex(cp)
    assert text.may_cluster("e\u0301") and not text.may_cluster("Çà et là, ğış")
    assert text.may_cluster("\U0001f44d\U0001f3fd") and text.may_cluster("") is False


def test_marks_cluster_as_the_grapheme_segmenter_says():
    import unicodedata

    import regex

    from subqa import text

    segment = regex.compile(r"\X")
    marks = [chr(c) for c in range(0x300, 0x700) if unicodedata.category(chr(c)) == "Mn"]
    assert len(marks) > 200 and "\u064e" in marks and "\u05b8" in marks and "\u0301" in marks
    bases = ["a", " ", "1", "ب", "ש", "д", "\u0300", "\u200c", "\u200d", "\t", ".", "\u0600",
             "\u06dd", "क", "\U0001F600", "\u1100", "\u200b", "\u200e", "\u200f", "\ufeff",
             "\u070f", "\u061c"]
    marks += ["\u200c", "\u200e", "\u200f", "\u200b"]
    for m in marks:
        for b in bases:
            for t in (b + m, m + b, b + m + m + b, m, b + m + b + m):
                expected = segment.findall(t)
                assert text.graphemes(t) == expected, [hex(ord(c)) for c in t]
                assert text.cluster_count(t) == len(expected), [hex(ord(c)) for c in t]
