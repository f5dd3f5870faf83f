"""The short ways taken for glossary matching speed (issue 17) give what the general ways give:
normalisation by str.casefold (FastText.normalize_words), word spans found by str.find
(FastText.regex_spans), G003's term forms through FastText (checks/terminology._form), and the
prefix test that stops at the word's length (_Heads.begins). Each test fails if its short way
gives another answer, on the texts of test_glossary_fastpaths and, where present, real subtitles
of the shared corpus and translations."""
from __future__ import annotations

from pathlib import Path

import pytest

from subqa.glossary import Term, load_glossary
from subqa.glossary._fastpaths import FastText
from subqa.stemming import morphology

from test_glossary_fastpaths import TEXTS

SHARED = Path("/work/shared")
LANGS = ["en", "tr", "ru", "ar", "uz", "kk", "zh", "de", "az", "fr", "da", "sr", "ur", "fa", "xx"]


def _real_lines() -> list[str]:
    """Cue texts (lines joined, as matching sees them) of real subtitles in several scripts."""
    paths = [SHARED / "corpus/real/subtitleedit/auto_detect_Russian.srt",
             SHARED / "corpus/real/subtitleedit/auto_detect_windows-1251.srt",
             SHARED / "corpus/real/subtitleedit/auto_detect_windows-1250.srt",
             SHARED / "corpus/real/subtitleedit/auto_detect_Danish.srt",
             SHARED / "corpus/real/pysrt/utf-8.srt",
             SHARED / "corpus/real/subtitleconverter/Avengers.2012.Eng.Subs.srt"]
    if (SHARED / "translations").is_dir():
        paths += sorted((SHARED / "translations").glob("*/*.srt"))[:12]
    from subqa.formats import load_track

    lines = []
    for path in paths:
        if path.is_file():
            try:
                track = load_track(str(path))
            except Exception:          # a reader error is not what these tests are about
                continue
            lines += [" ".join(c.plain_lines) for c in track.cues]
    return lines


@pytest.fixture(scope="module")
def texts() -> list[str]:
    extra = ["Кашгар İstanbul", "Qoʻrgʻon ʻva", "ǅemal x\u0307", "ВСЁ ЁЛКИ Шёлковый", "ΟΔΟΣ Σίσυφος",
             "Straße STRASSE ﬁne", "ʻQoʻrgʻon ʻʻva_ʻx"]
    return TEXTS + [t.upper() for t in TEXTS] + extra + _real_lines()


@pytest.mark.parametrize("lang", LANGS)
def test_normalize_words_casefold_way_is_normalize_then_word_texts(lang, texts):
    """The learnt short ways (a search for a character outside the set, casefold, translate)
    give what the two steps give, on the first pass (learning) and on the second (taking it)."""
    fast, slow = FastText(morphology.__wrapped__(lang)), FastText(morphology.__wrapped__(lang))
    for _ in range(2):
        for text in texts:
            norm, origin, words = fast.normalize_words(text)
            ref_norm, ref_origin = slow.normalize(text)
            assert (norm, list(origin)) == (ref_norm, list(ref_origin)), text
            assert words == slow.word_texts(ref_norm), text
    morph = fast.morph
    for ch in fast._split_chars - fast._uncased_chars:     # what the casefold way relies on
        assert ch.casefold() == morph.folded(ch) and len(ch.casefold()) == 1, ch
    if lang == "ru":
        assert "ё" in fast._uncased_chars and "к" in fast._split_chars - fast._uncased_chars
    assert fast._not_split is not None or lang == "xx" or not fast._split_chars


@pytest.mark.parametrize("lang", LANGS)
def test_learning_a_tracks_characters_at_once_gives_the_same_short_ways(lang, texts):
    """FastText.learn (a track's characters learnt before its cues are matched) lets
    normalize_words give what the two steps give, and makes its search patterns once: no cue
    afterwards brings a character that makes them again."""
    fast, slow = FastText(morphology.__wrapped__(lang)), FastText(morphology.__wrapped__(lang))
    fast.learn(texts)
    patterns = (fast._not_split, fast._uncased)
    for text in texts:
        norm, origin, words = fast.normalize_words(text)
        ref_norm, ref_origin = slow.normalize(text)
        assert (norm, list(origin)) == (ref_norm, list(ref_origin)), text
        assert words == slow.word_texts(ref_norm), text
    assert (fast._not_split, fast._uncased) == patterns
    morph = fast.morph
    for ch in fast._split_chars - fast._uncased_chars:     # what the casefold way relies on
        assert ch.casefold() == morph.folded(ch) and len(ch.casefold()) == 1, ch
    for ch in fast._split_chars:                           # never a character folding to two
        assert len(morph.folded(ch)) == 1, ch
    if lang == "de":
        assert "ß" not in fast._split_chars and "ä" in fast._split_chars
    learnt = set(fast._split_chars)
    fast.learn(["plain ASCII text only"])                  # nothing new: nothing made again
    assert fast._split_chars == learnt and (fast._not_split, fast._uncased) == patterns


