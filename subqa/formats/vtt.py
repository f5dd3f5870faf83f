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
    cues: list[Cue] = []
    diags: list[Diagnostic] = []
    nul_lines = [k + 1 for k, ln in enumerate(lines) if "\x00" in ln]
    if nul_lines:
        count = sum(ln.count("\x00") for ln in lines)
        diags.append(Diagnostic(
            "P001", f"{count} NUL character(s) on {len(nul_lines)} line(s), read as U+FFFD as "
            f"the WebVTT specification requires (first on line {nul_lines[0]})", nul_lines[0],
            {"reason": "nul", "lines": nul_lines[:100]}))
        lines = [ln.replace("\x00", "\ufffd") for ln in lines]

    if not lines or not signature_ok(lines[0]):
        found = lines[0][:30] if lines else ""
        timings = sum(1 for ln in lines if "-->" in ln)
        hint = (f" (the file has {timings} timing line(s): if it is SubRip, name it .srt or "
                "read it as srt)" if timings and any("," in ln for ln in lines if "-->" in ln)
                else "")
        diags.insert(0, Diagnostic(
            "P001", f"not a WebVTT file: the first line must be 'WEBVTT' (optionally followed "
            f"by a space or tab and text), found {found!r}; no cues read{hint}", None,
            {"reason": "bad-signature", "timing_lines": timings}))
        return cues, diags

    n = len(lines)
    blank_blocks: list[tuple[int, int]] = []     # (0-based start, line count) of whitespace-only blocks
    seen_cue = False
    run_on = False      # the previous cue's text was ended by a "-->" line, not a blank line

    def collect_block(i: int, in_header: bool) -> int:
        """Collect one block starting at line index ``i``; returns the next line index."""
        nonlocal seen_cue, run_on
        follows_text, run_on = run_on, False
        line_count = 0
        seen_arrow = False
        buffer: list[str] = []
        timing: tuple[int, int, str] | None = None
        timing_at: int | None = None
        failure = ""
        is_style = is_region = False
        previous = i
        start = i
        while i < n:
            line = lines[i]
            line_count += 1
            i += 1
            if "-->" in line:
                if not in_header and (line_count == 1 or (line_count == 2 and not seen_arrow)):
                    seen_arrow = True
                    previous = i
                    timing_at = i - 1
                    timing, failure = parse_timing(line)
                    if timing is not None:
                        ident = "\n".join(buffer)
                        buffer = []
                        seen_cue = True
                else:
                    i = previous
                    run_on = timing is not None and not in_header
                    break
            elif line == "":
                break
            else:
                if not in_header and line_count == 2 and not seen_cue:
                    if buffer == ["STYLE"]:
                        is_style, buffer = True, []
                    elif buffer == ["REGION"]:
                        is_region, buffer = True, []
                buffer.append(line)
                previous = i
        if in_header:
            return i
        if timing is not None and timing_at is not None:
            first = timing_at - (1 if ident else 0)
            cues.append(Cue(index=len(cues) + 1, start_ms=timing[0], end_ms=timing[1],
                            lines=tuple(buffer), line=first + 1, timing_line=timing_at + 1,
                            identifier=ident or None, settings=timing[2]))
            if follows_text:
                after = (f"cue {len(cues) - 1}'s text" if cues[-2].lines else
                         f"cue {len(cues) - 1}'s timing line (cue {len(cues) - 1} has no text)")
                diags.append(Diagnostic(
                    "P001", f"cue starts without a blank line after {after}; read as a new "
                    "cue (a line before its timing line would have been kept as the previous "
                    "cue's text)", first + 1,
                    {"timing_line": timing_at + 1, "reason": "no-blank-line"}))
            return i
        if is_style or is_region:
            return i
        if timing_at is not None:
            diags.append(Diagnostic(
                "P001", f"malformed timing line {lines[timing_at].strip()[:60]!r}: {failure}; "
                "the WebVTT parser drops this block", start + 1,
                {"timing_line": timing_at + 1, "reason": failure}))
            return i
        head = buffer[0] if buffer else ""
        if head.startswith("NOTE") and (len(head) == 4 or head[4] in " \t"):
            return i
        kind = head.split(None, 1)[0] if head.startswith(("STYLE", "REGION")) else ""
        if kind in ("STYLE", "REGION"):
            if seen_cue:
                diags.append(Diagnostic(
                    "P001", f"{kind} block after the first cue: the WebVTT specification "
                    f"ignores it (a {kind} block must come before every cue)", start + 1,
                    {"lines": len(buffer), "reason": f"late-{kind.lower()}"}))
            return i
        visible = [ln for ln in buffer if ln.strip(_WS)]
        if not visible:
            blank_blocks.append((start, len(buffer)))     # reported below if cues follow
            return i
        if not seen_cue and all(_METADATA.match(ln) for ln in visible):
            return i      # "Kind: captions" style header lines after a blank line: harmless
        if i < n and "-->" in lines[i] and len(buffer) >= 2:
            msg = (f"{len(buffer)} lines before the timing line on line {i + 1}: a cue may have "
                   f"only one identifier line, so the WebVTT parser drops these lines "
                   f"(starting {visible[0].strip()[:40]!r}) and reads the cue without them")
        else:
            msg = (f"{len(buffer)} line(s) of text with no timing line (starting "
                   f"{visible[0].strip()[:40]!r}); the WebVTT parser drops this block")
        diags.append(Diagnostic("P001", msg, start + 1,
                                {"lines": len(buffer), "reason": "no-timing"}))
        return i

    i = 1
    if i < n and lines[i] != "":
        i = collect_block(i, in_header=True)
    while i < n and lines[i] == "":
        i += 1
    while i < n:
        before = i
        i = collect_block(i, in_header=False)
        if i == before:        # cannot happen per the algorithm; guard against a loop
            i += 1
        while i < n and lines[i] == "":
            i += 1
    diags.extend(_whitespace_blocks(blank_blocks, cues))
    return cues, diags


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
