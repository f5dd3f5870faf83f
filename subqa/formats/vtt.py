"""WebVTT reader following the parsing algorithm of the W3C WebVTT specification
(https://www.w3.org/TR/webvtt1/#file-parsing), so that it keeps exactly the cues a browser
keeps. Where the specification drops content without a word, this reader keeps the same cue
count and adds a P001 diagnostic with the file line of the dropped block:

* a block whose timing line does not parse (the spec drops the whole block);
* a block of text with no timing line that is not a NOTE, STYLE or REGION block;
* a "-->" line inside a cue's text ends that cue (spec) and starts a new block: if it is a
  valid timing line it is a new cue, otherwise the dropped block is reported;
* a cue that follows the previous cue with no blank line is kept (spec) and reported, also
  when the previous cue has no text (its timing line is directly followed by another);
* a STYLE or REGION block after the first cue (the spec ignores it);
* U+0000 NUL characters (replaced by U+FFFD, as the spec says; reported per line).

One more P001 where the spec loses nothing but a common player does: a block of lines that
hold only spaces or tabs, with cues after it. Browsers skip it; FFmpeg's WebVTT demuxer (5.1,
libavformat/webvttdec.c, also in its current source) reads such a block as a cue whose
timestamp does not parse and stops reading the file there, so every later cue is lost to
FFmpeg and the players built on it (measured: 0 of 865 cues of a Netflix WebVTT file with
whitespace-only lines before its first cue). Whitespace-only lines after the last cue cost
nothing anywhere and are not reported.

One deliberate difference from the spec: hours of more than 3 digits (beyond 999:59:59.999)
make the timing line invalid (P001), so that no absurd number is ever read as a time.

A file whose first line is not a WebVTT signature gives one file-level P001 and no cues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Cue, Diagnostic
from .base import Parsed, Source, read_text

_WS = " \t\n\f\r"     # ASCII whitespace as the spec's "skip whitespace" uses it
_METADATA = re.compile(r"[\w-]+\s*[:=]")
HOUR_DIGITS = 3       # hours of more than 3 digits are refused: times up to 999:59:59.999


class _TimestampError(Exception):
    pass


def _digits(s: str, pos: int) -> tuple[str, int]:
    end = pos
    while end < len(s) and "0" <= s[end] <= "9":
        end += 1
    return s[pos:end], end


def _timestamp(s: str, pos: int) -> tuple[int, int]:
    """The spec's "collect a WebVTT timestamp": (milliseconds, new position). The first field
    stays a string until the spec's checks pass and it has at most HOUR_DIGITS digits."""
    if pos >= len(s) or not ("0" <= s[pos] <= "9"):
        raise _TimestampError("timestamp must start with a digit")
    first, pos = _digits(s, pos)
    hours_first = len(first) != 2 or first > "59"
    if pos >= len(s) or s[pos] != ":":
        raise _TimestampError("expected ':' in timestamp")
    string, pos = _digits(s, pos + 1)
    if len(string) != 2:
        raise _TimestampError("minutes and seconds need exactly two digits")
    value2 = int(string)
    if hours_first or (pos < len(s) and s[pos] == ":"):
        if pos >= len(s) or s[pos] != ":":
            raise _TimestampError("expected ':' after minutes")
        string, pos = _digits(s, pos + 1)
        if len(string) != 2:
            raise _TimestampError("seconds need exactly two digits")
        hours, minutes, seconds = first, value2, int(string)
    else:
        hours, minutes, seconds = "0", int(first), value2
    if pos >= len(s) or s[pos] != ".":
        raise _TimestampError("expected '.' before the milliseconds")
    string, pos = _digits(s, pos + 1)
    if len(string) != 3:
        raise _TimestampError("milliseconds need exactly three digits")
    if minutes > 59 or seconds > 59:
        raise _TimestampError("minutes or seconds above 59")
    if len(hours) > HOUR_DIGITS:
        raise _TimestampError(f"more than {HOUR_DIGITS} digits in the hours (times beyond "
                              "999:59:59.999 are not read)")
    return ((int(hours) * 60 + minutes) * 60 + seconds) * 1000 + int(string), pos


