"""Plain-text report: grouped by file; each finding with its place, its message and the cue's
text on one line; a file-wide pattern as one entry with a count; a summary line.

A *pattern* is a set of findings in one file with the same code and the same kind of message,
at least ``group_min`` of them (default 10, ``--group-min``): the kind of a message is the
message with its variable parts (numbers, times, quoted text) blanked and its ``;``-separated
parts taken as a set, so "trailing space in line 1" and "trailing space in line 2; trailing
space in line 1" are one kind, while "trailing space" and "double space", or "looks Chinese"
and "looks Bulgarian", are not. A pattern is shown where its first finding would be, as

    path: F002 stray-spaces [warning] on 793 of 793 cues: trailing space in line …

followed by its first ``SHOWN`` findings and the line range of the rest. The grouping is a
function of the findings alone (no order of arrival, no clock), so the same report gives the
same text. ``group_min`` 0 (``--no-group``) lists every finding. The JSON, SARIF, JUnit,
GitHub and HTML reports always carry every finding.
"""
from __future__ import annotations

import functools

import re
from collections import defaultdict
from typing import Callable

from ..model import Finding, format_timecode
from ..report import FileResult, Report

GROUP_MIN = 10        # findings of one code and kind in a file that make a pattern
SHOWN = 3             # findings of a pattern listed under it
TEXT_WIDTH = 72       # characters of cue text shown (line breaks count as " / ")
BLANK = "…"           # what stands for a variable part in a pattern's message

