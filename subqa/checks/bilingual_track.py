"""Two-language tracks: a Chinese line over its English line, as fansubs and festival prints
carry them, declared ``zh-Hans+en`` (``--lang``, the file name ``film.zh-Hans+en.srt``, or
``lang`` / ``[languages]`` in the configuration) or detected when most cues carry both.

This module says which language each line of such a track is in (the L-, R- and L005 rules
share it through ``ctx.cached``), finds the two languages of an undeclared track, and holds
L005 bilingual-line-missing.

Which line is which is decided per line, never by position alone:

1. by script, when the two languages are written in different scripts: a line with letters of
   a script only one of them uses is in that language. A line with letters of both is in the
   language of the non-Latin script (``我是Everyday Astronaut的Tim Dodd`` is the Chinese line:
   Latin names and brands are written inside lines of every script, the reverse is rare);
2. when the scripts do not decide (both languages in Latin letters, ``fr+en``), by the language
   detector (subqa.language): the line one language's judge finds foreign and the other's
   does not, or the one only one of them has positive evidence for (its function words);
3. only when neither decides, by position: the first line with letters is the first declared
   language, the others the second. Such lines are never reported as missing a language.
"""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from .. import langtags
from ..formats.sniffers import is_sign
from ..language import (CueJudge, Settings, detect_lines_language, evidence, fact_tag,
                        language_info, script_of)
from ..model import Hit, Severity
from ..text import BEYOND_LATIN
from .base import CacheKey, Context, Rule

# scripts whose characters count as two letters (a Han character carries about as much as two
# letters of an alphabet; subqa.language weighs them so too)
_WIDE = frozenset({"Hani", "Hira", "Kana", "Hang"})
# Han, kana and Hangul lines are grouped as one "CJK" script when a track is searched for its
# two languages: a Japanese cue with one kanji line and one kana line is one language
_GROUP = {"Hira": "Hani", "Kana": "Hani"}
# a sound description (``(Tim laughing)``, ``[music]``), and song marks
_DESCRIPTION = re.compile(r"\([^)]*\)|\[[^\]]*\]|（[^）]*）|【[^】]*】|♪|♫")

BY_SCRIPT, BY_DETECTOR, BY_POSITION = "script", "detector", "position"

# a character above U+024F; the letters below it that belong to no script script_of knows
# (tests/test_language_speed_paths.py)
_NO_SCRIPT = frozenset("\xaa\xb5\xba")
_DROP_NO_SCRIPT = dict.fromkeys(map(ord, _NO_SCRIPT))


def letters_by_script(text: str) -> dict[str, int]:
    """Letters of ``text`` per script, every letter counted (also those of a web address, which
    the detector's evidence blanks, and with it the Chinese ``注：详见`` written against it)."""
    out: dict[str, int] = {}
    if text.isascii():
        n = sum(map(str.isalpha, text))
        return {"Latn": n} if n else out
    for ch in text:
        script = script_of(ch)
        if script is not None:
            out[script] = out.get(script, 0) + 1
    return out


def weighted_letters(text: str) -> int:
    """Letters of ``text``, a Han, kana or Hangul character counting two."""
    return sum(n * (2 if script in _WIDE else 1) for script, n in evidence(text).by_script.items())


def is_description(text: str) -> bool:
    """Whether the text is only a sound description in brackets (or song marks)."""
    return bool(_DESCRIPTION.search(text)) and not evidence(_DESCRIPTION.sub(" ", text)).letters


# ------------------------------------------------------------------------------- line languages

