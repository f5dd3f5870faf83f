"""Usage is validated before any work (issue 10, item 1): every bad value is a one-line error,
exit 2, naming where it came from (the option, or the file and key); each case has a near miss
that must still be accepted."""
import json
from pathlib import Path

import pytest

from subqa import langtags, values
from subqa.cli import main
from subqa.config import parse_config
from subqa.model import UsageError
from subqa.profiles import load_profile, param_schema

SAMPLE = str(Path(__file__).resolve().parents[1] / "samples" / "road_to_kashgar.en.srt")


def run(argv, capsys):
    """``subqa ARGV`` in-process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def one_line_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("subqa: error: ") and "Traceback" not in err, err
    return lines[0]


# --- language tags --------------------------------------------------------------------------

@pytest.mark.parametrize("bad,meant", [("kz", "'kk'"), ("ua", "'uk'"), ("jp", "'ja'"),
                                       ("cn", "'zh'"), ("rux", "'ru'")])
def test_a_misspelt_tag_is_refused_with_did_you_mean(bad, meant):
    with pytest.raises(ValueError) as exc:
        langtags.check_tag(bad)
    assert "not a registered language tag" in str(exc.value)
    assert f"did you mean {meant}" in str(exc.value)


@pytest.mark.parametrize("bad", ["xx", "xyz", "not a tag!", "", "en--US", "e"])
def test_an_unregistered_or_ill_formed_tag_is_refused(bad):
    with pytest.raises(ValueError, match="language tag"):
        langtags.check_tag(bad)


@pytest.mark.parametrize("tag,expected", [
    ("kk", "kk"), ("uk", "uk"), ("ja", "ja"), ("zh", "zh"), ("en", "en"),
    ("ZH_hans", "zh-Hans"), ("zh-CN", "zh-Hans"), ("rus", "ru"), ("pt-BR", "pt-BR"),
    ("tlh", "tlh"), ("bs", "bs"),                     # registered, no data in subqa: accepted
    ("sh", "sr-Latn"), ("iw", "he"), ("mo", "ro"),    # registry replacements subqa knows
    ("i-klingon", "tlh"),
])
def test_a_registered_tag_is_accepted_and_normalised(tag, expected):
    assert langtags.check_tag(tag) == expected


def test_normalize_is_unchanged_for_its_callers():
    assert langtags.normalize("ZH_hans") == "zh-Hans"
    assert langtags.normalize("rus") == "ru"
    assert langtags.normalize("zh-CN") == "zh-Hans"
    assert langtags.normalize("kz") == "kz"             # shape only, as before
    assert langtags.normalize("not a tag") is None


def test_auto_is_allowed_for_lang_not_for_the_source_language():
    assert values.language("auto") == "auto"
    with pytest.raises(ValueError, match="auto"):
        values.language("auto", allow_auto=False)


# --- command-line options -------------------------------------------------------------------

@pytest.mark.parametrize("argv,needle", [
    (["--fps", "0"], "--fps 0:"), (["--fps", "-5"], "--fps -5:"),
    (["--fps", "nan"], "--fps nan:"), (["--fps", "inf"], "--fps inf:"),
    (["--fps", "301"], "--fps 301:"), (["--fps", "48"], "--fps 48: must be one of the standard"),
    (["--fps", "24.5"], "--fps 24.5:"), (["--fps", "1"], "--fps 1:"),
    (["--max-size", "-1"], "--max-size -1:"), (["--max-size", "0"], "--max-size 0:"),
    (["--max-size", "inf"], "--max-size inf:"), (["--max-size", "nan"], "--max-size nan:"),
    (["-j", "0"], "-j/--jobs 0:"), (["-j", "-3"], "-j/--jobs -3:"),
    (["--lang", "kz"], "did you mean 'kk'"), (["--lang", "xx"], "--lang 'xx'"),
    (["--source-lang", "ua"], "did you mean 'uk'"), (["--source-lang", "auto"], "--source-lang"),
    (["--encoding", "base64"], "--encoding 'base64'"), (["--encoding", "rot13"], "--encoding"),
    (["--encoding", "hex"], "--encoding"), (["--encoding", "zlib"], "--encoding"),
    (["--encoding", "idna"], "--encoding"), (["--encoding", "punycode"], "--encoding"),
    (["--encoding", "no-such-codec"], "unknown encoding"),
    (["--profile", "netflx"], "unknown profile 'netflx'"),
    (["--baseline", "/nonexistent/baseline.json"], "--baseline"),
])
def test_a_bad_check_option_is_exit_2_naming_the_option(capsys, argv, needle):
    code, out, err = run(["check", SAMPLE, "-j", "1", *argv], capsys)
    assert code == 2 and out == ""
    assert needle in one_line_error(err)


@pytest.mark.parametrize("argv", [
    ["--fps", "23.98"], ["--fps", "23.976"], ["--fps", "29.97"], ["--fps", "60"],
    ["--max-size", "0.5"], ["-j", "2"],
    ["--lang", "en"], ["--lang", "auto"], ["--lang", "EN_us"], ["--source-lang", "en"],
    ["--encoding", "utf-8"], ["--encoding", "cp1251"], ["--encoding", "latin-1"],
    ["--profile", "bbc"],
])
def test_near_misses_are_accepted(capsys, argv):
    code, _out, err = run(["check", SAMPLE, "-j", "1", "--fail-on", "never", *argv], capsys)
    assert code == 0, err


def test_a_registered_language_without_data_runs(capsys):
    code, out, err = run(["check", SAMPLE, "-j", "1", "--lang", "tlh", "--format", "json",
                          "--fail-on", "never"], capsys)
    assert code == 0, err
    assert json.loads(out)["files"][0]["language"] == "tlh"


def test_a_deprecated_tag_is_read_as_its_replacement(capsys):
    code, out, err = run(["check", SAMPLE, "-j", "1", "--lang", "sh", "--format", "json",
                          "--fail-on", "never"], capsys)
    assert code == 0, err
    assert json.loads(out)["files"][0]["language"] == "sr-Latn"


def test_options_are_validated_before_any_file_is_read(capsys, monkeypatch, tmp_path):
    import subqa.api

    def no_work(*args, **kwargs):
        raise AssertionError("checking started before the options were validated")

    monkeypatch.setattr(subqa.api, "check", no_work)
    target = tmp_path / "reports" / "r.json"
    code, _out, err = run(["check", SAMPLE, "--fps", "0", "--format", f"json:{target}"], capsys)
    assert code == 2 and "--fps 0" in one_line_error(err)
    assert not target.parent.exists()                   # nothing created for a refused run


# --- report paths ---------------------------------------------------------------------------

def test_a_missing_report_folder_is_created(capsys, tmp_path):
    report = tmp_path / "out" / "deep" / "r.json"
    baseline = tmp_path / "base" / "b.json"
    code, _out, err = run(["check", SAMPLE, "-j", "1", "--fail-on", "never",
                           "--format", f"json:{report}"], capsys)
    assert code == 0, err
    assert json.loads(report.read_text(encoding="utf-8"))["files"]
    code, _out, err = run(["check", SAMPLE, "-j", "1", "--write-baseline", str(baseline)], capsys)
    assert code == 0 and baseline.is_file(), err
    code, _out, err = run(["check", SAMPLE, "-j", "1", "--fail-on", "never",
                           "-o", str(tmp_path / "o" / "r.txt")], capsys)
    assert code == 0 and (tmp_path / "o" / "r.txt").is_file(), err


@pytest.mark.parametrize("flag", ["--format", "-o", "--write-baseline"])
def test_a_folder_as_report_path_is_refused(capsys, tmp_path, flag):
    value = f"json:{tmp_path}" if flag == "--format" else str(tmp_path)
    code, _out, err = run(["check", SAMPLE, "-j", "1", flag, value], capsys)
    line = one_line_error(err)
    assert code == 2 and ("is a directory" in line or "a folder; give a file path" in line)


def test_a_report_path_below_a_file_is_refused(capsys, tmp_path):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    code, _out, err = run(["check", SAMPLE, "-j", "1",
                           "--format", f"json:{tmp_path / 'file.txt' / 'r.json'}"], capsys)
    assert code == 2 and "is a file, not a folder" in one_line_error(err)


# --- profile .toml --------------------------------------------------------------------------

def _profile(tmp_path, body):
    path = tmp_path / "house.toml"
    path.write_text('[profile]\nextends = "netflix"\n' + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body,needles", [
    ("[params]\nmax_linez = 3\n", ["[params] max_linez", "unknown parameter", "max_lines",
                                   "chars_per_second", "fps"]),
    ("[lang.ru]\nchars_per_secnd = 3\n", ["[lang.ru] chars_per_secnd", "unknown parameter"]),
    ("[params]\nmax_lines = -1\n", ["max_lines = -1", "above 0"]),
    ("[params]\nmax_lines = 0\n", ["max_lines = 0"]),
    ('[params]\nmax_lines = "three"\n', ["max_lines = 'three'", "must be a number"]),
    ("[params]\nchars_per_second = 0\n", ["chars_per_second = 0"]),
    ("[params]\nfps = 0\n", ["fps = 0", "at least 1"]),
    ("[params]\nfps = nan\n", ["fps = nan"]),
    ("[params]\nfps = inf\n", ["fps = inf"]),
    ("[params]\nfps = 48\n", ["fps = 48", "standard frame rates"]),
    ("[params]\nlanguage_p_short = 1.5\n", ["language_p_short", "at most 1"]),
    ("[params]\nrepeat_allowed = \"no\"\n", ["repeat_allowed", "list of words"]),
    ("[params]\nmax_lines = true\n", ["max_lines = True"]),
    ('[severity]\nZ999 = "off"\n', ["[severity] Z999", "no rule"]),
    ('[severity]\nR002 = "loud"\n', ["[severity] R002", "allowed"]),
    ("[lang.xx]\nmax_lines = 1\n", ["[lang.xx]", "not a registered language tag"]),
    ("[params]\nmin_duration_ms = -833\n", ["min_duration_ms = -833"]),
])
def test_a_bad_profile_is_an_error_naming_file_and_key(tmp_path, body, needles):
    path = _profile(tmp_path, body)
    with pytest.raises(UsageError) as exc:
        load_profile(str(path))
    message = str(exc.value)
    assert str(path) in message and "\n" not in message
    for needle in needles:
        assert needle in message


def test_an_unknown_profile_table_key_is_refused(tmp_path):
    path = tmp_path / "house.toml"
    path.write_text('[profile]\nextend = "netflix"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"\[profile\] extend: unknown key"):
        load_profile(str(path))


@pytest.mark.parametrize("body", [
    "[params]\nmax_lines = 3\n", "[params]\nchars_per_second = 14.5\n", "[params]\nfps = 25\n",
    "[params]\nfps = 23.976\n", "[params]\nmin_gap_frames = 0\n", "[params]\ncps_min_chars = 0\n",
    "[params]\nlanguage_p_short = 1\n", '[params]\nrepeat_allowed = ["no"]\n',
    '[severity]\nR002 = "error"\ncue-too-short = "off"\n', "[lang.zh-CN]\nchars_per_line = 15\n",
    "[lang.sh]\nmax_lines = 3\n",
])
def test_a_good_profile_near_miss_loads(tmp_path, body):
    load_profile(str(_profile(tmp_path, body)))


def test_a_registry_replacement_in_a_profile_applies_to_the_replacement(tmp_path):
    prof = load_profile(str(_profile(tmp_path, "[lang.sh]\nmax_lines = 3\n")))
    assert prof.param("max_lines", "sr-Latn") == 3 and prof.param("max_lines", "sr") == 2


def test_the_schema_is_the_rule_catalog_and_the_profile_own_keys():
    from subqa.checks import all_rules

    schema = param_schema()
    declared = {k for r in all_rules() for k in r.params}
    assert set(schema) == declared | {"fps", "fix_max_move_frames"}
    assert schema["max_lines"].kind == "number" and schema["repeat_only"].kind == "words"
    assert schema["fps"].low == 1 and schema["fps"].high == 300


def test_every_built_in_profile_passes_its_own_schema():
    from subqa.profiles import builtin_profiles

    for name in builtin_profiles():
        assert load_profile(name).param("fps") >= 1


def test_a_bad_profile_from_the_command_line_is_exit_2(capsys, tmp_path):
    path = _profile(tmp_path, "[params]\nmax_linez = 3\n")
    code, _out, err = run(["check", SAMPLE, "-j", "1", "--profile", str(path)], capsys)
    assert code == 2 and "max_linez" in one_line_error(err) and str(path) in err


# --- configuration --------------------------------------------------------------------------

@pytest.mark.parametrize("text,needles", [
    ('profile = "netflx"\n', ["profile = 'netflx'", "unknown profile", "netflix, netflix-"]),
    ('select = ["Z9"]\n', ["select = ['Z9']", "'Z9' matches no rule"]),
    ('ignore = ["T", "Q1"]\n', ["ignore = ", "'Q1' matches no rule"]),
    ('[per-file-ignores]\n"*.srt" = ["Z9"]\n', ["[per-file-ignores]", "'Z9'"]),
    ("fps = 0\n", ["fps = 0", "frame rate"]),
    ("fps = nan\n", ["fps = nan"]),
    ("fps = -inf\n", ["fps = -inf"]),
    ("fps = 24.5\n", ["fps = 24.5", "23.976, 24, 25, 29.97, 30, 50, 59.94, 60"]),
    ('[shot-changes]\n"*.srt" = 3\n', ["[shot-changes]", "must be a file path"]),
    ("max-size-mb = -1\n", ["max-size-mb = -1"]),
    ("max-size-mb = inf\n", ["max-size-mb = inf"]),
    ('lang = "kz"\n', ["lang = 'kz'", "did you mean 'kk'"]),
    ('source-lang = "jp"\n', ["source-lang = 'jp'", "did you mean 'ja'"]),
    ('source-lang = "auto"\n', ["source-lang = 'auto'"]),
    ('[languages]\n"legacy/*.srt" = "ua"\n', ["[languages]", "'legacy/*.srt' = 'ua'",
                                              "did you mean 'uk'"]),
    ('encoding = "base64"\n', ["encoding = 'base64'", "not a text encoding"]),
    ('encoding = "punycode"\n', ["encoding = 'punycode'"]),
])
def test_bad_configuration_names_file_and_key(tmp_path, text, needles):
    path = tmp_path / "subqa.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        parse_config(path)
    message = str(exc.value)
    assert message.startswith(f"{path}: ") and "--select" not in message, message
    for needle in needles:
        assert needle in message, message


@pytest.mark.parametrize("text,key,expected", [
    ('profile = "netflix-sdh"\n', "profile", "netflix-sdh"), ('select = ["T", "R001"]\n',
                                                                "select", ("T", "R001")),
    ("fps = 25\n", "fps", 25.0), ("max-size-mb = 0.5\n", "max-size-mb", 0.5),
    ('lang = "kk"\n', "lang", "kk"), ('lang = "auto"\n', "lang", "auto"),
    ('lang = "sh"\n', "lang", "sr-Latn"), ('source-lang = "eng"\n', "source-lang", "en"),
    ('encoding = "cp1251"\n', "encoding", "cp1251"),
    ('[languages]\n"*.srt" = "tlh"\n', "languages", {"*.srt": "tlh"}),
])
def test_good_configuration_near_misses(tmp_path, text, key, expected):
    path = tmp_path / "subqa.toml"
    path.write_text(text, encoding="utf-8")
    assert parse_config(path).values[key] == expected


def test_a_profile_file_named_in_configuration_is_validated_with_the_config_named(tmp_path):
    (tmp_path / "house.toml").write_text("[params]\nmax_lines = 0\n", encoding="utf-8")
    path = tmp_path / "subqa.toml"
    path.write_text('profile = "house.toml"\n', encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        parse_config(path)
    assert str(exc.value).startswith(f"{path}: profile = 'house.toml': ")
    assert "max_lines = 0" in str(exc.value)


def test_bad_configuration_is_exit_2_before_any_work(capsys, tmp_path):
    target = tmp_path / "film.en.srt"
    target.write_bytes(Path(SAMPLE).read_bytes())
    (tmp_path / "subqa.toml").write_text('select = ["Z9"]\n', encoding="utf-8")
    code, _out, err = run(["check", str(target), "-j", "1"], capsys)
    line = one_line_error(err)
    assert code == 2 and str(tmp_path / "subqa.toml") in line and "--select" not in line


# --- subqa score ----------------------------------------------------------------------------

@pytest.mark.parametrize("content,name", [(b"", "empty.en.srt"), (b"WEBVTT\n\n", "head.en.vtt"),
                                          (b"\xef\xbb\xbf", "bom.en.srt")])
@pytest.mark.parametrize("side", ["ref", "hyp"])
def test_score_with_an_empty_track_is_one_line_exit_2(capsys, tmp_path, content, name, side):
    empty = tmp_path / name
    empty.write_bytes(content)
    hyp, ref = (SAMPLE, str(empty)) if side == "ref" else (str(empty), SAMPLE)
    code, out, err = run(["score", hyp, "--ref", ref], capsys)
    assert code == 2 and out == ""
    assert "no cues to score" in one_line_error(err) and name in err


def test_score_of_a_track_against_itself_still_works(capsys):
    code, out, err = run(["score", SAMPLE, "--ref", SAMPLE, "--min-bleu", "99"], capsys)
    assert code == 0 and "BLEU" in out, err


@pytest.mark.parametrize("argv,needle", [
    (["--min-bleu", "nan"], "--min-bleu nan"), (["--min-bleu", "101"], "--min-bleu 101"),
    (["--min-chrf", "-1"], "--min-chrf -1"), (["--max-ter", "inf"], "--max-ter inf"),
    (["--max-ter", "-0.5"], "--max-ter -0.5"), (["--lang", "jp"], "did you mean 'ja'"),
    (["--encoding", "hex"], "--encoding 'hex'"),
])
def test_score_options_are_validated(capsys, argv, needle):
    code, _out, err = run(["score", SAMPLE, "--ref", SAMPLE, *argv], capsys)
    assert code == 2 and needle in one_line_error(err)


def test_a_tag_subqa_knows_does_not_load_the_registry():
    """The registry (langcodes) is loaded only for a tag subqa has no data for."""
    import subprocess
    import sys

    probe = ("import sys\nfrom subqa import values\n"
             "values.language('ru'); values.language('zh-CN'); values.language('auto')\n"
             "before = 'langcodes' in sys.modules\nvalues.language('tlh')\n"
             "print(before, 'langcodes' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]