# Variable parts of a message: quoted text (any of the quotes subqa's messages use) and
# numbers (with their decimal point or comma, and the colons of a timecode).
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"[^\"]*\"|“[^”]*”|«[^»]*»|‘[^’]*’|„[^“”]*[“”]")
# Written to start with its first character's class, so that the regex engine skips ahead to
# the next "-" or digit instead of trying every position.
_NUMBER = re.compile(r"(?:-(?=\d)|\d)\d*(?:[.,:]\d+)*")
# Either kind of variable part, leftmost first (a quote character is never part of a number).
_VARIABLE = re.compile(f"({_QUOTED.pattern})|{_NUMBER.pattern}")
# A message part split at its numbers, the numbers kept: fixed, number, fixed, ... , fixed
_AT_NUMBERS = re.compile(f"({_NUMBER.pattern})")
_QUOTE_CHARS = re.compile("['\"“«‘„]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@functools.lru_cache(maxsize=8192)
def _tokens(message: str) -> tuple[tuple[str, str], ...]:
    """The message as (kind, text) pieces: "" for fixed text, "q" quoted, "n" a number."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _VARIABLE.finditer(message):
        if m.start() > pos:
            out.append(("", message[pos:m.start()]))
        out.append(("q" if m.group(1) is not None else "n", m.group()))
        pos = m.end()
    if pos < len(message):
        out.append(("", message[pos:]))
    return tuple(out)


def _blank(kind: str, text: str) -> str:
    """What stands for a variable part: "…", inside its quotes for a quoted part."""
    return f"{text[0]}{BLANK}{text[-1]}" if kind == "q" else BLANK


def _blank_match(m: re.Match) -> str:
    return _blank("q" if m.group(1) is not None else "n", m.group())


@functools.lru_cache(maxsize=8192)
def _parsed(part: str) -> tuple[str, tuple[str, ...] | None]:
    """A message part's template (its variable parts blanked) and, when it has no quotes and
    no "…", its pieces split at its numbers (fixed, number, fixed, ..., fixed); else None.
    One regex pass gives both, for the kind (message_kind) and the label (_label)."""
    if _QUOTE_CHARS.search(part) is not None:
        return _VARIABLE.sub(_blank_match, part), None
    pieces = _AT_NUMBERS.split(part)                    # most messages: numbers only
    return BLANK.join(pieces[0::2]), None if BLANK in part else tuple(pieces)


@functools.lru_cache(maxsize=8192)
def _parts(message: str) -> tuple[tuple[str, str], ...]:
    """The message's ``;``-separated parts (stripped, empty ones left out), each with its
    template. Cached: the findings of a pattern mostly repeat one message."""
    return tuple((p, _parsed(p)[0]) for p in (s.strip() for s in message.split(";")) if p)


@functools.lru_cache(maxsize=8192)
def message_kind(message: str) -> tuple[str, ...]:
    """The kind of a message: its ``;``-separated parts with variable parts blanked, as a
    sorted set (so repeats and order do not matter)."""
    return tuple(sorted({template for _part, template in _parts(message)}))


def pattern_label(messages: list[str]) -> str:
    """What a pattern's findings say: the first message's parts (repeats dropped), each
    variable part kept where every finding of the pattern has the same value there, else
    shown as "…"."""
    first: dict[str, str] = {}                  # template -> the first part with it
    for part, template in _parts(messages[0]):
        first.setdefault(template, part)
    by_template: dict[str, dict[str, None]] = {}
    for message in dict.fromkeys(messages):     # (a repeated message adds nothing)
        for part, template in _parts(message):
            by_template.setdefault(template, {})[part] = None
    return "; ".join(_label(part, list(by_template[template]))
                     for template, part in first.items())


def _label(part: str, others: list[str]) -> str:
    """One part of a pattern's label: ``part`` with each variable part that not all of
    ``others`` (the distinct parts of the pattern with its template) share blanked."""
    split = [_parsed(p)[1] for p in others]
    if None not in split:
        # No quotes and no "…" (the usual case): parts with one template then have the same
        # fixed text around their numbers (the template split at "…"), so only the numbers
        # are compared.
        pieces = _parsed(part)[1]
        fixed, numbers = pieces[0::2], pieces[1::2]
        columns = zip(*(p[1::2] for p in split), strict=True)
        shown = [n if all(v == n for v in column) else BLANK
                 for n, column in zip(numbers, columns, strict=True)]
        return "".join(f + n for f, n in zip(fixed, shown + [""], strict=True))
    pieces = _tokens(part)
    tokens = [_tokens(p) for p in others]
    shown = []
    for i, (kind, text) in enumerate(pieces):
        if kind and any(len(o) != len(pieces) or o[i][1] != text for o in tokens):
            shown.append(_blank(kind, text))
        else:
            shown.append(text)
    return "".join(shown)


def short_text(text: str | None, width: int = TEXT_WIDTH) -> str:
    """A cue's text on one line: lines joined by " / ", control characters as "?", cut at a
    word boundary to about ``width`` characters with "…". Spaces are kept as they are (a
    finding about them shows them)."""
    if text is None:
        return ""
    one = " / ".join(_CONTROL.sub("?", ln) for ln in text.split("\n"))
    if len(one) <= width:
        return one
    cut = one[:width]
    space = cut.rfind(" ")
    if space >= width * 2 // 3:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _where_in_track(f: Finding) -> str:
    if f.cue is not None:
        return f" {_clean(f.cue_label())} {format_timecode(f.start_ms)}-{format_timecode(f.end_ms)}"
    if f.start_ms is not None:
        return f" at {format_timecode(f.start_ms)}-{format_timecode(f.end_ms)}"
    return " file" if f.line is None else ""


def _clean(value: str, limit: int = 200) -> str:
    value = _CONTROL.sub("?", value)
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _with_text(line: str, f: Finding) -> str:
    if f.text is None:
        return line
    return f'{line} | "{short_text(f.text)}"'


def finding_line(res: FileResult, f: Finding) -> str:
    where = f"{res.path}:{f.line}" if f.line is not None else res.path
    return _with_text(f"  {where}: {f.code} {f.name} [{f.severity.label}]{_where_in_track(f)}: "
                      f"{f.message}", f)


def _member_line(f: Finding) -> str:
    where = f"line {f.line}" if f.line is not None else "file"
    in_track = _where_in_track(f)
    if in_track and in_track != " file":
        where += "," + in_track
    return _with_text(f"      {where}: {f.message}", f)


def patterns(findings: list[Finding], group_min: int = GROUP_MIN) -> dict[int, list[Finding]]:
    """The patterns among one file's findings: {index of its first finding: its findings in
    report order}. Empty when ``group_min`` is 0 or less."""
    if group_min <= 0:
        return {}
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        groups[(f.code, f.severity, message_kind(f.message))].append(i)
    return {idx[0]: [findings[i] for i in idx]
            for idx in groups.values() if len(idx) >= max(1, group_min)}


def _pattern_lines(res: FileResult, members: list[Finding]) -> list[str]:
    f = members[0]
    on_cues = {m.cue for m in members if m.cue is not None}
    if len(on_cues) == len(members):
        count = f"on {len(on_cues)} of {_plural(res.cues, 'cue')}"
    elif on_cues:
        count = f"{len(members)} findings on {len(on_cues)} of {_plural(res.cues, 'cue')}"
    else:
        count = f"{len(members)} findings"
    out = [f"  {res.path}: {f.code} {f.name} [{f.severity.label}] {count}: "
           f"{pattern_label([m.message for m in members])}"]
    out.extend(_member_line(m) for m in members[:SHOWN])
    rest = members[SHOWN:]
    if rest:
        lines = [m.line for m in rest if m.line is not None]
        span = f" (lines {min(lines)}-{max(lines)})" if lines else ""
        out.append(f"      and {len(rest)} more{span}; --no-group lists each")
    return out


def _fps_origin(res: FileResult) -> str:
    """Where the frame rate came from, as the file header says it: ``inferred: 1721 of 1730
    times on the 25 fps frame grid (40.00 ms)``."""
    origin = res.fps_origin or "profile"
    return f"{origin}: {res.fps_evidence}" if res.fps_evidence else origin


def file_lines(res: FileResult, group_min: int = GROUP_MIN) -> list[str]:
    lang = res.language or "language unknown"
    if res.language_origin == "detected":
        lang += " (detected)"
    head = f"{res.path}  [{res.format}, {lang}, {res.encoding}, {_plural(res.cues, 'cue')}"
    if res.fps is not None:
        head += f", {res.fps:g} fps ({_fps_origin(res)})"
    if res.source:
        head += f", source {res.source}"
    if res.shot_changes:
        head += f", {_plural(res.shot_change_count or 0, 'shot change')} from {res.shot_changes}"
    out = [head + "]"]
    groups = patterns(res.findings, group_min)
    grouped = {id(f) for members in groups.values() for f in members}
    for i, f in enumerate(res.findings):
        if i in groups:
            out.extend(_pattern_lines(res, groups[i]))
        elif id(f) not in grouped:
            out.append(finding_line(res, f))
    if not res.findings:
        out.append("  no findings")
    return out


def render(report: Report, group_min: int = GROUP_MIN) -> str:
    out: list[str] = []
    for res in report.files:
        out.extend(file_lines(res, group_min))
    out.append("")
    out.append(summary_line(report.summary()))
    if report.baseline is not None:
        b = report.baseline
        gone = sum(e["count"] for e in b.stale)
        out.append(f"baseline: {_plural(b.suppressed, 'known finding')} not shown; "
                   f"{gone} baseline "
                   f"{'entry no longer occurs' if gone == 1 else 'entries no longer occur'}")
        for e in b.stale:
            out.append(f"  gone: {e['path']} {e['code']} {e['fingerprint']} x{e['count']}")
    return "\n".join(out) + "\n"


def summary_line(s: dict) -> str:
    """The report's last line: files, cues and findings by severity (``Report.summary()``)."""
    return (f"{_plural(s['files'], 'file')}, {_plural(s['cues'], 'cue')}: "
            f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')}, "
            f"{s['infos']} info")


