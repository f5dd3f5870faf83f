"""Two-language tracks (``zh-Hans+en``): the ``+`` tag, detection, which line is which, L001-L003
per line, L002 that names the pair, L005 bilingual-line-missing, R001/R003/R004 per line
language. Each behaviour fires on a case and stays silent on its near miss."""
from __future__ import annotations

from pathlib import Path

import pytest

import subqa
from subqa import langtags
from subqa.engine import Selection, TrackJob, run_rules
from subqa.model import Cue, Track, UsageError
from subqa.profiles import load_profile
from subqa.checks.bilingual_track import LineSorter, detect_pair

DATA = Path(__file__).resolve().parent.parent / "bench" / "data" / "language"
PROFILE = load_profile("netflix")
# the same 30 sentences in Chinese and in English (and French), one per line
ZH = [ln for ln in (DATA / "zh.txt").read_text(encoding="utf-8").splitlines() if ln]
EN = [ln for ln in (DATA / "en.txt").read_text(encoding="utf-8").splitlines() if ln]
FR = [ln for ln in (DATA / "fr.txt").read_text(encoding="utf-8").splitlines() if ln]
FANSUB = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / \
    "bourshevik0-subtitle-works" / "20191219-CUfOnwSLWxY.combination.srt"


def make(cues_lines, duration=3000) -> Track:
    cues = tuple(Cue(index=i + 1, start_ms=i * 4000, end_ms=i * 4000 + duration,
                     lines=tuple(lines), line=i * 5 + 1) for i, lines in enumerate(cues_lines))
    return Track(path="t.srt", format="srt", cues=cues, encoding="utf-8")


def bilingual(n=30, first=ZH, second=EN):
    return [(a, b) for a, b in zip(first[:n], second[:n])]


def run(cues_lines, lang, select=("L",), detected=False, duration=3000):
    job = TrackJob(make(cues_lines, duration), lang, PROFILE, 24.0,
                   language_origin="detected" if detected else None)
    findings, _ctx = run_rules(job, Selection(select=tuple(select)))
    return findings


def of(findings, code):
    return [f for f in findings if f.code == code]


# ------------------------------------------------------------------------------ the + tag

def test_pair_tags_normalise_and_validate_each_part():
    assert langtags.normalize("ZH_hans+EN") == "zh-Hans+en"
    assert langtags.check_tag("zh-CN+eng") == "zh-Hans+en"
    assert langtags.parts("zh-Hans+en") == ("zh-Hans", "en")
    assert langtags.primary("zh-Hans+en") == "zh+en"
    assert langtags.fallbacks("zh-Hans+en") == ["zh-Hans+en"]   # not Chinese's parameters
    assert langtags.display_name("zh-Hans+en") == "Chinese (Simplified) + English"
    with pytest.raises(ValueError, match="'kz'"):
        langtags.check_tag("zh-Hans+kz")                         # each part is checked
    with pytest.raises(ValueError, match="3 parts"):
        langtags.check_tag("zh+en+fr")
    with pytest.raises(ValueError, match="must differ"):
        langtags.check_tag("en+en-GB")
    # near misses: one-language tags are as before
    assert langtags.check_tag("zh-CN") == "zh-Hans" and langtags.fallbacks("zh-Hans") == \
        ["zh-Hans", "zh"]


def test_pair_in_the_file_name():
    assert langtags.from_filename("film.zh-Hans+en.srt") == "zh-Hans+en"
    assert langtags.from_filename("zh-Hans+en.vtt") == "zh-Hans+en"
    assert langtags.from_filename("film.zh-Hans+en.forced.srt") == "zh-Hans+en"
    assert langtags.from_filename("film.zh+qq.srt") is None        # a part not known
    assert langtags.from_filename("film.zh-Hans.srt") == "zh-Hans"


