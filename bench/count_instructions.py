"""Instructions executed by a check, counted by valgrind: a measure of speed that does not drift.

Wall and CPU time on a shared machine drift by up to 2x within minutes; the number of machine
instructions a run executes does not (with PYTHONHASHSEED fixed it is the same to a few parts
in a million). It does not see memory traffic (a full garbage collection costs more time per
instruction than the rest), so CPU time stays the judge of a change that moves memory; this
is the judge of a change that moves work. For each source tree given (default: this checkout)
it prints, in millions of instructions:

  start-up    `subqa check` of a one-cue SubRip file, the whole process
  catalogue   every real SubRip film of ../shared (bench_language's catalogue: each film new to
              a warm process, language left to subqa, text report rendered): a process that
              checks them after the warm-up films, minus a process that only warms up

and the ratio of each tree to the first. Compare two versions by giving both trees, e.g. a
worktree of the commit an issue was filed at and this checkout:

    git worktree add /tmp/then fb03771
    python bench/count_instructions.py /tmp/then .

Each tree's ``subqa`` package is imported from the tree (PYTHONPATH); its dependencies from the
running interpreter's environment. Needs valgrind (apt install valgrind); each tree takes a few
minutes (valgrind runs Python some 50 times slower).
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_language import WARM_UP, catalogue_films  # noqa: E402

# One process of the catalogue: the warm-up films, then (unless told "0") every film once.
# Written for the API of older trees too (with_fixes and keep_tracks are newer).
_RUN = """
import inspect, sys
from subqa import api
from subqa.reporters import text
films, warm, measured = sys.argv[1].split("\\n"), sys.argv[2].split("\\n"), sys.argv[3] == "1"
params = inspect.signature(api.check).parameters
kw = {k: False for k in ("with_fixes", "keep_tracks") if k in params}
for other in warm:
    path, lang = other.rsplit(":", 1)
    text.render(api.check([path], lang=lang, **kw))
if measured:
    for path in films:
        text.render(api.check([path], **kw))
"""
_START = "import sys; from subqa.cli import main; sys.exit(main())"


def _folder(tree: Path) -> Path:
    """A work folder of the tree's own, named the same way for every tree (the names of the
    folders a run reads end up in its strings, and so in its instruction count)."""
    name = hashlib.sha256(str(tree).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / "subqa-count" / name
    for sub in ("run", "pycache", "cache"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return folder


def _env(folder: Path, tree: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")   # compiled in the uncounted run
    env["SUBQA_CACHE_DIR"] = str(folder / "cache")
    return env


def _count(cmd: list[str], env: dict[str, str], cwd: Path) -> int:
    """Instructions of ``cmd`` under callgrind, after one uncounted run (bytecode compiled,
    the subqa cache filled, as an installed subqa's second run finds them). It runs in
    ``cwd``, a folder without a subqa package: ``python -c`` puts its working folder before
    PYTHONPATH, so run from a checkout it would import that checkout's subqa."""
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          *cmd], env=env, cwd=cwd, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if not found:
        sys.exit(f"valgrind gave no count for {' '.join(cmd[:3])}: {out.stderr[-1500:]}")
    return int(found.group(1))


def measure(tree: Path) -> dict[str, int]:
    folder = _folder(tree)
    env, run = _env(folder, tree), folder / "run"
    py = sys.executable
    one = run / "one.en.srt"
    one.write_text("1\n00:00:01,000 --> 00:00:03,000\nHello there.\n", encoding="utf-8")
    films = "\n".join(map(str, catalogue_films()))
    warm = "\n".join(f"{p}:{lg}" for p, lg in WARM_UP)
    out = {"start-up": _count([py, "-c", _START, "check", one.name, "--fail-on", "never"], env,
                              run)}
    warm_only = _count([py, "-c", _RUN, films, warm, "0"], env, run)
    out["catalogue"] = _count([py, "-c", _RUN, films, warm, "1"], env, run) - warm_only
    # the tree's subqa must be the one that ran
    where = subprocess.run([py, "-c", "import subqa; print(subqa.__file__)"], env=env, cwd=run,
                           capture_output=True, text=True).stdout.strip()
    if not Path(where).is_relative_to(tree):
        sys.exit(f"{tree}: ran {where} instead")
    return out


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing counted (apt install valgrind)")
        return 2
    if not catalogue_films():
        print("../shared is missing: no films to count")
        return 2
    trees = [Path(a).resolve() for a in argv] or [ROOT]
    results = []
    for tree in trees:
        if not (tree / "subqa" / "__init__.py").exists():
            print(f"{tree}: no subqa package")
            return 2
        results.append((tree, measure(tree)))
        got = results[-1][1]
        first = results[0][1]
        print(f"{tree}")
        for part, n in got.items():
            ratio = f"   {n / first[part]:.3f}x the first tree" if len(results) > 1 else ""
            print(f"  {part:10} {n / 1e6:10,.0f} M instructions{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