class TextStreamWriter:
    """The text report written file by file as results arrive (subqa.scale.stream), so that a
    catalogue run never holds the whole report: the same text as :func:`render` gives for the
    same run without a baseline. ``start(stream)``, ``add(result)`` per file in report order,
    ``finish(summary)``."""

    def __init__(self, write: Callable[[str], object], group_min: int = GROUP_MIN) -> None:
        self.write = write
        self.group_min = group_min

    def start(self, stream) -> None:
        pass

    @staticmethod
    def file_text(result: FileResult, group_min: int = GROUP_MIN) -> str:
        """The file's lines (what a worker renders for it, scale/packed.py)."""
        return "\n".join(file_lines(result, group_min)) + "\n"

    def add(self, result) -> None:
        """Write a FileResult, or a PackedResult's text for "text"."""
        texts = getattr(result, "texts", None)
        self.write(texts["text"] if texts is not None else self.file_text(result, self.group_min))

    def finish(self, summary) -> None:
        self.write("\n" + summary_line(summary.summary()) + "\n")


def render_statistics(report: Report) -> str:
    """``--statistics``: findings per rule code, most frequent first."""
    counts: dict[tuple[str, str, str], int] = {}
    for f in report.findings:
        key = (f.code, f.name, f.severity.label)
        counts[key] = counts.get(key, 0) + 1
    lines = []
    for (code, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{n:>6}  {code}  {name:<28} {sev}")
    return "\n".join(lines) + ("\n" if lines else "")
