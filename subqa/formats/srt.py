"""SubRip (.srt) reader that never loses a cue silently.

SubRip has no formal specification, so this reader accepts the real-world variations and says
so whenever players would read the file differently, always with the file line:

* accepted silently: ``.`` instead of ``,`` before the fraction; unpadded or over-padded fields
  whose value is in range (``0:0:1,500``, ``00:00:013,567``); hours up to 999; trailing
  coordinates (``X1:40 X2:600 Y1:20 Y2:50``) or ``key:value`` settings, kept in ``Cue.settings``.
* kept with the obvious reading and reported, one diagnostic per code and timing line:
  P003 no milliseconds (``00:00:02``) or no hours (``00:01,234``); P004 a 1- or 2-digit
  fraction (``,5`` is 500 ms as a decimal fraction but 5 ms for FFmpeg, mpv and the ``srt``
  library; the decimal reading is kept); P005 text after the end time that is not settings
  (``00:01:20,000?``), which is ignored.
* kept but reported with P001: a cue with no number line, a cue that follows the previous
  cue's text without a blank line (most SubRip readers merge the two).
* rejected with P001: letters in a timestamp, a missing or malformed arrow, negative times,
  minutes or seconds >= 60, more than 3 fraction digits, a field of more than 3 digits (so no
  time is beyond 999:59:59,999 and no huge number reaches ``int``), ``mm:ss`` with no fraction
  (hours or seconds?), a number line with no timing line after it, text with no timing line.

Where a block starts (at the top, after a blank line, after text that is not part of a cue) a
line containing ``-->`` is a timing line, and a broken one is a P001. Inside a cue's text a
line is a timing line only if it parses as one: ``Route: Paris --> London`` is text, while a
valid timing line starts a new cue (with the number line just before it, if any) and is
reported, because most SubRip readers would have merged the two cues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Cue, Diagnostic
from .base import Parsed, Source, read_text, without_final_terminator

ARROW = "-->"
FIELD_DIGITS = 3        # at most 3 digits in any field: times up to 999:59:59,999
_TIME = re.compile(r"(\d+):(\d+)(?::(\d+))?(?:[,.](\d*))?", re.ASCII)
_TOKEN = re.compile(r"(\S*)(.*)", re.S)
_CONTINUES = re.compile(r"[:,.]\d")      # more of a timestamp: "00:00:02,000.5"
_SETTINGS = re.compile(r"(?:\s+[A-Za-z][\w-]*:\S*)*\s*")
# A line that is meant to be a timing line but has no proper "-->": two timestamps (with
# hours or a fraction) and nothing else but a short separator and coordinates or settings.
# Digit runs are bounded so that a long run of digits costs linear time, not quadratic.
_TS_LIKE = r"-?\d{1,6}:\d{1,6}(?::\d{1,6}(?:[,.:]\d{1,6})?|[,.]\d{1,6})"
_ARROWLESS = re.compile(rf"\s*{_TS_LIKE}[^\d]{{0,8}}?{_TS_LIKE}(?:\s+[A-Za-z][\w-]*:\S*)*\s*",
                        re.ASCII)
# What FFmpeg, mpv and the srt library make of a 1- or 2-digit fraction
_COUNT_READERS = "FFmpeg, mpv and the srt library"


@dataclass(slots=True)
class Stamp:
    """One timestamp as read: ``ms`` the obvious (decimal) reading; what was nonstandard."""

    ms: int
    text: str = ""
    no_hours: bool = False
    no_millis: bool = False
    fraction: str = ""           # the fraction digits as written

    @property
    def short_fraction(self) -> bool:
        return 0 < len(self.fraction) < 3

    @property
    def count_ms(self) -> int:
        """The reading of tools that take the fraction as a count of milliseconds."""
        return self.ms - int(self.fraction.ljust(3, "0")) + int(self.fraction or "0")


@dataclass(slots=True)
class Timing:
    start: Stamp
    end: Stamp
    settings: str = ""           # coordinates or key:value settings after the end time
    ignored: str = ""            # other text after the end time
    # True when read by the short path for the well-formed line (HH:MM:SS,mmm --> HH:MM:SS,mmm),
    # which timing_notes then need not examine; not part of what was read (compare=False)
    standard: bool = field(default=False, compare=False)


def parse_time(token: str) -> tuple[Stamp | None, str]:
    """One SubRip timestamp, or (None, reason)."""
    tok = token.strip()
    if not tok:
        return None, "missing time"
    if tok.startswith("-"):
        return None, f"negative time {tok[:40]!r}"
    m = _TIME.fullmatch(tok)
    if not m:
        return None, f"{tok[:40]!r} is not a timestamp"
    a, b, c, frac = m.groups()
    if any(len(f) > FIELD_DIGITS for f in (a, b, c or "")):
        return None, (f"{tok[:40]!r} has a field of more than {FIELD_DIGITS} digits "
                      "(times beyond 999:59:59,999 are not read)")
    if c is None and frac is None:
        return None, f"{tok[:40]!r} is ambiguous (hours:minutes or minutes:seconds?)"
    if frac == "":
        return None, f"{tok[:40]!r} has an empty fraction"
    if frac is not None and len(frac) > 3:
        return None, f"{tok[:40]!r} has more than 3 fraction digits"
    hours, minutes, seconds = (0, int(a), int(b)) if c is None else (int(a), int(b), int(c))
    if minutes >= 60 or seconds >= 60:
        return None, f"{tok[:40]!r} has minutes or seconds out of range (>= 60)"
    millis = int(frac.ljust(3, "0")) if frac else 0
    ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
    return Stamp(ms, tok, no_hours=c is None, no_millis=frac is None, fraction=frac or ""), ""


# The well-formed timing line, which nearly every cue has; it is decided by this one match,
# with the result the general path below gives it.
_CANONICAL = re.compile(r"\s*(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{3}) --> "
                        r"(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{3})\s*", re.ASCII)


def parse_timing(line: str) -> tuple[Timing | None, str]:
    """The timing of a line containing "-->", or (None, reason)."""
    m = _CANONICAL.fullmatch(line)
    if m is not None:
        start, end = _standard_ms(m)
        # the stamps as written: the matched times (only ASCII spaces are around them)
        return Timing(Stamp(start, line[m.start(1):m.end(4)], fraction=m.group(4)),
                      Stamp(end, line[m.start(5):m.end(8)], fraction=m.group(8)),
                      standard=True), ""
    return _parse_timing(line)


def _standard_ms(m: re.Match) -> tuple[int, int]:
    """The start and end in milliseconds of a well-formed timing line (a _CANONICAL match)."""
    h1, m1, s1, f1, h2, m2, s2, f2 = m.groups()
    return (((int(h1) * 60 + int(m1)) * 60 + int(s1)) * 1000 + int(f1),
            ((int(h2) * 60 + int(m2)) * 60 + int(s2)) * 1000 + int(f2))


def _parse_timing(line: str) -> tuple[Timing | None, str]:
    if ARROW not in line:
        return None, "no '-->' between the times (missing or malformed arrow)"
    if line.count(ARROW) > 1:
        return None, "more than one '-->'"
    left, right = line.split(ARROW, 1)
    if left.rstrip().endswith("-"):
        return None, "malformed arrow (use '-->')"
    right = right.lstrip()
    if right.startswith(">"):
        return None, "malformed arrow (use '-->')"
    start, why = parse_time(left)
    if start is None:
        return None, f"start time: {why}"
    end, rest, why = _end_time(right)
    if end is None:
        return None, f"end time: {why}"
    rest = rest.strip()
    if rest and not _SETTINGS.fullmatch(" " + rest):
        return Timing(start, end, ignored=rest), ""
    return Timing(start, end, settings=rest), ""


def _end_time(right: str) -> tuple[Stamp | None, str, str]:
    """The end time at the start of ``right`` and the rest of the line, or (None, "", why).
    Text glued to the time counts as the rest only after a complete fraction and when it
    cannot continue the timestamp (``00:01:20,000?``); ``00:00:1d,890`` is a broken time."""
    token, rest = _TOKEN.match(right).groups()
    end, why = parse_time(token)
    if end is not None:
        return end, rest, ""
    m = _TIME.match(token)
    if m and m.group(4) and not _CONTINUES.match(token, m.end()):
        glued, _ = parse_time(m.group())
        if glued is not None:
            return glued, token[m.end():] + rest, ""
    return None, "", why


def clock(ms: int) -> str:
    """``HH:MM:SS,mmm`` for a time in milliseconds."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def timing_notes(timing: Timing, line: str, line_no: int) -> list[Diagnostic]:
    """P003, P004 and P005 for one timing line that was read: at most one of each."""
    if timing.standard or not (timing.ignored or _nonstandard(timing.start)
                               or _nonstandard(timing.end)):
        return []                 # nearly every line: nothing to say, nothing to format
    shown = line.strip()[:80]
    read_as = f"{clock(timing.start.ms)} --> {clock(timing.end.ms)}"
    notes = []
    stamps = (("start", timing.start), ("end", timing.end))
    missing = [f"{name} time {s.text[:20]!r} has no {'hours' if s.no_hours else 'milliseconds'}"
               for name, s in stamps if s.no_hours or s.no_millis]
    if missing:
        reason = "; ".join(missing)
        notes.append(Diagnostic(
            "P003", f"nonstandard timestamp in {shown!r}: {reason}; read as {read_as}, but "
            "many players drop such a cue (write HH:MM:SS,mmm)", line_no,
            {"timing_line": line_no, "reason": reason, "read_as": read_as}))
    short = [(name, s) for name, s in stamps if s.short_fraction]
    if short:
        readings = "; ".join(
            f"{name} time {s.text[:20]!r} is {clock(s.ms)} with "
            f"{int(s.fraction.ljust(3, '0'))} ms as a decimal fraction, {clock(s.count_ms)} with "
            f"{int(s.fraction)} ms as {_COUNT_READERS} read it" for name, s in short)
        other = f"{clock(timing.start.count_ms)} --> {clock(timing.end.count_ms)}"
        notes.append(Diagnostic(
            "P004", f"ambiguous fraction in {shown!r}: {readings}; read as decimal ({read_as}); "
            "write three digits", line_no,
            {"timing_line": line_no, "read_as": read_as, "other_reading": other,
             "reason": "fraction of fewer than 3 digits"}))
    if timing.ignored:
        notes.append(Diagnostic(
            "P005", f"text after the end time ignored: {timing.ignored[:60]!r} (cue kept, read "
            f"as {read_as})", line_no,
            {"timing_line": line_no, "ignored": timing.ignored[:200], "read_as": read_as}))
    return notes


