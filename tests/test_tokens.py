"""The one word tokeniser and the one script classifier (subqa.text), their apostrophe sets and
named variants, and that the rules use them rather than copies."""
from subqa import text


def test_a_word_keeps_its_inner_apostrophes_only():
    assert text.words("don't l’été 'quoted' rock'n'roll 42") == \
        ["don't", "l’été", "quoted", "rock'n'roll", "42"]
    # ʼ and ʻ are modifier letters (Lm): word characters of every pattern that takes letters
    assert text.words("пʼять oʻzbek") == ["пʼять", "oʻzbek"]


def test_the_apostrophe_sets_nest():
    base = set(text.APOSTROPHES)
    assert base == {"'", "\u2019"}
    assert base < set(text.MODIFIER_APOSTROPHES) == base | {"\u02bc"}
    assert set(text.MODIFIER_APOSTROPHES) < set(text.DETECTOR_APOSTROPHES)
    assert set(text.DETECTOR_APOSTROPHES) - {"\u200c"} < set(text.FOLDED_APOSTROPHES)


def test_named_word_variants():
    assert text.MARKED_WORD.findall("пʼять e\u0301te\u0301") == ["пʼять", "e\u0301te\u0301"]
    import re
    import regex

    assert re.findall(text.DETECTOR_WORD, "می\u200cخواهم oʻzbek 3 don‘t") == \
        ["می\u200cخواهم", "oʻzbek", "don‘t"]
    assert re.findall(text.LETTER_WORD, "abc2def it's") == ["abc", "def", "it's"]
    assert regex.findall(text.MARKED_NUMBER_WORD, "COVID-19 rock’n’roll") == \
        ["COVID-19", "rock’n’roll"]
    assert text.MARKED_HYPHENATED_WORD.findall("twenty-one 'tis") == ["twenty-one", "'tis"]


def test_script_classifier_and_its_variants():
    assert text.script_of("д") == text.unicode_script("д") == "Cyrl"
    assert text.script_of("a") == text.unicode_script("a") == "Latn"
    # the documented differences: blocks place these with the script they are read with
    assert text.script_of("ー") == "Kana" and text.unicode_script("ー") is None
    assert text.script_of("\u02bb") == "Latn" and text.unicode_script("\u02bb") is None
    assert text.script_of("1") is None and text.script_of("\u0640") is None
    assert text.name_script("é") == "LATIN" and text.name_script("\ue000") == "UNNAMED"


def test_the_rules_use_the_shared_definitions():
    from subqa import language, numbers, stemming
    from subqa.formats import encoding
    from subqa.language import cue_evidence
    from subqa.checks import bilingual, form, partial

    assert bilingual._WORD is text.MARKED_WORD and bilingual.script_of is text.unicode_script
    assert partial._TOKEN.pattern == text.MARKED_NUMBER_WORD
    assert numbers._WORD is text.MARKED_HYPHENATED_WORD
    assert text.LETTER_WORD in form._WORD_TOKEN.pattern
    assert cue_evidence._rx("token").pattern == text.DETECTOR_WORD
    assert language.script_of is text.script_of
    assert encoding._script is text.name_script
    assert set(stemming._APOSTROPHES) == set(text.FOLDED_APOSTROPHES)
