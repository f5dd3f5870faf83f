import json

from click.testing import CliRunner

from subqa.cli import cli

BASE = ("1\n00:00:01,000 --> 00:00:03,000\nI saw the the house.\n\n"
        "2\n00:00:04,000 --> 00:00:04,300\nShort.\n\n"
        "3\n00:00:05,000 --> 00:00:07,000\nFine line.\n")


def _codes(output):
    return [(x["code"], x["cue"]) for x in json.loads(output)["files"][0]["findings"]]


def test_baseline_hides_known_findings_survives_insertions_and_catches_new_ones(tmp_path):
    sub = tmp_path / "film.en.srt"
    sub.write_text(BASE, encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(cli, ["check", str(sub), "--write-baseline", str(tmp_path / "b.json")])
    assert r.exit_code == 0, r.output
    entries = json.loads((tmp_path / "b.json").read_text())["entries"]
    assert sorted(e["code"] for e in entries) == ["F004", "T003"]

    # a cue inserted at the start shifts every cue number; a new defect is planted in cue 4
    shifted = ("1\n00:00:00,000 --> 00:00:00,900\nNew opening line.\n\n" + BASE.replace(
        "1\n00:00:01", "2\n00:00:01").replace("2\n00:00:04", "3\n00:00:04").replace(
        "3\n00:00:05,000 --> 00:00:07,000\nFine line.", "4\n00:00:05,000 --> 00:00:07,000\nFine  line."))
    sub.write_text(shifted, encoding="utf-8")
    r = runner.invoke(cli, ["check", str(sub), "--baseline", str(tmp_path / "b.json"),
                            "--format", "json", "--fail-on", "warning"])
    data = json.loads(r.output)
    assert _codes(r.output) == [("F002", 4)]
    assert data["baseline"]["suppressed"] == 2 and data["baseline"]["stale"] == []
    assert r.exit_code == 1

    # the doubled word is fixed: its baseline entry is reported as gone
    sub.write_text(BASE.replace("the the", "the"), encoding="utf-8")
    r = runner.invoke(cli, ["check", str(sub), "--baseline", str(tmp_path / "b.json")])
    assert "1 baseline entry no longer occurs" in r.output
    assert "F004" in r.output.split("baseline:")[1]


def test_second_identical_defect_is_new(tmp_path):
    sub = tmp_path / "a.en.srt"
    sub.write_text(BASE, encoding="utf-8")
    runner = CliRunner()
    runner.invoke(cli, ["check", str(sub), "--write-baseline", str(tmp_path / "b.json")])
    sub.write_text(BASE + "\n4\n00:00:08,000 --> 00:00:10,000\nI saw the the house.\n",
                   encoding="utf-8")
    r = runner.invoke(cli, ["check", str(sub), "--baseline", str(tmp_path / "b.json"),
                            "--format", "json"])
    assert _codes(r.output) == [("F004", 4)]
