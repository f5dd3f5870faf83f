"""One bad file never costs the run: an exception while reading or checking one file (serially
or in a -j worker, or a worker process dying) becomes a P006 finding on that file, whatever the
selection says; the other files' reports are complete and the run exits 1, not 2."""
import json
import multiprocessing
import os
from pathlib import Path

import pytest

from subqa import api
from subqa.cli import main
from subqa.model import SubtitleError

SRT = "1\n00:00:01,000 --> 00:00:03,000\nHello there, my friend.\n\n"
FORK = multiprocessing.get_start_method() == "fork"
needs_fork = pytest.mark.skipif(not FORK, reason="the patch reaches -j workers only when they "
                                "are forked from the test process")


@pytest.fixture
def folder(tmp_path):
    for name in ("a.en.srt", "b.en.srt", "c.en.srt", "d.en.srt"):
        (tmp_path / name).write_text(SRT.replace("Hello", f"Hello {name[0]}"), encoding="utf-8")
    return tmp_path


def run(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", *argv])
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def json_run(folder, capsys, *extra):
    code, out, err = run([str(folder), "--format", "json", "--no-config", *extra], capsys)
    assert "Traceback" not in err
    return code, out, json.loads(out)


def fail_for(name, real, exc=ValueError("boom: the number is far too long\nsecond line")):
    """A stand-in for ``real`` that raises ``exc`` for the file called ``name``."""
    def patched(*args, **kwargs):
        job_or_path = args[0]
        path = getattr(getattr(job_or_path, "track", None), "path", job_or_path)
        if Path(str(path)).name == name:
            raise exc
        return real(*args, **kwargs)
    return patched


def by_name(data):
    return {Path(f["path"]).name: f for f in data["files"]}


def assert_complete(data, bad, stage, exc_type="ValueError"):
    files = by_name(data)
    assert sorted(files) == ["a.en.srt", "b.en.srt", "c.en.srt", "d.en.srt"]
    (p006,) = files[bad]["findings"]
    assert p006["code"] == "P006" and p006["severity"] == "error"
    assert p006["line"] is None and p006["cue"] is None
    assert p006["data"]["exception"] == exc_type and p006["data"]["stage"] == stage
    assert p006["message"].startswith(f"internal error while {stage} {files[bad]['path']}: "
                                      f"{exc_type}")
    assert p006["message"].endswith("; please report")
    for name, f in files.items():
        if name != bad:
            assert f["cues"] == 1 and all(x["code"] != "P006" for x in f["findings"])
    return p006


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=needs_fork)])
def test_an_exception_in_a_rule_run_is_p006_on_that_file(folder, capsys, monkeypatch, jobs):
    monkeypatch.setattr(api, "run_rules", fail_for("b.en.srt", api.run_rules))
    code, _out, data = json_run(folder, capsys, "-j", jobs)
    p006 = assert_complete(data, "b.en.srt", "checking")
    assert p006["message"].endswith("ValueError: boom: the number is far too long; please report")
    bad = by_name(data)["b.en.srt"]        # what was read before the failure is kept
    assert (bad["format"], bad["cues"], bad["language"], bad["encoding"]) == \
        ("srt", 1, "en", "utf-8")
    assert code == 1
    assert data["summary"]["files"] == 4


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=needs_fork)])
def test_an_exception_in_a_reader_is_p006_on_that_file(folder, capsys, monkeypatch, jobs):
    monkeypatch.setattr(api, "load_track", fail_for("c.en.srt", api.load_track,
                                                    RecursionError("too deep")))
    code, _out, data = json_run(folder, capsys, "-j", jobs)
    assert_complete(data, "c.en.srt", "reading", "RecursionError")
    assert code == 1


@needs_fork
def test_reports_are_byte_identical_between_j1_and_j2(folder, capsys, monkeypatch):
    monkeypatch.setattr(api, "run_rules", fail_for("a.en.srt", api.run_rules))
    outputs = [json_run(folder, capsys, "-j", jobs)[1] for jobs in ("1", "2")]
    assert outputs[0] == outputs[1]


def test_p006_is_reported_whatever_the_selection_says(folder, capsys, monkeypatch):
    monkeypatch.setattr(api, "run_rules", fail_for("d.en.srt", api.run_rules))
    code, _out, data = json_run(folder, capsys, "-j", "1", "--select", "T001", "--ignore", "P",
                                "--min-severity", "error")
    assert [x["code"] for x in by_name(data)["d.en.srt"]["findings"]] == ["P006"]
    assert code == 1
    # near miss: without the failure the same run is clean and exits 0
    monkeypatch.undo()
    code, _out, data = json_run(folder, capsys, "-j", "1", "--select", "T001", "--ignore", "P",
                                "--min-severity", "error")
    assert data["summary"]["findings"] == 0 and code == 0


def dying_on(name):
    """A stand-in for api.run_rules whose process ends abruptly on the file called ``name``."""
    real = api.run_rules

    def patched(job, *args, **kwargs):
        if Path(job.track.path).name == name:
            os._exit(3)
        return real(job, *args, **kwargs)
    return patched