def _nonstandard(s: Stamp) -> bool:
    """What timing_notes reports of a stamp: no hours, no milliseconds or a short fraction."""
    return s.no_hours or s.no_millis or s.short_fraction


def _is_number(line: str) -> bool:
    s = line.strip().lstrip("\ufeff")      # a BOM left inside concatenated files
    return s.isascii() and s.isdigit()


def _looks_like_timing(line: str) -> bool:
    # an arrowless timing line has two timestamps, so a colon: most lines fail that cheaper test
    return ARROW in line or (":" in line and bool(_ARROWLESS.fullmatch(line)))


def _timing_here(lines: list[str], i: int, in_text: bool
                 ) -> tuple[int | None, int | None, Timing | None, str]:
    """(number line, timing line, timing, reason) when a block starts at line ``i``, else
    (None, None, None, ""). Where a block may start, a line that looks like a timing line is
    one (maybe broken); inside a block's text only a line that parses as one is."""
    if in_text and ARROW not in lines[i] and (i + 1 >= len(lines) or ARROW not in lines[i + 1]):
        return None, None, None, ""      # most text lines: no timing line here or next
    for ident_at, timing_at in ((None, i), (i, i + 1)):
        if timing_at >= len(lines) or (ident_at is not None and not _is_number(lines[i])):
            continue
        line = lines[timing_at]
        if not _looks_like_timing(line):
            continue
        timing, why = parse_timing(line)
        if timing is not None or not in_text:
            return ident_at, timing_at, timing, why
    return None, None, None, ""


