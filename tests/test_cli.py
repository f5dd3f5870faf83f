import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import subqa
from subqa.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EN = str(ROOT / "samples" / "road_to_kashgar.en.srt")


def test_max_size_turns_a_large_file_into_a_file_level_p001(tmp_path):
    r = CliRunner().invoke(cli, ["check", EN, "--max-size", "0.0005", "--format", "json"])
    f = json.loads(r.output)["files"][0]
    assert f["cues"] == 0
    assert [(x["code"], x["line"], x["cue"]) for x in f["findings"]] == [("P001", None, None)]
    assert "limit" in f["findings"][0]["message"]
    assert r.exit_code == 1


def test_several_formats_in_one_run_and_statistics(tmp_path):
    out_json = tmp_path / "r.json"
    r = CliRunner().invoke(cli, ["check", EN, "--format", "text", "--format", f"json:{out_json}",
                                 "--statistics", "-j", "1"])
    assert "road_to_kashgar.en.srt:47: R001" in r.output
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["summary"]["by_code"] == {"F003": 1, "F004": 1, "R001": 1, "T003": 1, "T007": 1,
                                         "T008": 1, "T009": 1}
    stats = [ln.split() for ln in r.output.splitlines() if ln.strip().startswith("1  ")]
    assert sorted(s[1] for s in stats) == ["F003", "F004", "R001", "T003", "T007", "T008", "T009"]


def test_two_formats_to_stdout_is_a_usage_error():
    r = CliRunner().invoke(cli, ["check", EN, "--format", "text", "--format", "json"])
    assert r.exit_code != 0 and "standard output" in str(r.exception or r.output)