def test_pair_from_the_option_file_name_and_configuration(tmp_path):
    body = "".join(f"{i + 1}\n00:00:{i * 3:02d},000 --> 00:00:{i * 3 + 2:02d},000\n{a}\n{b}\n\n"
                   for i, (a, b) in enumerate(bilingual(15)))
    named = tmp_path / "ep.zh-Hans+en.srt"
    named.write_text(body, encoding="utf-8")
    plain = tmp_path / "ep.srt"
    plain.write_text(body, encoding="utf-8")
    [by_name] = subqa.check([str(named)], select=("L", "R")).files
    assert (by_name.language, by_name.language_origin) == ("zh-Hans+en", "filename")
    [by_option] = subqa.check([str(plain)], lang="zh-Hans+en", select=("L",)).files
    assert by_option.language == "zh-Hans+en" and by_option.findings == []
    for n, config in enumerate(('lang = "zh-Hans+en"\n', '[languages]\n"*.srt" = "zh-CN+eng"\n')):
        folder = tmp_path / f"configured{n}"       # (configuration is looked up once a folder)
        folder.mkdir()
        (folder / "subqa.toml").write_text(config, encoding="utf-8")
        (folder / "ep.srt").write_text(body, encoding="utf-8")
        [by_config] = subqa.check([str(folder / "ep.srt")], select=("L",)).files
        assert by_config.language == "zh-Hans+en" and by_config.findings == []
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "subqa.toml").write_text('lang = "zh-Hans+kz"\n', encoding="utf-8")
    (bad / "ep.srt").write_text(body, encoding="utf-8")
    with pytest.raises(UsageError, match="'kz' in 'zh-Hans\\+kz'"):
        subqa.check([str(bad / "ep.srt")])


# ------------------------------------------------------------------------------ detection

def test_undeclared_track_with_both_languages_in_most_cues_is_detected_as_the_pair(tmp_path):
    cues = bilingual(20) + [(e,) for e in EN[20:30]]         # 20 of 30 cues carry both
    path = tmp_path / "ep.srt"
    path.write_text("".join(f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n"
                            + "\n".join(c) + "\n\n" for i, c in enumerate(cues)), "utf-8")
    [res] = subqa.check([str(path)], select=("L",)).files
    assert (res.language, res.language_origin) == ("zh+en", "detected")
    assert len(of(res.findings, "L005")) == 10
    assert detect_pair(make(cues), 0.5) == ("zh", "en")


def test_a_minority_of_two_language_cues_is_not_a_pair():
    cues = bilingual(14) + [(z,) for z in ZH[14:30]]         # 14 of 30
    assert detect_pair(make(cues), 0.5) is None
    # a Japanese track whose cues have a kanji line and a kana line is one language
    ja = [("東京駅", "ありがとうございます"), ("先生", "わかりました")] * 5
    assert detect_pair(make(ja), 0.5) is None


# ---------------------------------------------------------------------- which line is which

def test_lines_are_placed_by_script_not_position():
    sorter = LineSorter(("zh-Hans", "en"))
    assert sorter.cue(("I am here at Rocket Lab", "我在Rocket Lab的全新的发射设施")) == \
        (("en", "script"), ("zh-Hans", "script"))
    # a Chinese line mostly made of English names is still the Chinese line
    assert sorter.line("嗨 我是Everyday Astronaut的Tim Dodd") == "zh-Hans"
    assert sorter.cue(("♪", "Hey Peter!")) == ((None, None), ("en", "script"))
    # a translator's note written against a web address is Chinese; the address alone is not
    assert sorter.line("注：详见space.stackexchange.com/questions/13953") == "zh-Hans"
    assert sorter.line("see space.stackexchange.com/questions/13953") == "en"


def test_lines_of_a_same_script_pair_are_placed_by_the_detector():
    sorter = LineSorter(("fr", "en"))
    assert sorter.line(FR[1]) == "fr" and sorter.line(EN[1]) == "en"
    assert sorter.cue(("OK", "OK"))[0][1] == "position"


# ------------------------------------------------------------------------ L001 / L002 / L003

def test_no_l001_or_l003_for_the_other_declared_language():
    assert run(bilingual(), "zh-Hans+en") == []
    assert run(bilingual(), "zh-Hans+en", select=("L003",)) == []
    assert run(bilingual(first=FR), "fr+en") == []


