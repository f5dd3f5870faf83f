"""G002 on correct inflected translations (issue 11, item 5): with the built-in seed glossary, a
realistic source/target pair whose target renders the term in an oblique case gets no G002, and the
same pair without the term still gets one."""
from __future__ import annotations

import pytest

from subqa.glossary import load_glossary
from trackkit import findings, spaced

SEED = load_glossary(None)


def g002(src_lines, tgt_lines, lang):
    src = spaced(src_lines, language="en")
    tgt = spaced(tgt_lines, language=lang)
    return findings(tgt, select=["G002"], glossary=SEED, source=src, source_language="en")


PAIRS = [
    # (source, correct target, target without the term, language, concept)
    ("They traded across Central Asia for centuries.",
     "Они веками торговали в Центральной Азии.", "Они веками торговали в этих краях.", "ru", "central-asia"),
    ("Kashgar was a hub of the Silk Road.",
     "Кашгар был узлом Великого шёлкового пути.", "Кашгар был узлом старой дороги.", "ru", "silk-road"),
    ("Muqam is part of the intangible cultural heritage.",
     "Мұқам материалдық емес мәдени мұрасының бөлігі.", "Мұқам ежелгі өнердің бөлігі.", "kk",
     "intangible-cultural-heritage"),
    ("Cities along the Silk Road lived on trade.",
     "Жибек жолундагы шаарлар соода менен жашаган.", "Бул шаарлар соода менен жашаган.", "ky", "silk-road"),
    ("The Silk Road crossed these mountains.",
     "İpek Yolu'nun kervanları bu dağları aştı.", "Kervanlar bu dağları aştı.", "tr", "silk-road"),
    ("Many countries joined the Belt and Road Initiative.",
     "Birçok ülke Kuşak ve Yol Girişimi'ne katıldı.", "Birçok ülke bu projeye katıldı.", "tr",
     "belt-and-road-initiative"),
]


@pytest.mark.parametrize("src,good,bad,lang,concept", PAIRS)
def test_g002_silent_on_the_inflected_term_and_fires_without_it(src, good, bad, lang, concept):
    assert g002([src], [good], lang) == []
    out = g002([src], [bad], lang)
    assert [f.data["concept"] for f in out] == [concept], out
