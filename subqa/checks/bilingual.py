"""X-rules: a translated track checked against its source-language track.

All of them work on the time alignment of the two tracks (``subqa.align.alignment``), computed
once per track and shared. They run only when a source track is given (``needs = {"source"}``).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import starmap, zip_longest
from operator import eq
from typing import TYPE_CHECKING, Iterator, Sequence

from .. import langtags
from ..lazyregex import (LATIN_LETTER, LATIN_LETTER_OR_DIGIT, LATIN_LOWER, LATIN_UPPER, agreed,
                         lazy)
from ..model import Hit, Severity, Track, format_timecode
from ..resources import rules_dir
from ..text import MARKED_WORD, MODIFIER_APOSTROPHES, unicode_script
from ..tomlload import load_toml
from .base import CacheKey, Context, Rule
from .parse import FromDiagnostics

if TYPE_CHECKING:
    from .. import align, numbers

# subqa.align and subqa.numbers are imported where they are used: these rules only run with a
# source track, and a plain check should not pay for importing them.

# --- scripts and words ----------------------------------------------------------------------

# a letter's script is its Unicode Script property, a word has marks and modifier apostrophes
# (subqa.text: the named variants of the script classifier and the word tokeniser)
script_of = unicode_script


def _script_of_letter(ch: str) -> str | None:
    """``unicode_script`` of a letter: the letters below U+0250 and the ligatures ﬀ-ﬆ are Latin
    but for µ (the micro sign, Common), known without the regex module's Script property."""
    if ch < "\u0250" or "\ufb00" <= ch <= "\ufb06":
        return None if ch == "µ" else "Latn"
    return unicode_script(ch)


# letter_scripts asks it about every letter of both tracks: each letter once (a film has a few
# hundred distinct ones)
_letter_script = functools.lru_cache(maxsize=8192)(_script_of_letter)

# The patterns with Unicode properties read a text that subqa.lazyregex.agreed accepts with
# Python's re (their ``latin`` twins, the properties named by their Latin letters), any other
# text with the regex module.
_WORD = MARKED_WORD
_HAS_TEXT = lazy(r"[\p{L}\p{N}]", latin=LATIN_LETTER_OR_DIGIT)
# a cue that only describes a sound or music: "[door creaks]", "(laughs)", "♪ la la ♪"
_SOUND_ONLY_PATTERN = r"^\s*(?:(?:\[[^\]]*\]|\([^)]*\)|（[^）]*）|♪[^♪]*♪?)\s*)+$"
_SOUND_ONLY = lazy(_SOUND_ONLY_PATTERN, latin=_SOUND_ONLY_PATTERN)
# a text that ends a sentence, searched from its end (so only its last characters are looked at;
# the latin twin searches from the start: it finds one exactly when this one does)
_SENTENCE_END_BEFORE = lazy(r"(?r)[.!?…。！？]\W*$", latin=r"[.!?…。！？]\W*$")
# the capital letter that starts a word (of _WORD): not after a letter or mark, nor after an
# apostrophe that follows one (that word would go on through the apostrophe)
_WORD_CAPITAL = lazy(rf"(?<![\p{{L}}\p{{M}}])(?<![\p{{L}}\p{{M}}][{MODIFIER_APOSTROPHES}])\p{{Lu}}",
                     # the capital first, then what is behind it (re then looks only at the
                     # capitals, not at every place of the text)
                     latin=rf"[{LATIN_UPPER}](?<!{LATIN_LETTER}.)"
                           rf"(?<!{LATIN_LETTER}[{MODIFIER_APOSTROPHES}].)")


def letter_scripts(text: str) -> Counter:
    """How many letters of ``text`` are in each script."""
    out: Counter = Counter()
    for ch, n in Counter(text).items():       # each character looked up once, letters only
        if ch.isalpha():
            code = _letter_script(ch)
            if code:
                out[code] += n
    return out