def test_a_third_language_line_is_still_l001_naming_the_line():
    cues = bilingual()
    cues[10] = (ZH[10], "Nous devons partir avant le coucher du soleil, tout de suite.")
    [hit] = run(cues, "zh-Hans+en")
    assert (hit.code, hit.cue, hit.data["detected"], hit.data["expected"]) == \
        ("L001", 11, "fr", "en")
    assert hit.message.startswith("its English line looks French, not English")


def test_track_declared_in_one_of_its_languages_is_one_l002_naming_the_pair():
    cues = bilingual(26) + [(e,) for e in EN[26:30]]
    findings = run(cues, "zh-Hans")
    [l002] = of(findings, "L002")
    assert l002.data["detected"] == "zh-Hans+en" and l002.data["declared"] == "zh-Hans"
    assert "written in Chinese (Simplified) + English" in l002.message
    assert "declare it as zh-Hans+en" in l002.message
    assert of(findings, "L001") == [] and len(of(findings, "L005")) == 4
    # declared English: the same, the pair in its order on screen
    [l002] = of(run(cues, "en"), "L002")
    assert l002.data["detected"] == "zh+en"
    # near miss: declared as the pair, or detected
    assert of(run(cues, "zh-Hans+en"), "L002") == []
    assert of(run(cues, "zh+en", detected=True), "L002") == []


def test_a_declared_pair_that_is_one_language_is_l002_not_a_flood_of_l005():
    findings = run([(e,) for e in EN], "zh-Hans+en")
    assert [(f.code, f.data["detected"]) for f in findings] == [("L002", "en")]
    assert "written in English" in findings[0].message
    # a declared pair one of whose languages is another
    findings = run(bilingual(first=ZH, second=FR), "zh-Hans+en")
    assert [(f.code, f.data["detected"]) for f in findings] == [("L002", "zh-Hans+fr")]


# ------------------------------------------------------------------------------------ L005

def test_l005_names_the_missing_language():
    cues = bilingual()
    cues[3] = (EN[3],)
    cues[7] = (ZH[7],)
    cues[9] = (EN[9], EN[10])
    hits = of(run(cues, "zh-Hans+en"), "L005")
    assert [(h.cue, h.data["missing"]) for h in hits] == [(4, "zh-Hans"), (8, "en"),
                                                         (10, "zh-Hans")]
    assert hits[0].message == "cue has no Chinese (Simplified) line (only English)"
    assert hits[1].message == "cue has no English line (only Chinese (Simplified))"


def test_no_l005_for_descriptions_names_and_the_reverse_order():
    cues = bilingual()
    cues[3] = ("(Tim laughing)",)
    cues[4] = ("OK",)
    cues[5] = ("♪",)
    cues[6] = (EN[6], ZH[6])                   # English on top: still both languages
    cues[7] = (ZH[7], EN[7], "(laughing)")
    cues[8] = ("谢谢",)                         # two Han characters: four letters, reported
    assert [(h.cue, h.data["missing"]) for h in of(run(cues, "zh-Hans+en"), "L005")] == \
        [(9, "en")]


def test_no_l005_for_ass_signs_and_notes_but_for_ass_dialogue():
    # the ASS fansub (20191018-D4SaofKCYwo.combination.ass): a Chinese-only note placed with
    # \\move and a link placed with \\an9 are signs; the same lines on the dialogue line are not
    cues = list(make(bilingual()).cues)
    settings = {4: "layer:0 style:notes sign:move", 8: "layer:0 style:notes sign:an9",
                12: "layer:0 style:Default", 16: "layer:0 style:Default"}
    for i, text in ((4, ZH[4]), (8, EN[8]), (12, ZH[12]), (16, EN[16])):
        cues[i - 1] = Cue(index=i, start_ms=cues[i - 1].start_ms, end_ms=cues[i - 1].end_ms,
                          lines=(text,), line=i * 5 + 1, settings=settings[i])
    track = Track(path="t.ass", format="ass", cues=tuple(cues), encoding="utf-8")
    findings, _ = run_rules(TrackJob(track, "zh-Hans+en", PROFILE, 24.0),
                            Selection(select=("L005",)))
    assert [(f.cue, f.data["missing"]) for f in findings] == [(12, "en"), (16, "zh-Hans")]


