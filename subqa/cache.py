"""A small on-disk cache for data derived from subqa's own files (parsed TOML, n-gram rows,
word stems), in marshal form.

Every entry is stored with a key that records what it was computed from (a format number, the
marshal and Python versions, and the paths, sizes and modification times of the source files);
an entry is used only when the key matches exactly, so a cache can make a run faster but never
change what it finds. The folder is SUBQA_CACHE_DIR (empty: no cache), else
$XDG_CACHE_HOME/subqa or ~/.cache/subqa. Writes go to a temporary file renamed into place, so
parallel runs (``-j``) never read half a file; a folder that cannot be written is ignored.
"""
from __future__ import annotations

import os
from typing import Any, Sequence

FORMAT = 1


def cache_dir() -> str | None:
    folder = os.environ.get("SUBQA_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "subqa")
    return folder or None


def file_key(paths: Sequence[str], *extra: Any) -> tuple | None:
    """A key naming ``paths`` as they are now (None when one cannot be read), plus ``extra``
    (anything else the data depend on: a module's own file, a library version)."""
    import marshal
    import sys

    try:
        stats = tuple((p, os.stat(p).st_size, os.stat(p).st_mtime_ns) for p in paths)
    except OSError:
        return None
    return (FORMAT, marshal.version, tuple(sys.version_info[:2]), stats, extra)


def _path(name: str, key: tuple, slot: str | None) -> str | None:
    import zlib

    folder = cache_dir()
    if not folder:
        return None
    label = f"{name}@{_HERE}" if slot is None else slot
    return os.path.join(folder, f"{name}-{zlib.crc32(label.encode()):08x}.marshal")


_HERE = os.path.dirname(os.path.abspath(__file__))      # one set of files per installation


def read(name: str, key: tuple | None, slot: str | None = None) -> Any:
    """The data stored under ``name`` with ``key``, else None. Each name has one file per
    installation of subqa (or per ``slot``, e.g. a source file's path), which a new key
    replaces: an edited or upgraded source leaves no stale file behind."""
    import marshal

    if key is None:
        return None
    path = _path(name, key, slot)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
        stored_key, data = marshal.loads(blob)      # (marshal.load reads in small pieces)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if stored_key == key else None


def write(name: str, key: tuple | None, data: Any, slot: str | None = None) -> None:
    """Store ``data`` (marshal-able) under ``name`` with ``key``; errors are ignored."""
    import marshal

    if key is None:
        return
    path = _path(name, key, slot)
    if path is None:
        return
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        blob = marshal.dumps((key, data))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.remove(tmp)
        except OSError:
            pass
