"""The JSON report written as results arrive: the same bytes as ``json_report.render`` for the
same run (tests/test_jsonl.py holds them equal), one file's object at a time, so that the whole
document is never built in memory."""
from __future__ import annotations

from typing import Callable

from .json_report import SCHEMA_VERSION, _compact


def file_block(result) -> str:
    """One file's object as json_report.render lays it out (without the comma after it)."""
    f = result.to_dict()
    out = ["    {"]
    keys = list(f)
    for k, key in enumerate(keys):
        comma = "," if k < len(keys) - 1 else ""
        if key == "findings" and f[key]:
            items = f[key]
            out.append('      "findings": [')
            out.extend(f"        {_compact(x)}{',' if n < len(items) - 1 else ''}"
                       for n, x in enumerate(items))
            out.append(f"      ]{comma}")
        else:
            out.append(f"      {_compact(key)}: {_compact(f[key])}{comma}")
    out.append("    }")
    return "\n".join(out)


class JsonStreamWriter:
    """``start(stream)``, ``add(result)`` per file in report order, ``finish(summary)``."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self.write = write
        self.first = True

    def start(self, stream) -> None:
        self.write(f'{{\n  "version": {_compact(SCHEMA_VERSION)},\n'
                   f'  "tool": {_compact(stream.tool())},\n  "files": [')

    file_text = staticmethod(file_block)      # what a worker renders for it (scale/packed.py)

    def add(self, result) -> None:
        """Write a FileResult, or a PackedResult's text for "json"."""
        texts = getattr(result, "texts", None)
        block = texts["json"] if texts is not None else file_block(result)
        self.write(("\n" if self.first else ",\n") + block)
        self.first = False

    def finish(self, summary) -> None:
        self.write(f'\n  ],\n  "summary": {_compact(summary.summary())}\n}}\n')