# ------------------------------------------------------------------------------ R001 - R004

def test_r001_limits_each_line_by_its_own_language():
    zh17 = "我们得在日落之前离开这里然后回家吃饭"[:17]
    en41 = "We have to leave before the sun goes down"
    assert len(en41) == 41
    hits = run([(zh17, en41)] * 3, "zh-Hans+en", select=("R001",))
    assert [(h.data["line_number"], h.data["language"], h.data["limit"]) for h in hits] == \
        [(1, "zh-Hans", 16)] * 3
    assert hits[0].message == "line 1 (Chinese (Simplified)) has 17 characters, limit is 16"
    # near miss: 16 Chinese characters and an English line within 42
    assert run([(zh17[:16], en41)] * 3, "zh-Hans+en", select=("R001",)) == []
    # a track declared Chinese that is two-language is measured line by line too
    assert run([(zh17[:16], en41)] * 3, "zh-Hans", select=("R001",)) == []
    # near miss: a one-language Chinese track holds a Latin line to the Chinese limit
    assert len(run([(zh17[:16], en41)] + [(z,) for z in ZH[:5]], "zh-Hans",
                   select=("R001",))) == 1


def test_r003_reading_speed_per_language_reports_the_worse():
    zh = "我们得在日落之前离开"                   # 10 characters
    en = "We have to leave before the sun goes down."   # 42 characters
    # 2 s: Chinese 5 cps (limit 9), English 21 cps (limit 20): the English text is too fast
    [hit] = run([(zh, en)], "zh-Hans+en", select=("R003",), duration=2000)
    assert hit.data["language"] == "en" and hit.data["limit"] == 20
    assert hit.message.startswith("English text: 21.0 characters per second")
    # near miss: 2.2 s, each within its own limit, though both together are 23.6 cps
    assert run([(zh, en)], "zh-Hans+en", select=("R003",), duration=2200) == []
    # 1 s: both over; Chinese (10 / 9) is less over than English (42 / 20)
    [hit] = run([(zh, en)], "zh-Hans+en", select=("R003",), duration=1000)
    assert hit.data["language"] == "en"
    [hit] = run([(zh + zh, "Go.")], "zh-Hans+en", select=("R003",), duration=1000)
    assert hit.data["language"] == "zh-Hans" and hit.data["limit"] == 9


def test_r004_never_joins_a_line_with_its_translation():
    assert run([("你好", "Hi.")] * 3, "zh-Hans+en", select=("R004",)) == []
    # near miss: two short English lines of a two-language track are joined by the English limit
    hits = run([("你好", "Hi."), ("Hello there", "my friend")], "zh-Hans+en", select=("R004",))
    assert [h.cue for h in hits] == [2]
    # and as a one-language track the pair would have been proposed
    assert [h.cue for h in run([("你好", "Hi.")], "en", select=("R004",))] == [1]


# ------------------------------------------------------------------------- the real fansub

@pytest.mark.skipif(not FANSUB.is_file(), reason="shared corpus not present")
def test_real_fansub_declared_chinese_is_one_l002_and_31_untranslated_outro_cues():
    [res] = subqa.check([str(FANSUB)], lang="zh-Hans", select=("L", "R004")).files
    by_code = {}
    for f in res.findings:
        by_code.setdefault(f.code, []).append(f)
    assert sorted(by_code) == ["L002", "L005"]
    assert by_code["L002"][0].data["detected"] == "zh-Hans+en"
    assert len(by_code["L005"]) == 31
    assert {f.cue for f in by_code["L005"]} == set(range(493, 524))
    [res] = subqa.check([str(FANSUB)], select=("L", "R004")).files
    assert res.language == "zh+en" and {f.code for f in res.findings} == {"L005"}