def test_python_dash_m_and_library_api_agree():
    proc = subprocess.run([sys.executable, "-m", "subqa", "check", EN, "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    cli_codes = [f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]]
    report = subqa.check([EN])
    assert [f.code for f in report.findings] == cli_codes
    assert report.exit_code() == proc.returncode == 0


def test_json_report_is_the_documented_structure_and_valid_json():
    from subqa.reporters.json_report import render, to_dict

    report = subqa.check([str(ROOT / "samples")], source_lang="en")
    text = render(report)
    assert json.loads(text) == json.loads(json.dumps(to_dict(report)))
    data = json.loads(text)
    assert data["version"] == 1 and set(data) == {"version", "tool", "files", "summary"}
    for f in data["files"]:
        assert {"path", "format", "language", "encoding", "cues", "findings"} <= set(f)
        for x in f["findings"]:
            assert set(x) - {"fix"} == {"code", "name", "severity", "message", "line", "cue",
                                        "cue_id", "start_ms", "end_ms", "data"}
            if "fix" in x:                # a finding `subqa fix` can fix
                assert set(x["fix"]) == {"applicability", "description"}
                assert x["fix"]["applicability"] in ("safe", "unsafe")
            assert x["cue_id"] is None or (x["cue"] is not None and isinstance(x["cue_id"], str))
            if x["cue"] is None and x["data"].get("side") != "source":
                assert x["start_ms"] is None and x["end_ms"] is None
            elif x["cue"] is None:      # a missing translation: at its source cue's time
                assert (x["start_ms"], x["end_ms"]) == (x["data"]["start_ms"], x["data"]["end_ms"])


def test_progress_bar_only_on_a_terminal_and_for_more_than_a_few_files(capsys):
    from subqa.cli import _progress_reporter

    assert _progress_reporter(False) is None
    report = _progress_reporter(True)
    report(1, 3)
    assert capsys.readouterr().err == ""           # three files: no bar
    for done in range(1, 11):
        report(done, 10)
    err = capsys.readouterr().err
    assert "10/10 files" in err and err.count("\r") == 10 and err.endswith("\n")


def test_batch_progress_reaches_every_file_in_parallel(tmp_path):
    seen = []
    for i in range(5):
        (tmp_path / f"ep{i}.en.srt").write_text(
            f"1\n00:00:01,000 --> 00:00:03,000\nEpisode {i}.\n", encoding="utf-8")
    serial = subqa.check([str(tmp_path)], jobs=1)
    parallel = subqa.check([str(tmp_path)], jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert sorted(seen) == [(d, 5) for d in range(1, 6)]
    assert [r.path for r in parallel.files] == [r.path for r in serial.files]
    assert [f.to_dict() for f in parallel.findings] == [f.to_dict() for f in serial.findings]


def test_cues_are_kept_for_the_html_report_only_when_asked(tmp_path):
    lean = subqa.check([EN], keep_tracks=False)
    assert lean.files[0].track is None and lean.files[0].cues == 13
    full = subqa.check([EN])
    assert len(full.files[0].track.cues) == 13
    assert [f.to_dict() for f in lean.findings] == [f.to_dict() for f in full.findings]
    html = tmp_path / "r.html"
    r = CliRunner().invoke(cli, ["check", EN, "--format", f"html:{html}", "-j", "1"])
    assert r.exit_code == 0 and "Abdulla has baked bread here for 35 years." in html.read_text(
        encoding="utf-8")


def test_fixes_are_worked_out_only_for_reports_that_show_them(tmp_path):
    # JSON shows each finding's fix; the text report does not, so a text-only check does not
    # read the file a second time to find them (the library default keeps them)
    import subqa
    from subqa import reporters

    assert reporters.needs(["text", "json"], "fixes") and not reporters.needs(["text"], "fixes")
    assert reporters.needs(["html"], "tracks") and not reporters.needs(["sarif"], "tracks")
    path = tmp_path / "film.en.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nHello  there\n", encoding="utf-8")
    with_fix = subqa.check([path], use_config=False).findings
    without = subqa.check([path], use_config=False, with_fixes=False).findings
    assert [f.code for f in with_fix] == [f.code for f in without] == ["F002"]
    assert with_fix[0].fix is not None and without[0].fix is None


def test_fix_regions_are_kept_only_for_sarif(tmp_path, monkeypatch):
    # only SARIF shows a fix's edits as line/column regions; JSON shows the fix without them,
    # so a JSON check does not keep them (about 175 bytes per fixable finding)
    import json

    import subqa
    from subqa import api, reporters
    from subqa.fixes.base import Region

    assert reporters.needs(["json", "sarif"], "fix_regions")
    assert not reporters.needs(["json", "jsonl", "text"], "fix_regions")
    path = tmp_path / "film.en.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nHello  there\n", encoding="utf-8")
    full = subqa.check([path], use_config=False).findings[0].fix
    lean = subqa.check([path], use_config=False, fix_regions=False).findings[0].fix
    assert full.regions == (Region(3, 7, 3, 8, ""),) and lean.regions == ()
    assert lean.to_dict() == full.to_dict()
    seen = []
    real, real_stream = api.check, api.check_stream

    def spy(*args, **kw):
        seen.append(("whole", kw.get("fix_regions")))
        return real(*args, **kw)

    def spy_stream(*args, **kw):
        # streamed reports (text, json, jsonl) never keep regions: render= turns them off
        if kw.get("render"):                   # (api.check streams too, rendering nothing)
            seen.append(("streamed", sorted(kw["render"])))
        return real_stream(*args, **kw)

    monkeypatch.setattr(api, "check", spy)
    monkeypatch.setattr(api, "check_stream", spy_stream)
    for fmt in ("json", "sarif"):
        out = tmp_path / f"r.{fmt}"
        r = CliRunner().invoke(cli, ["check", str(path), "--no-config", "--format",
                                     f"text:{tmp_path / 'r.txt'}", "--format", f"{fmt}:{out}"])
        assert r.exit_code == 0, r.output          # F002 is a warning: no failure
        doc = json.loads(out.read_text(encoding="utf-8"))
        if fmt == "json":
            assert doc["files"][0]["findings"][0]["fix"]["applicability"] == "safe"
        else:
            change = doc["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]
            assert change["replacements"][0]["deletedRegion"]["startColumn"] == 7
    assert seen == [("streamed", ["json", "text"]), ("whole", True)]


def test_no_progress_line_runs_into_a_report_streamed_to_the_same_terminal():
    from subqa.cli import _show_progress

    to_stdout, to_file = [("text", None)], [("text", "r.txt")]
    assert not _show_progress(to_stdout, True, stdout_tty=True, stderr_tty=True)
    assert _show_progress(to_stdout, True, stdout_tty=False, stderr_tty=True)   # > report.txt
    assert _show_progress(to_file, True, stdout_tty=True, stderr_tty=True)
    assert _show_progress(to_stdout, False, stdout_tty=True, stderr_tty=True)   # rendered whole
    assert not _show_progress(to_file, True, stdout_tty=True, stderr_tty=False)
