"""Streamed output: the JSON document written file by file is the JSON report byte for byte,
JSON Lines carries the same objects, results are handed on in report order whatever order they
finish in, and a streamed run keeps no file's result once written."""
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

import subqa
from subqa import api
from subqa.cli import cli
from subqa.reporters import get_renderer
from subqa.reporters.text import render_statistics
from subqa.scale.ordered import Window, in_report_order
from subqa.scale.stream import RunningSummary, write_streamed
from subqa.reporters.json_stream import JsonStreamWriter
from subqa.reporters.jsonl import JsonlWriter

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = str(ROOT / "samples")


def streamed(paths, writer_class, **options):
    chunks = []
    stream = api.check_stream(paths, use_config=False, **options)
    summary = write_streamed(stream, [writer_class(chunks.append)])
    return "".join(chunks), summary


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_streamed_json_document_is_the_json_report_byte_for_byte(jobs):
    report = subqa.check([SAMPLES], use_config=False, keep_tracks=False)
    text, summary = streamed([SAMPLES], JsonStreamWriter, jobs=jobs)
    assert text == get_renderer("json")(report)
    assert summary.summary() == report.summary()
    assert summary.exit_code() == report.exit_code()
    assert summary.statistics() == render_statistics(report)


def test_an_empty_stream_is_the_empty_json_report():
    from subqa.report import Report
    from subqa.scale.stream import ReportStream

    report = Report(files=[], profile="Netflix")
    chunks = []
    write_streamed(ReportStream([], "Netflix", report.fail_on, 0), [JsonStreamWriter(chunks.append)])
    assert "".join(chunks) == get_renderer("json")(report)


def test_jsonl_is_one_line_per_file_then_the_summary():
    report = subqa.check([SAMPLES], use_config=False, keep_tracks=False)
    text, _ = streamed([SAMPLES], JsonlWriter)
    assert text == get_renderer("jsonl")(report)
    lines = [json.loads(line) for line in text.splitlines()]
    doc = json.loads(get_renderer("json")(report))
    assert lines[:-1] == doc["files"]
    assert lines[-1] == {"version": 1, "tool": doc["tool"], "summary": doc["summary"]}
    assert all("\n" not in line for line in text.splitlines())


def test_cli_writes_jsonl_and_json_in_one_streamed_run(tmp_path):
    out = tmp_path / "run.jsonl"
    r = CliRunner().invoke(cli, ["check", SAMPLES, "--no-config", "-j", "1", "--format", "json",
                                 "--format", f"jsonl:{out}", "--statistics"])
    whole = CliRunner().invoke(cli, ["check", SAMPLES, "--no-config", "-j", "1", "--format",
                                     "json", "--format", "text:" + str(tmp_path / "t.txt")])
    assert r.exit_code == whole.exit_code == 1
    assert r.stdout == whole.stdout
    assert out.read_text(encoding="utf-8").count("\n") == json.loads(r.stdout)["summary"]["files"] + 1
    assert "T002" in r.stderr                 # --statistics goes to stderr beside a JSON report


def test_a_baseline_run_with_jsonl_is_rendered_whole(tmp_path):
    baseline = tmp_path / "b.json"
    CliRunner().invoke(cli, ["check", SAMPLES, "--no-config", "--write-baseline", str(baseline)])
    r = CliRunner().invoke(cli, ["check", SAMPLES, "--no-config", "--baseline", str(baseline),
                                 "--format", "jsonl"])
    last = json.loads(r.stdout.splitlines()[-1])
    assert r.exit_code == 0 and last["summary"]["findings"] == 0
    assert last["baseline"]["suppressed"] > 0


def test_results_are_handed_on_in_report_order_whatever_order_they_finish_in():
    order = list(range(50))
    random.Random(7).shuffle(order)
    ticks = []
    out = list(in_report_order(((i, f"r{i}") for i in order), Window(50),
                               lambda: ticks.append(1)))
    assert out == [f"r{i}" for i in range(50)] and len(ticks) == 50


def test_the_window_bounds_what_waits_for_a_slow_file():
    """A backend that submits only below window.limit: when file 0 is slow, no more than the
    window's size of results wait for it."""
    window = Window(4)
    waiting = []

    def backend():
        submitted, inflight = 0, []
        while submitted < 20 or inflight:
            while submitted < min(20, window.limit):
                inflight.append(submitted)
                submitted += 1
            # file 0 finishes last among those in flight; the others in order
            i = inflight.pop(1) if len(inflight) > 1 and inflight[0] == 0 else inflight.pop(0)
            waiting.append(submitted - window.next)
            yield i, i

    assert list(in_report_order(backend(), window)) == list(range(20))
    assert max(waiting) <= 4


def test_a_missing_result_is_an_error_not_a_silent_gap():
    with pytest.raises(RuntimeError):
        list(in_report_order(iter([(1, "b")]), Window(4)))


