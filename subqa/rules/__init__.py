"""The rule catalog: every module in this package defines Rule subclasses; they are collected
here and ordered by code. Adding a rule family is adding a module, nothing else."""
from __future__ import annotations

import functools
import importlib
import os

from .base import Context, Rule

__all__ = ["Context", "Rule", "all_rules", "rule_by_key"]


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    found: dict[str, type[Rule]] = {}
    for name in _module_names():
        module = importlib.import_module(f"{__name__}.{name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj.code and obj.__module__ == module.__name__:
                other = found.get(obj.code)
                if other is not None and other is not obj:
                    raise RuntimeError(f"rule code {obj.code} defined twice: {other} and {obj}")
                found[obj.code] = obj
    names = [r.name for r in found.values()]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise RuntimeError(f"rule name(s) defined twice: {sorted(dupes)}")
    return tuple(found[c] for c in sorted(found))


def _module_names() -> list[str]:
    """The rule modules of this package, by name (the files ``*.py`` beside this one, or their
    compiled ``*.pyc`` alone in an installation without sources); a plain folder listing,
    which costs a fraction of importing pkgutil."""
    names: set[str] = set()
    for folder in __path__:
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            stem, dot, ext = entry.partition(".")
            if dot and ext in ("py", "pyc") and stem.isidentifier() and stem not in ("__init__", "base"):
                names.add(stem)
    return sorted(names)


def rule_by_key(key: str) -> type[Rule] | None:
    """A rule by its code (``T003``) or name (``cue-too-short``)."""
    key = key.strip()
    for rule in all_rules():
        if rule.code.upper() == key.upper() or rule.name == key.lower():
            return rule
    return None
