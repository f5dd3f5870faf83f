"""The on-disk cache (subqa.cache) and the TOML loading that goes through it."""
import os

import pytest

from subqa import cache, tomlload


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(folder))
    return folder


def test_toml_is_parsed_once_then_read_from_the_cache(tmp_path, cache_dir, monkeypatch):
    src = tmp_path / "p.toml"
    src.write_text('[params]\nmax_cps = 17\nname = "x"\n', encoding="utf-8")
    first = tomlload.load_toml(src)
    assert first == {"params": {"max_cps": 17, "name": "x"}}
    assert len(list(cache_dir.iterdir())) == 1

    def no_parse(data):
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomlload, "parse_toml", no_parse)
    assert tomlload.load_toml(str(src)) == first          # same file: from the cache


def test_a_changed_file_is_parsed_again(tmp_path, cache_dir):
    src = tmp_path / "p.toml"
    src.write_text("a = 1\n", encoding="utf-8")
    assert tomlload.load_toml(src) == {"a": 1}
    src.write_text("a = 22\n", encoding="utf-8")
    os.utime(src, ns=(1, 1))                               # a different size and mtime
    assert tomlload.load_toml(src) == {"a": 22}
    assert len(list(cache_dir.iterdir())) == 1             # one slot per file, replaced


def test_invalid_toml_is_reported_with_its_place(tmp_path, cache_dir):
    src = tmp_path / "bad.toml"
    src.write_text("a = 1\nb = \n", encoding="utf-8")
    with pytest.raises(tomlload.TOMLDecodeError, match="line 2"):
        tomlload.load_toml(src)
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_no_cache_folder_when_disabled(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBQA_CACHE_DIR", "")
    src = tmp_path / "p.toml"
    src.write_text("a = 1\n", encoding="utf-8")
    assert tomlload.load_toml(src) == {"a": 1}
    assert cache.cache_dir() is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]


def test_tables_marshal_cannot_store_are_parsed_each_time(tmp_path, cache_dir):
    src = tmp_path / "d.toml"
    src.write_text("when = 2026-11-28T10:00:00Z\n", encoding="utf-8")
    assert tomlload.load_toml(src)["when"].year == 2026
    assert tomlload.load_toml(src)["when"].year == 2026
    assert not cache_dir.exists() or not [p for p in cache_dir.iterdir()
                                          if not p.name.endswith(".tmp")]


def test_cache_keys_must_match_exactly(cache_dir, tmp_path):
    src = tmp_path / "f"
    src.write_bytes(b"x")
    key = cache.file_key([str(src)], "v1")
    cache.write("thing", key, {"a": 1})
    assert cache.read("thing", key) == {"a": 1}
    assert cache.read("thing", cache.file_key([str(src)], "v2")) is None
    cache.write("thing", cache.file_key([str(src)], "v2"), {"a": 2})   # replaces the entry
    assert [p.name.split("-")[0] for p in cache_dir.iterdir()] == ["thing"]
    assert cache.read("thing", key) is None
    cache.write("thing", key, {"a": 1})
    src.write_bytes(b"xy")
    assert cache.read("thing", cache.file_key([str(src)], "v1")) is None
    assert cache.file_key([str(tmp_path / "missing")]) is None
    # a damaged file is a miss, not an error
    for p in cache_dir.iterdir():
        p.write_bytes(b"\x00garbage")
    assert cache.read("thing", key) is None
