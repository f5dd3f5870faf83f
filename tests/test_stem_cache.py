"""Stems kept in the subqa cache (subqa.stemming.save_stems): a run with an empty cache folder, one
with a warm cache and one with no cache at all find exactly the same; a warm cache is really
read (no stemming at all); an entry under another key is ignored; the file stays bounded."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from subqa import cache, stemming
from subqa.glossary import Matcher, load_glossary
from subqa.stemming import morphology

ROOT = Path(__file__).resolve().parents[1]

TEXTS = [
    "The Belt and Road Initiative began in 2013.", "One Belt, One Road was the old name.",
    "We flew to Urumchi, then on to Kashgar and Kashi.", "Silk Roads of the maritime kind",
    "Communities along the routes; industrial exchanges", "the skies, dying and trying",
    "Nothing to see here, move along.", "international communication and subtitling",
]


class _NoStemmer:
    def stemWord(self, word):                 # noqa: N802 (snowballstemmer's name)
        raise AssertionError(f"stemmer run on {word!r}: the cache was not used")


@pytest.fixture(autouse=True)
def _no_stems_in_memory():
    stemming.forget_stems()
    yield
    stemming.forget_stems()          # nothing of these tests' cache folders stays in memory


def _snowball_morphology(lang: str):
    """The language's Morphology, as a new run builds it; Russian with the Snowball stemmer (the
    built-in Russian morphology uses paradigms instead, rules/lang/morphology.toml; the stem
    cache is per algorithm, and a Cyrillic one is what this test wants besides English)."""
    morph = morphology.__wrapped__(lang)
    if lang == "ru":
        morph = stemming.Morphology("ru", stemmer_name="russian", suffix_letters=3, folds=dict(morph.folds))
    return morph


def _fresh(lang: str):
    """A matcher over the seed glossary with a new Morphology, as in a new run (nothing
    stemmed in memory)."""
    stemming.forget_stems()
    morph = _snowball_morphology(lang)
    terms = [t for t in load_glossary(None).terms() if t.language.split("-")[0] == lang]
    return morph, Matcher(terms, morph)


def _run(matcher):
    return [[(m.term.text, m.start, m.end, m.surface, m.quality) for m in matcher.find(t, overlapping=o)]
            for t in TEXTS for o in (False, True)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_empty_and_warm_cache_find_the_same(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path))
    cold_morph, cold = _fresh(lang)
    want = _run(cold)
    assert cold_morph._stems.new > 0
    stemming.save_stems()
    assert cold_morph._stems.new == 0
    files = list(tmp_path.glob(f"stems-{cold_morph.stemmer_name}-*.marshal"))
    assert len(files) == 1
    warm_morph, warm = _fresh(lang)
    warm_morph._stemmer_obj = _NoStemmer()    # every stem must come from the cache
    assert _run(warm) == want
    assert warm_morph._stems.new == 0
    monkeypatch.setenv("SUBQA_CACHE_DIR", "")  # no cache at all
    assert _run(_fresh(lang)[1]) == want
    if lang == "en":
        assert any(want), "the texts must contain terms, or the comparison proves nothing"


def test_warm_cache_is_read_and_another_key_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path))
    key = stemming._stem_cache_key("english")
    assert key is not None
    cache.write("stems-english", key, {"xyzzy": "belt"})     # a planted entry proves the read
    assert morphology.__wrapped__("en").stem("xyzzy") == "belt"
    stemming.forget_stems()
    other = key[:-1] + (("stems", "english", "other"),)
    monkeypatch.setattr(stemming, "_stem_cache_key", lambda name: other)
    assert morphology.__wrapped__("en").stem("xyzzy") == "xyzzi"


def test_one_store_per_algorithm_shared_by_every_language_tag(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path))
    a, b = morphology.__wrapped__("no"), morphology.__wrapped__("nb")   # both Norwegian
    a.stem("kjærlighetene")
    assert "kjærlighetene" in b._stem_cache
    stemming.save_stems()
    assert len(list(tmp_path.glob("stems-norwegian-*.marshal"))) == 1


def test_saved_stems_are_bounded_and_not_rewritten_without_new_words(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(stemming, "STEM_CACHE_WORDS", 5)
    morph = morphology.__wrapped__("en")
    words = [f"walking{c}" for c in "abcdefghij"]
    for w in words:
        morph.stem(w)
    stemming.save_stems()
    stored = cache.read("stems-english", stemming._stem_cache_key("english"))
    assert list(stored) == words[-5:]                         # the newest kept
    path = next(tmp_path.glob("stems-english-*.marshal"))
    before = path.stat().st_mtime_ns
    stemming.forget_stems()
    again = morphology.__wrapped__("en")
    again.stem(words[-1])                                      # known: nothing new to write
    stemming.save_stems()
    assert path.stat().st_mtime_ns == before


def _check(path: Path, cache_dir: str) -> bytes:
    env = dict(os.environ, SUBQA_CACHE_DIR=cache_dir)
    out = subprocess.run([sys.executable, "-m", "subqa", "check", str(path), "--lang", "en", "--format",
                          "json", "-j", "1"], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert out.returncode in (0, 1), out.stderr.decode()
    return out.stdout


def test_check_report_is_byte_identical_whatever_the_cache_state(tmp_path):
    srt = tmp_path / "film.en.srt"
    cues = ["The Belt and Road Initiative.", "One Belt, One Road, they said.", "Off to Urumchi.",
            "Kashgar at dawn.", "Kashi at dusk.", "The skies over Xinjiang.", "Nothing here."]
    srt.write_text("\n".join(f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{t}\n"
                             for i, t in enumerate(cues, 1)), encoding="utf-8")
    folder = tmp_path / "cache"
    cold = _check(srt, str(folder))
    assert list(folder.glob("stems-english-*.marshal"))       # the cold run kept its stems
    warm = _check(srt, str(folder))
    none = _check(srt, "")
    assert b'"G001"' in cold and b'"G003"' in cold
    assert cold == warm == none


def test_seed_glossary_from_the_cache_equals_the_one_read(tmp_path, monkeypatch):
    from subqa import glossary as gmod

    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path))
    path = gmod.seed_glossary_paths()[0]
    read = gmod._read_one(path)
    first = gmod._load_one(path)                  # empty cache: read, then stored
    assert list(tmp_path.glob("glossary-*.marshal"))
    again = gmod._load_one(path)                  # from the cache
    for b in (first, again):
        assert b.concepts == read.concepts and b.problems == read.problems
        assert [t.line for c in b.concepts for t in c.terms] == [t.line for c in read.concepts for t in c.terms]
    # the cache is really read: a planted entry under the same key is what comes back
    cache.write("glossary", gmod._cache_key(path), ([("planted", "", "", "", 1, path, [])], []))
    assert [c.id for c in gmod._load_one(path).concepts] == ["planted"]
    # another glossary file is never cached
    other = tmp_path / "g.csv"
    other.write_text("en,ru\nSilk Road,Шёлковый путь\n", encoding="utf-8")
    before = set(tmp_path.iterdir())
    assert [t.text for c in gmod._load_one(str(other)).concepts for t in c.terms] == ["Silk Road", "Шёлковый путь"]
    assert set(tmp_path.iterdir()) == before
