"""F-rules: the form of the text itself: empty cues, stray spaces, broken tags, doubled words."""
from __future__ import annotations

import functools
import re
from itertools import pairwise
from typing import Iterator

from ..lazyregex import lazy
# the tag pattern and entity decoding that make Cue.plain_lines (the text as shown)
from ..model import _TAG as _MARKUP, _unescape
from ..model import Hit, Severity
from ..resources import rules_dir
from ..text import APOSTROPHES, LETTER_WORD, words
from ..tomlload import load_toml
from .. import langtags
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
)
_GAP = re.compile(r"(?<=\S)(?: {2,}|[ \t]*\t[ \t]*)(?=\S)")
# WebVTT start tags that open an annotated span (voice, class, language) and the spaces after
# them: written by many authoring tools as a separator (`<v Kyle Huey> So...`), never shown
# (WebVTT renders cue text with CSS `white-space: pre-line`, which drops spaces at the start of
# a line and collapses runs; W3C WebVTT, "Applying CSS properties to WebVTT Node Objects").
_ANNOTATION_SPACE = re.compile(r"(<(?:v|c|lang)(?:[.\s][^>]*)?>)[ \t]+", re.IGNORECASE)
# Scripts that do not put spaces between words (W3C "Requirements for Chinese Text Layout"
# (clreq), "Requirements for Japanese Text Layout" (jlreq), "Thai Layout Requirements"): a space
# there is punctuation. Japanese subtitle guides replace the comma with a half-width space
# (e.g. the Totus Japanese subtitle guide, guide.totus.pro: 読点の代わりに半角スペースを使用する);
# Chinese subtitles do the same (the corpus's zh+en fansub: `是啊 是啊` over `Yeah, yeah`), with
# one or two half-width spaces; Thai puts one or two spaces between phrases and sentences
# (w3c/sealreq issue 46 on the double space between Thai sentences).
# Formats whose renderer drops the ASCII spaces at the start and end of every line: libass
# (mpv, VLC, FFmpeg) marks the spaces at the start and end of an event and on both sides of a
# line break as skipped glyphs (ass_render.c, trim_whitespace: IS_WHITESPACE is ' ' or a soft
# break), and VSFilter does the same ("Regular spaces at line start/end are ignored, so this line
# is centered": Aegisub's format test, libass-tests crash/aegisub-format-tests.ass). Only the hard
# space ``\h`` (read as U+00A0) pads a line there. Spaces between words are drawn, so a double
# space is still reported.
_EDGE_SPACES_NOT_RENDERED = frozenset({"ass", "ssa"})
_NO_SPACE_SCRIPT = lazy(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\p{Thai}\p{Lao}"
                        r"\p{Khmer}\p{Myanmar}\p{Tibetan}]")


def _visible_line(raw: str, plain: str) -> str:
    """The line as shown: ``plain`` (tags removed), without the spaces after WebVTT voice,
    class and language start tags."""
    if "<" not in raw or not _ANNOTATION_SPACE.search(raw):
        return plain
    return _unescape(_MARKUP.sub("", _ANNOTATION_SPACE.sub(r"\1", raw)))


@functools.lru_cache(maxsize=8)
def _spaced_run(letters: int) -> tuple[re.Pattern, re.Pattern]:
    """Patterns for a letter-spaced run of ``letters`` or more single characters, each
    followed by one space (`Г О Р Ш Т А К`), at the end and at the start of a text."""
    run = rf"[^\W_](?: [^\W_]){{{letters - 1},}}"
    return re.compile(rf"(?:^|\s){run}$"), re.compile(rf"^{run}(?:\s|$)")


_PHRASE_NEIGHBOUR = lazy(r"[\p{L}\p{N}()\[\]]")


def _phrase_gap(line: str, left: str, right: str, gap: str) -> bool:
    """Exactly two spaces between letters, digits or brackets in a line written in a script
    that does not space its words (`喷管是如何工作的  16:00`, `定律  (随着`, `J-2T(250K)
    XRS-2200 和…`): the phrase gap that stands for the comma in such a line, next to the Latin
    names, times and notes it carries as between two of its own phrases. Beside punctuation or
    a dash (`是啊？  对`, `-  是啊`) the gap is not punctuation: the mark already is."""
    return (gap == "  " and bool(_PHRASE_NEIGHBOUR.match(left))
            and bool(_PHRASE_NEIGHBOUR.match(right)) and _NO_SPACE_SCRIPT.search(line) is not None)


def _deliberate_gap(line: str, gap: re.Match, letters: int) -> bool:
    """A wide gap that is layout, not a slip: between two characters of a script that does not
    space its words (the gap is punctuation), or beside a letter-spaced title, where the wide
    gap separates the spaced-out words (`Г О Р Ш Т А К   3`)."""
    before, after = line[:gap.start()], line[gap.end():]
    if _NO_SPACE_SCRIPT.match(before[-1]) and _NO_SPACE_SCRIPT.match(after[0]):
        return True
    if _phrase_gap(line, before[-1], after[0], gap.group()):
        return True
    at_end, at_start = _spaced_run(letters)
    return bool(at_end.search(before) or at_start.search(after))


