"""TOML loading for Python 3.10 (tomli) and 3.11+ (tomllib)."""
from __future__ import annotations

try:
    import tomllib as _toml
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as _toml  # type: ignore[no-redef]

TOMLDecodeError = _toml.TOMLDecodeError


def load_toml(path) -> dict:
    with open(path, "rb") as fh:
        return _toml.load(fh)
