import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from subqa.cli import cli
from subqa.config import find_config, parse_config, settings_for
from subqa.model import UsageError

SRT = "1\n00:00:01,000 --> 00:00:03,000\nHello there.\n\n2\n00:00:03,010 --> 00:00:05,000\nSecond  cue.\n"


def _tree(tmp_path, config_text, name="subqa.toml"):
    (tmp_path / name).write_text(config_text, encoding="utf-8")
    sub = tmp_path / "season1" / "trailers"
    sub.mkdir(parents=True)
    (tmp_path / "season1" / "ep1.srt").write_text(SRT, encoding="utf-8")
    (sub / "t1.srt").write_text(SRT, encoding="utf-8")
    return tmp_path


def test_config_found_upward_and_applied(tmp_path):
    root = _tree(tmp_path, 'fps = 25\nignore = ["F002"]\nfail-on = "warning"\n'
                           '[languages]\n"season1/**/*.srt" = "fr"\n'
                           '[per-file-ignores]\n"season1/trailers/*.srt" = ["T005"]\n')
    cfg = find_config(root / "season1" / "ep1.srt")
    assert cfg is not None and cfg.path == root / "subqa.toml"
    st = settings_for(root / "season1" / "ep1.srt", {})
    assert st.get("fps") == 25.0 and st.get("lang") == "fr" and st.get("ignore") == ("F002",)
    assert "per-file-ignores" not in st.values
    st2 = settings_for(root / "season1" / "trailers" / "t1.srt", {"fps": 30.0})
    assert st2.get("per-file-ignores") == ("T005",)
    assert st2.get("fps") == 30.0 and st2.origins["fps"] == "command line"

    result = CliRunner().invoke(cli, ["check", str(root / "season1"), "--format", "json", "-j", "1"])
    data = json.loads(result.output)
    by_path = {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in data["files"]}
    # ep1: T005 (10 ms gap) is a warning and fail-on = warning -> exit 1; F002 ignored
    assert by_path["ep1.srt"] == ["T005"]
    assert by_path["t1.srt"] == []            # per-file-ignores drops T005 for trailers
    assert result.exit_code == 1
    assert {f["language"] for f in data["files"]} == {"fr"}


def test_pyproject_tool_table_and_config_command(tmp_path):
    root = _tree(tmp_path, '[project]\nname = "x"\n[tool.subqa]\nprofile = "bbc"\n',
                 name="pyproject.toml")
    result = CliRunner().invoke(cli, ["config", str(root / "season1" / "ep1.srt")])
    assert result.exit_code == 0, result.output
    assert "profile = bbc" in result.output and "pyproject.toml" in result.output
    assert "fail-on = error    # default" in result.output


@pytest.mark.parametrize("text,needle", [
    ("colour = 1\n", "unknown key 'colour'"),
    ('fail-on = "sometimes"\n', "fail-on"),
    ("fps = 0\n", "fps"),
    ('[languages]\n"*.srt" = "not a tag!"\n', "languages"),
    ("profile = \n", "invalid TOML"),
])
def test_bad_configuration_is_an_error_naming_file_and_key(tmp_path, text, needle):
    path = tmp_path / "subqa.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        parse_config(path)
    assert str(path) in str(exc.value) and needle in str(exc.value)


def test_bad_configuration_exits_2(tmp_path):
    root = _tree(tmp_path, "colour = 1\n")
    from subqa.cli import main
    with pytest.raises(SystemExit) as exc:
        main(["check", str(root / "season1" / "ep1.srt")])
    assert exc.value.code == 2


def test_no_config_flag_ignores_files(tmp_path):
    root = _tree(tmp_path, 'ignore = ["T"]\n')
    result = CliRunner().invoke(cli, ["check", "--no-config", "--format", "json", "-j", "1",
                                      str(root / "season1" / "ep1.srt")])
    codes = [x["code"] for x in json.loads(result.output)["files"][0]["findings"]]
    assert "T005" in codes


def test_custom_profile_file_named_in_config_is_relative_to_it(tmp_path):
    root = _tree(tmp_path, 'profile = "profiles/house.toml"\n')
    (root / "profiles").mkdir()
    (root / "profiles" / "house.toml").write_text(
        '[profile]\nname = "house"\nextends = "netflix"\n[params]\nmax_lines = 1\n'
        '[severity]\nR002 = "error"\n', encoding="utf-8")
    (root / "season1" / "two.en.srt").write_text(
        "1\n00:00:01,000 --> 00:00:06,000\nThe first line is long enough on its own,\nand here is the second one.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(root / "season1" / "two.en.srt"),
                                      "--format", "json", "-j", "1"])
    data = json.loads(result.output)
    assert data["tool"]["profile"] == "house"
    assert [(f["code"], f["severity"]) for f in data["files"][0]["findings"]] == [("R002", "error")]
    assert result.exit_code == 1
