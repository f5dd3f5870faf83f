"""``subqa report``: merge the results of check runs (JSON Lines from ``--format jsonl``, or JSON
reports; shards of one catalogue, or several runs of a pipeline) into one roll-up: files × rule
codes, per language, the worst files first, and trends against a previous run.

Reading keeps, per file, its counts and its first ``SHOWN`` findings, never all its findings,
so a 10,000-file catalogue rolls up in little memory (``bench/bench_catalogue.py``)."""
from __future__ import annotations

from .model import Catalogue, FileEntry, load_catalogue

__all__ = ["Catalogue", "FileEntry", "load_catalogue"]
