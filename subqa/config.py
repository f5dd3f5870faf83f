"""Configuration files: ``subqa.toml``, or ``[tool.subqa]`` in ``pyproject.toml``, found upward
from the checked file (the nearest one wins, as with ruff); ``--config FILE`` names one.

    profile = "netflix"              # a built-in name or a profile .toml (relative to this file)
    fps = 25
    select = ["T", "R"]
    ignore = ["F002"]
    fail-on = "warning"
    min-severity = "info"
    glossary = ["terms/film.tbx"]    # relative to this file
    source-lang = "en"
    encoding = "cp1251"
    include = ["*.txt"]              # more files to check in folders (as --include)
    scheduler = "tcp://dask:8786"    # check on a Dask cluster (as --scheduler; run-wide)
    ship-files = true                # send the workers the files' bytes (as --ship-files)

    [languages]                      # glob (relative to this file) -> language
    "legacy/**/*.srt" = "zh-Hant"

    [per-file-ignores]               # glob -> rules not to report for those files
    "trailers/*.vtt" = ["R003", "T004"]

    [shot-changes]                   # glob -> the video's shot-change list (relative to this file)
    "episode01.*.srt" = "shots/episode01.csv"

Command-line options win over the file; the file wins over the defaults. An unknown key or a
bad value is an error naming the file, the key and what is allowed.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import values as _values
from .model import UsageError
from .tomlload import TOMLDecodeError, load_toml

SEVERITY_CHOICES = ("error", "warning", "info")

# key -> validator returning the normalised value or raising ValueError with the reason
def _str(v):
    if not isinstance(v, str) or not v:
        raise ValueError("must be a non-empty string")
    return v


def _codes(v):
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise ValueError("must be a list of rule codes, prefixes or names")
    from .engine import Selection
    from .checks import all_rules

    for entry in v:
        if not any(Selection._matches(rule, entry) for rule in all_rules()):
            raise ValueError(f"{entry!r} matches no rule code, prefix or name; "
                             "see `subqa rules`")
    return tuple(v)


def _choice(*allowed):
    def check(v):
        if v not in allowed:
            raise ValueError("must be one of " + ", ".join(allowed))
        return v
    return check


def _paths(v):
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
        raise ValueError("must be a list of file paths")
    return tuple(v)


def _globs(v):
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
        raise ValueError('a list of file globs such as ["*.txt"]')
    return tuple(v)


def _scheduler(v):
    from .scale.cluster import scheduler_address

    return scheduler_address(v)


def _flag(v):
    if not isinstance(v, bool):
        raise ValueError("must be true or false")
    return v


def _lang(v):
    return _values.language(v, allow_auto=True)


def _source_lang(v):
    return _values.language(v, allow_auto=False)


def _glob_table(shape: str, check):
    """A validator of a ``"glob" = value`` table whose values ``check`` validates; an error
    names the entry."""
    def validate(v):
        if not isinstance(v, dict):
            raise ValueError(f'must be a table of "glob" = {shape}')
        out = {}
        for pattern, value in v.items():
            try:
                out[str(pattern)] = check(value)
            except ValueError as exc:
                raise ValueError(f"{pattern!r} = {value!r}: {exc}") from None
        return out
    return validate


def _file_path(v):
    if not isinstance(v, str) or not v.strip():
        raise ValueError("must be a file path")
    return v


_lang_map = _glob_table('"language"', _lang)
_ignore_map = _glob_table('["CODE", ...]', _codes)
_path_map = _glob_table('"file path"', _file_path)


KEYS = {
    "profile": _str,
    "fps": _values.fps,
    "select": _codes,
    "ignore": _codes,
    "fail-on": _choice(*SEVERITY_CHOICES, "never"),
    "min-severity": _choice(*SEVERITY_CHOICES),
    "glossary": _paths,
    "source-lang": _source_lang,
    "lang": _lang,
    "encoding": _values.encoding,
    "max-size-mb": _values.size_mb,
    "languages": _lang_map,
    "per-file-ignores": _ignore_map,
    "shot-changes": _path_map,
    "include": _globs,
    "scheduler": _scheduler,
    "ship-files": _flag,
}


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """A configuration file read (``path``) and its validated ``values``."""

    path: Path
    values: dict[str, Any]

    @property
    def root(self) -> Path:
        return self.path.parent


def parse_config(path: Path) -> ConfigFile | None:
    """Read and validate one config file. Returns None for a pyproject.toml without
    [tool.subqa]."""
    try:
        data = load_toml(path)
    except TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read configuration: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("subqa")
        if data is None:
            return None
        where = f"{path} [tool.subqa]"
    else:
        where = str(path)
    checked = {}
    for key, raw in data.items():
        check = KEYS.get(key)
        if check is None:
            raise UsageError(f"{where}: unknown key {key!r}; "
                             f"allowed keys: {', '.join(sorted(KEYS))}")
        try:
            checked[key] = check(raw)
        except ValueError as exc:
            shown = f"[{key}]" if isinstance(raw, dict) else f"{key} = {raw!r}"
            raise UsageError(f"{where}: {shown}: {exc}") from None
    if "profile" in checked:
        _check_profile(checked["profile"], path, where)
    return ConfigFile(path=path, values=checked)


def _check_profile(ref: str, path: Path, where: str) -> None:
    """Load the profile the file names (relative to the file), so that a misspelt name or a
    bad profile file is an error naming this file before any file is checked."""
    from .profiles import load_profile

    try:
        load_profile(ref, relative_to=path.parent)
    except UsageError as exc:
        raise UsageError(f"{where}: profile = {ref!r}: {exc}") from None


@functools.lru_cache(maxsize=256)
def _find_in(folder: Path) -> ConfigFile | None:
    for name in ("subqa.toml", "pyproject.toml"):
        candidate = folder / name
        if candidate.is_file():
            found = parse_config(candidate)
            if found is not None:
                return found
    if folder.parent != folder:
        return _find_in(folder.parent)
    return None


def find_config(path: Path) -> ConfigFile | None:
    """The nearest configuration above ``path`` (a file or a folder)."""
    start = path.resolve()
    return _find_in(start if start.is_dir() else start.parent)


@dataclass(slots=True)
class Settings:
    """The settings that apply to one file, each with where it came from."""

    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set(self, key: str, value: Any, origin: str) -> None:
        self.values[key] = value
        self.origins[key] = origin


DEFAULTS = {"profile": "netflix", "fail-on": "error", "min-severity": "info",
            "select": (), "ignore": ()}


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern:
    """Path glob: ``*`` and ``?`` stay within one folder, ``**/`` spans any number (or none)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def _glob_match(rel: str, pattern: str) -> bool:
    return _glob_regex(pattern).match(rel) is not None


