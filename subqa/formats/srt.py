"""SubRip (.srt) reader that never loses a cue silently.

SubRip has no formal specification, so this reader accepts the real-world variations that
have only one reading and reports everything else as P001 with its file line:

* accepted: ``.`` instead of ``,`` before the fraction; unpadded or over-padded fields whose
  value is in range (``0:0:1,5``, ``00:00:013,567``); 1-3 digit fractions read as decimal
  fractions (``,5`` and ``,50`` are 500 ms, ``,04`` is 40 ms); no fraction (``00:00:02``);
  no hours when a fraction is present (``00:01,234``); hours >= 100; trailing coordinates
  (``X1:40 X2:600 Y1:20 Y2:50``) or ``key:value`` settings, kept in ``Cue.settings``.
* kept but reported with P001: a cue with no number line, a cue that follows the previous
  cue's text without a blank line (most SubRip readers merge the two).
* rejected with P001: letters in a timestamp, a missing or malformed arrow, negative times,
  minutes or seconds >= 60, more than 3 fraction digits, ``mm:ss`` with no fraction (hours or
  seconds?), a number line with no timing line after it, text with no timing line.

Every block either becomes a cue or a P001; parsing continues after a bad block. A timing
line inside a cue's text starts a new cue (with the number line just before it, if any) and is
reported, because most SubRip readers would have merged the two cues.
"""
from __future__ import annotations

import re

from ..model import Cue, Diagnostic

ARROW = "-->"
_TIME = re.compile(r"(\d+):(\d+)(?::(\d+))?(?:[,.](\d*))?", re.ASCII)
_END = re.compile(r"(\S*)(.*)", re.S)
_SETTINGS = re.compile(r"(?:\s+[A-Za-z][\w-]*:\S*)*\s*")
# A line that is meant to be a timing line but has no proper "-->": two timestamps (with
# hours or a fraction) and nothing else but a short separator and coordinates or settings.
_TS_LIKE = r"-?\d+:\d+(?::\d+(?:[,.:]\d+)?|[,.]\d+)"
_ARROWLESS = re.compile(rf"\s*{_TS_LIKE}[^\d]{{0,8}}?{_TS_LIKE}(?:\s+[A-Za-z][\w-]*:\S*)*\s*",
                        re.ASCII)


def parse_time(token: str) -> tuple[int | None, str]:
    """Milliseconds for one SubRip timestamp, or (None, reason)."""
    tok = token.strip()
    if not tok:
        return None, "missing time"
    if tok.startswith("-"):
        return None, f"negative time {tok!r}"
    m = _TIME.fullmatch(tok)
    if not m:
        return None, f"{tok!r} is not a timestamp"
    a, b, c, frac = m.groups()
    if c is None:
        if frac is None:
            return None, f"{tok!r} is ambiguous (hours:minutes or minutes:seconds?)"
        hours, minutes, seconds = 0, int(a), int(b)
    else:
        hours, minutes, seconds = int(a), int(b), int(c)
    if frac == "":
        return None, f"{tok!r} has an empty fraction"
    if frac is not None and len(frac) > 3:
        return None, f"{tok!r} has more than 3 fraction digits"
    if minutes >= 60 or seconds >= 60:
        return None, f"{tok!r} has minutes or seconds out of range (>= 60)"
    millis = int(frac.ljust(3, "0")) if frac else 0
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis, ""


# The well-formed timing line, which nearly every cue has; it is decided by this one match,
# with the result the general path below gives it.
_CANONICAL = re.compile(r"\s*(\d+):([0-5]\d):([0-5]\d)[,.](\d{3}) --> "
                        r"(\d+):([0-5]\d):([0-5]\d)[,.](\d{3})\s*", re.ASCII)


def parse_timing(line: str) -> tuple[tuple[int, int, str] | None, str]:
    """(start_ms, end_ms, settings) for a line containing "-->", or (None, reason)."""
    m = _CANONICAL.fullmatch(line)
    if m is not None:
        h1, m1, s1, f1, h2, m2, s2, f2 = map(int, m.groups())
        return (((h1 * 60 + m1) * 60 + s1) * 1000 + f1,
                ((h2 * 60 + m2) * 60 + s2) * 1000 + f2, ""), ""
    return _parse_timing(line)


def _parse_timing(line: str) -> tuple[tuple[int, int, str] | None, str]:
    if line.count(ARROW) > 1:
        return None, "more than one '-->'"
    left, right = line.split(ARROW, 1)
    if left.rstrip().endswith("-"):
        return None, "malformed arrow (use '-->')"
    right = right.lstrip()
    if right.startswith(">"):
        return None, "malformed arrow (use '-->')"
    end_tok, rest = _END.match(right).groups()
    start, why = parse_time(left)
    if start is None:
        return None, f"start time: {why}"
    end, why = parse_time(end_tok)
    if end is None:
        return None, f"end time: {why}"
    rest = rest.strip()
    if rest and not _SETTINGS.fullmatch(" " + rest):
        return None, f"unexpected text after the end time: {rest[:40]!r}"
    return (start, end, rest), ""


