"""Profiles: rule parameters and severities from rules/profiles/*.toml, with ``extends``.

A profile file has
  [profile]  name, description, extends = "other" (a built-in name or a path)
  [params]   profile-wide parameters
  [lang.TAG] per-language overrides of any parameter (``zh-Hans``, ``ru`` ...)
  [severity] code or name -> "error" | "warning" | "info" | "off"
Lookups try the language's fallbacks (``zh-Hans-CN`` -> ``zh-Hans`` -> ``zh``), then the
profile-wide value.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import langtags
from .model import UsageError
from .record import Record
from .resources import rules_dir
from .tomlload import TOMLDecodeError, load_toml

DEFAULT_PROFILE = "netflix"
_ALLOWED_TOP = {"profile", "params", "lang", "severity"}


class Profile(Record):
    """A loaded profile; ``chain`` lists the files read, base first."""

    __slots__ = _fields = ("name", "description", "params", "lang", "severity", "chain")
    name: str
    description: str
    params: dict[str, Any]
    lang: dict[str, dict[str, Any]]
    severity: dict[str, str]
    chain: list[str]

    def __init__(self, name: str, description: str = "", params: dict[str, Any] | None = None,
                 lang: dict[str, dict[str, Any]] | None = None,
                 severity: dict[str, str] | None = None, chain: list[str] | None = None) -> None:
        self.name = name
        self.description = description
        self.params = {} if params is None else params
        self.lang = {} if lang is None else lang
        self.severity = {} if severity is None else severity
        self.chain = [] if chain is None else chain

    def param(self, key: str, language: str | None = None) -> Any:
        for tag in langtags.fallbacks(language):
            values = self.lang.get(tag)
            if values and key in values:
                return values[key]
        if key in self.params:
            return self.params[key]
        raise UsageError(f"profile {self.name!r} has no parameter {key!r}")

    def has(self, key: str) -> bool:
        return key in self.params or any(key in v for v in self.lang.values())


def builtin_profiles() -> list[str]:
    return sorted(p.stem for p in (rules_dir() / "profiles").glob("*.toml"))


def _resolve(ref: str, relative_to: Path | None) -> Path:
    candidate = Path(ref)
    if candidate.suffix == ".toml" or "/" in ref or "\\" in ref:
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        if not candidate.is_file():
            raise UsageError(f"profile file not found: {candidate}")
        return candidate
    path = rules_dir() / "profiles" / f"{ref}.toml"
    if not path.is_file():
        raise UsageError(
            f"unknown profile {ref!r}; built-in profiles: {', '.join(builtin_profiles())} "
            "(or give a path to a .toml file)")
    return path


def load_profile(ref: str | None = None, *, relative_to: Path | None = None) -> Profile:
    """Load a built-in profile by name or a profile file by path, following ``extends``."""
    return _load(ref or DEFAULT_PROFILE, relative_to, [])


def _load(ref: str, relative_to: Path | None, seen: list[Path]) -> Profile:
    path = _resolve(ref, relative_to).resolve()
    if path in seen:
        raise UsageError("profile 'extends' loop: " + " -> ".join(str(p) for p in seen + [path]))
    try:
        data = load_toml(path)
    except TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    unknown = set(data) - _ALLOWED_TOP
    if unknown:
        raise UsageError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}; "
                         f"allowed: {', '.join(sorted(_ALLOWED_TOP))}")
    meta = data.get("profile", {})
    parent_ref = meta.get("extends")
    if parent_ref:
        base = _load(parent_ref, path.parent, seen + [path])
    else:
        base = Profile(name="")
    prof = Profile(
        name=meta.get("name", path.stem),
        description=meta.get("description", base.description),
        params={**base.params, **data.get("params", {})},
        lang={k: dict(v) for k, v in base.lang.items()},
        severity={**base.severity, **{k: str(v) for k, v in data.get("severity", {}).items()}},
        chain=base.chain + [str(path)],
    )
    for tag, values in data.get("lang", {}).items():
        norm = langtags.normalize(tag)
        if norm is None or not isinstance(values, dict):
            raise UsageError(f"{path}: [lang.{tag}] is not a language table")
        prof.lang.setdefault(norm, {}).update(values)
    for key, value in prof.severity.items():
        if value.lower() not in {"error", "warning", "info", "off"}:
            raise UsageError(f"{path}: [severity] {key} = {value!r}; allowed: error, warning, info, off")
    return prof