class LineSorter:
    """Says which of the two languages of a pair each line is in (see the module docstring)."""

    def __init__(self, pair: Sequence[str], profile=None):
        self.pair = tuple(pair)
        scripts = [set(language_info(fact_tag(t) or t).scripts) for t in self.pair]
        self.exclusive = (frozenset(scripts[0] - scripts[1]), frozenset(scripts[1] - scripts[0]))
        self.shared = frozenset(scripts[0] & scripts[1])
        self._profile = profile
        self._judges: tuple[CueJudge, CueJudge] | None = None

    def judges(self) -> tuple[CueJudge, CueJudge]:
        if self._judges is None:
            self._judges = tuple(CueJudge(t, Settings.from_profile(self._profile, t))
                                 for t in self.pair)
        return self._judges

    def line(self, text: str) -> str | None:
        """The language of one line when its letters decide it (script or detector), else None."""
        by_script = letters_by_script(text)
        if not by_script:
            return None
        own = [{s: n for s, n in by_script.items() if s in ex} for ex in self.exclusive]
        keys = [(sum(n for s, n in o.items() if s != "Latn"), sum(o.values())) for o in own]
        if keys[0] != keys[1]:
            return self.pair[0] if keys[0] > keys[1] else self.pair[1]
        if not any(s in self.shared for s in by_script):
            return None
        va, vb = (j.judge(text) for j in self.judges())
        if va.foreign != vb.foreign:
            return self.pair[1] if va.foreign else self.pair[0]
        if va.native != vb.native:
            return self.pair[0] if va.native else self.pair[1]
        return None

    def cue(self, lines: Sequence[str]) -> tuple[tuple[str | None, str | None], ...]:
        """(language, how it was decided) for each line; (None, None) for a line without letters."""
        out = []
        lettered = 0
        for text in lines:
            if not letters_by_script(text):
                out.append((None, None))
                continue
            lang = self.line(text)
            how = BY_SCRIPT if lang is not None and not self._same_script(text) else BY_DETECTOR
            if lang is None:
                lang, how = self.pair[0 if lettered == 0 else 1], BY_POSITION
            out.append((lang, how))
            lettered += 1
        return tuple(out)

    def _same_script(self, text: str) -> bool:
        """Whether only shared scripts (no exclusive one) decided nothing by script."""
        by_script = letters_by_script(text)
        return not any(s in ex for ex in self.exclusive for s in by_script)


def track_pair(ctx: Context) -> tuple[str, str] | None:
    """The two languages of the track, in their usual order: the declared or detected pair, or,
    for a track declared in one language that most cues show with a second one, that language
    and the second. None for a one-language track."""
    return ctx.cached(CacheKey.BILINGUAL_PAIR, lambda: _track_pair(ctx))


def _track_pair(ctx: Context) -> tuple[str, str] | None:
    languages = langtags.parts(ctx.language)
    if len(languages) == 2:
        return languages[0], languages[1]
    if len(languages) > 2 or not ctx.track.cues:
        return None
    found = detect_pair(ctx.track, ctx.param("bilingual_track_min_share"))
    if found is None or not languages:
        return found
    declared = languages[0]
    for i, tag in enumerate(found):
        if _same_language(tag, declared):
            other = found[1 - i]
            return (declared, other) if i == 0 else (other, declared)
    return None


def declared_in_one(ctx: Context) -> bool:
    """Whether the track is declared in one language but read as two (see track_pair)."""
    return len(langtags.parts(ctx.language)) == 1 and track_pair(ctx) is not None


def line_languages(ctx: Context) -> list:
    """For each cue, (language, how) per plain line (see LineSorter.cue); [] for a one-language
    track."""
    return ctx.cached(CacheKey.BILINGUAL_LINES, lambda: _line_languages(ctx))


def _line_languages(ctx: Context) -> list:
    pair = track_pair(ctx)
    if pair is None:
        return []
    sorter = LineSorter(pair, ctx.profile)
    return [sorter.cue(cue.plain_lines) for cue in ctx.track.cues]


def _same_language(a: str, b: str) -> bool:
    pa, pb = langtags.primary(a), langtags.primary(b)
    return pa == pb or pb in language_info(pa).same or pa in language_info(pb).same


# ------------------------------------------------------------------------------ pair detection

def _line_group(text: str) -> str | None:
    """The script a line is written in, for finding a track's two languages: its non-Latin
    script with the most letters when it has one (Latin names sit inside lines of every
    script), else Latin; Han and kana as one group."""
    by_script = letters_by_script(text)
    grouped: dict[str, int] = {}
    for script, n in by_script.items():
        key = _GROUP.get(script, script)
        grouped[key] = grouped.get(key, 0) + n
    other = {s: n for s, n in grouped.items() if s != "Latn"}
    if other:
        return max(sorted(other), key=lambda s: other[s])
    return "Latn" if grouped else None


def _char_groups(text: str) -> set:
    """The script groups (as _line_group groups them) of the letters in ``text``."""
    if text.isascii():
        return {"Latn"} if any(map(str.isalpha, text)) else set()
    if BEYOND_LATIN.search(text) is None:
        # below U+0250 a letter is Latin or (ª µ º) of no script we know
        if not _NO_SCRIPT.isdisjoint(text):
            text = text.translate(_DROP_NO_SCRIPT)
        return {"Latn"} if any(map(str.isalpha, text)) else set()
    return {_GROUP.get(sc, sc) for sc in map(script_of, set(text)) if sc is not None}


