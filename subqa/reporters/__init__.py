"""One module per output format. A reporter is a function ``render(report) -> str``; it only
renders what the rules and the engine put in the report (findings, file results and their
per-cue metrics), it decides and measures nothing.

``REPORTERS`` is the registry: ``--format`` (its help text and its validation) and
``get_renderer`` come from it. A new format = its module + one row."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..model import UsageError

if TYPE_CHECKING:
    from ..report import Report

Renderer = Callable[["Report"], str]


@dataclass(frozen=True, slots=True)
class Reporter:
    """One report format: its ``--format`` name, the module of this package that defines
    ``render(report) -> str``, what it shows beyond the findings: the cues (``tracks``: the
    HTML timeline), each finding's fix (``fixes``: JSON ``fix``, SARIF ``fixes[]``), and the
    fix's edits as line and column regions (``fix_regions``: SARIF ``artifactChanges``)."""

    name: str
    module: str
    tracks: bool = False
    fixes: bool = False
    fix_regions: bool = False


REPORTERS: tuple[Reporter, ...] = (
    Reporter("text", "text"),
    Reporter("json", "json_report", fixes=True),
    Reporter("jsonl", "jsonl", fixes=True),
    Reporter("junit", "junit"),
    Reporter("sarif", "sarif", fixes=True, fix_regions=True),
    Reporter("github", "github"),
    Reporter("html", "html", tracks=True),
)
DEFAULT = "text"
FORMATS = tuple(r.name for r in REPORTERS)
_BY_NAME = {r.name: r for r in REPORTERS}


def format_help() -> str:
    """The format names for help texts, the default marked: ``text (default), json, ...``."""
    return ", ".join(f"{n} (default)" if n == DEFAULT else n for n in FORMATS)


def needs(names, what: str) -> bool:
    """Whether any of the formats ``names`` shows ``what`` ("tracks", "fixes" or
    "fix_regions")."""
    return any(getattr(_BY_NAME[n], what) for n in names if n in _BY_NAME)


def get_renderer(name: str) -> Renderer:
    reporter = _BY_NAME.get(name)
    if reporter is None:
        raise UsageError(f"unknown format {name!r}; allowed: {', '.join(sorted(FORMATS))}")
    return importlib.import_module(f"{__name__}.{reporter.module}").render
