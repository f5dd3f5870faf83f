"""F-rules: the form of the text itself: empty cues, stray spaces, broken tags, doubled words."""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Hit, Severity
from ..text import words
from .base import Context, Rule


class EmptyCue(Rule):
    """The cue has timing but no visible text (nothing, or only whitespace or tags)."""

    code = "F001"
    name = "empty-cue"
    severity = Severity.WARNING
    summary = "the cue has no visible text"

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cue in ctx.track.cues:
            if not any(ln.strip() for ln in cue.plain_lines):
                yield Hit("the cue has no text", cue)


_SPACE_PROBLEMS = (
    (re.compile(r"^[ \t]+\S"), "leading space"),
    (re.compile(r"\S[ \t]+$"), "trailing space"),
    (re.compile(r"\S(?: {2,}|\t)\S"), "double space"),
)


class StraySpaces(Rule):
    """A line starts or ends with spaces, or has two spaces in a row (or a tab) between words.
    Only ASCII spaces and tabs are looked at: the ideographic space that Chinese and Japanese
    subtitles use between phrases is deliberate."""

    code = "F002"
    name = "stray-spaces"
    severity = Severity.WARNING
    summary = "leading, trailing or double spaces in a line"

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cue in ctx.track.cues:
            found = []
            for number, line in enumerate(cue.plain_lines, 1):
                if not (line[:1] in " \t" or line[-1:] in " \t" or "  " in line
                        or "\t" in line):
                    continue                 # the common case: no space problem possible
                for pattern, what in _SPACE_PROBLEMS:
                    if pattern.search(line):
                        found.append(f"{what} in line {number}")
            if found:
                yield Hit("; ".join(found), cue, {"problems": found})


_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z]+)[^>]*>")
_PAIRED = {"i", "b", "u", "s", "font", "c", "ruby", "rt", "lang", "span"}
_MAY_STAY_OPEN = {"v"}          # WebVTT voice spans may be left open to the end of the cue


class UnbalancedTags(Rule):
    """A formatting tag is opened and not closed within the cue (``<i>`` without ``</i>``), closed
    without being opened, or closed out of order. Tags may span the cue's lines. A WebVTT voice
    span (``<v Name>``) may stay open to the end of the cue, as the specification allows."""

    code = "F003"
    name = "unbalanced-tags"
    severity = Severity.WARNING
    summary = "a formatting tag such as <i> is not closed, or closed without being opened"

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cue in ctx.track.cues:
            problems = []
            stack: list[str] = []
            for m in _TAG.finditer(cue.text):
                closing, tag = m.group(1) == "/", m.group(2).lower()
                if tag not in _PAIRED and tag not in _MAY_STAY_OPEN:
                    continue
                if not closing:
                    stack.append(tag)
                elif tag in stack:
                    while stack and stack[-1] != tag:
                        inner = stack.pop()
                        if inner not in _MAY_STAY_OPEN:
                            problems.append(f"<{inner}> not closed before </{tag}>")
                    stack.pop()
                else:
                    problems.append(f"</{tag}> without an opening <{tag}>")
            problems.extend(f"<{t}> not closed" for t in stack if t not in _MAY_STAY_OPEN)
            if problems:
                yield Hit("; ".join(problems), cue, {"problems": problems})


_EDGE = "\"'“”‘’«»„‚¿¡.,;:!?…()[]{}<>-–—"


class RepeatedWord(Rule):
    """The same word twice in a row with only space (or a line break) between (``the the``):
    usually a typing slip. Repetition marked by punctuation (``No, no``) is not reported, nor
    words the profile lists as deliberately doubled for the language (``repeat_allowed``). In
    languages where doubling is grammar (Turkish ``yavaş yavaş``, Persian, Kazakh, Uzbek,
    Indonesian, Vietnamese, Korean) only the function words in ``repeat_only`` are reported."""

    code = "F004"
    name = "repeated-word"
    severity = Severity.WARNING
    summary = "the same word twice in a row"
    params = ("repeat_allowed", "repeat_only")

    _PAIR = re.compile(r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)*)\s+(\1)(?![\w'’-])",
                       re.IGNORECASE | re.UNICODE)

    def check(self, ctx: Context) -> Iterator[Hit]:
        allowed = {w.casefold() for w in ctx.param("repeat_allowed")}
        only = {w.casefold() for w in ctx.param("repeat_only")}
        for cue in ctx.track.cues:
            text = " ".join(ln.strip() for ln in cue.plain_lines)
            tokens = [t.strip(_EDGE).casefold() for t in text.split()]
            if not any(a == b and a for a, b in zip(tokens, tokens[1:])):
                continue                     # no two neighbouring words alike: nothing to find
            for m in self._PAIR.finditer(text):
                word = m.group(1)
                folded = word.casefold()
                if folded != m.group(2).casefold() or folded in allowed:
                    continue
                if only and folded not in only:
                    continue
                if not words(word):
                    continue
                yield Hit(f"“{word}” twice in a row", cue, {"word": word})
