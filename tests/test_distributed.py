"""Checking on a Dask cluster (--scheduler): the report is byte-identical to -j 1 whatever the
workers and the order they finish in; a worker killed mid-run costs nothing (Dask retries its
tasks); an unreachable scheduler is exit 2 with a message within 60 s; without Dask the option
says how to install it. The cluster is local: a scheduler and two worker processes on
127.0.0.1, started and torn down here."""
import importlib.util
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from subqa import api
from subqa.cli import cli, main
from subqa.model import UsageError
from subqa.scale import cluster as scale_cluster
from subqa.scale.cluster import check_in, scheduler_address

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SUBQA_CORPUS")
              or ROOT.parent / "shared" / "corpus")
REAL = CORPUS / "real"
SAMPLES = ROOT / "samples"

needs_dask = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None,
    reason="Dask distributed is not installed (pip install 'subqa[dask]')")
needs_corpus = pytest.mark.skipif(not REAL.is_dir(), reason=f"no corpus at {REAL}")


@pytest.mark.parametrize("value", ["tcp://host:8786", "tcp://10.0.0.1:8786", "local", "local:3",
                                   "tls://sched.example:8786", " local:1 "])
def test_scheduler_addresses_accepted(value):
    assert scheduler_address(value) == value.strip()


@pytest.mark.parametrize("value", ["", "host:8786", "local:0", "local:x", "http://host:8786",
                                   "tcp://", 8786, None, "tcp://host:8786/path"])
def test_scheduler_addresses_refused(value):
    with pytest.raises(ValueError, match="Dask scheduler address"):
        scheduler_address(value)


def test_a_bad_scheduler_option_is_exit_2_naming_it(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(SAMPLES), "--scheduler", "host:8786"])
    assert exit_info.value.code == 2
    assert "--scheduler 'host:8786': must be a Dask scheduler address" in capsys.readouterr().err


def test_without_dask_the_option_says_how_to_install_it(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)      # import distributed fails
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(SAMPLES), "--scheduler", "local:2"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "pip install 'subqa[dask]'" in err and "Traceback" not in err
    with pytest.raises(UsageError, match="subqa\\[dask\\]"):
        api.check([str(SAMPLES)], scheduler="local:2")


