"""The language rules' speed paths give what the general code gives.

L006 (subqa/checks/partial.py) reads text with Python's re where re and the regex module read
its patterns alike, and keeps its per-language word tables in the subqa cache."""
import random
import re

import regex

from subqa import text as subqa_text
from subqa.checks import partial
from subqa.lazyregex import agreed
from subqa.text import script_of

# below U+0250, the punctuation subtitles write, the Latin ligatures
_BELOW = [chr(cp) for cp in (*range(0x250), *range(0x2000, 0x2070), 0x266A, 0x266B,
                             *range(0xFB00, 0xFB10))]
_UNDER_0250 = [chr(cp) for cp in range(0x250)]


def _agreed_chars() -> list[str]:
    return [ch for ch in _BELOW if agreed(ch)]


def test_latin_word_chars_are_the_letters_marks_and_digits_agreed_text_can_hold():
    full = regex.compile(r"[\p{L}\p{M}\p{Nd}]")
    latin = regex.compile(f"[{partial._LATIN_WORD_CHARS}]")
    assert [ch for ch in _BELOW if full.match(ch)] == [ch for ch in _BELOW if latin.match(ch)]


def test_agreed_chars_are_read_alike_by_re_and_regex():
    chars = _agreed_chars()
    assert "a" in chars and "é" in chars and "\u0131" not in chars and "²" not in chars
    assert not agreed("\u0400") and not agreed("\x1c")
    for pattern in (r"\w", r"\s", r"\S", r"\W", r"\b"):
        a, b = re.compile(pattern), regex.compile(pattern)
        for ch in chars:
            assert bool(a.match(ch)) == bool(b.match(ch)), (pattern, ch)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        a, b = re.compile("(?i)" + letter), regex.compile("(?i)" + letter)
        for ch in chars:
            assert bool(a.match(ch)) == bool(b.match(ch)), (letter, ch)


def _texts(alphabet: str, n: int = 400, seed: int = 5) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(n)]


_SAMPLES = ["Don't go - it's a trap!", "C'est l'été, non ? « Oui » dit-il.", "www.example.com",
            "mail me: a.b@c.org now", "Stop motorerne. Jeg хотим мира!", "x² ½ ı İ ſ",
            "<i>Hello</i> {\\i1}there{\\i0}", '"quoted" «guillemets» “curly” „low“',
            "e\u0301te\u0301", "コリアンダーのhas", "rock'n'roll twenty-one ʼn ŉ"]


def test_latin_patterns_find_what_the_regex_patterns_find():
    alphabet = "aZé-' .ıx²@/:ſ" + "".join(_agreed_chars()[::7])
    texts = _SAMPLES + _texts(alphabet) + _texts("ab c'-.@w/:", seed=6)
    token = regex.compile(subqa_text.MARKED_NUMBER_WORD)
    address = regex.compile(partial._ADDRESS_PATTERN)
    checked = 0
    for text in texts:
        spans = [m.span() for m in token.finditer(text)]
        assert [m.span() for m in partial._token_pattern(text).finditer(text)] == spans, text
        if agreed(text):
            checked += 1
            assert [m.span() for m in partial._LATIN_TOKEN.finditer(text)] == spans, text
            assert [m.span() for m in re.finditer(partial._ADDRESS_PATTERN, text)] == \
                [m.span() for m in address.finditer(text)], text
    assert checked > 200


def test_quote_and_tag_patterns_are_regex_free():
    alphabet = '"«»“”„「」『』<>{}ab \n'
    for name in ("_QUOTED", "_TAG"):
        pattern = getattr(partial, name).pattern
        full = regex.compile(pattern)
        for text in _SAMPLES + _texts(alphabet, seed=7):
            assert [m.span() for m in re.finditer(pattern, text)] == \
                [m.span() for m in full.finditer(text)], (name, text)