def _words(text: str) -> list[str]:
    return _WORD.on(text).findall(text)


def _fold_text(text: str) -> str:
    """Case and apostrophes folded (casefold maps each character on its own: the fold of a
    word of ``text`` is a part of the fold of ``text``)."""
    return text.casefold().replace("’", "'").replace("ʼ", "'")


# the X-rules fold every word of both tracks, often
_fold = functools.lru_cache(maxsize=65536)(_fold_text)


@functools.lru_cache(maxsize=1)
def universal_words() -> frozenset[str]:
    data = load_toml(rules_dir() / "lang" / "universal.toml")
    return frozenset(_fold(w) for w in data.get("words", []))


@functools.lru_cache(maxsize=50_000)
def _is_universal(word: str) -> bool:
    # the parts between hyphens and apostrophes (the fold has turned ’ and ʼ into ')
    parts = [p for p in _fold(word).replace("-", "'").split("'") if p]
    universal = universal_words()
    return bool(parts) and all(p in universal for p in parts)


def _normalized(text: str) -> str:
    """Casefolded letters and digits only: what stays when case, spacing, tags and punctuation
    are set aside."""
    return "".join(filter(str.isalnum, text.casefold()))


def _same_normalized(a: str, b: str) -> bool:
    """Whether ``_normalized(a) == _normalized(b)`` and they hold something: compared as far
    as their first difference (a translation differs from its source within a few letters)."""
    left, right = filter(str.isalnum, a.casefold()), filter(str.isalnum, b.casefold())
    first = next(left, None)
    return first is not None and first == next(right, None) \
        and all(starmap(eq, zip_longest(left, right)))


def _non_latin_foreign(word: str, foreign: frozenset[str]) -> bool:
    """Whether most letters of ``word`` are in a source script other than Latin."""
    scripts = letter_scripts(word)
    total = sum(scripts.values())
    other = sum(n for s, n in scripts.items() if s in foreign and s != "Latn")
    return bool(total) and other * 2 > total


def _names(track: Track) -> frozenset[str]:
    """Words written with a capital inside a sentence somewhere in the track: names (and, in
    German, nouns), which a translation may keep as they are."""
    out = set()
    # the patterns for a cue that agreed() accepts (Python's re), and for the others
    readers = {latin: tuple(p.choose(latin) for p in (_WORD_CAPITAL, _HAS_TEXT, _WORD,
                                                      _SENTENCE_END_BEFORE))
               for latin in (True, False)}
    for cue in track.cues:
        text = cue.plain_text
        if not any(map(str.isupper, text[1:])):
            continue                    # no capital but the first letter: no word to look at
        capitals, has_text, word, sentence_end = readers[agreed(text)]
        first = has_text.search(text).start()   # the cue's first letter or digit
        for m in capitals.finditer(text):
            start = m.start()
            if start <= first:
                continue                # no word before it in the cue
            # the text before the word, without the spaces before it: text[:end]
            end = len(text[:start].rstrip())
            # only after a word of the same sentence: "*МАМАААА*" or "- Anna" start the cue
            if text[end - 1] not in "-—–\"«“" and not sentence_end.search(text, 0, end):
                out.add(_fold(word.match(text, start).group(0)))
    return frozenset(out)


def _dominant_script(track: Track) -> str | None:
    counts = letter_scripts("".join(cue.plain_text for cue in track.cues))
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


