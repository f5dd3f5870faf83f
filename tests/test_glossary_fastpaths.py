"""The fast paths of glossary matching (subqa/glossary/_fastpaths.py: ASCII and one-to-one
normalisation through str.translate, the regex word split) and the pre-filter that skips words and
cues that cannot open a term give exactly what the general paths give."""
from __future__ import annotations

from pathlib import Path

import pytest

from subqa.glossary import Matcher, load_glossary
from subqa.glossary._fastpaths import FastText
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
    "Communities of the Maritime Silk Roads, industrially speaking", "the skies, dying and trying",
    "Шёлкового пути и Кашгаром", "Silkevejen og Kashgar", "Sidenvägen och Kashgars",
    "we", "a", "it is a faraway shepherds' tale, says we", "one belt one roads, one", "going, going globally",
]
LANGS = ["en", "tr", "ru", "ar", "uz", "kk", "zh-Hans", "de", "fr", "fi", "az", None]


def _slow(m: Matcher) -> Matcher:
    """The same matcher with the pre-filter off: every word is tried, as before it existed."""
    m._start_positions = lambda texts: list(range(len(texts)))
    m._lead = None                                   # and every following word is examined
    return m


@pytest.mark.parametrize("lang", ["en", "tr", "ru", "ar", "uz", "kk", "zh", "de", "az", "xx"])
def test_normalize_and_words_fast_paths_agree_with_the_general_loop(lang):
    fast, slow = FastText(morphology.__wrapped__(lang)), morphology.__wrapped__(lang)
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


# ---- the stemmer prefix facts behind the tighter pre-filter (stemming.STEM_PREFIX) -------------

CORPUS = Path("/work/shared/corpus")
# words whose stems change letters: y -> i, -ies/-ied, suffix replacements (Porter2 steps 2-3),
# the irregular forms, Russian ё, Danish/Swedish/Norwegian endings
TRICKY = """try trying tries tried cry crying shy spy why any fly flies skies sky skis dying lying
tying die lie tie idly gently ugly early only singly news howe atlas cosmos bias andes inning outing
canning herring earring proceed exceed succeed capability possibility sensitivity activity
sensational relational realization organization operator conformably biology hopefully happily
generously gracefully goodness fullness hopelessly community communities countries industrial
Ёлка ёлки пришёл Шёлковый путь Кашгара дорогами поездками løst løsning fullt lösningar
varmest kjærlighet""".split()


def _stem_prefix_words() -> set[str]:
    words = set(TRICKY)
    for term in load_glossary(None).terms():
        words.update(term.text.replace("-", " ").split())
    if CORPUS.is_dir():
        import csv
        import re

        from subqa.formats import load_track

        with open(CORPUS / "MANIFEST.tsv", newline="", encoding="utf-8") as fh:
            paths = [row["path"] for row in csv.DictReader(fh, delimiter="\t")]
        for path in paths:
            try:
                track = load_track(str(CORPUS / path))
            except Exception:        # a reader error is not what this test is about
                continue
            for cue in track.cues:
                for line in cue.plain_lines:
                    words.update(re.findall(r"[^\W_]+", line))
    return words


@pytest.fixture(scope="module")
def stem_prefix_words():
    return _stem_prefix_words()


def _prefix_violations(morph: Morphology, words, slack: int) -> list[str]:
    """Words whose stem (of min_stem_letters or more) is not, but for ``slack`` letters, a
    prefix of the word: where the tighter pre-filter would skip a word that could match."""
    out = []
    for raw in sorted(words):
        for word in (t.text for t in morph.words(morph.fold(raw))):
            stem = morph.stem(word)
            if len(stem) >= morph.min_stem_letters and not word.startswith(stem[:len(stem) - slack]):
                out.append(f"{word}->{stem}")
    return out


@pytest.fixture
def no_stems_left():
    """The thousands of corpus words stemmed here are not left in memory for a later test's
    terminology run to write into the user's cache."""
    from subqa.stemming import forget_stems

    yield
    forget_stems()


@pytest.mark.parametrize("lang", ["en", "ru", "da", "sv", "no"])
def test_verified_stemmers_keep_the_word_prefix_the_prefilter_assumes(lang, stem_prefix_words, no_stems_left):
    from subqa.stemming import STEM_PREFIX

    morph = morphology.__wrapped__(lang)
    if lang == "ru":      # the built-in Russian morphology uses paradigms; the algorithm's fact stays
        morph = Morphology("ru", stemmer_name="russian", suffix_letters=3, folds=dict(morph.folds))
    assert morph.stem_prefix is STEM_PREFIX[morph.stemmer_name]
    slack, irregular = morph.stem_prefix
    bad = [v for v in _prefix_violations(morph, stem_prefix_words, slack)
           if v.split("->")[0] not in irregular]
    assert bad == []
    # the exceptions are real: each breaks the slack or the first min_stem_letters letters
    n = morph.min_stem_letters
    assert all(not w.startswith(morph.stem(w)[:len(morph.stem(w)) - slack]) or
               w[:n] != morph.stem(w)[:n] for w in irregular)
    # ...and the slack is needed: one letter less and English fails (try -> tri)
    if slack:
        assert _prefix_violations(morph, ["try", "community"], slack - 1)