def parse_timing(line: str) -> tuple[tuple[int, int, str] | None, str]:
    """The spec's "collect WebVTT cue timings and settings": (start, end, settings) or
    (None, reason)."""
    pos, n = 0, len(line)
    try:
        while pos < n and line[pos] in _WS:
            pos += 1
        start, pos = _timestamp(line, pos)
        while pos < n and line[pos] in _WS:
            pos += 1
        if line[pos:pos + 3] != "-->":
            raise _TimestampError("expected '-->' after the start time")
        pos += 3
        while pos < n and line[pos] in _WS:
            pos += 1
        end, pos = _timestamp(line, pos)
    except _TimestampError as exc:
        return None, str(exc)
    return (start, end, line[pos:].strip(_WS)), ""


def signature_ok(first_line: str) -> bool:
    return first_line.startswith("WEBVTT") and (len(first_line) == 6 or first_line[6] in " \t")


def parse_vtt(lines: list[str]) -> tuple[list[Cue], list[Diagnostic]]:
    """Cues and diagnostics from the lines of a WebVTT file (terminators removed, BOM
    removed). ``lines`` may end with one empty string for a final line terminator."""
    lines, diags = _replace_nul(lines)
    if not lines or not signature_ok(lines[0]):
        diags.insert(0, _bad_signature(lines))
        return [], diags
    reader = _Reader(lines, diags)
    reader.read()
    return reader.cues, reader.diags


def _replace_nul(lines: list[str]) -> tuple[list[str], list[Diagnostic]]:
    """The lines with U+0000 read as U+FFFD, and a P001 if there were any."""
    nul_lines = [k + 1 for k, ln in enumerate(lines) if "\x00" in ln]
    if not nul_lines:
        return lines, []
    count = sum(ln.count("\x00") for ln in lines)
    diag = Diagnostic(
        "P001", f"{count} NUL character(s) on {len(nul_lines)} line(s), read as U+FFFD as "
        f"the WebVTT specification requires (first on line {nul_lines[0]})", nul_lines[0],
        {"reason": "nul", "lines": nul_lines[:100]})
    return [ln.replace("\x00", "\ufffd") for ln in lines], [diag]


def _bad_signature(lines: list[str]) -> Diagnostic:
    """The file-level P001 of a file whose first line is not a WebVTT signature."""
    found = lines[0][:30] if lines else ""
    timings = sum(1 for ln in lines if "-->" in ln)
    hint = (f" (the file has {timings} timing line(s): if it is SubRip, name it .srt or "
            "read it as srt)" if timings and any("," in ln for ln in lines if "-->" in ln)
            else "")
    return Diagnostic(
        "P001", f"not a WebVTT file: the first line must be 'WEBVTT' (optionally followed "
        f"by a space or tab and text), found {found!r}; no cues read{hint}", None,
        {"reason": "bad-signature", "timing_lines": timings})


@dataclass(slots=True)
class _Block:
    """One block as :meth:`_Reader.scan` collected it (working state)."""

    start: int                   # 0-based index of its first line
    follows_text: bool           # the previous cue's text was ended by its "-->" line
    buffer: list[str] = field(default_factory=list)   # its text lines
    ident: str = ""              # the identifier line(s) before its timing line
    timing: tuple[int, int, str] | None = None        # (start, end, settings)
    timing_at: int | None = None  # 0-based index of its timing line (parsed or not)
    failure: str = ""            # why the timing line did not parse
    is_style: bool = False
    is_region: bool = False

    @property
    def head(self) -> str:
        return self.buffer[0] if self.buffer else ""

    @property
    def visible(self) -> list[str]:
        """The text lines that are not only whitespace."""
        return [ln for ln in self.buffer if ln.strip(_WS)]


