"""Where the shipped data lives: rules/ and seeds/ at the top of a source checkout, installed
inside the package as subqa/_rules and subqa/_seeds (see pyproject.toml); likewise the rule
case files, tests/rules/ in a checkout, subqa/_cases installed."""
from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=None)
def _root(installed: str, folder: str) -> Path:
    inside = _PACKAGE / installed          # an installed wheel
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / folder        # a source checkout


def rules_dir() -> Path:
    """The data folder with profiles/ and lang/."""
    return _root("_rules", "rules")


def seeds_dir() -> Path:
    """The folder with the seed glossary drawn from the paper."""
    return _root("_seeds", "seeds")


def cases_dir() -> Path:
    """The folder with the rule case files (<CODE>.toml, see subqa/rule_cases.py)."""
    return _root("_cases", "tests/rules")