class StraySpaces(Rule):
    """A line starts or ends with spaces, or has two spaces in a row (or a tab) between words.
    Only ASCII spaces and tabs are looked at: the ideographic space that Chinese and Japanese
    subtitles use between phrases is deliberate. Spaces that are deliberate or never shown are
    not reported either:

    - the space after a WebVTT voice, class or language start tag (`<v Kyle Huey> So...`,
      `<c.yellow> `, `<lang en> `): the tag ends at `>`, and WebVTT players drop the space
      (cue text is rendered with CSS `white-space: pre-line`);
    - two spaces between two characters of a script that does not space its words (Chinese,
      Japanese, Thai, Lao, Khmer, Burmese, Tibetan): there one or two spaces are the
      punctuation between phrases (a half-width space stands for the comma); so are exactly
      two spaces between such a character and a letter, a digit or a bracket (`工作的  16:00`),
      but not beside a punctuation mark or a dash, which is punctuation already;
    - the wide gap beside a letter-spaced title (`Г О Р Ш Т А К   3`): at least
      ``spaced_letters`` single letters or digits each set one space apart;
    - spaces at the start or end of a line of an ASS/SSA track: libass and VSFilter drop them
      (the hard space `\\h` is how such a line is padded).

    Spaces left around a removed SubRip/ASS override tag (`This is {\\an1} the first`) are
    reported: renderers that honour the tag show both spaces."""

    code = "F002"
    name = "stray-spaces"
    severity = Severity.WARNING
    summary = "leading, trailing or double spaces in a line"
    params = ("spaced_letters",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        letters = int(ctx.param("spaced_letters"))
        edges = ctx.track.format not in _EDGE_SPACES_NOT_RENDERED
        for cue in ctx.track.cues:
            found = []
            for number, (raw, plain) in enumerate(zip(cue.lines, cue.plain_lines, strict=True), 1):
                if not (plain[:1] in " \t" or plain[-1:] in " \t" or "  " in plain
                        or "\t" in plain):
                    continue                 # the common case: no space problem possible
                line = _visible_line(raw, plain)
                for pattern, what in _SPACE_PROBLEMS if edges else ():
                    if pattern.search(line):
                        found.append(f"{what} in line {number}")
                if any(not _deliberate_gap(line, gap, letters) for gap in _GAP.finditer(line)):
                    found.append(f"double space in line {number}")
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
# a word: letters with inner apostrophes, not touching other word characters, apostrophes or
# hyphens (`Baden-Baden`, `bye-bye` and `she's` are not two words)
_WORD_TOKEN = re.compile(rf"(?<![\w{APOSTROPHES}-]){LETTER_WORD}(?![\w{APOSTROPHES}-])")


@functools.lru_cache(maxsize=64)
def _repetition_facts(language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(grammatical doubles, words that cannot end a phrase) of ``language`` from
    rules/lang/repetition.toml (its most specific listed tag: zh-Hant falls back to zh)."""
    entry = langtags.entry_for(load_toml(rules_dir() / "lang" / "repetition.toml"), language)
    return (frozenset(w.casefold() for w in entry.get("grammatical", ())),
            frozenset(w.casefold() for w in entry.get("never_final", ())))


def _tokens(lines: list[str]) -> list[tuple[str, str]]:
    """(word, the text between it and the previous word) for the cue's words in reading
    order; a line break in that text is "\n", and the cue's first word has None."""
    out: list[tuple[str, str | None]] = []
    tail: str | None = None          # the text after the last word so far (None: no word yet)
    for line in lines:
        previous_end = None
        for m in _WORD_TOKEN.finditer(line):
            if previous_end is not None:
                gap = line[previous_end:m.start()]
            else:
                gap = None if tail is None else tail + "\n" + line[:m.start()]
            out.append((m.group(), gap))
            previous_end = m.end()
        if previous_end is not None:
            tail = line[previous_end:]
        elif tail is not None:
            tail += "\n" + line     # a line without words (a dash, a note) stays in the gap
    return out


def _is_name_pair(first: str, second: str) -> bool:
    """Both copies capitalised (`La La Land`, `Bora Bora`, `Duran Duran`): a name or a title.
    Not in an all-capitals line, where case says nothing, nor single letters (`I I`)."""
    return all(len(w) > 1 and w[0].isupper() and not w.isupper() for w in (first, second))


class RepeatedWord(Rule):
    """The same word twice in a row with only a space between (``the the``): usually a typing
    slip. Repetition that is deliberate is not reported:

    - repetition marked by punctuation (``No, no``, ``Wait... wait``), or with a wide gap of two
      or more spaces between the copies (F002 reports the gap itself);
    - a word three or more times in a row (``Allez allez allez``, ``No no no no`` as in the
      WebVTT specification's own example): a slip doubles a word, a chant or emphasis repeats
      it; the run length is ``repeat_deliberate_run``;
    - a word written in a script that does not space its words (Chinese, Japanese, Thai, Lao,
      Khmer, Burmese, Tibetan: ``是啊 是啊``, ``不 不``, ``ถอยไป ถอยไป``): the space there is the
      comma between two phrases;
    - doubles that are grammar in the language (French ``vous vous moquez``, English ``had had``,
      German ``die die``, Dutch ``dat dat``, Czech ``se se``...; rules/lang/repetition.toml
      lists each with its construction and source);
    - two copies styled differently (``Test <i>test</i>``): a contrast set on purpose;
    - a name or title, both copies capitalised (``La La Land``, ``Bora Bora``, ``Sirhan
      Sirhan``), except in an all-capitals line;
    - a word at the end of one line and again at the start of the next (Arabic ``آمن / آمن``): an
      echo or emphasis split over two lines. Only words that cannot end a phrase (articles, and
      prepositions in languages that never strand them: ``the / the``, ``в / в``; listed in
      rules/lang/repetition.toml as ``never_final``) are still reported across a line break,
      when the second line goes on with the sentence (its first word is not capitalised);
    - words the profile lists as deliberately doubled for the language (``repeat_allowed``:
      English ``no no``, ``very very``, ``bye bye``).

    In languages where doubling is grammar (Turkish ``yavaş yavaş``, Persian, Kazakh, Uzbek,
    Indonesian, Vietnamese, Korean) only the function words in ``repeat_only`` are reported."""

    code = "F004"
    name = "repeated-word"
    severity = Severity.WARNING
    summary = "the same word twice in a row"
    params = ("repeat_allowed", "repeat_only", "repeat_deliberate_run")

    def check(self, ctx: Context) -> Iterator[Hit]:
        # a two-language track (zh-Hans+en) allows what each of its languages allows
        languages = langtags.parts(ctx.language) or (None,)
        allowed = {w.casefold() for tag in languages for w in ctx.param("repeat_allowed", tag)}
        only = {w.casefold() for w in ctx.param("repeat_only")}
        deliberate_run = int(ctx.param("repeat_deliberate_run"))
        grammatical, never_final = _repetition_facts(ctx.language)
        for cue in ctx.track.cues:
            lines = [ln.strip() for ln in cue.plain_lines]
            folded = [t.strip(_EDGE).casefold() for t in " ".join(lines).split()]
            if not any(a == b and a for a, b in pairwise(folded)):
                continue                     # no two neighbouring words alike: nothing to find
            for word, second, across in self._slips(_tokens(lines), deliberate_run):
                key = word.casefold()
                if key in allowed or key in grammatical or (only and key not in only):
                    continue
                if across and not (key in never_final and _continues(second)):
                    continue
                if not words(word) or _NO_SPACE_SCRIPT.match(word):
                    continue
                if _styled_apart(cue.text, word, second):
                    continue
                yield Hit(f"“{word}” twice in a row", cue, {"word": word})

    @staticmethod
    def _slips(tokens: list[tuple[str, str | None]], deliberate_run: int):
        """(first copy, second copy, across a line break?) for each word written exactly twice in
        a row (shorter than a deliberate run) with nothing but one space or a line break between,
        and not a capitalised name."""
        i = 0
        while i < len(tokens):
            j = i + 1
            while (j < len(tokens) and tokens[j][0].casefold() == tokens[i][0].casefold()
                   and _joined(tokens[j][1])):
                j += 1
            run = j - i
            if 2 <= run < deliberate_run:
                for k in range(i + 1, j):
                    first, second = tokens[k - 1][0], tokens[k][0]
                    if not _is_name_pair(first, second):
                        yield first, second, "\n" in tokens[k][1]
            i = j


def _styled_apart(raw: str, first: str, second: str) -> bool:
    """The two copies are styled differently: a formatting tag or override starts or ends
    between them (`Test <i>test</i>`, `no {\\i1}no`): a contrast set on purpose, which a
    typing slip never makes."""
    tag = r"(?:<[^>]*>|\{[^}]*\})"
    pattern = rf"{re.escape(first)}[ \t]*{tag}(?:[ \t]*{tag})*[ \t]*{re.escape(second)}"
    return re.search(pattern, raw, re.IGNORECASE) is not None


def _continues(word: str) -> bool:
    """A word that continues the sentence of the line before: not capitalised (a capital at
    the start of a line begins a new sentence or list item: `...spaces: A / A letter...`),
    unless the whole line is in capitals."""
    return word[:1].islower() or (len(word) > 1 and word.isupper())


def _joined(gap: str | None) -> bool:
    """Only one space, or a line break, between two words: the shape of a slip."""
    return gap is not None and (gap == "\n" or (len(gap) == 1 and gap.isspace()))