class _Languages:
    """What the X001 checks need to know about the two languages, computed once per track."""

    def __init__(self, ctx: Context):
        self.source = langtags.normalize(
            ctx.source_language or (ctx.source.language if ctx.source else None))
        self.target = langtags.normalize(ctx.language or ctx.track.language)
        # the script most letters of a track are in, counted only where it is needed: a
        # language of unknown or several scripts, or a language unknown
        dominant: dict[str, str | None] = {}

        def dom(side: str) -> str | None:
            if side not in dominant:
                track = ctx.source if side == "source" else ctx.track
                dominant[side] = _dominant_script(track) if track else None
            return dominant[side]

        self.source_scripts = tuple(langtags.language_facts(self.source).get("scripts", ())) or (
            (dom("source"),) if dom("source") else ())
        if len(self.source_scripts) > 1 and dom("source") in self.source_scripts \
                and self.source_scripts[0] != "Hani" and dom("source") != "Hani":
            # Kazakh or Uzbek is written in Cyrillic or in Latin: the source uses the one it uses
            self.source_scripts = (dom("source"),)
        self.target_scripts = tuple(langtags.language_facts(self.target).get("scripts", ())) or (
            (dom("target"),) if dom("target") else ())
        if self.source and self.target:
            self.differ = langtags.primary(self.source) != langtags.primary(self.target)
        else:   # a language unknown: they differ when the tracks are written in different scripts
            self.differ = bool(dom("source") and dom("target") and dom("source") != dom("target"))
        # source scripts that the target language does not use: letters in them are suspicious
        self.foreign = frozenset(s for s in self.source_scripts if s not in self.target_scripts)
        # words the translation keeps: names of the source, and source-script words that appear
        # inside cues otherwise written in a target script
        kept = set(_names(ctx.source)) if ctx.source else set()
        kept |= _names(ctx.track)
        if self.foreign:
            for cue in ctx.track.cues:
                scripts = letter_scripts(cue.plain_text)
                foreign = sum(n for s, n in scripts.items() if s in self.foreign)
                if foreign * 2 < sum(scripts.values()):
                    kept.update(_fold(w) for w in _words(cue.plain_text)
                                if any(_letter_script(c) in self.foreign for c in w[:1]))
        self.kept = frozenset(kept)
        self._source = ctx.source
        self._track, self._profile = ctx.track, ctx.profile
        self._content: dict[str, bool] = {}   # word -> whether content_words keeps it

    @functools.cached_property
    def common(self) -> frozenset[str]:
        """The words the source writes in lower case (or caseless), folded: asked about only
        when the languages are written in different scripts, so counted when first asked."""
        # each distinct word of the source once (no word goes over a line end)
        source_words = set(_words("\n".join(
            cue.plain_text for cue in (self._source.cues if self._source else ()))))
        return frozenset(_fold(w) for w in source_words
                         if not w[:1].isupper())   # lower case or caseless

    @property
    def detects(self) -> bool:
        """Whether the language detector is asked (a known target language sharing the
        source's scripts)."""
        return bool(self.target) and not self.foreign

    @functools.cached_property
    def judge(self):
        """The detector's cue judge for the target language, made when first asked for (most
        cues never reach it); None when the detector is not asked or unavailable."""
        return _judge_for(self.target, self._track, self._profile) if self.detects else None

    def content_words(self, text: str) -> list[str]:
        """The words of ``text`` that are neither universal nor kept (names): what decides
        whether a cue is translated."""
        memo, out = self._content, []
        for w in _words(text):
            content = memo.get(w)
            if content is None:
                folded = _fold(w)
                # a word in one piece (no hyphen, no apostrophe) is universal when it is listed
                universal = _is_universal(w) if "'" in folded or "-" in folded \
                    else folded in universal_words()
                content = memo[w] = not universal and folded not in self.kept
            if content:
                out.append(w)
        return out

    def in_source_language(self, text: str) -> bool:
        """Whether the language detector (``subqa.language``) finds ``text`` foreign to the
        target language and in the source language."""
        if self.judge is None:
            return False
        try:
            verdict = self.judge.judge(text)
        except (LookupError, OSError):   # the detector's data cannot be read: no opinion
            return False
        return bool(verdict.foreign and verdict.detected and
                    langtags.primary(verdict.detected) == langtags.primary(self.source))