def _is_number(line: str) -> bool:
    s = line.strip().lstrip("\ufeff")      # a BOM left inside concatenated files
    return s.isascii() and s.isdigit()


def _looks_like_timing(line: str) -> bool:
    return ARROW in line or bool(_ARROWLESS.fullmatch(line))


def parse_srt(lines: list[str]) -> tuple[list[Cue], list[Diagnostic]]:
    """Cues and P001 diagnostics from the lines of a SubRip file (terminators removed)."""
    cues: list[Cue] = []
    diags: list[Diagnostic] = []
    n = len(lines)

    cur: dict | None = None          # the cue being read: its text still open
    bad_open = False                 # inside a rejected block: swallow its text
    orphan_start: int | None = None  # 0-based start of a run of text with no timing
    after_text: set[int] = set()     # 1-based lines of cues right after reported orphan text

    def flush_cue() -> None:
        nonlocal cur
        if cur is not None:
            cues.append(Cue(index=len(cues) + 1, start_ms=cur["start"], end_ms=cur["end"],
                            lines=tuple(cur["lines"]), line=cur["line"] + 1,
                            timing_line=cur["timing"] + 1, identifier=cur["id"],
                            settings=cur["settings"]))
            cur = None

    def flush_orphan(end: int) -> None:
        nonlocal orphan_start
        if orphan_start is None:
            return
        first = lines[orphan_start].strip()
        count = end - orphan_start
        if _is_number(first) and count == 1:
            msg = f"number line {first!r} with no timing line after it; block ignored"
        else:
            msg = (f"{count} line(s) of text with no timing line (starting {first[:40]!r}); "
                   "not part of any cue")
        diags.append(Diagnostic("P001", msg, orphan_start + 1,
                                {"lines": count, "reason": "no-timing"}))
        orphan_start = None

    i = 0
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            if cur is not None:
                flush_cue()
            flush_orphan(i)
            bad_open = False
            i += 1
            continue

        ident_at: int | None = None
        timing_at: int | None = None
        if _looks_like_timing(line):
            timing_at = i
        elif _is_number(line) and i + 1 < n and _looks_like_timing(lines[i + 1]):
            ident_at, timing_at = i, i + 1

        if timing_at is None:
            if cur is not None:
                cur["lines"].append(line)
            elif not bad_open and orphan_start is None:
                orphan_start = i
            i += 1
            continue

        # A (possibly broken) timing line starts a new block here.
        inside_text = cur is not None and bool(cur["lines"])
        previous = len(cues) + 1 if cur is not None else None
        flush_cue()
        if orphan_start is not None and ident_at is None:
            after_text.add(i + 1)     # reported text right above: maybe a damaged number line
        flush_orphan(i if ident_at is None else ident_at)
        block_at = ident_at if ident_at is not None else timing_at
        timing, why = parse_timing(lines[timing_at]) if ARROW in lines[timing_at] else (
            None, "no '-->' between the times (missing or malformed arrow)")
        ident = lines[ident_at].strip().lstrip("\ufeff") if ident_at is not None else None
        if timing is None:
            diags.append(Diagnostic(
                "P001", f"malformed timing line {lines[timing_at].strip()[:60]!r}: {why}; "
                "block ignored", block_at + 1,
                {"timing_line": timing_at + 1, "reason": why, "identifier": ident}))
            bad_open = True
        else:
            start, end, settings = timing
            cur = {"start": start, "end": end, "settings": settings, "lines": [],
                   "line": block_at, "timing": timing_at, "id": ident}
            bad_open = False
            if inside_text:
                diags.append(Diagnostic(
                    "P001", f"cue starts without a blank line after cue {previous}; read as a "
                    "new cue, not as text", block_at + 1,
                    {"timing_line": timing_at + 1, "reason": "no-blank-line"}))
        i = timing_at + 1

    flush_cue()
    flush_orphan(n)
    # One finding per root cause: a cue already reported (no blank line before it, or text
    # right above it) gets no second finding for its missing number.
    reported = {d.line for d in diags} | after_text
    unnumbered = [c for c in cues if c.identifier is None and c.line not in reported]
    if len(cues) > 1 and all(c.identifier is None for c in cues):
        if unnumbered:
            diags.append(Diagnostic(
                "P001", f"no cue has a number line before its timing line ({len(cues)} cues "
                "read; SubRip requires one and some players drop unnumbered cues)",
                unnumbered[0].line, {"reason": "no-number", "cues": len(cues)}))
    else:
        for c in unnumbered:
            diags.append(Diagnostic(
                "P001", f"cue {c.index} has no number line before its timing line (read; "
                "some players drop such a cue)", c.line, {"reason": "no-number"}))
    diags.sort(key=lambda d: d.line or 0)
    return cues, diags