def settings_for(path: Path, cli: dict[str, Any], config: ConfigFile | None | bool = True
                 ) -> Settings:
    """Settings for one file: command line over config file over defaults. ``config`` is a
    ConfigFile (from --config), True to search upward from ``path``, or None/False for none."""
    cfg = find_config(path) if config is True else (config or None)
    out = Settings()
    for key, value in DEFAULTS.items():
        out.set(key, value, "default")
    if cfg is not None:
        origin = str(cfg.path)
        for key, value in cfg.values.items():
            if key in ("languages", "per-file-ignores", "shot-changes"):
                continue
            if key == "profile" and (value.endswith(".toml") or "/" in value):
                value = str((cfg.root / value))
            if key == "glossary":
                value = tuple(str(cfg.root / g) for g in value)
            out.set(key, value, origin)
        rel = _relative(path, cfg.root)
        if rel is not None:
            for pattern, lang in cfg.values.get("languages", {}).items():
                if _glob_match(rel, pattern):
                    out.set("lang", lang, f"{origin} [languages] {pattern!r}")
                    break
            for pattern, target in cfg.values.get("shot-changes", {}).items():
                if _glob_match(rel, pattern):
                    out.set("shot-changes", str(cfg.root / target),
                            f"{origin} [shot-changes] {pattern!r}")
                    break
            extra: list[str] = []
            for pattern, codes in cfg.values.get("per-file-ignores", {}).items():
                if _glob_match(rel, pattern):
                    extra.extend(codes)
                    out.origins["per-file-ignores"] = f"{origin} [per-file-ignores] {pattern!r}"
            if extra:
                out.values["per-file-ignores"] = tuple(extra)
    for key, value in cli.items():
        if value is None or value == () or value == []:
            continue
        out.set(key, tuple(value) if isinstance(value, list) else value, "command line")
    return out
