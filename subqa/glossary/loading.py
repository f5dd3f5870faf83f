"""Loading term bases: the built-in seed glossary (from the subqa cache when unchanged), files by
their format, several files merged into one :class:`~subqa.glossary.termbase.Glossary`."""
from __future__ import annotations

from dataclasses import astuple
from pathlib import Path
from typing import Callable, Sequence

from .. import files, langtags
from ..model import UsageError
from ..resources import seeds_dir
from .model import Concept, Problem, Term
from .csv_reader import _load_csv
from .reading import _Builder
from .tbx_reader import _load_tbx
from .termbase import Glossary


def seed_glossary_paths() -> list[str]:
    """The built-in seed glossary: the CSV, its source of truth (``seeds/glossary.tbx`` is generated
    from it and loads to the same glossary, but reading XML costs several times more)."""
    return [str(seeds_dir() / "glossary.csv")]


def seed_sources(path: str) -> list[str]:
    """What a glossary file's concepts depend on: the file, the readers (this module and those it
    uses) and the language tags (langtags and its languages.toml)."""
    from ..resources import rules_dir
    from . import csv_reader, model, reading, tbx_reader

    readers = [m.__file__ for m in (csv_reader, model, reading, tbx_reader)]
    return [path, __file__, *readers, langtags.__file__,
            str(rules_dir() / "lang" / "languages.toml")]


def _builder_data(b: _Builder) -> tuple:
    return ([(c.id, c.source, c.subject, c.note, c.line, c.path, [astuple(t) for t in c.terms])
             for c in b.concepts], [astuple(p) for p in b.problems])


def _builder_from(data: tuple, path: str) -> _Builder:
    concepts, problems = data
    b = _Builder(path)
    b.concepts = [Concept(cid, [Term(*t) for t in terms], source, subject, note, line, cpath)
                  for cid, source, subject, note, line, cpath, terms in concepts]
    b.problems = [Problem(*p) for p in problems]
    return b


def _load_one(path: str) -> _Builder:
    """A glossary file read; the built-in seed glossary from the subqa cache when it (and the
    code reading it) did not change since it was stored. (Other files are read each time: the
    cache holds shipped data only.)"""
    from .. import cache

    if Path(path).parent != seeds_dir():
        # a user's file, which a Dask worker may have been sent (subqa.files); subqa's own
        # seed glossary is always read from the installation
        return _read_one(path, files.read_bytes)
    stored = cache.memo("glossary", seed_sources(path),
                        lambda: _builder_data(_read_one(path, _read_installed)))
    return _builder_from(stored, path)


def _read_installed(path: str) -> bytes:
    return Path(path).read_bytes()


def _read_one(path: str, read: Callable[[str], bytes]) -> _Builder:
    try:
        data = read(path)
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, not a glossary file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read glossary ({exc.strerror or exc})") from None
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    suffix = Path(path).suffix.lower()
    if suffix in (".tbx", ".xml") or head == b"<":
        return _load_tbx(data, path)
    if suffix in (".csv", ".tsv", ".tab", ".txt"):
        return _load_csv(data, path)
    raise UsageError(f"{path}: unknown glossary format (use .tbx, .csv or .tsv)")


def load_glossary(paths: Sequence[str] | None = None) -> Glossary:
    """Load and merge term bases; None or [] loads the built-in seed glossary. A file that cannot
    be read at all raises UsageError naming file and line; content problems are kept in
    ``Glossary.problems`` (see :func:`validate`), which are checked on first access: only
    ``subqa glossary`` shows them, so ``subqa check`` does not pay for the validation."""
    paths = list(paths) if paths else seed_glossary_paths()
    concepts: list[Concept] = []
    problems: list[Problem] = []
    for path in paths:
        built = _load_one(str(path))
        concepts.extend(built.concepts)
        problems.extend(built.problems)
    glossary = Glossary(concepts, problems, [str(p) for p in paths])
    glossary._unvalidated = True
    return glossary
