"""The subqa cache (subqa.cache.memo) for shipped data, and the TOML loading that goes through
it for shipped files only."""
import os

import pytest

from subqa import cache, tomlload
from subqa.resources import rules_dir


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(folder))
    return folder


def _entries(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value
    return compute, calls


def test_the_test_suite_has_a_cache_folder_of_its_own():
    # (tests/conftest.py: set before collection; a developer's SUBQA_CACHE_DIR is not used)
    home = os.path.join(os.path.expanduser("~"), ".cache")
    folder = cache.cache_dir()
    assert folder and not os.path.abspath(folder).startswith(os.path.abspath(home))
    assert os.path.basename(folder).startswith("subqa-test-cache-")


def test_memo_computes_once_then_reads(tmp_path, cache_dir):
    src = tmp_path / "f"
    src.write_bytes(b"x")
    compute, calls = _counting({"a": (1, 2.5)})
    assert cache.memo("thing", [src], compute) == {"a": (1, 2.5)}
    assert cache.memo("thing", [src], compute) == {"a": (1, 2.5)}
    assert len(calls) == 1
    assert [n.split("-")[0] for n in _entries(cache_dir)] == ["thing"]


def test_a_changed_source_computes_again_and_replaces_the_file(tmp_path, cache_dir):
    src = tmp_path / "f"
    src.write_bytes(b"x")
    assert cache.memo("thing", [src], lambda: 1) == 1
    src.write_bytes(b"xy")                                     # another size
    assert cache.memo("thing", [src], lambda: 2) == 2
    os.utime(src, ns=(1, 1))                                   # another modification time
    assert cache.memo("thing", [src], lambda: 3) == 3
    assert cache.memo("thing", [src], lambda: 4) == 3
    assert len(_entries(cache_dir)) == 1                       # one file per name, replaced


def test_a_missing_source_or_no_folder_means_no_cache(tmp_path, cache_dir, monkeypatch):
    compute, calls = _counting(7)
    assert cache.memo("thing", [tmp_path / "missing"], compute) == 7
    assert cache.memo("thing", [tmp_path / "missing"], compute) == 7
    assert len(calls) == 2 and _entries(cache_dir) == []
    monkeypatch.setenv("SUBQA_CACHE_DIR", "")                  # empty: no cache at all
    assert cache.cache_dir() is None
    src = tmp_path / "f"
    src.write_bytes(b"x")
    assert cache.memo("thing", [src], compute) == 7
    assert cache.memo("thing", [src], compute) == 7
    assert len(calls) == 4


def test_a_damaged_file_is_a_miss_not_an_error(tmp_path, cache_dir):
    src = tmp_path / "f"
    src.write_bytes(b"x")
    cache.memo("thing", [src], lambda: {"a": 1})
    for p in cache_dir.iterdir():
        p.write_bytes(b"\x00garbage")
    assert cache.memo("thing", [src], lambda: {"a": 2}) == {"a": 2}
    assert cache.memo("thing", [src], lambda: {"a": 3}) == {"a": 2}


def test_data_marshal_cannot_store_are_computed_each_time(tmp_path, cache_dir):
    import datetime

    src = tmp_path / "f"
    src.write_bytes(b"x")
    compute, calls = _counting({"when": datetime.date(2026, 11, 28)})
    assert cache.memo("thing", [src], compute)["when"].year == 2026
    assert cache.memo("thing", [src], compute)["when"].year == 2026
    assert len(calls) == 2
    assert not [n for n in _entries(cache_dir) if not n.endswith(".tmp")]


def test_the_folder_is_bounded_oldest_removed_first(tmp_path, cache_dir, monkeypatch):
    src = tmp_path / "f"
    src.write_bytes(b"x")
    monkeypatch.setattr(cache, "MAX_FILES", 5)
    for i in range(12):
        cache.memo(f"name{i}", [src], lambda: i)
        for p in cache_dir.iterdir():                           # make the order certain
            if p.name.startswith(f"name{i}-"):
                os.utime(p, ns=(i * 10**9, i * 10**9))
    # the prune after each write keeps the newest MAX_FILES (the newest written last)
    kept = sorted(int(n.split("-")[0][4:]) for n in _entries(cache_dir))
    assert kept == [7, 8, 9, 10, 11]
    cache.prune(str(cache_dir), max_files=100, max_bytes=1)     # a size cap too
    assert _entries(cache_dir) == []


def test_a_foreign_file_in_the_folder_is_left_alone(tmp_path, cache_dir):
    cache_dir.mkdir()
    (cache_dir / "notes.txt").write_text("mine")
    cache.prune(str(cache_dir), max_files=0)
    assert _entries(cache_dir) == ["notes.txt"]


def test_shipped_toml_is_parsed_once_then_read_from_the_cache(cache_dir, monkeypatch):
    path = rules_dir() / "lang" / "repetition.toml"
    first = tomlload.load_toml(path)
    assert [n.split("-")[:3] for n in _entries(cache_dir)] == [["toml", "lang", "repetition"]]

    def no_parse(path):
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomlload, "_parse_file", no_parse)
    assert tomlload.load_toml(str(path)) == first             # same file: from the cache


