"""Subtitle readers: bytes in, a Track out, nothing lost in silence.

``READERS`` is the reader registry: reading (``load_track``, ``parse_bytes``), folder discovery
(``SUBTITLE_EXTENSIONS``, ``SNIFFED_EXTENSIONS``, ``sniff_file``), the pre-commit hook's
``files:`` pattern (kept in step by tests/test_precommit_hook.py) and the help of ``subqa
check`` all come from it. A reader is ``read(Source) -> Parsed`` (subqa/formats/base.py).

``load_track`` raises ``SubtitleError`` only when the file cannot be read at all (missing, a
directory, no permission). Everything about the content becomes diagnostics in
``Track.diagnostics``: P001 for a malformed block or file (with the block's 1-based file line,
or None for the whole file) and P002 when the bytes were not UTF-8 (or UTF-16/32 with a BOM).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path, PurePath
from typing import Callable

from .. import files
from ..model import SubtitleError, Track, UsageError
from .base import Parsed, Source, head_text, split_lines, unread
from .sniffers import SCC_HEADER, sniff_ass, sniff_ssa, sniff_stl

__all__ = ["load_track", "parse_bytes", "split_lines", "FORMATS", "DEFAULT_MAX_BYTES",
           "READERS", "Reader", "Source", "Parsed", "SUBTITLE_EXTENSIONS", "SNIFFED_EXTENSIONS",
           "format_for_name", "sniff_format", "sniff_file", "extensions_help"]

DEFAULT_MAX_BYTES = 20_000_000
SNIFF_BYTES = 4096
_SRT_TIMING = re.compile(r"^[ \t]*\d+:\d{1,2}(?::\d{1,2})?[,.]\d{1,3}[ \t]*-->[ \t]*\d+:\d",
                         re.MULTILINE | re.ASCII)


def _sniff_vtt(head: str) -> bool:
    """WebVTT: the text starts with its signature ``WEBVTT`` (a malformed signature line such
    as ``WEBVTTX`` is still WebVTT, and its reader reports it)."""
    return head.startswith("WEBVTT")


def _sniff_srt(head: str) -> bool:
    """SubRip: a timing line (``00:00:01,000 --> 00:00:02,500``) in the first lines, in a text
    that is not WebVTT."""
    return not _sniff_vtt(head) and _SRT_TIMING.search(head) is not None


# TTML: an XML document whose root element is ``tt`` (any prefix), after the XML declaration,
# comments, processing instructions and a document type declaration.
_TTML_ROOT = re.compile(r"\A\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
                        r"<(?:[A-Za-z_][\w.-]*:)?tt[\s>/]", re.S)


def _sniff_ttml(head: str) -> bool:
    """TTML: the root element is ``tt`` (``<tt ...>`` or ``<tt:tt ...>``)."""
    return _TTML_ROOT.match(head) is not None


def _sniff_scc(head: str) -> bool:
    """SCC: the text starts with its header ``Scenarist_SCC V1.0``."""
    return head.startswith(SCC_HEADER)


@dataclass(frozen=True, slots=True)
class Reader:
    """One subtitle format: its name (``Track.format``), its title (for help texts), the file
    extensions that select it, a sniffer (the first few KB of the text -> whether it is this
    format), the parse function (``Source`` -> ``Parsed``: the file's bytes, path and hints ->
    cues, diagnostics and what the file declares about the track) and the extensions that are
    this format only when the sniffer says so (``.xml``: discovered in folders only when it is
    TTML). The parse function is named (``"ttml:read_ttml"``: a module of subqa.formats and
    its function) and imported on first use (``read``), so that reading one format loads no
    other reader."""

    name: str
    title: str
    extensions: tuple[str, ...]
    sniff: Callable[[str], bool]
    parse: str
    sniffed_extensions: tuple[str, ...] = ()

    def read(self, source: Source) -> Parsed:
        """Parse ``source`` with this format's parse function."""
        module, function = self.parse.split(":")
        return getattr(import_module(f"{__name__}.{module}"), function)(source)


# The reader registry. A new format = its module + one row (+ its tests).
READERS: tuple[Reader, ...] = (
    Reader("srt", "SubRip", (".srt",), _sniff_srt, "srt:read_srt"),
    Reader("vtt", "WebVTT", (".vtt", ".webvtt"), _sniff_vtt, "vtt:read_vtt"),
    Reader("ttml", "TTML/IMSC", (".ttml", ".dfxp"), _sniff_ttml, "ttml:read_ttml", (".xml",)),
    Reader("scc", "SCC", (".scc",), _sniff_scc, "scc:read_scc"),
    # binary: the GSI block's disk format code is sniffed from the Latin-1 reading of the head;
    # .stl is also the 3D-model extension, so in folders it is an EBU STL file only when sniffed
    Reader("stl", "EBU STL", (), sniff_stl, "stl:read_stl", (".stl",)),
    # ASS v4+ and SSA v4: one reader; the name says which the file is (by extension, else by
    # its [Script Info] header and a [V4 Styles] section or `ScriptType: v4.00`)
    Reader("ass", "ASS", (".ass",), sniff_ass, "ass:read_ass"),
    Reader("ssa", "SSA", (".ssa",), sniff_ssa, "ass:read_ass"),
)
FORMATS = tuple(r.name for r in READERS)
SUBTITLE_EXTENSIONS = tuple(ext for r in READERS for ext in r.extensions)
# discovered in folders only when the content is the reader's format (see sniff_file)
SNIFFED_EXTENSIONS = tuple(ext for r in READERS for ext in r.sniffed_extensions)
# a sniffed extension -> the reader it may be (``.xml`` -> ttml, ``.stl`` -> stl)
SNIFFED_READERS = {ext: r for r in READERS for ext in r.sniffed_extensions}
_EXTENSIONS = {ext: r.name for r in READERS for ext in r.extensions}
_BY_NAME = {r.name: r for r in READERS}