def test_a_streamed_run_keeps_no_track_and_no_result():
    import gc

    from subqa.report import FileResult

    def alive() -> int:
        gc.collect()
        return sum(isinstance(o, FileResult) for o in gc.get_objects())

    before = alive()
    stream = api.check_stream([SAMPLES], use_config=False)
    most = 0
    for result in stream:
        assert result.track is None
        del result
        most = max(most, alive() - before)
    assert most <= 1 and alive() == before


def test_running_summary_counts_as_the_report():
    report = subqa.check([SAMPLES], use_config=False, fail_on="warning", keep_tracks=False)
    summary = RunningSummary(report.fail_on)
    for r in report.files:
        summary.add(r)
    assert summary.summary() == report.summary()


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_rendered_by_the_workers_write_the_same_bytes_and_summary(jobs):
    """check_stream(render=...): with -j 2 the workers send back each file's text and the
    counts of its findings (PackedResult); the documents, the summary, the exit code and the
    statistics are those of the results rendered in the client."""
    from subqa.scale.packed import PackedResult

    report = subqa.check([SAMPLES], use_config=False, fail_on="warning", keep_tracks=False)
    chunks: dict = {"json": [], "jsonl": []}
    stream = api.check_stream([SAMPLES], use_config=False, fail_on="warning", jobs=jobs,
                              render=["json", "jsonl"])
    results = list(stream)
    assert all(isinstance(r, PackedResult) for r in results) == (jobs > 1)
    summary = write_streamed(
        _replay(results, stream),
        [JsonStreamWriter(chunks["json"].append), JsonlWriter(chunks["jsonl"].append)])
    assert "".join(chunks["json"]) == get_renderer("json")(report)
    assert "".join(chunks["jsonl"]) == get_renderer("jsonl")(report)
    assert summary.summary() == report.summary()
    assert summary.exit_code() == report.exit_code() == 1
    assert summary.statistics() == render_statistics(report)


def _replay(results, stream):
    from subqa.scale.stream import ReportStream

    return ReportStream(results, stream.profile, stream.fail_on, stream.total)


def test_the_cli_json_and_jsonl_are_the_same_with_one_or_two_workers(tmp_path):
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"run{jobs}.jsonl"
        r = CliRunner().invoke(cli, ["check", SAMPLES, "--no-config", "-j", jobs, "--format",
                                     "json", "--format", f"jsonl:{out}", "--statistics"])
        runs[jobs] = (r.exit_code, r.stdout, r.stderr, out.read_bytes())
    assert runs["1"] == runs["2"] and runs["1"][0] == 1


def test_the_streamed_names_are_the_stream_writers():
    from subqa.scale.stream import STREAMED, stream_formats

    assert STREAMED == tuple(stream_formats())



# --- the text report, streamed ------------------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("group_min", [None, 3, 0])
def test_the_streamed_text_report_is_the_text_report_byte_for_byte(jobs, group_min):
    """Written file by file (by the workers with -j 2, with the run's grouping: default,
    --group-min 3, --no-group), the text report is render() of the whole report."""
    from subqa.reporters.text import GROUP_MIN, TextStreamWriter, render

    group = GROUP_MIN if group_min is None else group_min
    report = subqa.check([SAMPLES], use_config=False, keep_tracks=False, with_fixes=False)
    chunks: list = []
    stream = api.check_stream([SAMPLES], use_config=False, jobs=jobs, render=["text"],
                              group_min=group_min, with_fixes=False)
    summary = write_streamed(stream, [TextStreamWriter(chunks.append, group)])
    assert "".join(chunks) == render(report, group_min=group)
    assert summary.summary() == report.summary()
    assert len(chunks) == len(report.files) + 1


def test_an_empty_stream_is_the_empty_text_report():
    from subqa.report import Report
    from subqa.reporters.text import TextStreamWriter, render
    from subqa.scale.stream import ReportStream

    chunks: list = []
    write_streamed(ReportStream([], "Netflix", None, 0), [TextStreamWriter(chunks.append)])
    assert "".join(chunks) == render(Report(files=[], profile="Netflix"))


def test_the_cli_text_report_is_streamed_and_unchanged(tmp_path, monkeypatch):
    """`subqa check` with the text report (the default) writes it as results arrive, keeps no
    result, works out no fix (text shows none), and prints --statistics after the report on
    standard output as before."""
    from subqa.reporters.text import render, render_statistics

    report = subqa.check([SAMPLES], use_config=False, keep_tracks=False, with_fixes=False)
    seen = []
    real = api.check_stream

    def spy(*args, **kw):
        if kw.get("render"):
            seen.append((sorted(kw["render"]), kw.get("with_fixes"), kw.get("keep_tracks")))
        return real(*args, **kw)

    monkeypatch.setattr(api, "check_stream", spy)
    r = CliRunner().invoke(cli, ["check", SAMPLES, "--no-config", "--statistics"])
    assert seen == [(["text"], False, None)]
    assert r.stdout == render(report) + render_statistics(report)
    assert r.exit_code == report.exit_code()
