"""The fast paths of glossary matching (ASCII and one-to-one normalisation through
str.translate, the regex word split, the pre-filter that skips words and cues that cannot open a
term) give exactly what the general paths give."""
from __future__ import annotations

from pathlib import Path

import pytest

from subqa.glossary import Matcher, load_glossary
from subqa.stemming import Morphology, morphology

DATA = Path(__file__).parent / "data" / "glossary"

TEXTS = [
    "Welcome to Xinjiang, then Urumqi.", "THE BELT AND ROAD INITIATIVE", "One Belt, One Road!",
    "Xin\u00adjiang and Kash\u200bgar", "ＸＩＮＪＩＡＮＧ ｕｒｕｍｑｉ 2024", "the Silk\nRoad’s caravans",
    "İSTANBUL'DA Kaşgar'a gidiyoruz, KAŞGAR'DAN döndük", "Kaşgar’da İpek Yolu", "Iğdır ve Kaşgar",
    "Мы приехали в Кашгар, потом в Урумчи́. Шёлковый путь", "«Шелкового пути» и Синьцзяна",
    "وَالصين وبالكاشغر الحزام والطريق", "بالصين", "Qoʻrgʻon va Qashqar, O'zbekiston",
    "Қашқарға бардық, Үрімжіде", "新疆 乌鲁木齐 丝绸\n之路 一带一路", "Seidenstraßenprojekt in Xinjiang",
    "e\u0301te\u0301 cafe\u0301 naïve", "ǅemal ǈubljana", "x\u0307y i\u0307 \u0130", "ﬁne ﬂow Straße",
    "a b c", "", "   ", "—", "A Faraway Shepherd, we-media and going global", "cross-border self-media",
]
LANGS = ["en", "tr", "ru", "ar", "uz", "kk", "zh-Hans", "de", "fr", "fi", "az", None]


def _slow(m: Matcher) -> Matcher:
    """The same matcher with the pre-filter off: every word is tried, as before it existed."""
    m._start_positions = lambda texts: list(range(len(texts)))
    return m


def _general_morphology(lang: str) -> Morphology:
    morph = morphology.__wrapped__(lang)
    morph._ascii_table = {}                          # no ASCII table
    morph._one_to_one_only = lambda chars: False     # never the translate path
    morph._regex_safe = lambda norm: False           # never the regex word split
    return morph


@pytest.mark.parametrize("lang", ["en", "tr", "ru", "ar", "uz", "kk", "zh", "de", "az", "xx"])
def test_normalize_and_words_fast_paths_agree_with_the_general_loop(lang):
    fast, slow = morphology.__wrapped__(lang), _general_morphology(lang)
    for text in TEXTS + [t.upper() for t in TEXTS]:
        norm, origin = fast.normalize(text)
        ref_norm, ref_origin = slow.normalize(text)
        assert (norm, list(origin)) == (ref_norm, list(ref_origin)), text
        words = [(t.text, t.start, t.end) for t in slow.words(ref_norm)]
        assert fast.word_spans(norm) == words, text
        texts = fast.word_texts(norm)
        assert texts is None or texts == [w for w, _, _ in words], text


@pytest.mark.parametrize("source", ["seed", "planted.tbx", "route2008.tbx", "wide.csv"])
def test_prefilter_finds_what_trying_every_word_finds(source):
    glossary = load_glossary(None if source == "seed" else [str(DATA / source)])
    reference = load_glossary(None if source == "seed" else [str(DATA / source)])
    for lang in LANGS:
        for m in reference.matchers(lang):
            _slow(m)
        for text in TEXTS:
            for overlapping in (False, True):
                got = glossary.find(text, lang, overlapping=overlapping)
                want = reference.find(text, lang, overlapping=overlapping)
                assert got == want, (lang, text)


def test_prefilter_skips_cues_without_a_term_opening_word():
    glossary = load_glossary(None)
    m = glossary.matchers("en")[0]
    assert m.find("Nothing to see here, move along.") == []
    assert not m._can_start("nothing") and "nothing" in m._no_start
    assert [x.term.text for x in m.find("The Belt and Road Initiative began.")] == ["Belt and Road Initiative"]
    assert m._can_start("belt")