def detect_pair(track, min_share: float, limit_lines: int = 4000) -> tuple[str, str] | None:
    """The two languages of a track in which more than ``min_share`` of the cues with letters
    carry lines in two scripts (the same two throughout), each script's lines identified by the
    language detector; the language on top more often first. None otherwise, and when the two
    are one language (a Serbian track in Cyrillic and Latin)."""
    # a track without a character above U+024F (most) has letters of one group only, Latin (or
    # of no script: ª µ º), so no cue of two, and no pair: one search of its text tells
    if BEYOND_LATIN.search("\n".join(cue.plain_text for cue in track.cues)) is None:
        return None
    cues = []
    pairs: dict[tuple[str, str], int] = {}
    on_top: dict[str, int] = {}
    lettered = 0
    for cue in track.cues:
        plain = cue.plain_text
        groups = _char_groups(plain)
        if len(groups) < 2:
            # (the common case, without looking at lines: letters of one script, or none; an
            # ASCII text has letters exactly when its groups are {"Latn"})
            lettered += bool(groups) if plain.isascii() else any(map(str.isalpha, plain))
            continue
        lines = [ln for ln in cue.plain_lines if ln.strip() and not is_description(ln)]
        cues.append(lines)
        groups = [g for g in map(_line_group, lines) if g is not None]
        if not groups:
            continue
        lettered += 1
        distinct = sorted(set(groups))
        if len(distinct) == 2:
            key = (distinct[0], distinct[1])
            pairs[key] = pairs.get(key, 0) + 1
            on_top[groups[0]] = on_top.get(groups[0], 0) + 1
    if not pairs or not lettered:
        return None
    best = max(sorted(pairs), key=lambda k: pairs[k])
    if pairs[best] <= min_share * lettered:
        return None
    tags = []
    for group in sorted(best, key=lambda g: (-on_top.get(g, 0), g)):
        lines = [ln for cue in cues for ln in cue if _line_group(ln) == group][:limit_lines]
        tag, _confidence = detect_lines_language(lines)
        if tag is None:
            return None
        tags.append(tag)
    if _same_language(tags[0], tags[1]):
        return None
    return tags[0], tags[1]


# ------------------------------------------------------------------------------------ L005

def _missing(ctx: Context, pair, cue, langs) -> tuple[str, str] | None:
    """(missing language, present language) for a cue whose lines are all, on clear evidence,
    in one language of the pair; None otherwise."""
    present = set()
    for text, (lang, how) in zip(cue.plain_lines, langs, strict=True):
        if lang is None or is_description(text):
            continue
        if how == BY_POSITION:
            return None
        present.add(lang)
    if len(present) != 1:
        return None
    (lang,) = present
    text = " ".join(t for t, (lg, _) in zip(cue.plain_lines, langs, strict=True) if lg == lang)
    if weighted_letters(_DESCRIPTION.sub(" ", text)) < ctx.param("bilingual_missing_min_letters"):
        return None
    return pair[1] if lang == pair[0] else pair[0], lang


class BilingualLineMissing(Rule):
    """A cue of a two-language track (``--lang zh-Hans+en``, or detected: most cues carry both
    languages, one line each) that carries only one of the two languages: an English line left
    without its Chinese translation, as in the untranslated outro of a fansub. The message names
    the missing language.

    Which line is in which language is decided by script (a line with Han characters is the
    Chinese line, even when it carries English names), else by the language detector; a cue
    whose lines neither decides is not reported. Cues that are only a sound description in
    brackets (``(Tim laughing)``) or song marks, and cues with fewer than
    ``bilingual_missing_min_letters`` letters (a name, ``OK``; a Han character counts two) are
    not reported. A track declared in one language that is in fact a two-language track (more
    than ``bilingual_track_min_share`` of its cues carry both) is checked the same way, after
    the L002 that says so. An ASS/SSA event placed off the dialogue line (a sign, a translator's
    note, a link: ``\\pos``, ``\\move``, a top or middle alignment) is not reported either:
    fansubs translate on-screen text and add notes in one language, the other being the picture.
    """

    code = "L005"
    name = "bilingual-line-missing"
    severity = Severity.WARNING
    summary = "a cue of a two-language track lacks one of its two languages"
    params = ("bilingual_track_min_share", "bilingual_missing_min_letters")

    def check(self, ctx: Context) -> Iterator[Hit]:
        from .language import analyse

        pair = track_pair(ctx)
        if pair is None:
            return
        an = analyse(ctx)
        if an is not None and an.suppressed:
            return
        # strict=False: line_languages is [] for a one-language track
        for cue, langs in zip(ctx.track.cues, line_languages(ctx), strict=False):
            if is_sign(cue, ctx.track.format):
                continue
            found = _missing(ctx, pair, cue, langs)
            if found is None:
                continue
            missing, present = found
            yield Hit(f"cue has no {langtags.display_name(missing)} line (only "
                      f"{langtags.display_name(present)})", cue,
                      {"missing": missing, "present": present, "languages": langtags.join(pair)})
