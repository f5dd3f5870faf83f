"""A file's result as the streamed writers need it, made where the file was checked.

With ``-j N`` (and on a Dask cluster) a worker that sends a FileResult back has it pickled, and
the client unpickles every finding and then renders it: on two cores that client work (about a
sixth of the whole run for a batch with 250 findings per file) competes with the workers. When
the run only writes streamed reports (``json``, ``jsonl``), the worker renders the file's text
for each of them and counts its findings instead, and sends back only that."""
from __future__ import annotations

from collections import Counter
from typing import Iterable


class PackedResult:
    """What ``subqa.scale.stream.write_streamed`` needs of one file: ``texts`` (format name ->
    the text that format's writer writes for the file), ``tally`` (((code, name, severity
    label), count) of its findings), ``cues`` and ``path``."""

    __slots__ = ("path", "cues", "tally", "texts")

    def __init__(self, path: str, cues: int, tally: tuple, texts: dict[str, str]) -> None:
        self.path = path
        self.cues = cues
        self.tally = tally
        self.texts = texts


def finding_tally(findings: Iterable) -> tuple:
    """((code, name, severity label), count) of ``findings``, in order of first appearance."""
    return tuple(Counter((f.code, f.name, f.severity.label) for f in findings).items())


def pack(result, formats: Iterable[str], group_min: int | None = None) -> PackedResult:
    """``result`` (a FileResult) as the writers of ``formats`` would write it (``group_min``:
    the text report's grouping, ``--group-min``/``--no-group``; None: its default)."""
    from .stream import stream_formats

    writers = stream_formats()
    texts = {}
    for name in formats:
        if name == "text" and group_min is not None:      # the one report with an option
            texts[name] = writers[name].file_text(result, group_min)
        else:
            texts[name] = writers[name].file_text(result)
    return PackedResult(result.path, result.cues, finding_tally(result.findings), texts)


def check_packed(job):
    """Check one file (``subqa.api.check_file``); packed when ``job.render`` names formats."""
    from ..api import check_file

    result = check_file(job)
    return pack(result, job.render, job.group_min) if job.render else result
