import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory):
    """The test suite keeps its subqa cache in a folder of its own, never in the developer's
    ~/.cache/subqa (subprocesses inherit the variable)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("SUBQA_CACHE_DIR", str(tmp_path_factory.mktemp("subqa-cache")))
    yield
    patch.undo()
