"""Results that finish in any order, handed on in report order.

A backend submits file ``i`` only while ``i < window.limit`` (the next file to hand on plus the
window's size), so at most ``size`` results wait in the buffer for a slower file before them:
memory is bounded by the window, not by the number of files."""
from __future__ import annotations

from typing import Callable, Iterator, TypeVar

R = TypeVar("R")


class Window:
    """How far ahead of the next file to hand on a backend may submit."""

    __slots__ = ("next", "size")

    def __init__(self, size: int) -> None:
        self.next = 0
        self.size = max(1, size)

    @property
    def limit(self) -> int:
        return self.next + self.size


def in_report_order(completions: Iterator[tuple[int, R]], window: Window,
                    done: Callable[[], None] | None = None) -> Iterator[R]:
    """The results of ``completions`` ((index, result) as they finish) in index order.
    ``done`` is called as each one finishes (a progress bar follows the work, not the output)."""
    buffer: dict[int, R] = {}
    for index, result in completions:
        if done is not None:
            done()
        buffer[index] = result
        while window.next in buffer:
            yield buffer.pop(window.next)
            window.next += 1
    if buffer:                      # a backend that skipped an index: a bug, never a lost file
        raise RuntimeError(f"results missing before file {window.next}")
