"""R001 and R004 re-breaking (unsafe: it changes where lines break, which is an editorial
choice; the words stay).

- R004, two lines that fit on one: they are joined with one space.
- R001, a line too long: the cue's text (one or two lines) is broken again into two lines,
  each within the language's limit, choosing among the spaces (and, in Chinese and Japanese,
  the places after a punctuation mark: never inside a word) the break that is best: at a
  phrase boundary (after punctuation, before a conjunction or preposition of the language;
  never after an article or preposition: rules/lang/linebreaks.toml), bottom-heavy (the top
  line not longer than the bottom one, as pyramid-shaped subtitles are read) and balanced.
  When the whole text fits on one line it becomes one line.

Not touched: cues of more than two lines, two-speaker cues (lines starting with a dash),
two-language tracks, tags that would span the new break, SubRip and WebVTT cues only.
"""
from __future__ import annotations

import functools
import re

from .. import langtags
from ..model import _TAG, _unescape
from ..resources import rules_dir
from ..text import count_chars
from ..tomlload import load_toml
from .base import UNSAFE, Fix, FixContext
from .spans import Edit

CODES = ("R001", "R004")
_DASHES = ("-", "–", "—", "‐")
_PUNCT_AFTER = ",.;:!?…"
_CJK_PUNCT = "，。、；：！？…"
_WORD = re.compile(r"[\w'’-]+")


@functools.lru_cache(maxsize=32)
def _facts(language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    entry = langtags.entry_for(load_toml(rules_dir() / "lang" / "linebreaks.toml"), language)
    return (frozenset(w.casefold() for w in entry.get("before", ())),
            frozenset(w.casefold() for w in entry.get("never_last", ())))


def _plain(raw: str) -> str:
    return _unescape(_TAG.sub("", raw)).strip()


def _tags_open_at(raw: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a tag (``<font color="a b">``)."""
    return any(m.start() < pos < m.end() for m in _TAG.finditer(raw))


def best_break(text: str, limit: float, weight: float, language: str | None) -> int | None:
    """The index in ``text`` (one line, raw) of the best break: a space to replace by a line
    end, or a place after CJK punctuation to insert one; None when no break gives two lines
    within ``limit``."""
    before, never_last = _facts(language)
    best = None
    for i, ch in enumerate(text):
        if ch == " ":
            top, bottom = text[:i], text[i + 1:]
        elif ch in _CJK_PUNCT and i + 1 < len(text) and text[i + 1] != " ":
            top, bottom = text[:i + 1], text[i + 1:]
        else:
            continue
        if _tags_open_at(text, i):
            continue
        a, b = count_chars(_plain(top), weight), count_chars(_plain(bottom), weight)
        if not (0 < a <= limit and 0 < b <= limit):
            continue
        score = 0.5 * abs(a - b) + (0.25 * (a - b) if a > b else 0)   # balanced, bottom-heavy
        last = _WORD.findall(_plain(top).casefold())
        first = _WORD.findall(_plain(bottom).casefold())
        if _plain(top)[-1:] in _PUNCT_AFTER + _CJK_PUNCT:
            score -= 2                         # after punctuation: the best boundary
        elif not (first and first[0] in before):
            score += 10                        # not at a phrase boundary
        if last and last[-1] in never_last:
            score += 20
        if best is None or (score, i) < best[0]:
            best = ((score, i), i if ch == " " else i + 1)
    return None if best is None else best[1]


def plan(fc: FixContext) -> list[Fix]:
    if fc.track.format not in ("srt", "vtt") or fc.spans is None:
        return []
    if fc.language and "+" in fc.language:
        return []                              # two-language tracks: never re-broken
    weight = fc.param("half_width_weight")
    limit = fc.param("chars_per_line")
    fixes = []
    done: set[int] = set()
    for finding in fc.findings:
        if finding.code not in CODES or finding.cue in done:
            continue
        located = fc.cue_spans(finding.cue)
        if located is None or not 1 <= len(located.text_lines) <= 2:
            continue
        raws = [fc.src.line(n) for n in located.text_lines]
        if any(_plain(r).startswith(_DASHES) for r in raws) or not all(_plain(r) for r in raws):
            continue
        first, last = located.text_lines[0], located.text_lines[-1]
        start = fc.src.offset(first)
        end = fc.src.line_ends[last - 1]
        joined = " ".join(r.strip() for r in raws)
        nl = fc.src.newline(first)
        if count_chars(_plain(joined), weight) <= limit:
            new = joined
            what = "join the two lines into one" if len(raws) == 2 else None
        else:
            at = best_break(joined, limit, weight, fc.language)
            if at is None:
                continue
            if joined[at] == " ":
                new = joined[:at] + nl + joined[at + 1:]
            else:
                new = joined[:at] + nl + joined[at:]
            what = "re-break the text into two lines at a phrase boundary"
        if what is None or new == fc.src.text[start:end]:
            continue
        done.add(finding.cue)
        fixes.append(Fix(finding.code, finding.cue, UNSAFE, what, [Edit(start, end, new)]))
    return fixes