def test_the_configuration_names_the_scheduler(tmp_path):
    from subqa.config import parse_config

    cfg = tmp_path / "subqa.toml"
    cfg.write_text('scheduler = "tcp://dask.internal:8786"\n', encoding="utf-8")
    assert scale_cluster.configured_scheduler([str(tmp_path)], None) == "tcp://dask.internal:8786"
    cfg.write_text('scheduler = "dask.internal"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="scheduler = 'dask.internal': must be a Dask"):
        parse_config(cfg)


def test_a_worker_without_the_clients_folder_gives_p006_on_the_file():
    (job,), _ = api.plan([str(SAMPLES / "road_to_kashgar.en.srt")], use_config=False)
    result = check_in(job, "/nonexistent/client/folder")
    (p006,) = result.findings
    assert p006.code == "P006" and "not on this worker" in p006.message


def test_a_task_lost_for_good_is_p006_on_its_file():
    class KilledWorker(Exception):
        pass

    assert "ended abruptly" in scale_cluster._lost_message(KilledWorker("x"))


# --- on a real local cluster -------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two single-threaded worker processes on 127.0.0.1; closed after."""
    pytest.importorskip("distributed")
    import logging

    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as lc, \
            Client(lc, set_as_default=False) as client:
        yield lc.scheduler_address, client


def json_run(paths, *extra):
    r = CliRunner().invoke(cli, ["check", *map(str, paths), "--no-config", "--format", "json",
                                 *extra])
    assert r.exit_code in (0, 1), r.output
    return r.stdout


@pytest.fixture(scope="module")
def serial_report():
    return json_run([REAL], "-j", "1")


@needs_dask
@needs_corpus
def test_the_report_from_two_workers_is_j1_byte_for_byte(cluster, serial_report):
    address, _client = cluster
    assert address.startswith("tcp://127.0.0.1:")
    assert json_run([REAL], "--scheduler", address) == serial_report


@needs_dask
@needs_corpus
def test_relative_paths_are_the_clients_and_shown_as_given(cluster, monkeypatch):
    address, _client = cluster
    monkeypatch.chdir(REAL.parent)
    serial = json_run(["real/pysrt"], "-j", "1")
    assert '"path": "real/pysrt/' in serial
    assert json_run(["real/pysrt"], "--scheduler", address) == serial


@needs_dask
@needs_corpus
def test_a_worker_killed_mid_run_still_gives_the_full_report(cluster, serial_report):
    address, client = cluster
    killed = []

    def kill_one(done, total):
        if done == 20 and not killed:
            pids = client.run(os.getpid)
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    report = api.check([str(REAL)], use_config=False, scheduler=address, progress=kill_one,
                       keep_tracks=False)
    from subqa.reporters import get_renderer

    assert killed
    assert get_renderer("json")(report) == serial_report
    client.wait_for_workers(2, timeout=60)          # the nanny restarted it


@needs_dask
def test_the_progress_bar_follows_the_futures(cluster):
    address, _client = cluster
    seen = []
    api.check([str(SAMPLES)], use_config=False, scheduler=address,
              progress=lambda done, total: seen.append((done, total)))
    total = seen[-1][1]
    assert seen == [(n, total) for n in range(1, total + 1)]


@needs_dask
def test_a_local_cluster_from_the_option(tmp_path):
    out = json_run([SAMPLES], "--scheduler", "local:1")
    assert out == json_run([SAMPLES], "-j", "1")


@needs_dask
def test_an_unreachable_scheduler_is_exit_2_within_60_seconds(capsys):
    start = time.monotonic()
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(SAMPLES), "--scheduler", "tcp://127.0.0.1:1"])
    elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "cannot reach the Dask scheduler" in err and "Traceback" not in err
    assert elapsed < 60


# --- --ship-files: the workers are sent the bytes of what they read ----------------------


def _report_json(results):
    from subqa.report import Report
    from subqa.reporters import get_renderer

    return get_renderer("json")(Report(files=list(results), profile="netflix", fail_on=None))


def test_a_shipped_check_reads_only_the_bytes_sent(tmp_path, monkeypatch):
    """With the client's files gone (a worker that never saw them), a check from the bytes that
    shipped_files gathered gives what the check of the files gave: the source track found
    beside the track, the shot-change list beside it, the glossary file, and a file over the
    size limit reported unread."""
    import shutil

    from subqa.scale.cluster import check_shipped_batch, shipped_files

    films = tmp_path / "films"
    shutil.copytree(SAMPLES, films, ignore=shutil.ignore_patterns("expected", "*.toml"))
    shutil.copy(ROOT / "tests" / "data" / "glossary" / "planted.tbx", tmp_path / "terms.tbx")
    (films / "huge.en.srt").write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nHi\n" * 40_000)
    monkeypatch.chdir(tmp_path)
    jobs, _ = api.plan(["films"], use_config=False, source_lang="en", glossary=("terms.tbx",),
                       max_size_mb=1)
    assert len(jobs) >= 8 and any(j.path.endswith("huge.en.srt") for j in jobs)
    expected = _report_json(api.check_file(job) for job in jobs)
    assert '"source": "films/road_to_kashgar.en.srt"' in expected
    assert '"shot_changes": "films/road_to_kashgar.shotchanges"' in expected
    sent = [shipped_files(job) for job in jobs]
    assert all(isinstance(s[j.path], int) == j.path.endswith("huge.en.srt")
               for s, j in zip(sent, jobs))
    ru = next(i for i, j in enumerate(jobs) if j.path.endswith("road_to_kashgar.ru.srt"))
    assert set(sent[ru]) == {"films/road_to_kashgar.ru.srt", "films/road_to_kashgar.en.srt",
                             "films/road_to_kashgar.shotchanges", "terms.tbx"}
    films.rename(tmp_path / "gone")
    (tmp_path / "terms.tbx").unlink()
    got = [r for job, s in zip(jobs, sent) for r in check_shipped_batch([job], s)]
    assert _report_json(got) == expected
    # and nothing is read from the disk: a file not sent is missing, as on a worker without it
    (missing,) = check_shipped_batch([jobs[ru]], {})[0].findings
    assert missing.code == "P001" and "no such file" in missing.message


