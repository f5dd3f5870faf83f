"""One module per output format. A reporter is a function ``render(report) -> str``; it only
renders, it decides nothing."""
from __future__ import annotations

import importlib
from typing import Callable

from ..model import UsageError
from ..report import Report

Renderer = Callable[[Report], str]

# format name -> module in this package that defines render(report)
FORMATS = {
    "text": "text",
    "json": "json_report",
    "jsonl": "jsonl",
    "junit": "junit",
    "sarif": "sarif",
    "github": "github",
    "html": "html",
}


def get_renderer(name: str) -> Renderer:
    module = FORMATS.get(name)
    if module is None:
        raise UsageError(f"unknown format {name!r}; allowed: {', '.join(sorted(FORMATS))}")
    return importlib.import_module(f"{__name__}.{module}").render
