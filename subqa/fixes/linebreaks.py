"""R001/R004 re-breaking (unsafe)."""
from __future__ import annotations

from .base import Fix, FixContext

CODES = ("R001", "R004")


def plan(fc: FixContext) -> list[Fix]:
    return []
