import json

import pytest

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


# --- identities of findings on no cue: file-level findings and missing translations ---------

SOURCE = ("1\n00:00:01,000 --> 00:00:03,000\nWhere are you going?\n\n"
          "2\n00:00:04,000 --> 00:00:06,000\nTo the market, before it closes.\n\n"
          "3\n00:00:07,000 --> 00:00:09,000\nTake the umbrella with you.\n\n"
          "4\n00:00:10,000 --> 00:00:12,000\nThank you, see you tonight.\n")
TRANSLATION = ("1\n00:00:01,000 --> 00:00:03,000\nКуда ты идёшь?\n\n"
               "2\n00:00:04,000 --> 00:00:06,000\nНа рынок, пока он не закрылся.\n\n"
               "3\n00:00:10,000 --> 00:00:12,000\nСпасибо, до вечера.\n")
OPENING = "1\n00:00:00,000 --> 00:00:00,900\n{text}\n\n"


def _renumbered(srt, first):
    """The SRT's cue numbers starting at ``first`` (times and texts unchanged)."""
    blocks = srt.strip("\n").split("\n\n")
    return "\n\n".join(str(first + k) + b[b.index("\n"):] for k, b in enumerate(blocks)) + "\n"


def _check(tmp_path, *args):
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "film.ru.srt"), "--source-lang", "en",
                                 "--format", "json", *args])
    return r, json.loads(r.output) if r.output.startswith("{") else None


def _x003(data):
    return [(f["code"], f["data"]["source_text"]) for f in data["files"][0]["findings"]]