@needs_fork
def test_a_worker_process_that_dies_costs_only_its_file(folder, capsys, monkeypatch):
    monkeypatch.setattr(api, "run_rules", dying_on("b.en.srt"))
    code, _out, data = json_run(folder, capsys, "-j", "2")
    p006 = assert_complete(data, "b.en.srt", "checking", "BrokenProcessPool")
    assert "ended abruptly" in p006["message"]
    assert code == 1



@needs_fork
def test_a_worker_that_dies_in_a_batch_of_files_costs_only_its_file(tmp_path, capsys,
                                                                    monkeypatch):
    # 130 files on 2 workers go 4 to a task (at least 16 tasks a worker): the dying file's
    # batch-mates are checked again on their own and reported as the others are
    from subqa.scale import pool

    names = [f"f{i:03d}.en.srt" for i in range(130)]
    for name in names:
        (tmp_path / name).write_text(SRT, encoding="utf-8")
    assert max(1, min(pool.MAX_BATCH, len(names) // (2 * 16))) == 4
    monkeypatch.setattr(api, "run_rules", dying_on("f061.en.srt"))
    code, _out, data = json_run(tmp_path, capsys, "-j", "2")
    files = by_name(data)
    assert sorted(files) == names                          # every file, in report order
    assert [Path(f["path"]).name for f in data["files"]] == names
    assert [x["code"] for x in files["f061.en.srt"]["findings"]] == ["P006"]
    for mate in ("f060.en.srt", "f062.en.srt", "f063.en.srt"):
        assert all(x["code"] != "P006" for x in files[mate]["findings"])
    assert code == 1

def test_a_file_that_cannot_be_read_is_a_p001_not_a_lost_run(folder, capsys, monkeypatch):
    monkeypatch.setattr(api, "load_track", fail_for(
        "a.en.srt", api.load_track, SubtitleError("a.en.srt: permission denied")))
    code, _out, data = json_run(folder, capsys, "-j", "1", "--select", "T")
    files = by_name(data)
    assert [(x["code"], x["message"]) for x in files["a.en.srt"]["findings"]] == \
        [("P001", "a.en.srt: permission denied")]
    assert len(files) == 4 and code == 1


def test_the_source_track_failing_is_p006_on_the_translation(tmp_path, capsys, monkeypatch):
    (tmp_path / "film.en.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "film.ru.srt").write_text(SRT.replace("Hello there, my friend.", "Привет."),
                                          encoding="utf-8")
    real = api.load_track

    def fail_source(path, **kwargs):
        if Path(path).name == "film.en.srt":
            raise KeyError("cue")
        return real(path, **kwargs)

    monkeypatch.setattr(api, "load_track", fail_source)
    code, _out, data = json_run(tmp_path / "film.ru.srt", capsys, "-j", "1",
                                "--source-lang", "en")
    (p006,) = data["files"][0]["findings"]
    assert p006["data"]["stage"] == "reading the source track of"
    assert p006["data"]["exception"] == "KeyError"


def test_check_file_never_raises_for_a_file(tmp_path, monkeypatch):
    path = tmp_path / "a.srt"
    path.write_text(SRT, encoding="utf-8")
    job = api.plan([path], use_config=False)[0][0]
    monkeypatch.setattr(api, "run_rules", fail_for("a.srt", api.run_rules, MemoryError()))
    result = api.check_file(job)
    assert [(f.code, f.message) for f in result.findings] == \
        [("P006", f"internal error while checking {path.as_posix()}: MemoryError; "
                  "please report")]
    assert result.findings[0].data["where"].startswith("test_isolation.py:")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_usage_error_is_still_the_whole_runs_exit_2(folder, capsys, jobs):
    code, out, err = run([str(folder), "--format", "json", "--no-config", "-j", jobs,
                          "--lang", "not a tag"], capsys)
    assert code == 2 and out == "" and "--lang" in err and "P006" not in err


def test_the_pool_keeps_every_worker_busy_whatever_the_batch(monkeypatch):
    # 8 workers, 4,096 files: batches of 16, and room ahead for four batches a worker (the
    # window of 64 files alone would have kept only 4 tasks, half the workers, busy)
    from concurrent import futures

    from subqa.scale import pool
    from subqa.scale.ordered import Window, in_report_order

    in_flight: list[int] = []

    class Executor:
        def __init__(self, max_workers):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, fn, jobs):
            fut = futures.Future()
            fut.set_result(fn(jobs))
            in_flight.append(len(jobs))
            return fut

    real_wait = futures.wait
    before_first_wait: list[int] = []

    def wait(fs, return_when):
        if not before_first_wait:
            before_first_wait.append(len(in_flight))
        return real_wait(fs, return_when=return_when)

    monkeypatch.setattr(futures, "ProcessPoolExecutor", Executor)
    monkeypatch.setattr(futures, "wait", wait)
    monkeypatch.setattr(pool, "check_many", lambda jobs: [f"done {j}" for j in jobs])
    window = Window(64)
    results = list(in_report_order(pool.pool_completions(list(range(4096)), 8, window), window))
    assert results == [f"done {i}" for i in range(4096)]
    assert before_first_wait == [32]            # four batches of 16 for each of 8 workers