class _Reader:
    """The spec's block loop over the lines of one file, with the cues and diagnostics found."""

    def __init__(self, lines: list[str], diags: list[Diagnostic]):
        self.lines = lines
        self.cues: list[Cue] = []
        self.diags = diags
        self.blank_blocks: list[tuple[int, int]] = []  # (0-based start, line count) of
        #                                                whitespace-only blocks
        self.seen_cue = False
        self.run_on = False    # the previous cue's text was ended by a "-->" line, not a blank

    def read(self) -> None:
        lines, n = self.lines, len(self.lines)
        i = 1
        if i < n and lines[i] != "":
            _block, i = self.scan(i, in_header=True)
        while i < n and lines[i] == "":
            i += 1
        while i < n:
            before = i
            i = self.collect_block(i)
            if i == before:        # cannot happen per the algorithm; guard against a loop
                i += 1
            while i < n and lines[i] == "":
                i += 1
        self.diags.extend(_whitespace_blocks(self.blank_blocks, self.cues))

    def collect_block(self, i: int) -> int:
        """Collect one block starting at line index ``i``; returns the next line index. The
        first of :data:`_BLOCK_ENDINGS` that takes the block decides what it is."""
        block, i = self.scan(i, in_header=False)
        for ending in _BLOCK_ENDINGS:
            if ending(self, block, i):
                break
        return i

    def scan(self, i: int, in_header: bool) -> tuple[_Block, int]:
        """The lines of one block from line index ``i`` and the next line index."""
        lines, n = self.lines, len(self.lines)
        block = _Block(start=i, follows_text=self.run_on)
        self.run_on = False
        line_count = 0
        seen_arrow = False
        previous = i
        while i < n:
            line = lines[i]
            line_count += 1
            i += 1
            if "-->" in line:
                if not in_header and (line_count == 1 or (line_count == 2 and not seen_arrow)):
                    seen_arrow = True
                    previous = i
                    self._read_timing(block, line, i - 1)
                else:
                    i = previous
                    self.run_on = block.timing is not None and not in_header
                    break
            elif line == "":
                break
            else:
                if not in_header and line_count == 2 and not self.seen_cue:
                    if block.buffer == ["STYLE"]:
                        block.is_style, block.buffer = True, []
                    elif block.buffer == ["REGION"]:
                        block.is_region, block.buffer = True, []
                block.buffer.append(line)
                previous = i
        return block, i

    def _read_timing(self, block: _Block, line: str, at: int) -> None:
        block.timing_at = at
        block.timing, block.failure = parse_timing(line)
        if block.timing is not None:
            block.ident = "\n".join(block.buffer)
            block.buffer = []
            self.seen_cue = True

    # -- the endings of a block: ending(self, block, next index) -> whether it takes the block
    def _cue(self, block: _Block, i: int) -> bool:
        """A cue (with a P001 when no blank line came before it)."""
        if block.timing is None or block.timing_at is None:
            return False
        cues, timing, timing_at, ident = self.cues, block.timing, block.timing_at, block.ident
        first = timing_at - (1 if ident else 0)
        cues.append(Cue(index=len(cues) + 1, start_ms=timing[0], end_ms=timing[1],
                        lines=tuple(block.buffer), line=first + 1, timing_line=timing_at + 1,
                        identifier=ident or None, settings=timing[2]))
        if block.follows_text:
            after = (f"cue {len(cues) - 1}'s text" if cues[-2].lines else
                     f"cue {len(cues) - 1}'s timing line (cue {len(cues) - 1} has no text)")
            self.diags.append(Diagnostic(
                "P001", f"cue starts without a blank line after {after}; read as a new "
                "cue (a line before its timing line would have been kept as the previous "
                "cue's text)", first + 1,
                {"timing_line": timing_at + 1, "reason": "no-blank-line"}))
        return True

    def _style_or_region(self, block: _Block, i: int) -> bool:
        """A STYLE or REGION block before the first cue."""
        return block.is_style or block.is_region

    def _bad_timing(self, block: _Block, i: int) -> bool:
        """A block whose timing line does not parse: dropped, with a P001."""
        if block.timing_at is None:
            return False
        self.diags.append(Diagnostic(
            "P001", f"malformed timing line {self.lines[block.timing_at].strip()[:60]!r}: "
            f"{block.failure}; the WebVTT parser drops this block", block.start + 1,
            {"timing_line": block.timing_at + 1, "reason": block.failure}))
        return True

    def _note(self, block: _Block, i: int) -> bool:
        head = block.head
        return head.startswith("NOTE") and (len(head) == 4 or head[4] in " \t")

    def _late_style_or_region(self, block: _Block, i: int) -> bool:
        """A STYLE or REGION block: ignored by the spec, and reported, after the first cue."""
        head = block.head
        kind = head.split(None, 1)[0] if head.startswith(("STYLE", "REGION")) else ""
        if kind not in ("STYLE", "REGION"):
            return False
        if self.seen_cue:
            self.diags.append(Diagnostic(
                "P001", f"{kind} block after the first cue: the WebVTT specification "
                f"ignores it (a {kind} block must come before every cue)", block.start + 1,
                {"lines": len(block.buffer), "reason": f"late-{kind.lower()}"}))
        return True

    def _whitespace_only(self, block: _Block, i: int) -> bool:
        """Lines of only whitespace: reported at the end if cues follow."""
        if block.visible:
            return False
        self.blank_blocks.append((block.start, len(block.buffer)))
        return True

    def _metadata(self, block: _Block, i: int) -> bool:
        """"Kind: captions" style header lines after a blank line: harmless."""
        return not self.seen_cue and all(_METADATA.match(ln) for ln in block.visible)

    def _no_timing(self, block: _Block, i: int) -> bool:
        """Text with no timing line: dropped, with a P001."""
        buffer, visible, lines = block.buffer, block.visible, self.lines
        if i < len(lines) and "-->" in lines[i] and len(buffer) >= 2:
            msg = (f"{len(buffer)} lines before the timing line on line {i + 1}: a cue may have "
                   f"only one identifier line, so the WebVTT parser drops these lines "
                   f"(starting {visible[0].strip()[:40]!r}) and reads the cue without them")
        else:
            msg = (f"{len(buffer)} line(s) of text with no timing line (starting "
                   f"{visible[0].strip()[:40]!r}); the WebVTT parser drops this block")
        self.diags.append(Diagnostic("P001", msg, block.start + 1,
                                     {"lines": len(buffer), "reason": "no-timing"}))
        return True


