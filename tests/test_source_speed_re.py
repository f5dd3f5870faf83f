"""Python's re reads what the regex module reads, where the X-rules and ``subqa.numbers`` use it.

The patterns of the source/translation checks that need Unicode properties have a ``latin``
twin for Python's re (``subqa.lazyregex``), used on text that ``agreed`` accepts, so that a
check of two Latin-script tracks never imports regex (issue 17). These tests hold each twin
against its regex pattern: character by character over everything ``agreed`` accepts, and on the
cues of every real subtitle file of ../shared (skipped when absent); and the functions that
choose between them against the same functions made to read everything with regex."""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest
import regex
from trackkit import spaced

from subqa import lazyregex, numbers, text
from subqa.checks import bilingual

SHARED = Path(os.environ.get("SUBQA_SHARED") or Path(__file__).resolve().parents[2] / "shared")

# every pattern with a latin twin, by name
TWINS = {
    "text.MARKED_WORD": text.MARKED_WORD,
    "text.MARKED_HYPHENATED_WORD": text.MARKED_HYPHENATED_WORD,
    "numbers._ANY": numbers._ANY,
    "numbers._CLOCK_AFTER": numbers._CLOCK_AFTER,
    "numbers._CLOCK_BEFORE": numbers._CLOCK_BEFORE,
    "numbers._GLUE": numbers._GLUE,
    "bilingual._HAS_TEXT": bilingual._HAS_TEXT,
    "bilingual._SOUND_ONLY": bilingual._SOUND_ONLY,
    "bilingual._WORD_CAPITAL": bilingual._WORD_CAPITAL,
    "bilingual._TITLE_RUN": bilingual._TITLE_RUN,
}

# every character agreed() accepts (all are below U+0250 or in U+2000-U+FB06)
AGREED = [ch for ch in map(chr, (*range(0x250), *range(0x2000, 0x2700), *range(0xFB00, 0xFB10)))
          if lazyregex.agreed(ch)]