def _native_cues(ctx: Context, langs: _Languages) -> frozenset[int]:
    """The numbers of the cues that the language rules' shared analysis (L001's verdicts,
    ``subqa.checks.language.analyse``) found written in the target language by positive
    evidence: a function word only that language has, and none only a neighbour has. Such a
    cue is not asked again whether its content words are in the source language: they are
    what is left without its names and shared words, and a shorter text can only mislead the
    detector about a cue its own function words place. Empty when the analysis is not about
    the target language (undetermined, or a two-language track)."""
    from .language import analyse

    if not langs.detects:
        return frozenset()
    analysis = analyse(ctx)
    if analysis is None or analysis.pair is not None or \
            langtags.primary(analysis.language) != langtags.primary(langs.target):
        return frozenset()
    return frozenset(cue.index for cue, verdict in zip(ctx.track.cues, analysis.verdicts,
                                                       strict=True) if verdict.native)


def _judge_for(language: str, track: Track, profile=None):
    """A cue judge of ``subqa.language`` for the target track, with the thresholds of
    ``profile`` (its ``language_*`` parameters, as L001 judges with; default: the default
    profile's), or None when it is unavailable."""
    from .. import language as detector

    try:
        scripts = detector.track_scripts(language, detector.track_text(track))
        settings = detector.Settings.from_profile(profile, language) if profile is not None \
            else None
        return detector.CueJudge(language, settings, scripts=scripts)
    except (LookupError, OSError):   # the detector's data cannot be read
        return None


def _languages(ctx: Context) -> _Languages:
    return ctx.cached(CacheKey.BILINGUAL_LANGUAGES, lambda: _Languages(ctx))


# a quoted span: a title, a sign, a song line ("The Lord of the Rings", «Война и мир», 「君の名は」)
# (characters only: Python's re reads it as the regex module does in any text)
_QUOTED = re.compile(r'"[^"\n]{2,}"|“[^”\n]{2,}”|„[^“”\n]{2,}[“”]|«[^»\n]{2,}»|»[^«\n]{2,}«'
                     r"|「[^」\n]+」|『[^』\n]+』")
_QUOTE_MARKS = frozenset('"“„«»「『')
# a run of capitalised words, with short lower-case links between them: a name or a title
# ("Lehman Brothers and Sisters", "Bank of America", "Ivan the Terrible", "Sarah Connor")
_CAP = r"\p{Lu}[\p{L}\p{M}]*(?:['’.][\p{L}\p{M}]+)*"
_LATIN_CAP = rf"[{LATIN_UPPER}]{LATIN_LETTER}*(?:['’.]{LATIN_LETTER}+)*"
_TITLE_RUN = lazy(rf"{_CAP}(?:(?:\s+(?:[\p{{Ll}}]{{1,4}}|&)){{0,2}}\s+{_CAP})+",
                  latin=rf"{_LATIN_CAP}(?:(?:\s+(?:[{LATIN_LOWER}]{{1,4}}|&)){{0,2}}\s+{_LATIN_CAP})+")


# languages whose spelling capitalises every noun (Duden, "Groß- und Kleinschreibung"): a run of
# capitalised words there is an ordinary phrase ("das Reich der Drachen"), not a name
_NOUNS_CAPITALISED = frozenset({"de", "lb"})


_primary = functools.lru_cache(maxsize=64)(langtags.primary)   # called once per cue


def without_names(text: str, language: str | None = None) -> str:
    """``text`` without what a translation rightly keeps as it is: quoted spans (titles, signs,
    lyrics) and runs of two or more capitalised words with short links (names, titles, brands:
    "Lehman Brothers and Sisters"), unless ``language`` (the language the text would be in if
    left untranslated) capitalises its nouns. What is left decides whether a cue is
    untranslated."""
    if not _QUOTE_MARKS.isdisjoint(text):       # every quoted span starts with one of them
        text = _QUOTED.sub(" ", text)
    if _primary(language) in _NOUNS_CAPITALISED:
        return text
    return _TITLE_RUN.on(text).sub(" ", text)