def test_a_users_toml_is_parsed_every_time_and_never_stored(tmp_path, cache_dir):
    src = tmp_path / "subqa.toml"
    src.write_text('[params]\nmax_cps = 17\nname = "x"\n', encoding="utf-8")
    assert tomlload.load_toml(src) == {"params": {"max_cps": 17, "name": "x"}}
    src.write_text("a = 22\n", encoding="utf-8")
    assert tomlload.load_toml(src) == {"a": 22}
    assert _entries(cache_dir) == []


def test_invalid_toml_is_reported_with_its_place(tmp_path, cache_dir):
    src = tmp_path / "bad.toml"
    src.write_text("a = 1\nb = \n", encoding="utf-8")
    with pytest.raises(tomlload.TOMLDecodeError, match="line 2"):
        tomlload.load_toml(src)
    assert _entries(cache_dir) == []


def _check(path, cache_folder: str) -> bytes:
    import subprocess
    import sys

    env = dict(os.environ, SUBQA_CACHE_DIR=cache_folder)
    out = subprocess.run([sys.executable, "-m", "subqa", "check", str(path), "--lang", "en",
                          "--format", "json", "-j", "1"], cwd=path.parent,
                         env=env, capture_output=True, timeout=120)
    assert out.returncode in (0, 1), out.stderr.decode()
    return out.stdout


def test_check_report_is_byte_identical_whatever_the_cache_state(tmp_path):
    srt = tmp_path / "film.en.srt"
    cues = ["The Belt and Road Initiative.", "One Belt, One Road, they said.", "Off to Urumchi.",
            "Kashgar at dawn.", "Kashi at dusk.", "The skies over Xinjiang.", "Nothing here."]
    srt.write_text("\n".join(f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{t}\n"
                             for i, t in enumerate(cues, 1)), encoding="utf-8")
    (tmp_path / "subqa.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    folder = tmp_path / "cache"
    cold = _check(srt, str(folder))
    # the cold run filled the cache, with shipped data only (not the user's subqa.toml)
    names = {n.rsplit("-", 1)[0] for n in _entries(folder)}
    assert "glossary" in names and "toml-profiles-netflix" in names
    assert all(n.startswith(("toml-", "facts-", "ngram-rows-", "glossary", "cjk-map"))
               for n in names), names
    assert not any("subqa" in n for n in names)
    warm = _check(srt, str(folder))
    none = _check(srt, "")
    assert b'"G001"' in cold and b'"G003"' in cold
    assert cold == warm == none


def test_seed_glossary_from_the_cache_equals_the_one_read(tmp_path, cache_dir):
    from subqa import glossary as gmod

    path = gmod.seed_glossary_paths()[0]
    read = gmod._read_one(path, gmod.loading._read_installed)
    first = gmod._load_one(path)                  # empty cache: read, then stored
    assert list(cache_dir.glob("glossary-*.marshal"))
    again = gmod._load_one(path)                  # from the cache
    for b in (first, again):
        assert b.concepts == read.concepts and b.problems == read.problems
        assert [t.line for c in b.concepts for t in c.terms] == \
            [t.line for c in read.concepts for t in c.terms]
    # the cache is really read: a planted entry under the same key is what comes back
    planted = ([("planted", "", "", "", 1, path, [])], [])
    for p in cache_dir.glob("glossary-*.marshal"):
        p.unlink()
    cache.memo("glossary", gmod.seed_sources(path), lambda: planted)
    assert [c.id for c in gmod._load_one(path).concepts] == ["planted"]
    # another glossary file is never cached
    other = tmp_path / "g.csv"
    other.write_text("en,ru\nSilk Road,Шёлковый путь\n", encoding="utf-8")
    before = _entries(cache_dir)
    assert [t.text for c in gmod._load_one(str(other)).concepts for t in c.terms] == \
        ["Silk Road", "Шёлковый путь"]
    assert _entries(cache_dir) == before
