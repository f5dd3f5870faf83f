"""Checking files on a Dask ``distributed`` cluster (``--scheduler``;
``pip install 'subqa[dask]'``).

The client plans the run as for ``-j`` (files found, configuration applied, options judged) and
sends each file's FileJob to the cluster; a worker checks it from the client's working folder, so
relative paths mean what they mean to the client and the report shows them as given. Workers need
subqa (the same version) installed and the files at the same paths. Results come back in any
order and are handed on in report order (subqa.scale.ordered), so the report is byte-identical to
``-j 1``. Dask retries the tasks of a worker that is lost; a file whose task fails anyway (its
workers died each time, or a result that cannot come back) is a P006 finding on that file. An
unreachable scheduler is a UsageError (exit 2) after ``CONNECT_TIMEOUT`` seconds."""
from __future__ import annotations

import functools
import os
import re
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..model import UsageError

CONNECT_TIMEOUT = 15          # seconds to reach the scheduler, and for a first worker to join
MAX_BATCH = 64                # files per task at most (10,000 short tracks, local:2: 16 -> 64 a
#                               task took the run from 38.1 to 35.5 s; bench/bench_catalogue.py)
INSTALL_HINT = "pip install 'subqa[dask]' (Dask distributed)"
_ADDRESS = re.compile(r"(tcp|tls|ws|wss|ucx)://[^\s/:]+(:\d{1,5})?\Z|local(:\d+)?\Z")


def scheduler_address(value: object) -> str:
    """A Dask scheduler address (``tcp://host:8786``) or ``local`` / ``local:N`` (a cluster of
    N worker processes on this machine, N default: the number of cores); as subqa.values'
    checks: the value, or ValueError with the reason."""
    if not isinstance(value, str) or not _ADDRESS.match(value.strip()):
        raise ValueError("must be a Dask scheduler address such as tcp://host:8786, or local "
                         "or local:N for N worker processes on this machine")
    value = value.strip()
    if value.startswith("local:") and int(value[6:]) < 1:
        raise ValueError("must be a Dask scheduler address; local:N needs at least 1 worker "
                         "process")
    return value


def configured_scheduler(paths, config) -> str | None:
    """The configuration's ``scheduler`` (``--config``'s, else the one that applies to the first
    path given): a run-wide setting, as ``fail-on``."""
    return _run_setting(paths, config, "scheduler")


def configured_ship_files(paths, config) -> bool:
    """The configuration's ``ship-files`` (run-wide, found as ``scheduler`` is)."""
    return bool(_run_setting(paths, config, "ship-files"))


def _run_setting(paths, config, key: str):
    from ..config import find_config, parse_config

    if config is not None:
        cfg = parse_config(Path(config))
    elif paths:
        cfg = find_config(Path(paths[0]))
    else:
        cfg = None
    return cfg.values.get(key) if cfg is not None else None


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(f"--scheduler needs Dask, which is not installed: {INSTALL_HINT}"
                         ) from None


@contextmanager
def connect(address: str, timeout: float = CONNECT_TIMEOUT):
    """A ``distributed.Client`` to ``address``; for ``local[:N]`` a LocalCluster of N worker
    processes on 127.0.0.1, closed on exit."""
    require_dask()
    import logging

    from distributed import Client, LocalCluster

    address = scheduler_address(address)
    if address.startswith("local"):
        import dask

        workers = int(address[6:]) if ":" in address else (os.cpu_count() or 1)
        # The workers' statistical profiler samples the checking thread every 10 ms and took a
        # quarter of its time (bench/bench_catalogue.py); the nanny hands this to the workers.
        no_profiler = dask.config.set({"distributed.worker.profile.enabled": False})
        with no_profiler, LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                       silence_logs=logging.ERROR) as cluster, \
                Client(cluster, set_as_default=False) as client:
            yield client
        return
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--scheduler {address}: cannot reach the Dask scheduler within "
                         f"{timeout:g} s ({exc}); start one with `dask scheduler` and workers "
                         "with `dask worker ADDRESS`, or use --scheduler local") from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError):
            raise UsageError(f"--scheduler {address}: no Dask worker joined within "
                             f"{timeout:g} s; start workers with `dask worker {address}`"
                             ) from None
        _check_workers(client, address)
        yield client
    finally:
        client.close()


def _worker_version() -> str:
    from .. import __version__

    return __version__


def _check_workers(client, address: str) -> None:
    """Every worker has subqa, at the client's version (else the reports would differ)."""
    from .. import __version__

    try:
        versions = client.run(_worker_version)
    except Exception as exc:
        raise UsageError(f"--scheduler {address}: the workers cannot run subqa "
                         f"({type(exc).__name__}: {exc}); install it on every worker: "
                         f"{INSTALL_HINT}") from None
    wrong = sorted(w for w, v in versions.items() if v != __version__)
    if wrong:
        raise UsageError(f"--scheduler {address}: worker {wrong[0]} has subqa "
                         f"{versions[wrong[0]]}, this client {__version__}; install the same "
                         "version on every worker")