def test_ship_files_needs_a_scheduler_and_a_builtin_profile(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(SAMPLES), "--ship-files"])
    assert exit_info.value.code == 2
    assert "needs --scheduler" in capsys.readouterr().err
    profile = tmp_path / "mine.toml"
    profile.write_text('[profile]\nname = "mine"\nextends = "netflix"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="is a file, which the workers would read"):
        api.check([str(SAMPLES)], use_config=False, profile=str(profile),
                  scheduler="tcp://127.0.0.1:1", ship_files=True)


@needs_dask
def test_shipped_files_on_two_workers_give_the_j1_report(cluster, tmp_path, monkeypatch):
    import shutil

    address, _client = cluster
    shutil.copytree(SAMPLES, tmp_path / "films", ignore=shutil.ignore_patterns("expected"))
    monkeypatch.chdir(tmp_path)
    serial = json_run(["films"], "--source-lang", "en", "-j", "1")
    assert '"source": "films/road_to_kashgar.en.srt"' in serial
    assert json_run(["films"], "--source-lang", "en", "--scheduler", address,
                    "--ship-files") == serial


@needs_dask
def test_the_configuration_ships_the_files_when_it_names_a_scheduler(tmp_path, monkeypatch):
    import shutil

    from subqa.config import parse_config

    films = tmp_path / "films"
    shutil.copytree(SAMPLES, films, ignore=shutil.ignore_patterns("expected", "*.toml"))
    cfg = tmp_path / "subqa.toml"
    cfg.write_text('source-lang = "en"\nship-files = true\n', encoding="utf-8")
    sent = []
    real = scale_cluster.shipped_files
    monkeypatch.setattr(scale_cluster, "shipped_files", lambda job: sent.append(job.path)
                        or real(job))
    local = api.check([str(films)], config=str(cfg), keep_tracks=False)
    assert not sent                        # no scheduler: the setting has nothing to do
    cfg.write_text('source-lang = "en"\nship-files = true\nscheduler = "local:1"\n',
                   encoding="utf-8")
    shipped = api.check([str(films)], config=str(cfg), keep_tracks=False)
    assert len(sent) == len(shipped.files) == len(local.files)
    assert _report_json(shipped.files) == _report_json(local.files)
    cfg.write_text("ship-files = 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="ship-files = 1: must be true or false"):
        parse_config(cfg)


def test_a_shipped_check_reads_subqas_own_data_from_its_installation(tmp_path, monkeypatch):
    """What subqa ships (the seed glossary, profiles, language data) is read from the worker's
    own installation, also with an empty subqa cache: only the user's files are sent."""
    from subqa.scale.cluster import check_shipped_batch, shipped_files

    (job,), _ = api.plan([str(SAMPLES / "road_to_kashgar.en.srt")], use_config=False)
    expected = _report_json([api.check_file(job)])
    monkeypatch.setenv("SUBQA_CACHE_DIR", str(tmp_path / "empty-cache"))
    api._loaded_glossary.cache_clear()             # the seed glossary read anew, on the worker
    (result,) = check_shipped_batch([job], shipped_files(job))
    assert not [f for f in result.findings if f.code == "P006"], result.findings
    assert _report_json([result]) == expected