def test_unverified_stemmers_keep_the_coarse_prefilter():
    from subqa.stemming import STEM_PREFIX

    for lang in ("es", "fr", "de", "fi"):
        morph = morphology(lang)
        assert morph.stem_prefix is None and morph.stemmer_name not in STEM_PREFIX
        assert Matcher([], morph)._lead is None
    assert Matcher([], morphology("en"))._lead is not None
    # no stemmer and no suffix allowance, only a closed inflection inventory (rules/lang/
    # morphology.toml): every form is the word or a base that begins it, the tight filter applies
    for lang in ("ru", "tr", "kk", "uz", "ug", "fa", "ur"):
        morph = morphology(lang)
        assert morph.stemmer_name is None and morph.inflection is not None
        assert Matcher([], morph)._lead is not None


def test_irregular_stems_match_despite_the_prefilter():
    from subqa.glossary import Concept, Glossary, Term

    glossary = Glossary([Concept("c1", [Term("sky", "en")]), Concept("c2", [Term("die", "en")]),
                         Concept("c3", [Term("try hard", "en")]), Concept("c4", [Term("blue sky", "en")])])
    for text, want in [("Clear skies tonight", ["sky"]), ("He is dying", ["die"]),
                       ("Trying hard!", ["try hard"]), ("two blue skies", ["blue sky"]),
                       ("tries hard", ["try hard"]), ("skiing and diving", [])]:
        assert [m.term.text for m in glossary.find(text, "en")] == want, text


@pytest.mark.parametrize("lang", ["en", "ru", "tr", "ar", "zh-Hans", "fr", None])
def test_find_many_equals_find_per_text(lang):
    glossary = load_glossary(None)
    texts = TEXTS + [t.upper() for t in TEXTS] + [["One Belt,", "One Road"], ("Kashgar", "")]
    want = [glossary.find(t, lang) for t in texts]
    other = load_glossary(None)
    assert other.find_many(texts, lang) == want          # a new matcher: every word new
    assert other.find_many(texts, lang) == want          # with the per-word caches warm
    if lang == "en":
        assert any(want)


def _normalize_by_loop(morph, text):
    """Morphology.normalize as its general loop computes it (the reference for fast paths)."""
    import unicodedata

    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    out, origin = [], []
    for i, ch in enumerate(text):
        folded = morph._fold_char(ch)
        for c in folded:
            if len(folded) > 1 and c == "\u0307" and out and out[-1] == "i":
                continue
            out.append(c)
            origin.append(i)
    return "".join(out), list(origin)


@pytest.mark.parametrize("lang, text", [
    ("fa", "می\u200cخواهم به خانه بروم"), ("fa", "كتاب‌هاي من"), ("ar", "إِنَّ الْكِتَابَ جَمِيلٌ"),
    ("ar", "الـــسلام عليكم"), ("ur", "میں گھر جا رہا ہوں\u200c"), ("tr", "İstanbul’a gidiyoruz"),
    ("de", "Straße und Seidenstraßenprojekt"), ("kk", "Қазақстан\u00adда"), ("fa", "\u200c"),
    ("ar", "\u064e\u064eب"), ("fa", "ﻛﺘﺎﺏ"),
])
def test_normalize_fast_paths_equal_the_loop(lang, text):
    from subqa.stemming import Morphology, morphology

    fresh = Morphology(**{f: getattr(morphology(lang), f) for f in Morphology._fields})
    fast = FastText(fresh)
    for morph in (fresh, fresh):                 # the second time with the learned tables
        assert (lambda n, o: (n, list(o)))(*morph.normalize(text)) == _normalize_by_loop(morph, text)
        norm, origin = fast.normalize(text)
        assert (norm, list(origin)) == _normalize_by_loop(morph, text)


def test_heads_begins_is_startswith():
    from subqa.glossary.matcher import _Heads

    prefixes = ["кашг", "ур", "урумч", "silk", "s", "xinjiang"]
    heads = _Heads.of(prefixes)
    for word in ["кашгар", "ку", "урумчи", "у", "", "silkroad", "sand", "xinjian", "xinjiangs"]:
        assert heads.begins(word) == word.startswith(tuple(prefixes)), word
    assert not _Heads.of([]).begins("anything")