def test_known_missing_translation_stays_known_when_a_cue_is_inserted_above_it(tmp_path):
    (tmp_path / "film.en.srt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "film.ru.srt").write_text(TRANSLATION, encoding="utf-8")
    r, data = _check(tmp_path)
    assert _x003(data) == [("X003", "Take the umbrella with you.")]
    _check(tmp_path, "--write-baseline", str(tmp_path / "b.json"))
    assert "source cue 3 (00:00:07.000" in data["files"][0]["findings"][0]["message"]

    # both tracks get a new first cue: source cue 3 becomes cue 4, its message changes
    (tmp_path / "film.en.srt").write_text(OPENING.format(text="Listen.") + _renumbered(SOURCE, 2),
                                          encoding="utf-8")
    (tmp_path / "film.ru.srt").write_text(OPENING.format(text="Слушай.")
                                          + _renumbered(TRANSLATION, 2), encoding="utf-8")
    r, data = _check(tmp_path)
    assert "source cue 4 (00:00:07.000" in data["files"][0]["findings"][0]["message"]
    r, data = _check(tmp_path, "--baseline", str(tmp_path / "b.json"))
    assert data["files"][0]["findings"] == []
    assert data["baseline"] == {"suppressed": 1, "stale": []}

    # near miss: a new cue of the source without translation is new, the known one stays hidden
    (tmp_path / "film.ru.srt").write_text(TRANSLATION, encoding="utf-8")
    r, data = _check(tmp_path, "--baseline", str(tmp_path / "b.json"))
    assert _x003(data) == [("X003", "Listen.")]
    assert data["baseline"]["suppressed"] == 1


NUMBERED = ("1\n00:00:01,000 --> 00:00:03,000\nI saw the the house.\n\n"
            "2\n00:00:04,000 --> 00:00:06,000\nFine line.\n")
UNNUMBERED = NUMBERED + "\n00:00:07,000 --> 00:00:09,000\nNo number above me.\n"


def _codes_messages(output):
    return [(x["code"], x["message"]) for x in json.loads(output)["files"][0]["findings"]]


def test_file_level_finding_whose_message_names_a_cue_number_stays_known(tmp_path):
    sub = tmp_path / "legacy.en.srt"
    sub.write_text(UNNUMBERED, encoding="utf-8")
    runner = CliRunner()
    runner.invoke(cli, ["check", str(sub), "--write-baseline", str(tmp_path / "b.json")])
    inserted = (OPENING.format(text="Opening.") + _renumbered(NUMBERED, 2)
                + UNNUMBERED[len(NUMBERED):])
    sub.write_text(inserted, encoding="utf-8")
    r = runner.invoke(cli, ["check", str(sub), "--format", "json"])
    assert ("P001", "cue 4 has no number line before its timing line (read; some players drop "
            "such a cue)") in _codes_messages(r.output)          # it was "cue 3"
    r = runner.invoke(cli, ["check", str(sub), "--baseline", str(tmp_path / "b.json"),
                            "--format", "json"])
    assert _codes_messages(r.output) == []
    # near miss: a second unnumbered cue is a second finding of that kind: new
    sub.write_text(inserted + "\n00:00:10,000 --> 00:00:11,000\nMe neither.\n", encoding="utf-8")
    r = runner.invoke(cli, ["check", str(sub), "--baseline", str(tmp_path / "b.json"),
                            "--format", "json"])
    assert _codes_messages(r.output) == [
        ("P001", "cue 5 has no number line before its timing line (read; some players drop "
         "such a cue)")]


def test_identity_strips_numbers_and_times_but_not_codec_names():
    from subqa.baseline import identity
    from subqa.model import Finding, Severity

    def file_level(message, **data):
        return Finding("a.srt", "P002", "x", Severity.INFO, message, None, None, None, None, data)

    assert identity(file_level("cue 17 (00:01:02,500 --> 00:01:04,000) offset 1234")) == \
        "file:cue # (# --> #) offset #"
    assert identity(file_level("decoded as cp1251 (detected)")) != \
        identity(file_level("decoded as cp1252 (detected)"))
    assert identity(file_level("source cue 3 ...", source_text="Hello.")) == "source:Hello."


# written by subqa before format version 2 (file-level findings keyed by their whole message)
LEGACY_V1 = {"version": 1, "tool": "subqa", "entries": [
    {"path": "legacy.en.srt", "code": "F004", "fingerprint": "6bba08aa8fddfbcd", "count": 1},
    {"path": "legacy.en.srt", "code": "P001", "fingerprint": "19f7cf4ef3b7949a", "count": 1}]}


def test_version_1_baseline_is_still_read_and_rewritten_as_version_2(tmp_path):
    sub = tmp_path / "legacy.en.srt"
    sub.write_text(UNNUMBERED, encoding="utf-8")
    (tmp_path / "v1.json").write_text(json.dumps(LEGACY_V1), encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(cli, ["check", str(sub), "--baseline", str(tmp_path / "v1.json"),
                            "--format", "json"])
    assert r.exit_code == 0, r.output
    assert _codes_messages(r.output) == []
    assert json.loads(r.output)["baseline"] == {"suppressed": 2, "stale": []}
    runner.invoke(cli, ["check", str(sub), "--write-baseline", str(tmp_path / "v2.json")])
    v2 = json.loads((tmp_path / "v2.json").read_text())
    assert v2["version"] == 2
    by_code = {e["code"]: e["fingerprint"] for e in v2["entries"]}
    assert by_code["F004"] == "6bba08aa8fddfbcd"     # cue findings: the same key as before
    assert by_code["P001"] != "19f7cf4ef3b7949a"     # file-level: numbers no longer count


@pytest.mark.parametrize("version", [3, None, "2"])
def test_unknown_baseline_version_is_a_one_line_usage_error(tmp_path, capsys, version):
    from subqa.cli import main


    sub = tmp_path / "a.en.srt"
    sub.write_text(BASE, encoding="utf-8")
    data = {"tool": "subqa", "entries": []}
    if version is not None:
        data["version"] = version
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["check", str(sub), "--baseline", str(tmp_path / "b.json")])
    assert exc.value.code == 2
    message = capsys.readouterr().err.strip()
    assert "\n" not in message and "Traceback" not in message
    assert "b.json: baseline format version" in message and "--write-baseline" in message
