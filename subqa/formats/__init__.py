"""Subtitle readers: bytes in, a Track out, nothing lost in silence.

``load_track`` raises ``SubtitleError`` only when the file cannot be read at all (missing, a
directory, no permission). Everything about the content becomes diagnostics in
``Track.diagnostics``: P001 for a malformed block or file (with the block's 1-based file line,
or None for the whole file) and P002 when the bytes were not UTF-8 (or UTF-16/32 with a BOM).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path, PurePath
from typing import Callable, NamedTuple

from ..model import Diagnostic, SubtitleError, Track, UsageError
from .ass import parse_ass, sniff_ass, sniff_ssa
from .encoding import bom_encoding, decode
from .scc import HEADER as SCC_HEADER
from .scc import parse_scc
from .srt import parse_srt
from .ttml import parse_ttml
from .vtt import parse_vtt

__all__ = ["load_track", "parse_bytes", "split_lines", "FORMATS", "DEFAULT_MAX_BYTES",
           "READERS", "SUBTITLE_EXTENSIONS", "SNIFFED_EXTENSIONS", "format_for_name", "sniff_format", "sniff_file"]

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


class Reader(NamedTuple):
    """One subtitle format: its name (``Track.format``), the file extensions that select it, a
    sniffer (the first few KB of the text -> whether it is this format), the parser
    (the file's lines -> cues and diagnostics, and optionally a dict of what the file declares
    about the track: ``language``, ``fps``) and the extensions that are this format only when
    the sniffer says so (``.xml``: discovered in folders only when it is TTML)."""

    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[str], bool]
    parse: Callable[[list[str]], tuple]
    sniffed_extensions: tuple[str, ...] = ()


def _parse_srt(lines: list[str]) -> tuple[list, list]:
    # the final empty string after a last line break is not a line of the file
    return parse_srt(lines[:-1] if lines and lines[-1] == "" else lines)


# The reader registry: reading, folder discovery (subqa.api.collect_files) and the messages
# that list the extensions all come from this table. A new format = its module + one row.
READERS: tuple[Reader, ...] = (
    Reader("srt", (".srt",), _sniff_srt, _parse_srt),
    Reader("vtt", (".vtt", ".webvtt"), _sniff_vtt, lambda lines: parse_vtt(lines)),
    Reader("ttml", (".ttml", ".dfxp"), _sniff_ttml, parse_ttml, (".xml",)),
    Reader("scc", (".scc",), _sniff_scc, parse_scc),
    # ASS v4+ and SSA v4: one reader; the name says which the file is (by extension, else by
    # its [Script Info] header and a [V4 Styles] section or `ScriptType: v4.00`)
    Reader("ass", (".ass",), sniff_ass, parse_ass),
    Reader("ssa", (".ssa",), sniff_ssa, parse_ass),
)
FORMATS = tuple(r.name for r in READERS)
SUBTITLE_EXTENSIONS = tuple(ext for r in READERS for ext in r.extensions)
# discovered in folders only when the content is the reader's format (see sniff_file)
SNIFFED_EXTENSIONS = tuple(ext for r in READERS for ext in r.sniffed_extensions)
_EXTENSIONS = {ext: r.name for r in READERS for ext in r.extensions}
_BY_NAME = {r.name: r for r in READERS}
_NEWLINE = re.compile(r"\r\n|\r|\n")
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


def split_lines(text: str) -> list[str]:
    """Lines split at LF, CRLF or CR only (not at the other characters str.splitlines uses).
    A final terminator yields a last empty string."""
    return _NEWLINE.split(text)


def load_track(path: str | PurePath, *, fmt: str | None = None, encoding: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, language: str | None = None) -> Track:
    """Read a subtitle file. See the module docstring for what is raised and what is reported.
    ``language`` (e.g. from --lang) only helps choose among legacy code pages; the file name's
    language tag is used when it is not given. ``Track.language`` is the language the file
    itself declares (TTML ``xml:lang``), else None; ``Track.fps`` likewise its frame rate."""
    p = Path(path)
    try:
        if p.is_dir():
            raise SubtitleError(f"{path}: is a directory, not a subtitle file")
        if p.exists() and not p.is_file():
            raise SubtitleError(f"{path}: not a regular file (device, pipe or socket)")
        size = p.stat().st_size
        if size > max_bytes:
            return _unread(str(path), fmt, f"file is {_mb(size)}, over the {_mb(max_bytes)} "
                           "limit for a subtitle file; not read", {"bytes": size})
        data = p.read_bytes()
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
    if not encoding and bom_encoding(data) is None:
        junk = _binary_share(data)
        if junk is not None:
            return _unread(path, fmt, f"file does not look like subtitle text ({junk:.0%} of "
                           "the first bytes are control characters); not read",
                           {"bytes": len(data)})

    decoded = decode(data, path, encoding=encoding, language=language)
    text = decoded.text[1:] if decoded.text.startswith("\ufeff") else decoded.text
    # the extension chooses the reader; a file with another extension (or none), named
    # explicitly, is read by what its content looks like (SubRip when nothing matches: its
    # reader reports every block it cannot read)
    fmt = fmt or format_for_name(path) or sniff_format(text[:SNIFF_BYTES]) or "srt"
    lines = split_lines(text)
    line_count = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
    cues, diags, *declared = _BY_NAME[fmt].parse(lines)
    facts = declared[0] if declared else {}
    if not text.strip() and not diags:
        diags.append(Diagnostic("P001", "file holds no text (only whitespace or a byte order "
                                "mark); no cues", None, {"reason": "blank"}))
    all_diags = tuple(decoded.diagnostics) + tuple(diags)
    return Track(path=path, format=fmt, cues=tuple(cues), encoding=decoded.encoding,
                 language=facts.get("language"), diagnostics=all_diags, line_count=line_count,
                 fps=facts.get("fps"))


def format_for_name(path: str | PurePath) -> str | None:
    """The format a file's extension selects (``.webvtt`` -> ``vtt``), or None."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower())


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
    bom = bom_encoding(head)
    if bom is not None:
        text = head.decode(bom[0], errors="ignore").lstrip("\ufeff")
    else:
        text = head.decode("latin-1")
    return sniff_format(text.replace("\r\n", "\n").replace("\r", "\n"))


def _unread(path: str, fmt: str | None, message: str, data: dict) -> Track:
    fmt = fmt or format_for_name(path) or "srt"
    return Track(path=path, format=fmt, cues=(), encoding="", language=None,
                 diagnostics=(Diagnostic("P001", message, None, data),), line_count=0)


def _mb(n: int) -> str:
    mb = n / 1_000_000
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


def _binary_share(data: bytes) -> float | None:
    """Share of control bytes in the first 64 KB when it is too high for a text file."""
    head = data[:65536]
    if len(head) > 1 and len(head) % 2 == 0 and (head[0::2].count(0) > 0.4 * len(head) / 2
                                                  or head[1::2].count(0) > 0.4 * len(head) / 2):
        return None          # UTF-16 without a byte order mark
    junk = len(head) - len(head.translate(None, _CONTROL))
    share = junk / len(head)
    return share if share > 0.1 and junk >= 4 else None
