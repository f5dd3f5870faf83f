"""X-rules (a translation checked against its source track) and number extraction."""
from __future__ import annotations

from decimal import Decimal

import pytest
from pairdata import (X_CODES, evaluate, expected_keys, finding_key, load, manifest,
                      x_findings)
from trackkit import cue, findings, track

from subqa import numbers


# --- the written pairs: every planted defect found, nothing else ------------------------------

@pytest.mark.parametrize("entry", manifest(), ids=lambda e: e["name"])
def test_pair_findings_are_exactly_the_planted_defects(entry):
    got = sorted(finding_key(f) for f in x_findings(entry["source"], entry["target"]))
    assert got == sorted(expected_keys(entry))


def test_precision_and_recall_per_code_on_the_written_pairs():
    counts = evaluate()
    for code in X_CODES:
        c = counts[code]
        assert c["tp"] > 0, code
        assert c["tp"] / (c["tp"] + c["fp"]) >= 0.9, (code, c)
        assert c["tp"] / (c["tp"] + c["fn"]) >= 0.9, (code, c)


def test_track_shift_is_one_finding():
    found = x_findings("defects/shifted.en.srt", "defects/shifted.ru.srt")
    assert [(f.code, f.data["scope"]) for f in found] == [("X004", "track")]
    assert 2400 <= found[0].data["offset_ms"] <= 2600


def test_missing_translation_points_at_the_target_file():
    found = [f for f in x_findings("defects/drama.en.srt", "defects/drama.ru.srt")
             if f.code == "X003"]
    assert len(found) == 1
    f = found[0]
    assert f.data["side"] == "source" and f.data["source_cue"] == 13
    # the line is where the cue belongs in the translation: the next translated cue (13)
    target = load("defects/drama.ru.srt")
    source_cue = load("defects/drama.en.srt").cues[12]
    assert f.line == target.cues[12].line
    assert f.cue is None        # cue numbers of the finding's file would name another cue
    assert (f.data["start_ms"], f.data["end_ms"]) == (source_cue.start_ms, source_cue.end_ms)
    # the finding itself is placed at the source cue's time (JSON start_ms/end_ms, HTML timeline)
    assert (f.start_ms, f.end_ms) == (source_cue.start_ms, source_cue.end_ms)
    assert (f.to_dict()["start_ms"], f.to_dict()["end_ms"]) == (source_cue.start_ms,
                                                                source_cue.end_ms)


# --- small tracks built in code ---------------------------------------------------------------

def pair(src_texts, tgt_texts, src_lang="en", tgt_lang="ru", select=("X",)):
    src = track(*[cue(i, i * 3000, i * 3000 + 2500, t) for i, t in enumerate(src_texts, 1)],
                language=src_lang, path="s.srt")
    tgt = track(*[cue(i, i * 3000, i * 3000 + 2500, t) for i, t in enumerate(tgt_texts, 1)],
                language=tgt_lang, path="t.srt")
    return findings(tgt, select, source=src, source_language=src_lang)


def codes_at(found):
    return [(f.code, f.cue) for f in found]


def test_rules_need_a_source_track():
    tgt = track(cue(1, 0, 2000, "Hello there, my friend."), language="ru")
    assert [f for f in findings(tgt, ("X",))] == []


def test_x001_source_text_in_a_cyrillic_track():
    found = pair(["Where were you?", "I was at home."], ["Где ты был?", "I was at home."])
    assert codes_at(found) == [("X001", 2)]
    assert found[0].data["reason"] == "identical"


def test_x001_latin_text_different_from_the_source_cue():
    found = pair(["Where were you?", "I was at home."], ["Где ты был?", "I stayed at home."])
    assert codes_at(found) == [("X001", 2)]
    assert found[0].data["reason"] == "source-script"


@pytest.mark.parametrize("kept", ["OK.", "Mm-hmm.", "Uh-huh!", "Boris!", "2024", "Hey, Boris."])
def test_x001_near_miss_interjections_names_numbers(kept):
    src = ["I told Boris everything.", kept, "Bye."]
    tgt = ["Я всё рассказал Борису.", kept, "Пока."]
    # "Boris" is a name: it appears capitalised inside a sentence of the source
    assert [f for f in pair(src, tgt) if f.code == "X001"] == []


