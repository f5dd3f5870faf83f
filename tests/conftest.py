import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

_CACHE_DIR = None


def pytest_configure(config):
    """The test suite keeps its subqa cache in a temporary folder of its own, never in the
    developer's ~/.cache/subqa. Set when pytest starts, before test modules are collected (some
    load profiles and glossaries at import), so no fixture could be early enough; subprocesses
    inherit it."""
    global _CACHE_DIR
    _CACHE_DIR = tempfile.mkdtemp(prefix="subqa-test-cache-")
    os.environ["SUBQA_CACHE_DIR"] = _CACHE_DIR


def pytest_unconfigure(config):
    if _CACHE_DIR:
        shutil.rmtree(_CACHE_DIR, ignore_errors=True)