def extensions_help() -> str:
    """The formats and their extensions for help texts: ``SubRip (.srt), WebVTT (.vtt,
    .webvtt), TTML/IMSC (.ttml, .dfxp; .xml by content), ...``."""
    def one(r: Reader) -> str:
        sniffed = "".join(f"; {ext} by content" for ext in r.sniffed_extensions)
        return f"{r.title} ({'; '.join(filter(None, (', '.join(r.extensions), sniffed[2:])))})"
    return ", ".join(one(r) for r in READERS)


def load_track(path: str | PurePath, *, fmt: str | None = None, encoding: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, language: str | None = None) -> Track:
    """Read a subtitle file. See the module docstring for what is raised and what is reported.
    ``language`` (e.g. from --lang) only helps choose among legacy code pages; the file name's
    language tag is used when it is not given. ``Track.language`` is the language the file
    itself declares (TTML ``xml:lang``), else None; ``Track.fps`` likewise its frame rate."""
    p = Path(path)
    try:
        if files.is_dir(p):
            raise SubtitleError(f"{path}: is a directory, not a subtitle file")
        if not files.shipping() and p.exists() and not p.is_file():
            raise SubtitleError(f"{path}: not a regular file (device, pipe or socket)")
        size = files.size(p)
        if size > max_bytes:
            return _unread(str(path), fmt, f"file is {_mb(size)}, over the {_mb(max_bytes)} "
                           "limit for a subtitle file; not read", {"bytes": size})
        data = files.read_bytes(p)
    except FileNotFoundError:
        raise SubtitleError(f"{path}: no such file") from None
    except PermissionError:
        raise SubtitleError(f"{path}: permission denied") from None
    except OSError as exc:
        raise SubtitleError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_bytes(data, str(path), fmt=fmt, encoding=encoding, language=language)


def parse_bytes(data: bytes, path: str, *, fmt: str | None = None,
                encoding: str | None = None, language: str | None = None) -> Track:
    """Parse subtitle bytes; ``path`` is used for the format (extension) and language hints."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown subtitle format {fmt!r}; allowed: {', '.join(FORMATS)}")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}") from None
    if not data:
        return _unread(path, fmt, "file is empty (0 bytes); no cues", {"bytes": 0})
    source = Source(data, path, encoding=encoding, language=language)
    # the extension chooses the reader; a file with another extension (or none), named
    # explicitly, is read by what its content looks like (SubRip when nothing matches: its
    # reader reports every block it cannot read)
    fmt = (fmt or format_for_name(path) or _sniff_source(source)
           or _sniffed_name(path) or "srt")
    parsed = _BY_NAME[fmt].read(source)
    return Track(path=path, format=fmt, cues=parsed.cues, encoding=parsed.encoding,
                 language=parsed.language, diagnostics=parsed.diagnostics,
                 line_count=parsed.line_count, fps=parsed.fps)


def _sniff_source(source: Source) -> str | None:
    """The format the start of a file looks like: its decoded text, or for bytes that are not
    text (a binary format) their first bytes as ``head_text`` reads them."""
    if source.control_share is None:
        return sniff_format(source.text[:SNIFF_BYTES])
    return sniff_format(head_text(source.data[:SNIFF_BYTES]))


def format_for_name(path: str | PurePath) -> str | None:
    """The format a file's extension selects (``.webvtt`` -> ``vtt``), or None."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower())


def _sniffed_name(path: str | PurePath) -> str | None:
    """For a file named on the command line whose content no reader recognises: the format its
    sniffed-only extension names (``.stl`` -> stl, ``.xml`` -> ttml), so that its P001 says
    what it is not ("not an EBU STL file") rather than that SubRip found no timing line."""
    reader = SNIFFED_READERS.get(PurePath(path).suffix.lower())
    return reader.name if reader is not None else None


def sniff_format(head: str) -> str | None:
    """The format the start of a text looks like (``WEBVTT`` -> vtt, a SubRip timing line ->
    srt), or None."""
    for reader in READERS:
        if reader.sniff(head):
            return reader.name
    return None


def sniff_file(path: str | PurePath, size: int = SNIFF_BYTES) -> str | None:
    """The format of a file judged by its first ``size`` bytes (for files without a subtitle
    extension found in folders), or None when it does not look like a subtitle file or cannot
    be read. Decodes as the byte order mark says, else as Latin-1 (the signatures and timing
    lines are ASCII in every ASCII-compatible encoding)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(size)
    except OSError:
        return None
    return sniff_format(head_text(head))


def _unread(path: str, fmt: str | None, message: str, data: dict) -> Track:
    fmt = fmt or format_for_name(path) or "srt"
    parsed = unread(message, data)
    return Track(path=path, format=fmt, cues=parsed.cues, encoding=parsed.encoding,
                 language=None, diagnostics=parsed.diagnostics, line_count=0)


def _mb(n: int) -> str:
    mb = n / 1_000_000
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