def parse_srt(lines: list[str]) -> tuple[list[Cue], list[Diagnostic]]:
    """Cues and P001/P003/P004/P005 diagnostics from the lines of a SubRip file (terminators
    removed)."""
    reader = _Reader(lines)
    reader.read()
    diags = reader.diags
    diags.extend(_missing_numbers(reader.cues, diags, reader.after_text))
    diags.sort(key=lambda d: (d.line or 0, d.code))
    return reader.cues, diags


class _Reader:
    """The lines of one SubRip file read block by block: the cues and diagnostics found."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.cues: list[Cue] = []
        self.diags: list[Diagnostic] = []
        self.cur: dict | None = None          # the cue being read: its text still open
        self.bad_open = False                 # inside a rejected block: swallow its text
        self.orphan_start: int | None = None  # 0-based start of a run of text with no timing
        self.after_text: set[int] = set()     # 1-based lines of cues right after reported
        #                                       orphan text

    def read(self) -> None:
        lines = self.lines
        n = len(lines)
        i = 0
        while i < n:
            line = lines[i]
            if not line or line.isspace():
                self.flush_cue()
                self.flush_orphan(i)
                self.bad_open = False
                i += 1
                continue
            in_text = self.cur is not None or self.bad_open
            if not in_text and self.standard_cue(i):
                i += 2
                continue
            if in_text and ARROW not in line and (i + 1 == n or ARROW not in lines[i + 1]):
                timing_at = None      # most text lines (_timing_here's first test, inlined)
            else:
                ident_at, timing_at, timing, why = _timing_here(lines, i, in_text)
            if timing_at is None:
                if self.cur is not None:
                    self.cur["lines"].append(line)
                elif not self.bad_open and self.orphan_start is None:
                    self.orphan_start = i
                i += 1
                continue
            self.start_block(i, ident_at, timing_at, timing, why)
            i = timing_at + 1
        self.flush_cue()
        self.flush_orphan(n)

    def standard_cue(self, i: int) -> bool:
        """Open the usual cue where a block may start: a number line at ``i`` and a
        well-formed timing line after it. It is opened as _timing_here and start_block would
        open it (a number line is never a timing line itself; a well-formed one has nothing
        to report); say whether it was."""
        lines = self.lines
        if i + 1 >= len(lines) or not _is_number(lines[i]):
            return False
        m = _CANONICAL.fullmatch(lines[i + 1])
        if m is None:
            return False
        start, end = _standard_ms(m)
        self.flush_orphan(i)
        self.open_cue(start, end, "", i, i + 1, lines[i].strip().lstrip("\ufeff"))
        return True

    def open_cue(self, start: int, end: int, settings: str, block_at: int, timing_at: int,
                 ident: str | None) -> None:
        """The cue being read from now on (its text lines follow)."""
        self.cur = {"start": start, "end": end, "settings": settings, "lines": [],
                    "line": block_at, "timing": timing_at, "id": ident}

    def start_block(self, i: int, ident_at: int | None, timing_at: int, timing: Timing | None,
                    why: str) -> None:
        """A (possibly broken) timing line at ``timing_at`` starts a new block at line ``i``."""
        lines, cur = self.lines, self.cur
        inside_text = cur is not None and bool(cur["lines"])
        previous = len(self.cues) + 1 if cur is not None else None
        self.flush_cue()
        if self.orphan_start is not None and ident_at is None:
            self.after_text.add(i + 1)  # reported text right above: maybe a damaged number line
        self.flush_orphan(i if ident_at is None else ident_at)
        block_at = ident_at if ident_at is not None else timing_at
        ident = lines[ident_at].strip().lstrip("\ufeff") if ident_at is not None else None
        if timing is None:
            self.diags.append(Diagnostic(
                "P001", f"malformed timing line {lines[timing_at].strip()[:60]!r}: {why}; "
                "block ignored", block_at + 1,
                {"timing_line": timing_at + 1, "reason": why, "identifier": ident}))
            self.bad_open = True
            return
        self.open_cue(timing.start.ms, timing.end.ms, timing.settings, block_at, timing_at, ident)
        self.bad_open = False
        self.diags.extend(timing_notes(timing, lines[timing_at], timing_at + 1))
        if inside_text:
            self.diags.append(Diagnostic(
                "P001", f"cue starts without a blank line after cue {previous}; read as a "
                "new cue, not as text", block_at + 1,
                {"timing_line": timing_at + 1, "reason": "no-blank-line"}))

    def flush_cue(self) -> None:
        cur = self.cur
        if cur is not None:
            self.cues.append(Cue(index=len(self.cues) + 1, start_ms=cur["start"],
                                 end_ms=cur["end"], lines=tuple(cur["lines"]),
                                 line=cur["line"] + 1, timing_line=cur["timing"] + 1,
                                 identifier=cur["id"], settings=cur["settings"]))
            self.cur = None

    def flush_orphan(self, end: int) -> None:
        start = self.orphan_start
        if start is None:
            return
        first = self.lines[start].strip()
        count = end - start
        if _is_number(first) and count == 1:
            msg = f"number line {first[:40]!r} with no timing line after it; block ignored"
        else:
            msg = (f"{count} line(s) of text with no timing line (starting {first[:40]!r}); "
                   "not part of any cue")
        self.diags.append(Diagnostic("P001", msg, start + 1,
                                     {"lines": count, "reason": "no-timing"}))
        self.orphan_start = None


def _missing_numbers(cues: list[Cue], diags: list[Diagnostic],
                     after_text: set[int]) -> list[Diagnostic]:
    """P001 for cues without a number line: one for the file when no cue has one. One finding
    per root cause: a cue already reported (no blank line before it, or text right above it)
    gets no second finding for its missing number."""
    reported = {d.line for d in diags if d.code == "P001"} | after_text
    unnumbered = [c for c in cues if c.identifier is None and c.line not in reported]
    if len(cues) > 1 and all(c.identifier is None for c in cues):
        if not unnumbered:
            return []
        return [Diagnostic(
            "P001", f"no cue has a number line before its timing line ({len(cues)} cues "
            "read; SubRip requires one and some players drop unnumbered cues)",
            unnumbered[0].line, {"reason": "no-number", "cues": len(cues)})]
    return [Diagnostic(
        "P001", f"cue {c.index} has no number line before its timing line (read; "
        "some players drop such a cue)", c.line, {"reason": "no-number"}) for c in unnumbered]


def read_srt(source: Source) -> Parsed:
    """The reader's entry point (subqa.formats.READERS): a SubRip file's bytes -> its cues."""
    return read_text(source, lambda lines: parse_srt(without_final_terminator(lines)))