# the alignment every X-rule works on reads these (subqa.align.params_from_profile)
_ALIGN_PARAMS = ("align_min_overlap", "align_max_offset_ms", "align_max_shift_ms")


def _pairs(ctx: Context) -> list[align.Pair]:
    from .. import align

    return align.alignment(ctx)


# --- X001 -----------------------------------------------------------------------------------

class UntranslatedCue(Rule):
    """The target cue was not translated: its text is the source cue's text (ignoring case,
    spacing, tags and punctuation), or it is written in the source language although the track
    is in another one.

    For languages written in different scripts (English into Chinese, Russian or Arabic) a cue
    counts as written in the source language when at least ``untranslated_script_share`` of its
    letters are in a script of the source language that the target language does not use. For
    languages sharing a script (English into French) a cue counts as untranslated when at least
    ``untranslated_words_ratio`` of its words appear in the source cue and it has at least
    ``untranslated_min_words`` such words, or when the language detector (``subqa.language``,
    with the profile's ``language_*`` thresholds, as L001 judges) finds it written in the source
    language; a cue the language analysis found in the track's language by its own function
    words is not asked again. Names (words capitalised inside a sentence, or kept in
    the source script inside otherwise translated cues), runs of capitalised words with short
    links ("Lehman Brothers and Sisters"), quoted titles, one-word Latin cues whose word the
    source never writes in lower case (a name), numbers and interjections that every
    language writes alike ("OK", "Mm-hmm", listed in ``rules/lang/universal.toml``) never count:
    the rest of the cue decides. A one-word cue left in a source script other than Latin
    (``*МАМАААА*`` in a Latin-script track) is untranslated.
    Languages come from ``--source-lang`` / the file names; when unknown, the tracks' main
    scripts decide whether the languages differ."""

    code = "X001"
    name = "untranslated-cue"
    severity = Severity.WARNING
    summary = "the target cue is the source text or is written in the source language"
    params = ("untranslated_script_share", "untranslated_words_ratio", "untranslated_min_words",
              "untranslated_min_letters")
    needs = frozenset({"source"})
    # an untranslated cue is also "not in the track's language" / "in an unexpected script":
    # one root cause, one finding
    supersedes = ("L001", "L003")

    def check(self, ctx: Context) -> Iterator[Hit]:
        langs = _languages(ctx)
        if not langs.differ:
            return
        share = float(ctx.param("untranslated_script_share"))
        ratio = float(ctx.param("untranslated_words_ratio"))
        min_words = int(ctx.param("untranslated_min_words"))
        min_letters = int(ctx.param("untranslated_min_letters"))
        native = _native_cues(ctx, langs)
        for pair in _pairs(ctx):
            if not pair.matched:
                continue
            source_text = pair.source_text
            for cue in pair.target:
                reason = self._reason(cue.plain_text, source_text, len(pair.target) == 1, langs,
                                      share, ratio, min_words, min_letters,
                                      native=cue.index in native)
                if reason:
                    yield Hit(reason[1], cue, {
                        "reason": reason[0], "source_cue": pair.source[0].index,
                        "source_text": source_text})

    @staticmethod
    def _reason(text: str, source_text: str, whole: bool, langs: _Languages, share: float,
                ratio: float, min_words: int, min_letters: int,
                native: bool = False) -> tuple[str, str] | None:
        content = langs.content_words(without_names(text, langs.source))
        if not content:
            return None     # names, titles, numbers and interjections only
        foreign_script = bool(langs.foreign)

        def enough(words: list[str]) -> bool:
            if not foreign_script:
                # same script: a one-word cue may be a name or a cognate; ask for min_words
                return len(words) >= min_words
            # one word: a common word of the source (seen in lower case there), or a word in a
            # source script other than Latin (names and brands are kept in Latin letters, but
            # no Latin-script translation keeps a name in Cyrillic: "*МАМАААА*" is a scream
            # left untranslated); never a Latin word that may be a name
            word = words[0]
            return len(words) >= min_words or len(word) >= min_letters and (
                _fold(word) in langs.common or _non_latin_foreign(word, langs.foreign))

        if whole and _same_normalized(text, source_text) and enough(langs.content_words(text)):
            return "identical", "the cue is the source text, untranslated"
        if not enough(content):
            return None
        if foreign_script:
            scripts = letter_scripts(" ".join(content))
            total = sum(scripts.values())
            foreign = sum(n for s, n in scripts.items() if s in langs.foreign)
            if total and foreign / total >= share:
                main = sorted(((n, s) for s, n in scripts.items() if s in langs.foreign),
                              reverse=True)[0][1]
                return "source-script", (
                    f"the cue is written in {main} script, the source's, not in "
                    f"{'/'.join(langs.target_scripts)} ({langs.target or 'target'})")
            return None
        # a word of the source cue is in its folded text: the words that are not cannot be
        # shared, and when the rest are too few, no need to split the source cue into words
        folded_source = _fold_text(source_text)
        shared = [w for w in content if _fold(w) in folded_source]
        if len(shared) >= min_words and len(shared) / len(content) >= ratio:
            source_words = set(map(_fold, _words(source_text)))
            shared = [w for w in shared if _fold(w) in source_words]
        if len(shared) >= min_words and len(shared) / len(content) >= ratio:
            return "source-words", (
                f"{len(shared)} of the cue's {len(content)} words are the source cue's words: "
                "it looks untranslated")
        if langs.source and not native and langs.in_source_language(" ".join(content)):
            return "source-language", (
                f"the cue is in the source language ({langs.source}), not in {langs.target}")
        return None