def test_x001_one_word_cue_only_when_the_word_is_a_common_word():
    src = ["Thanks.", "Anna!", "No thanks, I'm fine."]
    tgt = ["Thanks.", "Anna!", "Нет, спасибо, всё хорошо."]
    assert codes_at(pair(src, tgt)) == [("X001", 1)]


def test_x001_names_kept_in_latin_inside_translated_cues():
    src = ["Call the iPhone guy.", "This is Tom Ford.", "Tom Ford!"]
    tgt = ["Позвони парню с iPhone.", "Это Tom Ford.", "Tom Ford!"]
    assert [f for f in pair(src, tgt) if f.code == "X001"] == []


def test_x001_brand_mixed_into_chinese_is_not_untranslated():
    found = pair(["Send it by WhatsApp tonight."], ["今晚用WhatsApp发过来。"], tgt_lang="zh-Hans")
    assert [f for f in found if f.code == "X001"] == []


def test_x001_same_script_identical_cue_and_one_word_near_miss():
    found = pair(["Thank you for watching.", "Bravo!"], ["Thank you for watching.", "Bravo !"],
                 tgt_lang="fr")
    assert codes_at(found) == [("X001", 1)]


def test_x001_same_script_needs_different_languages():
    found = pair(["Thank you for watching."], ["Thank you for watching."], tgt_lang="en-GB")
    assert [f for f in found if f.code == "X001"] == []


def test_x001_chinese_source_left_in_a_kazakh_track():
    found = pair(["很高兴来到这里。", "谢谢。"], ["很高兴来到这里。", "Рахмет."],
                 src_lang="zh-Hans", tgt_lang="kk")
    assert codes_at(found) == [("X001", 1)]


def test_x001_script_of_a_two_script_language_is_the_one_the_source_uses():
    # Kazakh may be written in Latin, but this source is Cyrillic: a Latin line in the Russian
    # translation is not the Kazakh source left untranslated
    src = ["Сәлем, достар.", "Бүгін біз кездестік."]
    assert pair(src, ["Привет, друзья.", "Meet me at the station now."], "kk") == []
    assert codes_at(pair(src, ["Привет, друзья.", "Бүгін біз кездестік."], "kk")) == [("X001", 2)]


def test_x002_changed_year_and_count():
    found = pair(["Built in 1887.", "It has 45 rooms."], ["Построен в 1877 году.", "В нём 45 комнат."])
    assert codes_at(found) == [("X002", 1)]
    assert found[0].data["missing"] == ["1887"] and found[0].data["extra"] == ["1877"]


@pytest.mark.parametrize("src,tgt,lang", [
    ("It costs 1,000 dollars.", "يكلف ١٬٠٠٠ دولار.", "ar"),
    ("It costs 1,000 dollars.", "Это стоит 1 000 долларов.", "ru"),
    ("Almost 3.5 percent.", "تقريباً ٣٫٥ بالمئة.", "ar"),
    ("About 20% of it.", "约占２０％。", "zh-Hans"),
    ("He is 35.", "他三十五岁。", "zh-Hans"),
    ("We need 1.5 litres.", "Нам нужно 1,5 литра.", "ru"),
    ("Wait three days.", "Подожди 3 дня.", "ru"),
    ("Wait 3 days.", "Подожди три дня.", "ru"),
    ("One year ago.", "Год назад.", "ru"),
    ("I waited 1 year.", "Я ждал год.", "ru"),
    ("Two years.", "سنتين.", "ar"),
    ("I waited 2 years.", "انتظرت سنتين.", "ar"),
    ("In 1990.", "۱۹۹۰ میں", "ur"),
    ("Meet me at 2.30.", "Встретимся в 2:30.", "ru"),
    ("Update HTML5 now.", "Обновите сейчас.", "ru"),
    ("See you at 5 pm.", "До встречи в 17:00.", "ru"),
    ("Add 1/2 cup.", "Добавьте ½ стакана.", "ru"),
    ("1½ hours.", "1,5 часа.", "ru"),
    ("3/4 of them.", "Три четверти из них.", "ru"),
    ("At 9 o'clock.", "Um 21 Uhr.", "de"),
])
def test_x002_near_misses(src, tgt, lang):
    assert [f for f in pair([src], [tgt], tgt_lang=lang) if f.code == "X002"] == []