#: What a block is, asked in order (see :meth:`_Reader.collect_block`).
_BLOCK_ENDINGS = (
    _Reader._cue,
    _Reader._style_or_region,
    _Reader._bad_timing,
    _Reader._note,
    _Reader._late_style_or_region,
    _Reader._whitespace_only,
    _Reader._metadata,
    _Reader._no_timing,
)


def _whitespace_blocks(blocks: list[tuple[int, int]], cues: list[Cue]) -> list[Diagnostic]:
    """P001 for each block of whitespace-only lines that has cues after it (see the module
    docstring: FFmpeg stops reading at it)."""
    out = []
    for start, count in blocks:
        after = sum(1 for c in cues if c.line > start + 1)
        if after == 0:
            continue
        out.append(Diagnostic(
            "P001", f"{_plural(count, 'line')} of only spaces or tabs between blocks: browsers "
            f"skip {'it' if count == 1 else 'them'}, but FFmpeg stops reading the file here, so "
            f"players that read WebVTT through FFmpeg lose the {_plural(after, 'cue')} after "
            f"{'it' if count == 1 else 'them'}; make the line empty", start + 1,
            {"reason": "whitespace-only-lines", "lines": count, "cues_after": after}))
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def read_vtt(source: Source) -> Parsed:
    """The reader's entry point (subqa.formats.READERS): a WebVTT file's bytes -> its cues."""
    return read_text(source, parse_vtt)