# --- X002 -----------------------------------------------------------------------------------

def _fmt(nums: Sequence[numbers.Number]) -> str:
    return ", ".join(n.raw for n in nums)


class NumberMismatch(Rule):
    """A number of the source cue is missing from its translation, or the translation has a
    number the source does not. Digits of any script are understood (ASCII, Arabic-Indic ٠-٩,
    Persian ۰-۹, full-width ０-９), as are thousands and decimal separators of any convention
    (1,000 / 1.000 / 1 000 / ١٬٠٠٠; 1.5 / 1,5 / ٣٫٥), percentages and fractions (1/2, ½). A
    number the other side writes in words (three / три / ثلاثة / 三; compounds such as
    zweiundvierzig or 四十; "seven and a half" 7.5; ``rules/lang/numerals.toml``) is not a
    difference, nor is a compound number whose parts all stand on the other side (24/7 and
    "7 gün 24 saat", 2.30 and 2:30), nor
    is an hour on the other clock (5 pm / 17:00), a number glued to a name (HTML5), the value 1
    (an article says it) or 2 in a language with a dual; a number moved into one of the
    ``numbers_context_cues`` neighbouring cues is not a difference either."""

    code = "X002"
    name = "number-mismatch"
    severity = Severity.WARNING
    summary = "a number differs between the source cue and its translation"
    params = ("numbers_context_cues",)
    needs = frozenset({"source"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        from .. import numbers

        langs = _languages(ctx)
        context = int(ctx.param("numbers_context_cues"))
        pairs = _pairs(ctx)
        for k, pair in enumerate(pairs):
            if not pair.matched:
                continue
            diff = numbers.compare(pair.source_text, pair.target_text,
                                   source_language=langs.source, target_language=langs.target)
            if not diff:
                continue
            near = pairs[max(0, k - context):k] + pairs[k + 1:k + 1 + context]
            near_tgt = [n for p in near for n in numbers.extract(p.target_text)]
            near_src = [n for p in near for n in numbers.extract(p.source_text)]
            missing = [n for n in diff.missing if not any(n.matches(m) for m in near_tgt)]
            extra = [n for n in diff.extra if not any(n.matches(m) for m in near_src)]
            if not missing and not extra:
                continue
            parts = []
            if missing:
                parts.append(f"{_fmt(missing)} of the source missing")
            if extra:
                parts.append(f"{_fmt(extra)} not in the source")
            cue = pair.target[0]
            if extra:
                cue = next((c for c in pair.target
                            if any(n.raw in c.plain_text for n in extra)), cue)
            yield Hit("numbers differ from the source: " + "; ".join(parts), cue, {
                "missing": [n.raw for n in missing], "extra": [n.raw for n in extra],
                "source_cue": pair.source[0].index, "source_text": pair.source_text})


# --- X003 -----------------------------------------------------------------------------------

class MissingCounterpart(Rule):
    """A source cue has no cue in the translation at its time (a missing subtitle), or a cue of
    the translation has no source cue at its time (an extra one). Cues are paired by time,
    tolerating a constant offset, splits and merges (see ``subqa.align``).

    Source cues missing at one place of the translation (no translated cue between them: a
    skipped scene, a translation that stops early) are one finding with the span's times and
    ``data.source_cues``, since a reviewer fills a gap, not each cue. An unpaired cue that
    overlaps a cue of a neighbouring pair by a quarter of its own duration is a part of that
    pair (split or merged with loose timing), not missing or extra.

    For a missing translation the finding is on no cue of the translated file (its cue number
    would name a different cue there): its line is where the cue should be inserted in the
    translated file (the next translated cue, or the end of the file), its times are the
    source cue's (so reports can place it on the timeline), ``data.side`` is ``"source"``, and
    ``data`` gives the source cue's number, line, times and text (``source_cue``,
    ``source_line``, ``start_ms``, ``end_ms``, ``source_text``); a baseline knows it by that
    text, not by the cue number or time. For an extra translated cue the finding is on that cue
    and ``data.side`` is ``"target"``. Cues without any letter or digit (music notes) are ignored,
    and so are source cues that only describe a sound ("[door creaks]", "(laughs)", "♪ ... ♪"),
    which a translation without sound descriptions rightly leaves out."""

    code = "X003"
    name = "missing-counterpart"
    severity = Severity.WARNING
    summary = "a source cue has no translation at its time, or a translated cue has no source"
    params = _ALIGN_PARAMS
    needs = frozenset({"source"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        from .. import align

        pairs = _pairs(ctx)
        shift = align.offset(ctx)
        end_line = max(ctx.track.line_count, max((c.line for c in ctx.track.cues), default=1))
        run: list = []                          # missing source cues at one place of the file
        for k, pair in enumerate(pairs):
            if pair.target and run:
                yield self._missing(run, pair.target[0].line, False)
                run = []
            if pair.matched:
                continue
            near = _neighbours(pairs, k)
            for cue in pair.source:
                text = cue.plain_text
                if not _HAS_TEXT.on(text).search(text) or _SOUND_ONLY.on(text).match(text):
                    continue
                if _covered_by(cue, 0, [t for p in near for t in p.target], -shift):
                    continue      # merged into a neighbouring translated cue
                run.append(cue)
            for cue in pair.target:
                if not _HAS_TEXT.on(cue.plain_text).search(cue.plain_text):
                    continue
                if _covered_by(cue, -shift, [s for p in near for s in p.source], 0):
                    continue      # one part of a source cue split in the translation
                yield Hit(f"no source cue at {format_timecode(cue.start_ms)} for this cue", cue,
                          {"side": "target"})
        if run:
            yield self._missing(run, end_line, True)

    @staticmethod
    def _missing(run: list, line: int, at_end: bool) -> Hit:
        """One finding for source cues missing at one place of the translation: a single cue,
        or a run of them (a translation that stops early, or skips a scene) with its span."""
        first, last = run[0], run[-1]
        span = f"{format_timecode(first.start_ms)} --> {format_timecode(last.end_ms)}"
        data = {"side": "source", "source_cue": first.index, "source_line": first.line,
                "start_ms": first.start_ms, "end_ms": last.end_ms,
                "source_text": "\n".join(c.plain_text for c in run)}
        if len(run) == 1:
            message = (f"source cue {first.index} ({span}) has no translation: "
                       f"\"{_short(first.plain_text)}\"")
        else:
            data["source_cues"] = [c.index for c in run]
            where = " (the translation ends before them)" if at_end else ""
            message = (f"source cues {first.index}-{last.index} ({span}, {len(run)} cues) have "
                       f"no translation{where}: \"{_short(first.plain_text, 40)}\" … "
                       f"\"{_short(last.plain_text, 40)}\"")
        return Hit(message, None, data, line=line, start_ms=first.start_ms, end_ms=last.end_ms)


# an unpaired cue overlapping a cue of a neighbouring pair by a quarter of its own duration is
# a part of that pair (a split or merge the alignment left out), not a missing or extra cue
_PART_OVERLAP = 0.25


def _neighbours(pairs: list, k: int) -> list:
    return [p for p in (pairs[k - 1] if k else None,
                        pairs[k + 1] if k + 1 < len(pairs) else None) if p and p.matched]


def _covered_by(cue, shift: int, others: list, other_shift: int) -> bool:
    start, end = cue.start_ms + shift, cue.end_ms + shift
    duration = max(1, end - start)
    for o in others:
        inter = min(end, o.end_ms + other_shift) - max(start, o.start_ms + other_shift)
        if inter >= _PART_OVERLAP * duration:
            return True
    return False


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- X004 -----------------------------------------------------------------------------------

class TimingDrift(Rule):
    """A translated cue starts more than ``drift_ms`` away from the source cue it translates.

    When the whole translation is shifted by a constant offset larger than ``drift_ms`` (the
    offset is estimated from all cues, see ``subqa.align.estimate_offset``), that one root cause
    is reported once, on the first translated cue with ``data.scope = "track"``, and each cue is
    then judged against the shifted source time, so only cues that drift beyond the common
    offset are reported individually (``data.scope = "cue"``)."""

    code = "X004"
    name = "timing-drift"
    severity = Severity.WARNING
    summary = "the translated cue starts too far from its source cue"
    params = ("drift_ms",) + _ALIGN_PARAMS
    needs = frozenset({"source"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        drift = int(ctx.param("drift_ms"))
        pairs = [p for p in _pairs(ctx) if p.matched]
        if not pairs:
            return
        from .. import align

        offset = align.offset(ctx)
        base = 0
        if abs(offset) > drift:
            base = offset
            yield Hit(f"the whole track is shifted {offset:+d} ms against its source "
                      f"(more than {drift} ms)", pairs[0].target[0],
                      {"scope": "track", "offset_ms": offset, "drift_ms": drift})
        for pair in pairs:
            delta = pair.start_delta_ms
            if delta is not None and abs(delta - base) > drift:
                rel = f" ({delta - base:+d} ms beyond the track offset)" if base else ""
                yield Hit(f"starts {delta:+d} ms from source cue {pair.source[0].index} at "
                          f"{format_timecode(pair.source[0].start_ms)}{rel}", pair.target[0],
                          {"scope": "cue", "delta_ms": delta, "source_cue": pair.source[0].index,
                           "drift_ms": drift})


class SourceTrackNotFound(FromDiagnostics):
    """A source track was asked for (``--source DIR``, ``--source-lang``, or ``source-lang`` in
    the configuration) but none was found for this track: no ``film.<source-lang>.srt`` beside
    ``film.ru.srt`` (or in the source folder). The source-track checks (X001-X004, G002) did
    not run on this file, and the gate says so instead of passing it in silence. The message
    names where subqa looked."""

    code = "X005"
    name = "source-track-not-found"
    severity = Severity.WARNING
    summary = "a source track was asked for but not found; X001-X004 and G002 did not run"
