"""The detector's data kept between runs in the subqa cache (subqa.cache)."""
from __future__ import annotations

import os
from typing import Sequence

# The rows of a model (n-gram -> log-probability differences), the parsed facts of rules/lang
# and langdetect's CJK classes are kept between runs in the subqa cache (subqa.cache): reading
# one (marshal) takes a fraction of the time of reading the JSON profiles and computing the
# rows, or of parsing the TOML. An entry records what it was computed from (format, Python,
# smoothing, the paths, sizes and modification times of the source files and of this module)
# and is used only when all of it matches; a changed source replaces the entry's file (one
# file per name and installation), so edits and upgrades leave no stale files behind.
_CACHE_FORMAT = 2
# the modules whose code computes the cached data
_CODE = tuple(os.path.join(os.path.dirname(__file__), name + ".py")
              for name in ("disk_cache", "facts", "ngram_scoring", "scripts"))


def _cache_dir() -> str | None:
    from .. import cache

    return cache.cache_dir()


def _cache_key(paths: Sequence[str]) -> tuple | None:
    from .. import cache

    from .ngram_scoring import _SMOOTHING

    # the detector's code too: the data are computed by it
    return cache.file_key([*paths, *_CODE], _CACHE_FORMAT, repr(_SMOOTHING))


def _read_cache(name: str, key: tuple) -> dict | None:
    """The data stored under ``name`` when it was stored with ``key``, else None."""
    from .. import cache

    data = cache.read(name, key)
    return data if isinstance(data, dict) else None


def _write_cache(name: str, key: tuple, rows: dict) -> None:
    from .. import cache

    cache.write(name, key, rows)
