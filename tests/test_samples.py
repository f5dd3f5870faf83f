"""End to end: the bundled samples give exactly their planted defects, and each JSON report is
byte-identical to the expected one in samples/expected/ (set SUBQA_REGEN_SAMPLES=1 to rewrite
those after a deliberate change, then review the diff)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from subqa.tomlload import load_toml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PLANTED = load_toml(SAMPLES / "PLANTED.toml")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "subqa", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8")


def test_at_least_five_languages_both_formats():
    names = sorted(PLANTED)
    langs = {n.split(".")[1] for n in names}
    assert {"en", "zh-Hans", "ru", "ar"} <= langs and langs & {"kk", "uz"}
    assert {"srt", "vtt", "ttml", "ass"} <= {n.rsplit(".", 1)[1] for n in names}
    assert sorted(p.name for p in SAMPLES.glob("road_to_kashgar.*") if p.suffix != ".shotchanges") == names


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_sample_reports_exactly_the_planted_defects(name):
    proc = _run("check", f"samples/{name}", "--source-lang", "en", "--format", "json", "-j", "1")
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    found = sorted((f["code"], f["cue"] or 0) for f in report["files"][0]["findings"])
    assert found == sorted(tuple(x) for x in PLANTED[name]["findings"])
    has_error = any(f["severity"] == "error" for f in report["files"][0]["findings"])
    assert proc.returncode == (1 if has_error else 0)

    expected = SAMPLES / "expected" / f"{name}.json"
    if os.environ.get("SUBQA_REGEN_SAMPLES"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(proc.stdout, encoding="utf-8")
    assert proc.stdout == expected.read_text(encoding="utf-8")


def test_folder_run_is_deterministic_and_parallel_equals_serial():
    one = _run("check", "samples", "--source-lang", "en", "--format", "json", "-j", "1")
    again = _run("check", "samples", "--source-lang", "en", "--format", "json", "-j", "1")
    two = _run("check", "samples", "--source-lang", "en", "--format", "json", "-j", "2")
    assert one.stdout == again.stdout == two.stdout
    assert one.returncode == two.returncode == 1
    data = json.loads(one.stdout)
    assert data["summary"]["files"] == len(PLANTED)
    assert data["summary"]["findings"] == sum(len(v["findings"]) for v in PLANTED.values())


def test_text_report_names_line_code_cue_timecode_and_limit():
    proc = _run("check", "samples/road_to_kashgar.en.srt")
    line = next(ln for ln in proc.stdout.splitlines() if "R001" in ln)
    assert "samples/road_to_kashgar.en.srt:47:" in line and "line-too-long" in line
    assert "cue 11 00:00:46.000-00:00:50.000" in line and "59" in line and "42" in line
    assert proc.stdout.rstrip().splitlines()[-1].startswith("1 file, 13 cues:")


def test_exit_codes_fail_on_and_usage_errors():
    assert _run("check", "samples/road_to_kashgar.uz.srt", "--source-lang", "en").returncode == 0
    assert _run("check", "samples/road_to_kashgar.en.srt").returncode == 0       # warnings only
    assert _run("check", "samples/road_to_kashgar.en.srt", "--fail-on", "warning").returncode == 1
    assert _run("check", "samples/road_to_kashgar.ar.srt", "--fail-on", "never").returncode == 0
    assert _run("check", "samples/nope.srt").returncode == 2
    assert _run("check", "samples", "--select", "Q999").returncode == 2
    assert _run("check", "samples", "--profile", "nope").returncode == 2


def test_rules_command_lists_and_explains():
    listing = _run("rules").stdout
    for code in ("P001", "T001", "R003", "F004"):
        assert code in listing
    explained = _run("rules", "R003", "--lang", "ja").stdout
    assert "reading-speed-too-high" in explained and "chars_per_second = 4" in explained
