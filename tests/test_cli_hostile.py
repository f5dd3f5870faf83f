"""Robustness sweep: every option of the commands, given hostile values (zero, negative, NaN,
infinity, huge, empty, wrong type, missing paths, folders for files), ends in exit 2 with a
one-line message on stderr, never a traceback and never an internal error. Runs in-process."""
from pathlib import Path

import pytest

from subqa.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = str(ROOT / "samples" / "road_to_kashgar.en.srt")
MISSING = str(ROOT / "no-such-folder" / "no-such-file.srt")
FOLDER = str(ROOT / "samples")

NUMBERS = ["0", "-5", "nan", "inf", "-inf", "1e308", "", "abc", "[1]"]
TAGS = ["", "kz", "xx", "not a tag", "123", "-", "en--US", "a" * 300]


def _check_cases():
    cases = []
    for value in NUMBERS:
        cases.append(["--fps", value])
        cases.append(["--max-size", value])
    for value in ["0", "-1", "", "x", "1.5", "nan"]:
        cases.append(["-j", value])
    for value in TAGS + ["auto!"]:
        cases.append(["--lang", value])
    for value in TAGS + ["auto"]:
        cases.append(["--source-lang", value])
    for value in ["", "base64", "rot13", "hex", "zlib", "bz2", "uu", "quopri", "idna",
                  "punycode", "undefined", "nope", "utf-8\0"]:
        cases.append(["--encoding", value])
    for value in ["", "netflx", MISSING + ".toml", FOLDER, FOLDER + "/", SAMPLE]:
        cases.append(["--profile", value])
    for value in ["", "Z9", "T,Z9", "0", ",,,Q"]:
        cases.append(["--select", value] if value else ["--select", "Q"])
        cases.append(["--ignore", value] if value else ["--ignore", "Q"])
    for value in ["", "nope", "json:" + FOLDER, "json:" + FOLDER + "/", "html:" + SAMPLE + "/x",
                  ":" + MISSING]:
        cases.append(["--format", value])
    cases.append(["--format", "text", "--format", "json"])
    for value in [FOLDER, FOLDER + "/", SAMPLE + "/r.txt"]:
        cases.append(["-o", value])
        cases.append(["--write-baseline", value])
    for value in ["", "loud", "ERROR"]:
        cases.append(["--fail-on", value])
        cases.append(["--min-severity", value])
    for value in [MISSING, FOLDER, ""]:
        if value != FOLDER:                       # a folder of sources is pairing by name
            cases.append(["--source", value])
        cases.append(["--glossary", value])
        cases.append(["--config", value])
        cases.append(["--baseline", value])
    cases.append(["--source", SAMPLE, FOLDER])   # a source file for several tracks
    cases.append([""])                            # an empty path (not the current folder)
    cases.append(["--no-such-option"])
    cases.append(["--fps"])                       # a value missing
    return cases


def _assert_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    assert exc.value.code == 2, (argv, out, err)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("subqa: error: "), (argv, err)
    assert len(lines[0]) > len("subqa: error: ") + 5, (argv, err)


@pytest.mark.parametrize("argv", _check_cases(), ids=lambda a: " ".join(a)[:60])
def test_check_with_a_hostile_option_is_a_one_line_usage_error(argv, capsys):
    _assert_usage_error(["check", SAMPLE, "-j", "1", *argv], capsys)


@pytest.mark.parametrize("paths", [[MISSING], [""], [SAMPLE, MISSING], []])
def test_check_with_hostile_paths(paths, capsys):
    _assert_usage_error(["check", "-j", "1", *paths], capsys)


