"""Folder discovery (the reader registry, sniffing, --include) and the checks that never pass
in silence: nothing to check, --source DIR without a language, a source track not found (X005),
a declared language subqa has no data for (L004)."""
import json
import re
from pathlib import Path

import pytest

import subqa
from subqa import api, config
from subqa.cli import main
from subqa.formats import (FORMATS, READERS, SUBTITLE_EXTENSIONS, load_track, sniff_file,
                           sniff_format)
from subqa.model import UsageError

ROOT = Path(__file__).resolve().parents[1]

SRT = "1\n00:00:01,000 --> 00:00:03,000\nHello there, my friend.\n\n"
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHello there, my friend.\n\n"


def run(argv, capsys):
    """The CLI in-process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(["check", *argv])
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def report(argv, capsys):
    code, out, err = run([*argv, "--format", "json", "--no-config", "-j", "1"], capsys)
    assert code in (0, 1), err
    return code, json.loads(out)


def write(path: Path, text: str, encoding="utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def names(folder, **kw):
    return [p.relative_to(folder).as_posix() for p in api.collect_files([folder], **kw)]


# ------------------------------------------------------------------------- the registry

def test_the_registry_lists_every_extension_a_reader_takes():
    assert FORMATS == tuple(r.name for r in READERS)
    assert SUBTITLE_EXTENSIONS == tuple(e for r in READERS for e in r.extensions)
    assert len(set(SUBTITLE_EXTENSIONS)) == len(SUBTITLE_EXTENSIONS)     # one reader each
    assert ".webvtt" in SUBTITLE_EXTENSIONS       # read but once not discovered (issue 13)


def test_discovery_takes_its_extensions_from_the_registry(tmp_path, monkeypatch):
    write(tmp_path / "a.srt", SRT)
    write(tmp_path / "b.sub", SRT)
    assert names(tmp_path) == ["a.srt"]
    monkeypatch.setattr(api, "SUBTITLE_EXTENSIONS", SUBTITLE_EXTENSIONS + (".sub",))
    assert names(tmp_path) == ["a.srt", "b.sub"]


def test_the_pre_commit_hook_pattern_matches_every_registry_extension():
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.search(r"files: '([^']+)'", hook).group(1)
    for ext in SUBTITLE_EXTENSIONS:
        assert re.search(pattern, "film.ru" + ext.upper()), ext
    assert not re.search(pattern, "film.ru.txt")


# ------------------------------------------------------------------------ discovery

def test_webvtt_files_in_a_folder_are_checked(tmp_path, capsys):
    write(tmp_path / "ep1.en.webvtt", VTT)
    write(tmp_path / "notes.txt", SRT)                 # near miss: not a subtitle extension
    code, data = report([str(tmp_path)], capsys)
    assert [(f["path"].rsplit("/", 1)[1], f["format"], f["cues"]) for f in data["files"]] == \
        [("ep1.en.webvtt", "vtt", 1)]


def test_files_without_an_extension_are_sniffed(tmp_path):
    write(tmp_path / "episode1", SRT)
    write(tmp_path / "episode2", VTT)
    write(tmp_path / "utf16", SRT, encoding="utf-16")   # with its byte order mark
    write(tmp_path / "README", "How to deliver: 10:00 -> 11:00, see the notes.\n")
    write(tmp_path / "LICENSE", "")
    write(tmp_path / "film.bak", SRT)                 # has an extension: not sniffed
    write(tmp_path / ".git" / "objects" / "ab", SRT)   # inside a hidden folder: not sniffed
    write(tmp_path / "deep" / "episode3", SRT)
    assert names(tmp_path) == ["deep/episode3", "episode1", "episode2", "utf16"]


def test_sniffing_reads_only_the_start_of_a_file(tmp_path):
    late = write(tmp_path / "late", "x" * 10_000 + "\n" + SRT)
    assert sniff_file(late) is None
    assert sniff_file(write(tmp_path / "early", SRT + "x" * 10_000)) == "srt"


def test_sniff_format_recognises_the_signatures():
    assert sniff_format(VTT) == "vtt"
    assert sniff_format("WEBVTT - a title\n\n") == "vtt"
    assert sniff_format(SRT) == "srt"
    assert sniff_format("1\n00:00,500 --> 00:07,000\nNo hours.\n") == "srt"
    assert sniff_format("Route: Paris --> London\n") is None
    assert sniff_format("") is None


def test_files_named_explicitly_are_read_whatever_their_extension(tmp_path, capsys):
    as_vtt = write(tmp_path / "ep1.txt", VTT.replace("Hello", "<i>Hello</i>"))
    as_srt = write(tmp_path / "ep2.sub", SRT)
    code, data = report([str(as_vtt), str(as_srt)], capsys)
    assert [(f["format"], f["cues"]) for f in data["files"]] == [("vtt", 1), ("srt", 1)]
    assert all(x["code"] != "P001" for f in data["files"] for x in f["findings"])
    # near miss: a subtitle extension still chooses the reader
    assert load_track(write(tmp_path / "ep3.vtt", VTT)).format == "vtt"


def test_include_widens_discovery(tmp_path, capsys):
    write(tmp_path / "a.srt", SRT)
    write(tmp_path / "b.txt", SRT)
    write(tmp_path / "subs" / "c.txt", SRT)
    write(tmp_path / "subs" / "d.sub", SRT)
    assert names(tmp_path) == ["a.srt"]
    assert names(tmp_path, include=["*.txt"]) == ["a.srt", "b.txt", "subs/c.txt"]
    # a glob with "/" matches the path below the folder, not the name
    assert names(tmp_path, include=["subs/*.txt"]) == ["a.srt", "subs/c.txt"]
    assert names(tmp_path, include=["*.txt", "*.sub"]) == \
        ["a.srt", "b.txt", "subs/c.txt", "subs/d.sub"]
    code, data = report([str(tmp_path), "--include", "*.txt", "--include", "*.sub"], capsys)
    assert len(data["files"]) == 4


def test_include_from_the_configuration(tmp_path, capsys):
    write(tmp_path / "a.srt", SRT)
    write(tmp_path / "b.txt", SRT)
    write(tmp_path / "subqa.toml", 'include = ["*.txt"]\n')
    code, out, err = run([str(tmp_path), "--format", "json", "-j", "1"], capsys)
    assert [f["path"].rsplit("/", 1)[1] for f in json.loads(out)["files"]] == ["a.srt", "b.txt"]
    code, data = report([str(tmp_path)], capsys)      # near miss: --no-config
    assert [f["path"].rsplit("/", 1)[1] for f in data["files"]] == ["a.srt"]


def test_a_bad_include_in_the_configuration_names_the_file_and_key(tmp_path, capsys):
    write(tmp_path / "a.srt", SRT)
    write(tmp_path / "subqa.toml", "include = 3\n")
    code, out, err = run([str(tmp_path)], capsys)
    assert code == 2
    assert "subqa.toml" in err and "include" in err and "Traceback" not in err


# ------------------------------------------------------------------- nothing to check

def test_a_folder_with_no_subtitle_file_is_a_usage_error(tmp_path, capsys):
    write(tmp_path / "notes.txt", "hello\n")
    (tmp_path / "empty").mkdir()
    code, out, err = run([str(tmp_path)], capsys)
    assert code == 2 and out == ""
    listed = ", ".join(SUBTITLE_EXTENSIONS)        # the registry's, e.g. .srt, .vtt, .webvtt, ...
    assert err.strip() == (f"subqa: error: no subtitle files under {tmp_path}; checked "
                           f"extensions: {listed}, .xml (TTML only), .stl (EBU STL only) "
                           "(use --include to add others)")
    assert len(err.strip().splitlines()) == 1
    code, out, err = run([str(tmp_path), "--include", "*.md"], capsys)
    assert code == 2 and "--include globs: *.md" in err
    with pytest.raises(UsageError, match="no subtitle files under"):
        subqa.check([tmp_path / "empty"])
    # near miss: one subtitle file is enough
    write(tmp_path / "deep" / "a.srt", SRT)
    code, data = report([str(tmp_path)], capsys)
    assert code == 0 and len(data["files"]) == 1


# --------------------------------------------------------------------- source pairing

@pytest.fixture
def pair(tmp_path):
    write(tmp_path / "film.ru.srt", "1\n00:00:01,000 --> 00:00:03,000\nПривет, мой друг.\n")
    write(tmp_path / "film.en.srt", SRT)
    write(tmp_path / "other.ru.srt", "1\n00:00:01,000 --> 00:00:03,000\nПока, мой друг.\n")
    return tmp_path


def _by_name(data):
    return {f["path"].rsplit("/", 1)[1]: f for f in data["files"]}


def _codes(f):
    return [x["code"] for x in f["findings"]]


def test_source_folder_without_a_source_language_is_a_usage_error(pair, capsys):
    code, out, err = run([str(pair), "--source", str(pair)], capsys)
    assert code == 2 and "--source-lang" in err and len(err.strip().splitlines()) == 1
    # near miss: the source language from the option, or from the configuration
    code, data = report([str(pair), "--source", str(pair), "--source-lang", "en"], capsys)
    assert _by_name(data)["film.ru.srt"]["source"].endswith("film.en.srt")
    write(pair / "subqa.toml", 'source-lang = "en"\n')
    config._find_in.cache_clear()      # this process looked for a configuration there before
    code, out, err = run([str(pair), "--source", str(pair), "--format", "json", "-j", "1"],
                         capsys)
    assert code in (0, 1), err
    assert _by_name(json.loads(out))["film.ru.srt"]["source"].endswith("film.en.srt")


def test_source_file_with_several_tracks_points_to_a_folder_and_a_language(pair, capsys):
    code, out, err = run([str(pair / "film.ru.srt"), str(pair / "other.ru.srt"),
                          "--source", str(pair / "film.en.srt")], capsys)
    assert code == 2 and "2 files" in err
    assert "--source DIR --source-lang LANG" in err


def test_a_missing_source_track_is_x005(pair, capsys):
    code, data = report([str(pair), "--source-lang", "en"], capsys)
    files = _by_name(data)
    assert files["film.ru.srt"]["source"].endswith("film.en.srt")
    assert "X005" not in _codes(files["film.ru.srt"])
    assert "X005" not in _codes(files["film.en.srt"])     # itself in the source language
    (x005,) = [x for x in files["other.ru.srt"]["findings"] if x["code"] == "X005"]
    assert x005["severity"] == "warning" and x005["line"] is None and x005["cue"] is None
    assert f"looked in {pair.as_posix()}/ for other.en.srt" in x005["message"]
    assert "X001 untranslated-cue" in x005["message"]
    assert x005["data"]["expected"] == "other.en.srt"
    assert x005["data"]["source_lang"] == "en"
    assert "X003" in x005["data"]["rules_not_run"]


def test_x005_shows_under_select_x(pair, capsys):
    code, data = report([str(pair / "other.ru.srt"), "--source-lang", "en", "--select", "X"],
                        capsys)
    assert _codes(data["files"][0]) == ["X005"]
    # near miss: without a source asked for there is nothing to report
    code, data = report([str(pair / "other.ru.srt"), "--select", "X"], capsys)
    assert _codes(data["files"][0]) == []


def test_x005_with_a_source_folder_names_that_folder(pair, tmp_path, capsys):
    src = tmp_path / "sources"
    write(src / "film.en.srt", SRT)
    code, data = report([str(pair / "film.ru.srt"), str(pair / "other.ru.srt"),
                         "--source", str(src), "--source-lang", "en"], capsys)
    files = _by_name(data)
    assert files["film.ru.srt"]["source"] == (src / "film.en.srt").as_posix()
    (x005,) = [x for x in files["other.ru.srt"]["findings"] if x["code"] == "X005"]
    assert x005["data"]["looked_in"] == src.as_posix()


def test_x005_from_the_configured_source_language(pair, capsys):
    write(pair / "subqa.toml", 'source-lang = "en"\n')
    code, out, err = run([str(pair / "other.ru.srt"), "--format", "json", "-j", "1"], capsys)
    assert "X005" in _codes(json.loads(out)["files"][0])


def test_webvtt_source_tracks_are_paired(pair, capsys):
    (pair / "film.en.srt").unlink()
    write(pair / "film.en.webvtt", VTT)
    code, data = report([str(pair / "film.ru.srt"), "--source-lang", "en"], capsys)
    assert data["files"][0]["source"].endswith("film.en.webvtt")


# --------------------------------------------------------------- declared language, no data

def _track(tmp_path, text):
    return write(tmp_path / "film.srt", "1\n00:00:01,000 --> 00:00:03,000\n" + text + "\n")


@pytest.mark.parametrize("lang,text", [("en", "Hello there, my friend."),
                                       ("ru", "Привет, мой друг."),
                                       ("kk", "Сәлем, досым."),
                                       ("zh-Hans", "你好，我的朋友。")])
def test_supported_languages_get_no_l004(tmp_path, capsys, lang, text):
    code, data = report([str(_track(tmp_path, text)), "--lang", lang], capsys)
    assert "L004" not in _codes(data["files"][0])


@pytest.mark.parametrize("lang", ["yo", "tlh"])
def test_a_language_without_data_gets_one_l004(tmp_path, capsys, lang):
    code, data = report([str(_track(tmp_path, "Hello there, my friend.")), "--lang", lang],
                        capsys)
    (l004,) = [x for x in data["files"][0]["findings"] if x["code"] == "L004"]
    assert l004["severity"] == "info" and l004["cue"] is None
    assert lang in l004["message"]
    assert "L001 cue-wrong-language" in l004["message"]
    assert l004["data"] == {"language": lang, "rules_not_run": ["L001", "L002", "L003"]}


def test_l004_names_only_the_language_rules_that_would_have_run(tmp_path, capsys):
    path = str(_track(tmp_path, "Hello there, my friend."))
    code, data = report([path, "--lang", "yo", "--ignore", "L001"], capsys)
    (l004,) = [x for x in data["files"][0]["findings"] if x["code"] == "L004"]
    assert l004["data"]["rules_not_run"] == ["L002", "L003"]
    # near miss: no language rule enabled, nothing lost, nothing said
    code, data = report([path, "--lang", "yo", "--ignore", "L001,L002,L003"], capsys)
    assert "L004" not in _codes(data["files"][0])


def test_l004_matches_where_the_language_rules_give_up(tmp_path):
    """has_language_data is exactly the condition under which the shared language analysis of
    L001-L003 returns None for a declared language."""
    from subqa.language import has_language_data
    from subqa.profiles import load_profile
    from subqa.engine import TrackJob
    from subqa.checks.base import Context
    from subqa.checks.language import analyse

    track = load_track(_track(tmp_path, "Hello there, my friend."))
    for lang in ("en", "ru", "kk", "zh-Hans", "yo", "tlh", "bs"):
        ctx = Context(TrackJob(track=track.replace(language=lang), language=lang,
                               profile=load_profile("netflix"), fps=24.0))
        assert (analyse(ctx) is not None) == has_language_data(lang), lang


def test_stl_files_in_a_folder_are_checked_only_when_they_are_ebu_stl(tmp_path, capsys):
    # .stl is also the 3D-model extension: a model beside the subtitles is not read as one
    from test_formats_stl import gsi, tti

    (tmp_path / "model.stl").write_bytes(b"solid cube\n  facet normal 0 0 1\nendsolid cube\n")
    (tmp_path / "film.en.stl").write_bytes(gsi(blocks=1) + tti(1, (0, 0, 1, 0), (0, 0, 3, 0),
                                                                 b"Hello there."))
    assert names(tmp_path) == ["film.en.stl"]


def test_reading_a_subrip_file_loads_no_other_reader():
    import subprocess
    import sys

    code = ("import sys; from subqa.formats import parse_bytes; "
            "parse_bytes(b'1\\n00:00:01,000 --> 00:00:02,000\\nHi\\n', 'a.srt'); "
            "print(sorted(m for m in sys.modules if m.startswith('subqa.formats.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "subqa.formats.srt" in out
    for other in ("ass", "scc", "stl", "ttml", "vtt"):
        assert f"subqa.formats.{other}'" not in out, out
