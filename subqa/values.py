"""Checks of the values a user gives (options, configuration keys, profile parameters), shared so
that one value is judged the same wherever it comes from. Each check returns the value as it
will be used, or raises ValueError with the reason ("must be ..."); the caller names the source
(``--fps``, or the file and key) and turns it into a UsageError (exit 2, one line)."""
from __future__ import annotations

import codecs
import math
from pathlib import Path

from .model import UsageError

# Frame rates subqa accepts (--fps, configuration ``fps``, profile ``fps``) lie in this range and
# are one of the standard rates (subqa.frames.STANDARD_RATES: 23.976, 24, 25, 29.97, 30, 50,
# 59.94, 60; 23.98 names 23.976).
FPS_RANGE = (1.0, 300.0)
# --max-size / configuration ``max-size-mb``: megabytes, above 0 and at most this.
MAX_SIZE_MB = 10_000.0
# Codecs Python calls text encodings that are no encoding of a subtitle file (domain names,
# a codec that always fails).
_NOT_SUBTITLE_ENCODINGS = frozenset({"idna", "punycode", "undefined"})


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def fps(value: object) -> float:
    """A standard frame rate, by its usual name (23.98 and 23.976 -> 23.976)."""
    from .frames import STANDARD_RATES, standard_rate

    named = standard_rate(value) if is_number(value) and math.isfinite(value) else None
    if named is None:
        rates = ", ".join(format(r, "g") for r in STANDARD_RATES)
        raise ValueError(f"must be one of the standard frame rates {rates} frames per second")
    return named


def size_mb(value: object) -> float:
    if not is_number(value) or not math.isfinite(value) or not 0 < value <= MAX_SIZE_MB:
        raise ValueError(f"must be a size in megabytes above 0 and at most {MAX_SIZE_MB:g}")
    return float(value)


def jobs(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("must be a whole number of worker processes, at least 1")
    return value


def encoding(value: object) -> str:
    """A codec that decodes bytes into text (not base64, rot13, hex, zlib, idna, punycode)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be the name of a text encoding (e.g. utf-8, cp1251)")
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise ValueError("unknown encoding (e.g. utf-8, cp1251, windows-1256)") from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_SUBTITLE_ENCODINGS:
        raise ValueError("not a text encoding for subtitle files (e.g. utf-8, cp1251)")
    return value


def language(value: object, *, allow_auto: bool = True) -> str:
    """A registered language tag, normalised (``auto`` where allowed)."""
    from . import langtags

    if isinstance(value, str) and value.strip().lower() == "auto":
        if allow_auto:
            return "auto"
        raise ValueError("must name the language: 'auto' cannot pair tracks by name")
    return langtags.check_tag(value)


def report_path(value: object) -> Path:
    """A file to write a report to: not a folder, and not below a file. Its missing parent
    folders are created by ``make_parent`` (after every other value was checked)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a file path")
    path = Path(value)
    if path.is_dir() or value.endswith(("/", "\\")):
        raise ValueError("a folder; give a file path")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ValueError(f"cannot be written: {parent} is a file, not a folder")
            break
    return path


def make_parent(path: Path, source: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{source} {str(path)!r}: cannot create the folder "
                         f"{path.parent}: {exc.strerror}") from None


def shown(value: object) -> str:
    """A value as the message quotes it: ``0``, ``nan``, ``'kz'``."""
    if is_number(value):
        return format(value, "g") if isinstance(value, float) else str(value)
    return repr(value)


def option(name: str, value: object, check, **kwargs):
    """``check(value)`` for the command-line option ``name``; a bad value is a UsageError
    naming the option: ``--fps 0: must be a frame rate between 1 and 300 ...``."""
    try:
        return check(value, **kwargs)
    except ValueError as exc:
        raise UsageError(f"{name} {shown(value)}: {exc}") from None
