"""The reader interface: what a reader is given (``Source``: the file's bytes and the hints for
reading them) and what it returns (``Parsed``: the pieces of a Track), and ``read_text``, the
one helper through which the text formats decode their bytes.

A reader is ``read(source) -> Parsed`` and never raises for any content: everything about the
content becomes diagnostics. A text format (SubRip, WebVTT, TTML, SCC, ASS) hands its
lines-level parser to ``read_text``; a binary format (EBU STL) reads ``source.data`` itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from ..model import Cue, Diagnostic
from .encoding import Decoded, bom_encoding, decode

_NEWLINE = re.compile(r"\r\n|\r|\n")
# control bytes that no subtitle text holds (tab, line breaks, form feed and escape allowed)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


@dataclass(frozen=True)
class Source:
    """A file to read: its bytes, its path (for the language tag in its name) and the hints
    from the command line: ``encoding`` (--encoding: decode with this codec, no detection) and
    ``language`` (--lang: helps choose among legacy code pages). ``decoded`` and ``text`` are
    computed once, when a reader or the format sniffer first asks."""

    data: bytes
    path: str
    encoding: str | None = None
    language: str | None = None

    @cached_property
    def decoded(self) -> Decoded:
        return decode(self.data, self.path, encoding=self.encoding, language=self.language)

    @cached_property
    def text(self) -> str:
        """The decoded text without its byte order mark."""
        text = self.decoded.text
        return text[1:] if text.startswith("\ufeff") else text

    @cached_property
    def control_share(self) -> float | None:
        """The share of control bytes in the first 64 KB when it is too high for a text file
        (not UTF-16 without a byte order mark), else None; None as well when the encoding is
        given or a byte order mark names it."""
        if self.encoding or bom_encoding(self.data) is not None:
            return None
        return _control_share(self.data)


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a reader returns: the cues, the diagnostics (decoding ones first), the codec the
    text was read with ("" when it was not read), the number of lines, and what the file
    declares about the track (``language``, e.g. TTML xml:lang; ``fps``, e.g. ttp:frameRate)."""

    cues: tuple[Cue, ...]
    diagnostics: tuple[Diagnostic, ...]
    encoding: str
    line_count: int
    language: str | None = None
    fps: float | None = None


def unread(message: str, data: dict) -> Parsed:
    """A file that was not read: no cues, one file-level P001 saying why."""
    return Parsed(cues=(), diagnostics=(Diagnostic("P001", message, None, data),), encoding="",
                  line_count=0)


def read_text(source: Source, parse_lines: Callable[[list[str]], tuple]) -> Parsed:
    """Read a text format: refuse bytes that are not text, decode (subqa.formats.encoding),
    split into lines and hand them to ``parse_lines`` (lines -> cues, diagnostics, and
    optionally a dict of the track facts the file declares: ``language``, ``fps``)."""
    junk = source.control_share
    if junk is not None:
        return unread(f"file does not look like subtitle text ({junk:.0%} of the first bytes "
                      "are control characters); not read", {"bytes": len(source.data)})
    lines = split_lines(source.text)
    line_count = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
    cues, diags, *declared = parse_lines(lines)
    facts = declared[0] if declared else {}
    if not source.text.strip() and not diags:
        diags.append(Diagnostic("P001", "file holds no text (only whitespace or a byte order "
                                "mark); no cues", None, {"reason": "blank"}))
    return Parsed(cues=tuple(cues), diagnostics=tuple(source.decoded.diagnostics) + tuple(diags),
                  encoding=source.decoded.encoding, line_count=line_count,
                  language=facts.get("language"), fps=facts.get("fps"))


def italic_markup(runs) -> str:
    """A line's (text, italic) runs as cue text: each italic run in ``<i>…</i>`` around its
    words, its surrounding spaces left outside (the markup the form and counting rules read);
    for readers whose formats mark italics by style (TTML) or control codes (EBU STL)."""
    out = []
    for text, italic in runs:
        if not text:
            continue
        if italic and text.strip():
            lead = text[:len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            out.append(f"{lead}<i>{text.strip()}</i>{trail}")
        else:
            out.append(text)
    return "".join(out)


def split_lines(text: str) -> list[str]:
    """Lines split at LF, CRLF or CR only (not at the other characters str.splitlines uses).
    A final terminator yields a last empty string."""
    # Most files end their lines one way only: str.split then gives the same lines, faster.
    if "\r" not in text:
        return text.split("\n")
    crlf = text.count("\r\n")
    if crlf == text.count("\r") == text.count("\n"):
        return text.split("\r\n")
    return _NEWLINE.split(text)


def without_final_terminator(lines: list[str]) -> list[str]:
    """The lines without the empty string that follows a final line terminator."""
    return lines[:-1] if lines and lines[-1] == "" else lines


def head_text(data: bytes) -> str:
    """The first bytes of a file as text for the format sniffers, without decoding it properly:
    as its byte order mark says, else as Latin-1 (the signatures and timing lines the sniffers
    look for are ASCII in every ASCII-compatible encoding); line breaks made LF."""
    bom = bom_encoding(data)
    if bom is not None:
        text = data.decode(bom[0], errors="ignore").lstrip("\ufeff")
    else:
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(data: bytes) -> float | None:
    head = data[:65536]
    if not head:
        return None
    if len(head) > 1 and len(head) % 2 == 0 and 0 in head and (
            head[0::2].count(0) > 0.4 * len(head) / 2 or head[1::2].count(0) > 0.4 * len(head) / 2):
        return None          # UTF-16 without a byte order mark (a zero byte in every other one)
    junk = len(head) - len(head.translate(None, _CONTROL))
    share = junk / len(head)
    return share if share > 0.1 and junk >= 4 else None
