"""F003 unbalanced tags (safe): a tag left open is closed at the end of the cue, a closing tag
that was never opened is removed, and crossed tags (``<b><i>x</b></i>``) are closed in order
(``<b><i>x</i></b>``: the inner tag is closed before the outer closing tag, and its own late
closing tag, now unopened, is removed). Exactly the tags F003 looks at; a WebVTT voice span
left open is not touched. Closing tags are written as the opening tag names them (``<I>`` is
closed by ``</I>``). SubRip and WebVTT only."""
from __future__ import annotations

from ..checks.form import _MAY_STAY_OPEN, _PAIRED, _TAG
from .base import SAFE, Fix, FixContext, blanks_a_line
from .spans import Edit

CODES = ("F003",)


def cue_edits(lines: list[tuple[int, str]]) -> tuple[list[Edit], list[str]]:
    """Edits that balance the tags of a cue given as (offset, raw line) pairs, and what they
    do."""
    stack: list[tuple[str, str]] = []          # (lower-case name, name as written)
    inserts: dict[int, str] = {}
    edits: list[Edit] = []
    done: list[str] = []
    for base, raw in lines:
        for m in _TAG.finditer(raw):
            closing, name = m.group(1) == "/", m.group(2)
            tag = name.lower()
            if tag not in _PAIRED and tag not in _MAY_STAY_OPEN:
                continue
            if not closing:
                stack.append((tag, name))
                continue
            if any(t == tag for t, _ in stack):
                while stack[-1][0] != tag:
                    inner, written = stack.pop()
                    if inner not in _MAY_STAY_OPEN:
                        at = base + m.start()
                        inserts[at] = inserts.get(at, "") + f"</{written}>"
                        done.append(f"close <{written}> before </{name}>")
                stack.pop()
            else:
                edits.append(Edit(base + m.start(), base + m.end(), ""))
                done.append(f"remove </{name}> never opened")
    if lines:
        end = lines[-1][0] + len(lines[-1][1])
        for tag, written in reversed(stack):
            if tag not in _MAY_STAY_OPEN:
                inserts[end] = inserts.get(end, "") + f"</{written}>"
                done.append(f"close <{written}> at the end of the cue")
    edits += [Edit(at, at, text) for at, text in inserts.items()]
    return edits, done


def plan(fc: FixContext) -> list[Fix]:
    if fc.track.format not in ("srt", "vtt") or fc.spans is None:
        return []
    fixes = []
    for finding in fc.findings_of("F003"):
        located = fc.cue_spans(finding.cue)
        if located is None or not located.text_lines:
            continue
        lines = [(fc.src.offset(n), fc.src.line(n)) for n in located.text_lines]
        edits, done = cue_edits(lines)
        if edits and not blanks_a_line(lines, edits):
            fixes.append(Fix("F003", finding.cue, SAFE, "; ".join(done), edits))
    return fixes