@functools.lru_cache(maxsize=1)
def real_texts() -> tuple[str, ...]:
    """The cue texts of every subtitle file of ../shared/translations and ../shared/corpus."""
    from subqa.formats import load_track

    out: dict[str, None] = {}
    for folder in (SHARED / "translations", SHARED / "corpus" / "real"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.suffix.lower() in (".tsv", ".md", ".txt", ".json", ".sha256") \
                    or not path.is_file():
                continue
            try:
                track = load_track(path)
            except Exception:         # not a subtitle file, or one subqa cannot read
                continue
            for cue in track.cues:
                out[cue.plain_text] = None
    return tuple(out)


def needs_real_texts():
    texts = real_texts()
    if len(texts) < 1000:
        pytest.skip("the shared corpus and translations are absent")
    return texts


def test_agreed_accepts_what_it_says():
    assert lazyregex.agreed("Ça va, l’été… «Non» – ﬁn ♪ 1 234,5 %") and lazyregex.agreed("")
    for text_ in ("²", "½", "ı", "İ", "\x1c", "д", "a\u0301", "٣", "\u200d", "‿", "日本"):
        assert not lazyregex.agreed(text_), text_


@pytest.mark.parametrize("cls", [r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", r"\b", r"."])
def test_re_and_regex_read_each_agreed_character_alike(cls):
    for ch in AGREED:
        for probe in (ch, "a" + ch, ch + "a", " " + ch):
            assert [m.span() for m in re.finditer(cls, probe)] == \
                [m.span() for m in regex.finditer(cls, probe)], (cls, ch)


def test_re_and_regex_ignore_the_case_of_agreed_characters_alike():
    every = "".join(AGREED)
    for ch in AGREED:
        assert re.findall(re.escape(ch), every, re.IGNORECASE) == \
            regex.findall(regex.escape(ch), every, regex.IGNORECASE), ch


def test_latin_classes_are_the_unicode_properties_of_agreed_characters():
    for prop, latin in ((r"\p{L}", lazyregex.LATIN_LETTER),
                        (r"[\p{L}\p{N}]", lazyregex.LATIN_LETTER_OR_DIGIT),
                        (r"\p{Lu}", f"[{lazyregex.LATIN_UPPER}]"),
                        (r"\p{Ll}", f"[{lazyregex.LATIN_LOWER}]"),
                        (r"\p{L}", f"[{lazyregex.latin_letters()}]")):
        latin, prop = re.compile(latin), regex.compile(prop)
        for ch in AGREED:
            assert bool(latin.match(ch)) == bool(prop.match(ch)), (prop.pattern, ch)
    for ch in AGREED:      # no mark, and no number but 0-9
        assert not regex.match(r"\p{M}", ch)
        assert bool(regex.match(r"\p{N}", ch)) == (ch in "0123456789"), ch


def test_script_of_a_letter_is_its_unicode_script():
    for ch in map(chr, range(0x3000)):
        if ch.isalpha():
            assert bilingual._script_of_letter(ch) == text.unicode_script(ch), ch


def _read(pattern, text_: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text_)]


def _assert_twin_reads_alike(name: str, texts) -> None:
    lazy = TWINS[name]
    latin = lazy.choose(True)
    assert latin is not lazy, name
    for text_ in texts:
        if lazyregex.agreed(text_):
            assert _read(latin, text_) == _read(lazy, text_), (name, text_)


SAMPLES = ["", "5 pm", "17:00 Uhr", "à 5h du matin", "1,500 km", "24/7", "HTML5", "MP3-Player",
           "l'Amour, O’Neil", "Bank of America and Lehman Brothers", "Jean-Luc Picard",
           "[door creaks]", "(laughs) ♪ la la ♪", "Wait... Then John came. And Mary",
           "ÉCOLE et Élise", "Ǆemal and ǅemal", "ﬁve ﬂoors", "o'clock", "3 O’CLOCK", "at 5 P.M.",
           "twenty-one", "quatre-vingt-dix", "A.B.C. Corp", "- Anna? - Yes, Anna.", "10 %",
           "ſtraße 12h"]


@pytest.mark.parametrize("name", sorted(TWINS))
def test_each_twin_reads_samples_alike(name):
    _assert_twin_reads_alike(name, SAMPLES + [s.upper() for s in SAMPLES])


@pytest.mark.parametrize("name", sorted(TWINS))
def test_each_twin_reads_real_cues_alike(name):
    _assert_twin_reads_alike(name, needs_real_texts())


def test_twins_read_alike_at_every_position_of_real_cues():
    """What the rules ask at a position (_CLOCK_AFTER after a number, _GLUE on one character,
    _WORD.match at a capital) and before one (_CLOCK_BEFORE and the sentence end before a
    word, searched up to it)."""
    texts = [t for t in needs_real_texts() if lazyregex.agreed(t)][::7]
    ends = (bilingual._SENTENCE_END_BEFORE, numbers._CLOCK_BEFORE)
    for text_ in texts:
        for pos in range(len(text_) + 1):
            for lazy in (numbers._CLOCK_AFTER, text.MARKED_WORD, numbers._GLUE):
                a, b = lazy.choose(True).match(text_, pos), lazy.match(text_, pos)
                assert (a and a.span()) == (b and b.span()), (lazy.pattern, text_, pos)
            for lazy in ends:
                assert bool(lazy.choose(True).search(text_, 0, pos)) == \
                    bool(lazy.search(text_, 0, pos)), (lazy.pattern, text_, pos)


# --- the functions that choose, against the same functions reading everything with regex ---

@pytest.fixture
def regex_only(monkeypatch):
    """Make agreed() refuse every text but the empty one: every pattern is the regex one."""
    def read_with_regex(run):
        with monkeypatch.context() as m:
            m.setattr(lazyregex, "_disagree", lambda: re.compile(r"[\s\S]"))
            return run()
    return read_with_regex


def _numbers_of(texts):
    return [[(n.raw, n.values, n.groups, n.percent, n.glued, n.clock)
             for n in numbers.extract(t)] for t in texts]


def _check_functions_alike(texts, regex_only):
    # (the other texts are read with regex either way)
    texts = [t for t in texts if lazyregex.agreed(t)]
    assert _numbers_of(texts) == regex_only(lambda: _numbers_of(texts))
    # (word_values reads words with one pattern whatever the language: None, every table, is
    # slow, and the language lists the words only)
    for lang in ("en", "de"):
        got = [numbers.word_values(t, lang) for t in texts]
        assert got == regex_only(lambda: [numbers.word_values(t, lang) for t in texts])
    for lang in ("en", "de", None):
        got = [bilingual.without_names(t, lang) for t in texts]
        assert got == regex_only(lambda: [bilingual.without_names(t, lang) for t in texts])
    assert [bilingual._words(t) for t in texts] == \
        regex_only(lambda: [bilingual._words(t) for t in texts])
    assert bilingual._names(spaced(texts)) == regex_only(lambda: bilingual._names(spaced(texts)))


def test_the_functions_read_samples_as_with_regex(regex_only):
    _check_functions_alike(SAMPLES, regex_only)


def test_the_functions_read_real_cues_as_with_regex(regex_only):
    _check_functions_alike(needs_real_texts(), regex_only)


def test_regex_only_reads_with_regex(regex_only):
    assert not isinstance(regex_only(lambda: text.MARKED_WORD.on("abc")), re.Pattern)
    assert isinstance(text.MARKED_WORD.on("abc"), re.Pattern)
    assert text.MARKED_WORD.on("абв") in (text.MARKED_WORD, text.MARKED_WORD._compiled)

