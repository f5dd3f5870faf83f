"""The files a check reads (the track, its source track, a shot-change list, glossaries): from
the disk, or, on a Dask worker given the files' bytes by the client (``--ship-files``), from
those bytes only.

While :func:`shipped` is in effect (in the thread that entered it), every question this module
answers is answered from the bytes given, by path as the client named the file, and a path not
among them does not exist: the worker's own disk is never read, so a check sees exactly the
files the client sent (subqa.scale.cluster decides which). subqa's own data (profiles,
language data, the seed glossary) is not read through here: a worker has its own
installation."""
from __future__ import annotations

import contextlib
import contextvars
import hashlib
from pathlib import Path, PurePath
from typing import Iterator, Mapping

# path -> its bytes, or its size alone (a file over the size limit, which a check does not read)
_SHIPPED: contextvars.ContextVar[Mapping[str, bytes | int] | None] = contextvars.ContextVar(
    "subqa_shipped_files", default=None)


def _key(path: str | PurePath) -> str:
    return PurePath(path).as_posix()


@contextlib.contextmanager
def shipped(files: Mapping[str, bytes | int]) -> Iterator[None]:
    """Answer from ``files`` (path as the client named it -> bytes, or the size alone of a file
    that is not to be read) inside the block."""
    token = _SHIPPED.set({_key(p): data for p, data in files.items()})
    try:
        yield
    finally:
        _SHIPPED.reset(token)


def shipping() -> bool:
    """Whether the files are answered from bytes sent (inside :func:`shipped`)."""
    return _SHIPPED.get() is not None


def read_bytes(path: str | PurePath) -> bytes:
    files = _SHIPPED.get()
    if files is None:
        return Path(path).read_bytes()
    data = files.get(_key(path))
    if data is None:
        raise FileNotFoundError(2, "No such file or directory", str(path))
    if isinstance(data, int):
        raise OSError(27, "File too large (its bytes were not sent)", str(path))
    return data


def is_file(path: str | PurePath) -> bool:
    files = _SHIPPED.get()
    return Path(path).is_file() if files is None else _key(path) in files


def is_dir(path: str | PurePath) -> bool:
    files = _SHIPPED.get()
    if files is None:
        return Path(path).is_dir()
    folder = _key(path)
    return any(PurePath(p).parent.as_posix() == folder for p in files)


def size(path: str | PurePath) -> int:
    files = _SHIPPED.get()
    if files is None:
        return Path(path).stat().st_size
    data = files.get(_key(path))
    if data is None:
        raise FileNotFoundError(2, "No such file or directory", str(path))
    return data if isinstance(data, int) else len(data)


def version(path: str | PurePath) -> tuple | None:
    """What tells one content of the file from another (modification time and size on disk,
    a digest of the bytes shipped), None when it cannot be read."""
    files = _SHIPPED.get()
    if files is None:
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)
    data = files.get(_key(path))
    if data is None:
        return None
    return ("shipped", data) if isinstance(data, int) else \
        ("shipped", hashlib.sha256(data).hexdigest())


def files_in(folder: str | PurePath) -> list[Path]:
    """The files directly in ``folder``, sorted."""
    files = _SHIPPED.get()
    if files is None:
        return sorted(p for p in Path(folder).iterdir() if p.is_file())
    key = _key(folder)
    # (a shipped path keeps the spelling the client gave it: folder / name)
    return sorted(Path(folder) / PurePath(p).name for p in files
                  if PurePath(p).parent.as_posix() == key)