def _score_cases():
    cases = []
    for option in ["--min-bleu", "--min-chrf", "--max-ter"]:
        for value in ["-1", "nan", "inf", "-inf", "", "abc"]:
            cases.append([SAMPLE, "--ref", SAMPLE, option, value])
        if option != "--max-ter":                 # a TER gate may be as lax as one likes
            cases.append([SAMPLE, "--ref", SAMPLE, option, "1e308"])
    for value in ["-1", "", "x", "1.5"]:
        cases.append([SAMPLE, "--ref", SAMPLE, "--worst", value])
    for value in TAGS + ["auto"]:
        cases.append([SAMPLE, "--ref", SAMPLE, "--lang", value])
    for value in ["", "base64", "rot13", "idna", "nope"]:
        cases.append([SAMPLE, "--ref", SAMPLE, "--encoding", value])
    for value in ["", "xml"]:
        cases.append([SAMPLE, "--ref", SAMPLE, "--format", value])
    for path in [MISSING, FOLDER, ""]:
        cases.append([path, "--ref", SAMPLE])
        cases.append([SAMPLE, "--ref", path])
    cases.append([SAMPLE])                        # --ref missing
    return cases


@pytest.mark.parametrize("argv", _score_cases(), ids=lambda a: " ".join(a[1:])[:60])
def test_score_with_a_hostile_option_is_a_one_line_usage_error(argv, capsys):
    _assert_usage_error(["score", *argv], capsys)


@pytest.mark.parametrize("argv", [
    ["Z999"], ["--profile", "netflx"], ["--profile", ""], ["--profile", FOLDER],
    ["--profile", MISSING + ".toml"], ["R003", "--lang", "kz"], ["R003", "--lang", ""],
    ["R003", "--lang", "auto"], ["--no-such-option"],
])
def test_rules_with_a_hostile_option_is_a_one_line_usage_error(argv, capsys):
    _assert_usage_error(["rules", *argv], capsys)


@pytest.mark.parametrize("argv", [
    [MISSING], [""], [SAMPLE, "--config", MISSING], [SAMPLE, "--config", FOLDER],
    [SAMPLE, "--config", ""], [],
])
def test_config_with_a_hostile_option_is_a_one_line_usage_error(argv, capsys):
    _assert_usage_error(["config", *argv], capsys)


@pytest.mark.parametrize("argv", [
    [MISSING], [FOLDER], [""], [], [SAMPLE, "--format", "xml"], [SAMPLE],
])
def test_glossary_with_a_hostile_option_is_a_one_line_usage_error(argv, capsys):
    _assert_usage_error(["glossary", *argv], capsys)


@pytest.mark.parametrize("text", [
    "fps = 0\n", "fps = nan\n", 'fps = "25"\n', "max-size-mb = -1\n", "max-size-mb = 1e308\n",
    'lang = ""\n', 'lang = "kz"\n', "lang = 5\n", 'encoding = "rot13"\n', 'encoding = ""\n',
    'profile = ""\n', 'profile = "netflx"\n', 'profile = "missing.toml"\n', 'select = ["Z9"]\n',
    "select = 5\n", 'fail-on = "sometimes"\n', "languages = 5\n", '[languages]\n"*" = "xx"\n',
    '[per-file-ignores]\n"*" = [1]\n', "glossary = []\n" + "x = 1\n", "= broken\n",
])
def test_check_with_a_hostile_configuration_is_a_one_line_usage_error(text, capsys, tmp_path):
    config = tmp_path / "subqa.toml"
    config.write_text(text, encoding="utf-8")
    _assert_usage_error(["check", SAMPLE, "-j", "1", "--config", str(config)], capsys)


@pytest.mark.parametrize("body", [
    "[params]\nmax_linez = 3\n", "[params]\nmax_lines = -1\n", '[params]\nmax_lines = "three"\n',
    "[params]\nfps = 0\n", "[params]\nfps = inf\n", "[params]\nchars_per_second = 0\n",
    "[params]\nchars_per_second = nan\n", '[severity]\nZ999 = "off"\n',
    "[severity]\nT003 = 1\n", "[lang.kz]\nmax_lines = 1\n", "[lang]\nru = 5\n", "params = 5\n",
    '[profile]\nextends = "nope"\n', "[profile]\nextends = 5\n", "\xff\n",
])
def test_check_with_a_hostile_profile_is_a_one_line_usage_error(body, capsys, tmp_path):
    profile = tmp_path / "house.toml"
    profile.write_text(body, encoding="utf-8")
    _assert_usage_error(["check", SAMPLE, "-j", "1", "--profile", str(profile)], capsys)
