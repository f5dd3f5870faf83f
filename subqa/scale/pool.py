"""Worker processes on this machine (``-j N``), results handed on in report order."""
from __future__ import annotations

from typing import Iterator

from .ordered import Window


def pool_completions(file_jobs: list, workers: int, window: Window) -> Iterator[tuple[int, object]]:
    """(index, FileResult) of each job as its check finishes, in a pool of ``workers`` processes,
    submitting no further ahead than ``window``. A worker process that dies breaks the pool:
    the files in flight then are checked again, each in a pool of its own (so that only a file
    that kills its worker is lost, as a P006 finding), and a fresh pool goes on with the rest."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    from ..api import internal_error_result
    from ..model import UsageError
    from .packed import check_packed

    total = len(file_jobs)
    submitted = 0
    while submitted < total:
        lost: list[int] = []
        with ProcessPoolExecutor(max_workers=workers) as pool:
            inflight = {}
            while True:
                while not lost and submitted < min(total, window.limit):
                    inflight[pool.submit(check_packed, file_jobs[submitted])] = submitted
                    submitted += 1
                if not inflight:
                    break
                finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for fut in sorted(finished, key=inflight.__getitem__):
                    i = inflight.pop(fut)
                    try:
                        result = fut.result()
                    except BrokenProcessPool:
                        lost.append(i)
                        continue
                    except UsageError:
                        raise
                    except Exception as exc:      # e.g. a result that cannot be sent back
                        result = internal_error_result(file_jobs[i], "checking",
                                                       type(exc).__name__, _short(exc))
                    yield i, result
        for i in sorted(lost):
            yield i, _alone(file_jobs[i])


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