def test_letters_below_u0250_are_latin_or_of_no_script():
    assert {script_of(ch) for ch in _BELOW if ch.isalpha()} == {"Latn", None}
    assert not partial._other_script("Ça va, ŉ ǅ", frozenset({"Latn"}))
    assert partial._other_script("Ça va", frozenset({"Cyrl"}))
    assert partial._other_script("Да, ok", frozenset({"Cyrl"}))


def _names_spec(cues) -> frozenset:
    """track_names as first written: every word after the first of a cue, with a capital and
    no sentence break before it."""
    names = set()
    token = regex.compile(subqa_text.MARKED_NUMBER_WORD)
    for cue in cues:
        text = cue.plain_text
        prev_end = 0
        first = True
        for m in token.finditer(text):
            gap = text[prev_end:m.start()]
            prev_end = m.end()
            word = m.group()
            if not first and partial._SENTENCE.isdisjoint(gap) and word[0].isupper() \
                    and not any(c.isupper() for c in word[1:]):
                names.add(partial._fold(word))
            first = False
    return frozenset(names)


class _Cue:
    def __init__(self, text):
        self.plain_text = text


def test_track_names_as_specified():
    rnd = random.Random(3)
    words = ["Paris", "the", "Jean-Luc", "NASA", "iPhone", "Éric", "été", "Άννα", "ok", "I"]
    texts = _SAMPLES + [" ".join(rnd.choice(words) + rnd.choice(["", ",", ".", " -", "!"])
                                 for _ in range(rnd.randint(1, 6))) for _ in range(300)]
    cues = [_Cue(t) for t in texts]
    expected = _names_spec(cues)
    assert {"paris", "éric", "άννα"} <= expected and "jean-luc" not in expected
    assert partial.track_names(cues) == expected


def test_word_tables_equal_the_computed_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path))
    for tag in ("en", "fr", "ru"):
        exclusive, table = partial._find_tables(tag)
        partial._tables.cache_clear()
        assert partial._tables(tag) == (exclusive, table)        # computed and stored
        partial._tables.cache_clear()
        assert partial._tables(tag) == (exclusive, table)        # read back
        assert exclusive and exclusive == frozenset().union(
            *(words for sc in table for _o, words in table[sc]))
        assert all(partial._neighbours(tag, sc) == table[sc] for sc in table)
    assert list(tmp_path.glob("facts-partial-en-*"))
    partial._tables.cache_clear()


def test_script_groups_below_u0250_as_the_general_computation():
    from subqa.checks import bilingual_track as bt

    assert {ch for ch in _UNDER_0250 if ch.isalpha() and script_of(ch) is None} == bt._NO_SCRIPT
    alphabet = "aé ª µ º1.-ŉ²" + "".join(_UNDER_0250[0x80::5])
    for text in _SAMPLES + _texts(alphabet, seed=8) + ["ª", "µº!", "Ça", "日本 ok", "Да"]:
        general = {bt._GROUP.get(sc, sc) for sc in map(script_of, set(text)) if sc is not None}
        assert bt._char_groups(text) == general, text


def test_track_detection_reads_the_track_text_once(monkeypatch):
    """detect_track_language hands the whole track's evidence (a pass over up to 20,000
    characters, not kept) to identify instead of computing it again; the result is the one
    identify gives when it computes the evidence itself."""
    from subqa.language import cue_evidence, identification, track_judge

    lines = ["Je ne sais pas où il est allé.", "Il faut partir avant la nuit.",
             "Nous avons attendu toute la journée.", "Qu'est-ce que tu veux dire ?"] * 20
    calls = []
    real = cue_evidence.text_evidence

    def counted(text):
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(track_judge, "text_evidence", counted)
    monkeypatch.setattr(identification, "text_evidence", counted)
    got = track_judge.detect_lines_language(lines)
    assert len(calls) == 1
    assert got[0] == "fr"
    ev = real("\n".join(lines))
    script = max(sorted(ev.by_script), key=lambda k: ev.by_script[k])
    assert identification.identify(lines, script=script) == \
        identification.identify(lines, script=script, ev=ev)