def test_x002_wrong_hour_is_still_a_difference():
    found = pair(["Meet me at 5 pm."], ["Встретимся в 18:00."])
    assert codes_at(found) == [("X002", 1)]
    assert found[0].data["missing"] == ["5"] and found[0].data["extra"] == ["18"]


def test_x002_number_moved_to_the_next_cue_is_not_a_difference():
    found = pair(["He was born", "in 1962 in Paris."], ["Он родился в 1962 году", "в Париже."])
    assert [f for f in found if f.code == "X002"] == []


def test_x002_arabic_indic_digits_changed():
    found = pair(["Nobody has lived there since 1962."], ["لم يسكن أحد هناك منذ عام ١٩٢٦."],
                 tgt_lang="ar")
    assert codes_at(found) == [("X002", 1)]


def test_x003_extra_target_cue():
    src = track(cue(1, 0, 2000, "One."), cue(2, 6000, 8000, "Two."), language="en", path="s.srt")
    tgt = track(cue(1, 0, 2000, "Раз."), cue(2, 3000, 4500, "Гром."), cue(3, 6000, 8000, "Два."),
                language="ru", path="t.srt")
    found = findings(tgt, ("X",), source=src, source_language="en")
    assert [(f.code, f.cue, f.data["side"]) for f in found] == [("X003", 2, "target")]
    assert (found[0].start_ms, found[0].end_ms) == (3000, 4500)     # its own cue's times


def test_x003_missing_translation_has_the_source_cues_time():
    src = track(cue(1, 0, 2000, "One."), cue(2, 3000, 4500, "Fine, go."),
                cue(3, 6000, 8000, "Two."), language="en", path="s.srt")
    tgt = track(cue(1, 0, 2000, "Раз."), cue(2, 6000, 8000, "Два."), language="ru", path="t.srt")
    found = findings(tgt, ("X",), source=src, source_language="en")
    assert [(f.code, f.cue, f.start_ms, f.end_ms, f.line) for f in found] == [
        ("X003", None, 3000, 4500, tgt.cues[1].line)]
    assert found[0].data["source_text"] == "Fine, go."


@pytest.mark.parametrize("sound", ["[door creaks]", "(laughs)", "♪ Happy birthday ♪", "[thunder] (distant)"])
def test_x003_sound_description_left_out_of_the_translation_is_not_reported(sound):
    src = track(cue(1, 0, 2000, "One."), cue(2, 3000, 4500, sound), cue(3, 6000, 8000, "Two."),
                language="en", path="s.srt")
    tgt = track(cue(1, 0, 2000, "Раз."), cue(2, 6000, 8000, "Два."), language="ru", path="t.srt")
    assert findings(tgt, ("X",), source=src, source_language="en") == []


def test_x003_dialogue_with_a_sound_tag_is_still_reported():
    src = track(cue(1, 0, 2000, "One."), cue(2, 3000, 4500, "[sighs] Fine, go."),
                cue(3, 6000, 8000, "Two."), language="en", path="s.srt")
    tgt = track(cue(1, 0, 2000, "Раз."), cue(2, 6000, 8000, "Два."), language="ru", path="t.srt")
    found = findings(tgt, ("X",), source=src, source_language="en")
    assert [(f.code, f.data["source_cue"]) for f in found] == [("X003", 2)]


