"""The rule catalog: every module in this package defines Rule subclasses; they are collected
here and ordered by code. Adding a rule family is adding a module, nothing else."""
from __future__ import annotations

import functools
import importlib
import pkgutil

from .base import Context, Rule

__all__ = ["Context", "Rule", "all_rules", "rule_by_key"]


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    found: dict[str, type[Rule]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
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


def rule_by_key(key: str) -> type[Rule] | None:
    """A rule by its code (``T003``) or name (``cue-too-short``)."""
    key = key.strip()
    for rule in all_rules():
        if rule.code.upper() == key.upper() or rule.name == key.lower():
            return rule
    return None
