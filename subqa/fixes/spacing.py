"""F002 stray spaces (safe): a line's leading and trailing spaces are removed and a run of
spaces or a tab between words becomes one space, in the raw line (tags kept: a space inside
``<i> Hello</i>`` is found through the tag). What F002 does not report is never touched: the
space after a WebVTT voice, class or language tag, the gaps between characters of scripts that
do not space their words, the wide gap beside a letter-spaced title. SubRip and WebVTT only
(the lines of ASS/SSA and TTML cues are not the file's lines)."""
from __future__ import annotations

import re

from ..model import _TAG
from ..checks.form import _GAP, _deliberate_gap
from .base import SAFE, Fix, FixContext
from .spans import Edit

_ANNOTATION = re.compile(r"<(?:v|c|lang)(?:[.\s][^>]*)?>", re.IGNORECASE)
_LEADING = re.compile(r"^[ \t]+(?=\S)")
_TRAILING = re.compile(r"(?<=\S)[ \t]+$")
CODES = ("F002",)


def visible(raw: str) -> tuple[str, list[int]]:
    """The line as shown (tags removed, and the spaces after WebVTT annotation tags) and, for
    each of its characters, its offset in ``raw``."""
    chars: list[str] = []
    where: list[int] = []
    pos = 0
    skip_spaces = False
    for m in list(_TAG.finditer(raw)) + [None]:
        stop = m.start() if m is not None else len(raw)
        for i in range(pos, stop):
            if skip_spaces and raw[i] in " \t":
                continue
            skip_spaces = False
            chars.append(raw[i])
            where.append(i)
        if m is None:
            break
        pos = m.end()
        if _ANNOTATION.fullmatch(m.group()):
            skip_spaces = True
    return "".join(chars), where


def line_edits(raw: str, base: int, letters: int) -> list[Edit]:
    """The edits that remove the stray spaces of one raw line starting at offset ``base``."""
    shown, where = visible(raw)
    if not shown.strip():
        return []
    delete: set[int] = set()
    to_space: set[int] = set()
    for pattern in (_LEADING, _TRAILING):
        m = pattern.search(shown)
        if m:
            delete.update(where[i] for i in range(m.start(), m.end()))
    for gap in _GAP.finditer(shown):
        if _deliberate_gap(shown, gap, letters):
            continue
        first = where[gap.start()]
        if raw[first] != " ":
            to_space.add(first)
        delete.update(where[i] for i in range(gap.start() + 1, gap.end()))
    edits = [Edit(base + i, base + i + 1, "") for i in delete]
    edits += [Edit(base + i, base + i + 1, " ") for i in to_space - delete]
    return edits


def plan(fc: FixContext) -> list[Fix]:
    if fc.track.format not in ("srt", "vtt") or fc.spans is None:
        return []
    letters = int(fc.param("spaced_letters"))
    fixes = []
    for finding in fc.findings_of("F002"):
        located = fc.cue_spans(finding.cue)
        if located is None or not located.text_lines:
            continue
        edits = []
        for n in located.text_lines:
            edits += line_edits(fc.src.line(n), fc.src.offset(n), letters)
        if edits:
            removed = sum(1 for e in edits if e.replacement == "")
            fixes.append(Fix("F002", finding.cue, SAFE,
                             f"remove {removed} stray space{'s' if removed != 1 else ''}"
                             if removed else "replace tabs between words with spaces", edits))
    return fixes
