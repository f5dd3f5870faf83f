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

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import langtags
from . import values as _values
from .model import UsageError
from .resources import rules_dir
from .tomlload import TOMLDecodeError, load_toml

DEFAULT_PROFILE = "netflix"
_ALLOWED_TOP = {"profile", "params", "lang", "severity"}
_META_KEYS = ("name", "description", "extends")
_SEVERITIES = ("error", "warning", "info", "off")
# Parameters of the profile itself rather than of one rule.
PROFILE_PARAMS = ("fps", "fix_max_move_frames")      # fix_max_move_frames: subqa fix
# Ranges beyond "a positive, finite number" (the default for every number): parameters that
# may be 0 (0 frames of gap, no offset searched, judge every cue) and the frame rate. A number
# whose built-in value is a fraction at most 1 (a share, a probability, a weight) must lie in
# (0, 1].
_RANGES = {
    "fps": _values.FPS_RANGE,
    "min_gap_frames": (0, math.inf),
    "fix_max_move_frames": (0, math.inf),
    "shot_change_tolerance_frames": (0, math.inf),
    "cps_min_chars": (0, math.inf),
    "numbers_context_cues": (0, math.inf),
    "align_max_offset_ms": (0, math.inf),
    "align_max_shift_ms": (0, math.inf),
}


@dataclass(slots=True)
class Profile:
    """A loaded profile; ``chain`` lists the files read, base first."""

    name: str
    description: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    lang: dict[str, dict[str, Any]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    chain: list[str] = field(default_factory=list)

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


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """What a profile parameter may hold: ``kind`` "number", "bool", "words" (a list of
    strings) or "text"; numbers lie in ``low``..``high`` (``low`` excluded when ``low_open``)."""

    kind: str
    low: float = 0
    high: float = math.inf
    low_open: bool = False


@functools.lru_cache(maxsize=1)
def param_schema() -> dict[str, ParamSpec]:
    """Every parameter a profile may set: the parameters the rules declare (``Rule.params``)
    and the profile's own (``fps``), typed after the built-in netflix profile's values."""
    from .checks import all_rules

    base = load_toml(rules_dir() / "profiles" / f"{DEFAULT_PROFILE}.toml").get("params", {})
    names = {key for rule in all_rules() for key in rule.params} | set(PROFILE_PARAMS)
    schema = {}
    for name in sorted(names):
        default = base.get(name)
        if isinstance(default, bool):
            schema[name] = ParamSpec("bool")
        elif _values.is_number(default):
            if name in _RANGES:
                low, high = _RANGES[name]
                schema[name] = ParamSpec("number", low, high)
            elif isinstance(default, float) and 0 < default <= 1:
                schema[name] = ParamSpec("number", 0, 1, low_open=True)
            else:
                schema[name] = ParamSpec("number", 0, math.inf, low_open=True)
        elif isinstance(default, list):
            schema[name] = ParamSpec("words")
        else:
            schema[name] = ParamSpec("text")
    return schema


def check_param(name: str, value: Any) -> Any:
    """``value`` when it is of the parameter's type and in its range; ValueError otherwise
    (KeyError for a parameter no rule reads)."""
    spec = param_schema()[name]
    kind, low, high, low_open = spec.kind, spec.low, spec.high, spec.low_open
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
    elif kind == "words":
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise ValueError('must be a list of words, e.g. ["no", "yes"]')
    elif kind == "text":
        if not isinstance(value, str):
            raise ValueError("must be a string")
    else:
        above = "above" if low_open else "at least"
        upto = "" if high == math.inf else f" and at most {high:g}"
        if (not _values.is_number(value) or not math.isfinite(value)
                or value < low or (low_open and value == low) or value > high):
            raise ValueError(f"must be a number {above} {low:g}{upto}")
        if name == "fps":
            _values.fps(value)          # one of the standard rates, as --fps and configuration
    return value


def _check_params(path: Path, table: str, params: Any) -> dict[str, Any]:
    if not isinstance(params, dict):
        raise UsageError(f"{path}: [{table}] must be a table of parameter = value")
    schema = param_schema()
    for key, value in params.items():
        if key not in schema:
            raise UsageError(f"{path}: [{table}] {key} = {value!r}: unknown parameter; known "
                             f"parameters: {', '.join(sorted(schema))}")
        try:
            check_param(key, value)
        except ValueError as exc:
            raise UsageError(f"{path}: [{table}] {key} = {value!r}: {exc}") from None
    return params


def _check_severity(path: Path, table: Any) -> dict[str, str]:
    from .checks import rule_by_key

    if not isinstance(table, dict):
        raise UsageError(f"{path}: [severity] must be a table of CODE = \"error\"|\"warning\"|"
                         "\"info\"|\"off\"")
    for key, value in table.items():
        if rule_by_key(key) is None:
            raise UsageError(f"{path}: [severity] {key}: no rule has this code or name; "
                             "`subqa rules` lists them")
        if not isinstance(value, str) or value.lower() not in _SEVERITIES:
            raise UsageError(f"{path}: [severity] {key} = {value!r}; allowed: "
                             f"{', '.join(_SEVERITIES)}")
    return {k: str(v) for k, v in table.items()}


def _check_meta(path: Path, meta: Any) -> dict[str, str]:
    if not isinstance(meta, dict):
        raise UsageError(f"{path}: [profile] must be a table")
    for key, value in meta.items():
        if key not in _META_KEYS:
            raise UsageError(f"{path}: [profile] {key}: unknown key; allowed: "
                             f"{', '.join(_META_KEYS)}")
        if not isinstance(value, str) or not value:
            raise UsageError(f"{path}: [profile] {key} = {value!r}: must be a non-empty string")
    return meta


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
    if ref is not None and not ref.strip():
        raise UsageError("the profile name is empty; built-in profiles: "
                         f"{', '.join(builtin_profiles())} (or give a path to a .toml file)")
    return _load(ref or DEFAULT_PROFILE, relative_to, [])


def _load(ref: str, relative_to: Path | None, seen: list[Path]) -> Profile:
    path = _resolve(ref, relative_to).resolve()
    if path in seen:
        raise UsageError("profile 'extends' loop: " + " -> ".join(str(p) for p in seen + [path]))
    try:
        data = load_toml(path)
    except TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the profile: {exc}") from None
    unknown = set(data) - _ALLOWED_TOP
    if unknown:
        raise UsageError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}; "
                         f"allowed: {', '.join(sorted(_ALLOWED_TOP))}")
    meta = _check_meta(path, data.get("profile", {}))
    params = _check_params(path, "params", data.get("params", {}))
    severity = _check_severity(path, data.get("severity", {}))
    lang_tables = data.get("lang", {})
    if not isinstance(lang_tables, dict):
        raise UsageError(f"{path}: [lang] must hold tables such as [lang.ru]")
    parent_ref = meta.get("extends")
    base = _load(parent_ref, path.parent, seen + [path]) if parent_ref else Profile(name="")
    prof = Profile(
        name=meta.get("name", path.stem),
        description=meta.get("description", base.description),
        params={**base.params, **params},
        lang={k: dict(v) for k, v in base.lang.items()},
        severity={**base.severity, **severity},
        chain=base.chain + [str(path)],
    )
    for tag, table in lang_tables.items():
        if not isinstance(table, dict):
            raise UsageError(f"{path}: [lang.{tag}] is not a table of parameters")
        try:
            norm = langtags.check_tag(tag)
        except ValueError as exc:
            raise UsageError(f"{path}: [lang.{tag}]: {exc}") from None
        prof.lang.setdefault(norm, {}).update(_check_params(path, f"lang.{tag}", table))
    return prof
