"""The subqa cache: data computed from subqa's own shipped files, kept between runs.

Only shipped data go here (the profiles and rules/lang tables, the language detector's n-gram
rows and facts, the seed glossary, the stems of the seed glossary's terms): :func:`memo` is the
one way in. A user's configuration files, profiles and glossaries are read every run and never
stored.

- **Key.** An entry is stored with a key naming what it was computed from (a format number, the
  marshal and Python versions, and the path, size and modification time of each source file,
  the code that computes it included); it is used only when the key matches exactly, so the
  cache can make a run faster but never change what it finds.
- **One file per name.** Each name has one file per installation of subqa, replaced when its key
  changes: an edited or upgraded source leaves no stale file behind.
- **Bounded.** After each write the folder is pruned to at most ``MAX_FILES`` files and
  ``MAX_BYTES`` bytes, the least recently written removed first.
- **Where.** ``SUBQA_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/subqa`` or
  ``~/.cache/subqa``. Writes go to a temporary file renamed into place, so parallel runs (``-j``)
  never read half a file; a folder that cannot be written is ignored.
"""
from __future__ import annotations

import contextlib
import os
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")

FORMAT = 2
SUFFIX = ".marshal"
MAX_FILES = 64
MAX_BYTES = 64 * 1024 * 1024

# one set of files per installation of subqa
_INSTALLATION = os.path.dirname(os.path.abspath(__file__))


def cache_dir() -> str | None:
    """The cache folder, None when caching is off (``SUBQA_CACHE_DIR`` set empty)."""
    folder = os.environ.get("SUBQA_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "subqa")
    return folder or None


def memo(name: str, sources: Sequence[str | os.PathLike], compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache folder under ``name`` as long as none of ``sources``
    (the shipped files the data come from, and the modules whose code computes them) changes.
    Data marshal cannot store are computed every time; so is everything when caching is off or
    a source cannot be read."""
    key = source_key(sources)
    path = _path(name) if key is not None else None
    if path is not None:
        found, data = _read(path, key)
        if found:
            return data
    data = compute()
    if path is not None and _write(path, key, data):
        prune(os.path.dirname(path))
    return data


def source_key(sources: Sequence[str | os.PathLike]) -> tuple | None:
    """What an entry computed from ``sources`` depends on (None when one cannot be read)."""
    import marshal
    import sys

    try:
        stats = []
        for source in sources:
            st = os.stat(source)
            stats.append((os.fspath(source), st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    return (FORMAT, marshal.version, tuple(sys.version_info[:2]), tuple(stats))


def _path(name: str) -> str | None:
    import zlib

    folder = cache_dir()
    if not folder:
        return None
    return os.path.join(folder, f"{name}-{zlib.crc32(_INSTALLATION.encode()):08x}{SUFFIX}")


def _read(path: str, key: tuple) -> tuple[bool, Any]:
    """(True, data) when ``path`` holds data stored with ``key``, else (False, None)."""
    import marshal

    try:
        with open(path, "rb") as fh:
            blob = fh.read()
        stored_key, data = marshal.loads(blob)
    except (OSError, EOFError, ValueError, TypeError):
        return False, None
    return (True, data) if stored_key == key else (False, None)


def _write(path: str, key: tuple, data: Any) -> bool:
    """Store ``data`` with ``key`` at ``path``; False when it could not be stored."""
    import marshal

    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        blob = marshal.dumps((key, data))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.remove(tmp)
        return False
    return True


def prune(folder: str, max_files: int | None = None, max_bytes: int | None = None) -> None:
    """Remove the least recently written entries of ``folder`` until at most ``max_files``
    entries (default ``MAX_FILES``) of at most ``max_bytes`` bytes together (``MAX_BYTES``)
    remain."""
    max_files = MAX_FILES if max_files is None else max_files
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    entries = []
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if entry.name.endswith(SUFFIX):
                    st = entry.stat()
                    entries.append((st.st_mtime_ns, st.st_size, entry.path))
    except OSError:
        return
    entries.sort(reverse=True)                     # newest first
    kept_bytes = 0
    for i, (_, size, path) in enumerate(entries):
        kept_bytes += size
        if i >= max_files or kept_bytes > max_bytes:
            with contextlib.suppress(OSError):
                os.remove(path)