def test_x003_music_only_cue_is_not_reported():
    src = track(cue(1, 0, 2000, "One."), cue(2, 3000, 4500, "♪ ♪"), cue(3, 6000, 8000, "Two."),
                language="en", path="s.srt")
    tgt = track(cue(1, 0, 2000, "Раз."), cue(2, 6000, 8000, "Два."), language="ru", path="t.srt")
    assert findings(tgt, ("X",), source=src, source_language="en") == []


def test_x004_single_drift_and_threshold_near_miss():
    src = track(*[cue(i, i * 4000, i * 4000 + 2500, f"Line {i}.") for i in range(1, 7)],
                language="en", path="s.srt")
    shifts = {3: 1400, 5: 900}
    tgt = track(*[cue(i, i * 4000 + shifts.get(i, 0), i * 4000 + 2500 + shifts.get(i, 0),
                      f"Строка {i}.") for i in range(1, 7)], language="ru", path="t.srt")
    found = findings(tgt, ("X004",), source=src, source_language="en")
    assert [(f.cue, f.data["delta_ms"]) for f in found] == [(3, 1400)]


def test_x004_threshold_comes_from_the_profile(tmp_path):
    prof = tmp_path / "strict.toml"
    prof.write_text('[profile]\nextends = "netflix"\n[params]\ndrift_ms = 500\n', encoding="utf-8")
    src = track(*[cue(i, i * 4000, i * 4000 + 2500, f"Line {i}.") for i in range(1, 7)],
                language="en", path="s.srt")
    tgt = track(*[cue(i, i * 4000 + (700 if i == 2 else 0), i * 4000 + 2500 + (700 if i == 2 else 0),
                      f"Строка {i}.") for i in range(1, 7)], language="ru", path="t.srt")
    found = findings(tgt, ("X004",), profile=str(prof), source=src, source_language="en")
    assert [f.cue for f in found] == [2]


# --- numbers ------------------------------------------------------------------------------

def values(text):
    return [sorted(n.values) for n in numbers.extract(text)]


@pytest.mark.parametrize("text,expected", [
    ("1,000", [[Decimal(1), Decimal(1000)]]),        # 1.0 (ru) or 1000 (en)
    ("1 000 000", [[Decimal(1000000)]]),
    ("1\u00a0000", [[Decimal(1000)]]),
    ("1,5", [[Decimal("1.5")]]),
    ("1,234.56", [[Decimal("1234.56")]]),
    ("1.234,56", [[Decimal("1234.56")]]),
    ("١٬٠٠٠", [[Decimal(1000)]]),
    ("٣٫٥", [[Decimal("3.5")]]),
    ("۱۲۳", [[Decimal(123)]]),
    ("４５", [[Decimal(45)]]),
    ("12.05.2020", [[Decimal(12)], [Decimal(5)], [Decimal(2020)]]),
    ("in 1990 200 people", [[Decimal(1990)], [Decimal(200)]]),
])
def test_extract_values(text, expected):
    assert values(text) == expected


def test_extract_percent_and_glued():
    pct = numbers.extract("50 % and ٪ and 20٪")
    assert [n.percent for n in pct] == [True, True]
    assert [n.glued for n in numbers.extract("HTML5, MP3 and 3D")] == [True, True, False]


def test_number_words():
    assert Decimal(25) in numbers.word_values("twenty-five years", "en")
    assert Decimal(25) in numbers.word_values("двадцать пять лет", "ru")
    assert Decimal(35) in numbers.word_values("三十五岁", "zh")
    assert Decimal(1990) in numbers.word_values("一九九零年", "zh")
    assert Decimal("3.5") in numbers.word_values("三点五", "zh")
    assert Decimal(3) in numbers.word_values("لثلاث ساعات", "ar")
    assert Decimal(6) in numbers.word_values("في السادسة", "ar")
    assert Decimal(12) in numbers.word_values("он екі жыл", "kk")


def test_compare_reports_both_sides():
    diff = numbers.compare("20 years", "25 лет", source_language="en", target_language="ru")
    assert [n.raw for n in diff.missing] == ["20"] and [n.raw for n in diff.extra] == ["25"]
    assert not numbers.compare("20 years", "двадцать лет", source_language="en",
                               target_language="ru")
