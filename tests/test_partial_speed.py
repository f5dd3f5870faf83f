"""L006's and the pair detection's whole-track shortcuts give what the cue-by-cue tests give
(subqa/checks/partial.py: _candidates, _same_script_counts, track_names with wanted words;
subqa/checks/bilingual_track.py: detect_pair's test of the whole track's script groups), on
edge cases and on the real tracks of ../shared (skipped when absent)."""
import csv
import random
import sys
from pathlib import Path

import pytest
import regex

from subqa import text as subqa_text
from subqa.checks import bilingual_track as bt
from subqa.checks import partial

SHARED = Path("/work/shared")
_EDGE_CASES = [
    "Don't go - it's a trap!", "men,de la?", "«de» (la) -de- 'la' ...men", "de-la l'homme --men",
    "de…la ½de x² ǅa İla ß ſ", "a\x1cde\x1fla\tmen\u3000one", "e\u0301te\u0301 de la",
    "Stop motorerne. Jeg хотим мира!", "コリアンダーのhas de la", "rock'n'roll ʼn ŉ de’la",
    "www.de.com la@men.org", "", "   ", "-- ... !!", "DE LA Men One", "de de de", "la, la; la",
]


def _same_script_words(folded: str, words: frozenset) -> int:
    """The reference: how many distinct words of the folded text are in ``words``, the text
    read alone."""
    return len(words.intersection(partial._token_pattern(folded).findall(folded)))


def _tracks() -> list[list[str]]:
    """The plain texts of the cues of every real track (a reader error skips the file)."""
    from subqa.formats import load_track

    paths = []
    manifest = SHARED / "corpus" / "MANIFEST.tsv"
    if manifest.is_file():
        with open(manifest, newline="", encoding="utf-8") as fh:
            paths += [SHARED / "corpus" / row["path"] for row in csv.DictReader(fh, delimiter="\t")]
    if (SHARED / "translations").is_dir():
        paths += sorted(p for p in (SHARED / "translations").rglob("*")
                        if p.suffix in (".srt", ".vtt", ".ass", ".ssa"))
    out = []
    for path in paths:
        try:
            track = load_track(str(path))
        except Exception:        # a reader error is not what this test is about
            continue
        out.append([cue.plain_text for cue in track.cues])
    return out


@pytest.fixture(scope="module")
def tracks() -> list[list[str]]:
    found = _tracks()
    if not found:
        pytest.skip("../shared/corpus and ../shared/translations are absent")
    return found + [_EDGE_CASES]


def _own_words(texts, every: int = 3) -> frozenset:
    """Every ``every``-th distinct word of the texts, folded: words a track surely holds."""
    words = set()
    for text in texts:
        folded = partial._fold(text)
        words.update(partial._token_pattern(folded).findall(folded))
    return frozenset(sorted(words)[::every])


def _word_sets(texts) -> list[frozenset]:
    return [partial._exclusive_words(tag) for tag in ("en", "ru")] + \
        [_own_words(texts), frozenset({"de", "la", "men", "one", "l'homme", "de-la"})]


def test_same_script_counts_as_cue_by_cue(tracks):
    for texts in tracks:
        for words in _word_sets(texts):
            expected = [_same_script_words(partial._fold(t), words) for t in texts]
            assert partial._same_script_counts(texts, words) == expected


def test_same_script_counts_on_edge_cases():
    words = frozenset({"de", "la", "men", "one", "l'homme", "de-la", "ſ", "ss", "i̇la", "de'la"})
    expected = [_same_script_words(partial._fold(t), words) for t in _EDGE_CASES]
    assert partial._same_script_counts(_EDGE_CASES, words) == expected
    assert max(expected) >= 3


def test_folding_keeps_each_space_and_each_run_between_spaces():
    # (so that the runs of a folded text are the folded runs of the text)
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        folded = partial._fold(ch)
        assert folded.split() == ([] if ch.isspace() else [folded]), hex(cp)


def test_a_run_of_letters_is_one_word_and_the_edge_holds_none():
    word = regex.compile(subqa_text.MARKED_NUMBER_WORD)
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if ch.isalpha():
            assert word.fullmatch(ch), hex(cp)
    assert not any(word.search(ch) for ch in partial._EDGE)


def test_candidates_as_cue_by_cue(tracks):
    for texts in tracks:
        lettered = [any(map(str.isalpha, t)) for t in texts]
        for words in (partial._exclusive_words("en"), _own_words(texts)):
            counts = [_same_script_words(partial._fold(t), words) for t in texts]
            for scripts in (frozenset({"Latn"}), frozenset({"Cyrl"}), frozenset({"Hani", "Latn"})):
                other = [partial._other_script(t, scripts) for t in texts]
                for min_words in (0, 2, 3):
                    expected = [n for n in range(len(texts))
                                if lettered[n] and (other[n] or counts[n] >= min_words)]
                    assert partial._candidates(texts, scripts, words, min_words) == expected


class _Cue:
    def __init__(self, text):
        self.plain_text = text


def test_track_names_of_wanted_words_as_of_all(tracks):
    rnd = random.Random(11)
    for texts in tracks:
        cues = [_Cue(t) for t in texts]
        names = partial.track_names(cues)
        capitalised = sorted(partial._capitalised(texts))
        for wanted in (frozenset(), frozenset(rnd.sample(capitalised, min(5, len(capitalised)))),
                       frozenset(capitalised), names | {"zzz"}):
            assert partial.track_names(cues, wanted) == names & wanted


def test_a_track_without_characters_above_u024f_has_no_cue_of_two_script_groups(tracks):
    from subqa.text import BEYOND_LATIN

    seen = 0
    for texts in tracks:
        if BEYOND_LATIN.search("\n".join(texts)) is None:
            seen += 1
            assert all(bt._char_groups(t) <= {"Latn"} for t in texts)
    assert seen
    assert all(bt._char_groups(chr(cp)) <= {"Latn"} for cp in range(0x250))