def test_learning_a_track_of_known_characters_is_one_search(monkeypatch):
    """A further track whose characters are all known is told so by one search of the
    pattern: its text is neither normalised nor taken apart into characters again (a
    catalogue's second Russian film)."""
    import types

    from subqa.glossary import _fastpaths

    fast = FastText(morphology.__wrapped__("ru"))
    fast.learn(["Мы приехали в Кашгар, потом в Урумчи.", "Шёлковый путь — 2024!", "Да."])
    assert fast._not_split is not None and "ш" in fast._split_chars

    def refuse(form, text):
        raise AssertionError(f"normalised again: {text!r}")

    monkeypatch.setattr(_fastpaths, "unicodedata", types.SimpleNamespace(normalize=refuse))
    fast.learn(["Кашгар, потом Урумчи.", "путь!"])   # every character known
    fast.learn(["plain ASCII text"])
    with pytest.raises(AssertionError):
        fast.learn(["Кашгар и Ürümqi"])             # Ü is new: learnt


def test_find_many_learns_a_tracks_characters_once(texts):
    """Glossary.find_many learns the characters of all its texts before matching them: the
    search patterns are made once for a Russian track, not once per cue with a new letter."""
    russian = [t for t in texts if any("а" <= c <= "я" for c in t.lower())]
    for language in ("ru", None):          # None: every language's matcher, each learning once
        glossary = load_glossary(None)
        made = []
        for matcher in glossary.matchers(language):
            fast = matcher._text
            fast._add_split_chars = (lambda add, key: lambda new: (
                made.append(key) if new else None, add(new)))(fast._add_split_chars, id(fast))
        reference = load_glossary(None)
        want = [reference.find(t, language) for t in russian]
        assert glossary.find_many(russian, language) == want
        assert made and len(made) == len(set(made)), language
    assert len(glossary.matchers(None)) > 1


@pytest.mark.parametrize("lang", ["en", "ru", "uz", "kk", "ar", "tr", "xx"])
def test_regex_spans_by_find_equal_the_pattern(lang, texts):
    fast = FastText(morphology.__wrapped__(lang))
    for text in texts:
        norm, _, words = fast.normalize_words(text)
        if words is None:
            continue
        assert fast.regex_spans(norm, words) == [m.span() for m in fast._word_re.finditer(norm)], text


def _form_by_fold(term: Term, language: str | None) -> tuple[str, ...]:
    """_form as it was: Morphology.fold, then Morphology.words (chars_stream without words)."""
    morph = morphology(language or term.language)
    norm = morph.fold(term.text)
    if morph.chars:
        return (morph.chars_stream(norm)[0],)
    return tuple(t.text for t in morph.words(norm))


def test_term_form_equals_fold_then_words(texts):
    from subqa.checks.terminology import _form

    terms = list(load_glossary(None).terms())
    terms += [Term(t, "ru") for t in texts[:400]] + [Term(t, "uz") for t in texts[:200]]
    for term in terms:
        for language in (None, term.language, "en", "zh"):
            assert _form(term, language) == _form_by_fold(term, language), (term.text, language)


def test_heads_begins_stops_at_the_word_length():
    from subqa.glossary.matcher import _Heads

    for prefixes in (["ab", "abcd"], ["abcd"], ["a", "abc", "abcdef"], ["кашг", "к"], ["xy"]):
        heads = _Heads.of(prefixes)
        for word in ["", "a", "ab", "abc", "abcd", "abcde", "abcdefg", "к", "ка", "кашгар", "x",
                     "xy", "xyz", "b"]:
            assert heads.begins(word) == word.startswith(tuple(prefixes)), (prefixes, word)
