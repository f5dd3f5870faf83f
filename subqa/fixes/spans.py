"""The lossless text model that fixes edit: a file's decoded text with its byte order mark, its
codec and its exact line ends, and edits as non-overlapping spans of that text.

``Source.from_bytes(data, codec)`` decodes with the codec the reader chose (undecodable bytes
kept as lone surrogates, ``surrogateescape``), and ``Source.lossless`` says whether encoding the
text again gives back ``data`` exactly. Applying no edit writes the same bytes; applying edits
changes only the edited spans (everything else, line ends included, is copied as decoded).
Positions are character offsets into ``Source.text`` (the text after the byte order mark).
"""
from __future__ import annotations

import codecs
import re
from array import array
from typing import Iterable, NamedTuple

from ..formats import split_lines

# byte order mark -> the codec of the text after it
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINE = re.compile(r"\r\n|\r|\n")


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


class Source:
    """A decoded file. ``line_starts[i]`` is the offset of 1-based line ``i + 1``;
    ``line_ends[i]`` the offset where its terminator starts (the line's content is
    ``text[line_starts[i]:line_ends[i]]``)."""

    __slots__ = ("bom", "codec", "text", "original", "lossless", "line_starts", "line_ends")

    def __init__(self, text: str, codec: str, bom: bytes = b"", original: bytes | None = None):
        self.bom = bom
        self.codec = codec
        self.text = text
        self.original = original
        self.lossless = True
        if original is not None:
            try:
                self.lossless = self.encode(text) == original
            except (UnicodeError, LookupError):
                self.lossless = False
        # arrays of machine integers, not lists of int objects: a fifth of the memory for the
        # line offsets of a long film (issue 17: memory per cue)
        starts, ends = array("q", [0]), array("q")
        for m in _NEWLINE.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self.line_starts, self.line_ends = starts, ends

    @classmethod
    def from_bytes(cls, data: bytes, codec: str) -> "Source":
        """``data`` read as the reader read it: ``codec`` is ``Track.encoding``; a byte order
        mark is kept apart (and decides the codec of the rest)."""
        bom = b""
        for mark, bom_codec in _BOMS:
            if data.startswith(mark):
                bom, codec = mark, bom_codec
                break
        name = _codec_name(codec or "utf-8")
        body = data[len(bom):]
        try:
            text = body.decode(name, "surrogateescape")
        except (UnicodeError, LookupError):
            text = body.decode(name, "replace") if _known(name) else body.decode("latin-1")
        return cls(text, name, bom, data)

    # --- lines ------------------------------------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line(self, number: int) -> str:
        """The content of 1-based line ``number`` (no terminator)."""
        return self.text[self.line_starts[number - 1]:self.line_ends[number - 1]]

    def terminator(self, number: int) -> str:
        """The line end after 1-based line ``number`` ("" for the last line)."""
        i = number - 1
        nxt = self.line_starts[i + 1] if i + 1 < len(self.line_starts) else len(self.text)
        return self.text[self.line_ends[i]:nxt]

    def newline(self, near: int = 1) -> str:
        """The line end to write at 1-based line ``near``: its own, else the file's first."""
        own = self.terminator(near) if near <= self.line_count else ""
        if own:
            return own
        m = _NEWLINE.search(self.text)
        return m.group() if m else "\n"

    def offset(self, line: int, column: int = 0) -> int:
        return self.line_starts[line - 1] + column

    def position(self, offset: int) -> tuple[int, int]:
        """(1-based line, 1-based column) of a character offset."""
        import bisect

        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    # --- writing ----------------------------------------------------------------------------

    def encode(self, text: str | None = None, codec: str | None = None,
               bom: bytes | None = None) -> bytes:
        text = self.text if text is None else text
        codec = codec or self.codec
        errors = "surrogateescape" if _escapable(codec) else "strict"
        return (self.bom if bom is None else bom) + text.encode(codec, errors)

    def apply(self, edits: Iterable[Edit]) -> str:
        """The text with ``edits`` applied (they must not overlap; see :func:`merge`)."""
        out, pos = [], 0
        for e in sorted(edits):
            if e.start < pos:
                raise ValueError(f"overlapping edits at {e.start}")
            out.append(self.text[pos:e.start])
            out.append(e.replacement)
            pos = e.end
        out.append(self.text[pos:])
        return "".join(out)

    def with_text(self, text: str) -> "Source":
        """The same file (codec, byte order mark) holding ``text``."""
        return Source(text, self.codec, self.bom)

    def reader_lines(self) -> list[str]:
        """The lines as the readers split them."""
        return split_lines(self.text)


def overlaps(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same characters (two insertions at one offset do too:
    their order would be undefined)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    return a.start < b.end and b.start < a.end


def _codec_name(codec: str) -> str:
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return codec
    # a BOM-less file read as "utf-16"/"utf-32" was sniffed as little-endian by the reader
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(name, name)


def _known(codec: str) -> bool:
    try:
        codecs.lookup(codec)
        return True
    except LookupError:
        return False


def _escapable(codec: str) -> bool:
    """Codecs where ``surrogateescape`` gives back the undecodable bytes (not the UTF-16/32
    family, whose surrogates are code units)."""
    return not codec.startswith(("utf-16", "utf-32"))
