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

from ..model import Diagnostic, SubtitleError, Track, UsageError
from .encoding import bom_encoding, decode
from .srt import parse_srt
from .vtt import parse_vtt

__all__ = ["load_track", "parse_bytes", "split_lines", "FORMATS", "DEFAULT_MAX_BYTES"]

FORMATS = ("srt", "vtt")
DEFAULT_MAX_BYTES = 20_000_000
_EXTENSIONS = {".srt": "srt", ".vtt": "vtt", ".webvtt": "vtt"}
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
    language tag is used when it is not given. ``Track.language`` is left None."""
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
    fmt = fmt or _format_from_name(path) or ("vtt" if text.startswith("WEBVTT") else "srt")
    lines = split_lines(text)
    line_count = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
    if fmt == "vtt":
        cues, diags = parse_vtt(lines)
    else:
        cues, diags = parse_srt(lines[:line_count])
    if not text.strip() and not diags:
        diags.append(Diagnostic("P001", "file holds no text (only whitespace or a byte order "
                                "mark); no cues", None, {"reason": "blank"}))
    all_diags = tuple(decoded.diagnostics) + tuple(diags)
    return Track(path=path, format=fmt, cues=tuple(cues), encoding=decoded.encoding,
                 language=None, diagnostics=all_diags, line_count=line_count)


def _format_from_name(path: str) -> str | None:
    return _EXTENSIONS.get(PurePath(path).suffix.lower())


def _unread(path: str, fmt: str | None, message: str, data: dict) -> Track:
    fmt = fmt or _format_from_name(path) or "srt"
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
