"""Worker processes on this machine (``-j N``), results handed on in report order."""
from __future__ import annotations

from typing import Iterator

from .ordered import Window


MAX_BATCH = 16                # files per task at most


def pool_completions(file_jobs: list, workers: int, window: Window) -> Iterator[tuple[int, object]]:
    """(index, FileResult) of each job as its check finishes, in a pool of ``workers`` processes,
    submitting no further ahead than ``window``. Files go in batches of consecutive files, one
    task each (handing a task to a worker and its result back costs the parent about as much as
    checking a short track), at least 16 batches per worker so that the work stays shared out to
    the end. A worker process that dies breaks the pool: the files in flight then are checked
    again, each in a pool of its own (so that only a file that kills its worker is lost, as a
    P006 finding), and a fresh pool goes on with the rest; so is each file of a batch whose
    results cannot come back."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    from ..model import UsageError

    total = len(file_jobs)
    batch = max(1, min(MAX_BATCH, total // (workers * 16)))
    # room for four batches a worker ahead of the next file to hand on: every worker stays busy
    window.size = max(window.size, 4 * batch * workers)
    submitted = 0
    while submitted < total:
        lost: list[int] = []
        with ProcessPoolExecutor(max_workers=workers) as pool:
            inflight = {}
            while True:
                while not lost and submitted < min(total, window.limit):
                    end = min(total, submitted + batch, window.limit)
                    indexes = range(submitted, end)
                    task = pool.submit(check_many, [file_jobs[i] for i in indexes])
                    inflight[task] = indexes
                    submitted = end
                if not inflight:
                    break
                finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for fut in sorted(finished, key=lambda f: inflight[f][0]):
                    indexes = inflight.pop(fut)
                    try:
                        results = fut.result()
                    except BrokenProcessPool:
                        lost.extend(indexes)
                        continue
                    except UsageError:
                        raise
                    except Exception:             # e.g. a result that cannot be sent back
                        lost.extend(indexes)
                        continue
                    yield from zip(indexes, results, strict=True)
        for i in sorted(lost):
            yield i, _alone(file_jobs[i])


def check_many(jobs: list) -> list:
    """Runs in a worker process: check_packed for each job, in order."""
    from .packed import check_packed

    return [check_packed(job) for job in jobs]


def _alone(job):
    """Check one file in a pool of its own; P006 when it kills that worker too."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ..api import internal_error_result
    from ..model import UsageError
    from .packed import check_packed

    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(check_packed, job).result()
        except BrokenProcessPool:
            return internal_error_result(job, "checking", "BrokenProcessPool",
                                         "the worker process checking this file ended abruptly")
        except UsageError:
            raise
        except Exception as exc:
            return internal_error_result(job, "checking", type(exc).__name__, _short(exc))


def _short(exc: BaseException) -> str:
    from ..api import _short as short

    return short(exc)