def cluster_completions(file_jobs: list, address: str, window,
                        ship: bool = False) -> Iterator[tuple[int, object]]:
    """(index, FileResult) of each job as the cluster finishes it, submitting no further ahead
    than ``window`` (whose size this sets from the cluster's threads). Files go in batches of
    consecutive files, one task each (a task costs the scheduler and the client about as much
    as checking a short track); a batch whose task fails is sent again one file per task, so
    that only a file that keeps killing its workers is lost (as a P006 finding). ``ship``:
    each task carries the bytes of the files its checks read (:func:`shipped_files`)."""
    from distributed import as_completed

    cwd = os.getcwd()
    run = uuid.uuid4().hex[:12]
    with connect(address) as client:
        threads = sum(w.get("nthreads", 1)
                      for w in client.scheduler_info().get("workers", {}).values()) or 1
        total = len(file_jobs)
        batch = max(1, min(MAX_BATCH, total // (threads * 16)))
        window.size = max(64, 4 * batch * threads)
        inflight: dict = {}
        pending = as_completed(loop=client.loop)
        submitted = 0

        def submit(indexes: list[int]) -> None:
            jobs = [file_jobs[i] for i in indexes]
            key = f"subqa-check-{run}-{indexes[0]}-{len(indexes)}"
            if ship:
                sent: dict = {}
                for job in jobs:
                    sent.update(shipped_files(job))
                fut = client.submit(check_shipped_batch, jobs, sent, pure=False, key=key)
            else:
                fut = client.submit(check_batch, jobs, cwd, pure=False, key=key)
            inflight[fut.key] = indexes
            pending.add(fut)

        def fill() -> None:
            nonlocal submitted
            while submitted < min(total, window.limit):
                end = min(total, submitted + batch, window.limit)
                submit(list(range(submitted, end)))
                submitted = end

        fill()
        for fut in pending:
            indexes = inflight.pop(fut.key)
            try:
                results = fut.result()
            except UsageError:
                raise
            except Exception as exc:
                fut.release()
                if len(indexes) > 1:
                    for i in indexes:
                        submit([i])
                    continue
                results = [_failed(file_jobs[indexes[0]], exc)]
            fut.release()
            for i, result in zip(indexes, results, strict=True):
                yield i, result
            fill()


def _failed(job, exc: BaseException):
    from ..api import internal_error_result

    return internal_error_result(job, "checking", type(exc).__name__, _lost_message(exc))


def _lost_message(exc: BaseException) -> str:
    from ..api import _short

    if type(exc).__name__ == "KilledWorker":
        return "every Dask worker that tried to check this file ended abruptly"
    return _short(exc)


_CWD_LOCK = threading.Lock()
_last_cwd: list[str] = []


def check_batch(jobs: list, cwd: str) -> list:
    """Runs on a worker: check_in for each job, in order."""
    _collect_less_often()
    return [check_in(job, cwd) for job in jobs]


def check_shipped_batch(jobs: list, sent: dict) -> list:
    """Runs on a worker: check each job from the bytes ``sent`` (path as the client named it ->
    bytes, or the size alone of a file over the size limit), never from the worker's disk."""
    from .. import files
    from .packed import check_packed

    _collect_less_often()
    with files.shipped(sent):
        return [check_packed(job) for job in jobs]


def shipped_files(job) -> dict:
    """What a worker needs to check ``job`` without the client's files: path as the job names
    it -> bytes, for the track, the source track the check pairs it with, its shot-change list
    and the glossary files. A file over the job's size limit goes as its size alone (the check
    reports it unread); a file that cannot be read here is left out (the check reports it as a
    -j 1 run would: missing)."""
    from .. import langtags
    from ..api import find_source, shot_changes_path

    path = Path(job.path)
    wanted = [path]
    source_lang = langtags.normalize(job.source_lang) if job.source_lang else None
    try:
        found = find_source(path, Path(job.source) if job.source else None, source_lang)
    except OSError:
        found = None
    if found is not None:
        wanted.append(found)
    shots = shot_changes_path(job, path)
    if shots is not None:
        wanted.append(shots)
    wanted.extend(Path(p) for p in job.glossary or ())
    sent: dict = {}
    for p in wanted:
        try:
            size = p.stat().st_size
            sent[p.as_posix()] = size if size > job.max_bytes else p.read_bytes()
        except OSError:
            continue
    return sent


def check_shippable(file_jobs: list, scheduler: str | None) -> None:
    """UsageError unless the files of ``file_jobs`` can be shipped: only on a cluster, and
    with a built-in profile (a profile file is read by the worker, from its own disk)."""
    from ..profiles import builtin_profiles

    if scheduler is None:
        raise UsageError("--ship-files sends the files to Dask workers: it needs --scheduler")
    builtin = set(builtin_profiles())
    for job in file_jobs:
        if job.profile not in builtin:
            raise UsageError(f"--ship-files: the profile {job.profile!r} is a file, which the "
                             "workers would read from their own disk; use a built-in profile "
                             f"({', '.join(sorted(builtin))}) or run without --ship-files")


@functools.lru_cache(maxsize=None)
def _collect_less_often() -> None:
    """The command line's pace of garbage collection (see subqa/cli.py), once per worker
    process: at the default pace a worker spent about a quarter longer per file."""
    import gc

    low, *_ = gc.get_threshold()
    if low < 50_000:
        gc.set_threshold(50_000, 20, 20)


def check_in(job, cwd: str):
    """Runs on a worker: check one file from the client's working folder ``cwd`` (held for the
    check: a worker with several threads checks one file at a time, which costs nothing, as the
    checks hold the interpreter anyway)."""
    from ..api import _listed_names, internal_error_result
    from .packed import check_packed

    with _CWD_LOCK:
        before = os.getcwd()
        try:
            os.chdir(cwd)
        except OSError as exc:
            return internal_error_result(
                job, "reading", type(exc).__name__,
                f"the client's working folder {cwd} is not on this worker; workers need the "
                "files at the same paths as the client")
        try:
            if _last_cwd != [cwd]:            # folder listings cached by relative path
                _listed_names.cache_clear()
                _last_cwd[:] = [cwd]
            return check_packed(job)
        finally:
            os.chdir(before)
