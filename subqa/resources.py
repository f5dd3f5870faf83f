"""Where the shipped data lives: rules/ and seeds/ at the top of a source checkout, installed
inside the wheel as the packages subqa._rules and subqa._seeds."""
from __future__ import annotations

import functools
from pathlib import Path


@functools.lru_cache(maxsize=None)
def _root(package: str, folder: str) -> Path:
    try:
        from importlib.resources import files

        path = Path(str(files(package)))
        if path.is_dir():
            return path
    except (ImportError, ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / folder


def rules_dir() -> Path:
    """The data folder with profiles/ and lang/."""
    return _root("subqa._rules", "rules")


def seeds_dir() -> Path:
    """The folder with the seed glossary drawn from the paper."""
    return _root("subqa._seeds", "seeds")
