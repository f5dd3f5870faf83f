"""Language consistency: every cue in the track's language (L001), the track in the language it
claims (L002), every cue in a script the language uses (L003).

The three rules share one analysis per track (``ctx.cached(CacheKey.LANGUAGE_ANALYSIS)``): the
detector in ``subqa/language.py`` judges each cue against the track language, then runs of
consecutive cues that each lean to the same other language but are too short to be judged
alone are judged together.

A two-language track (``zh-Hans+en``, see ``bilingual_track.py``) is judged line by line: the
lines of each cue in one language are judged against that language (with the same windows),
and a line is never foreign for being in, or carrying words of, the other declared language.
"""
from __future__ import annotations

from typing import Iterator

from .. import langtags
from ..language import (CueJudge, Settings, Verdict, alphabet_conflict, detect_lines_language,
                        detect_track_language, fact_tag, language_info, letters_doubt,
                        script_name, track_scripts, track_text)
from ..model import Hit, Severity
from .base import CacheKey, Context, Rule
from .bilingual_track import declared_in_one, line_languages, track_pair
from .parse import FromDiagnostics

_PARAMS = Settings.param_names()
_TRACK_PARAMS = ("language_window_letters", "language_track_min_letters",
                 "language_track_min_confidence", "language_track_min_foreign_share",
                 "language_track_check_share")


def _name(tag: str | None) -> str:
    if not tag:
        return "another language"
    if langtags.is_pair(tag):
        return langtags.display_name(tag)
    return langtags.language_facts(tag).get("name", tag)


def _same_language(a: str | None, b: str | None) -> bool:
    pa, pb = langtags.primary(a), langtags.primary(b)
    if pa is None or pb is None:
        return False
    if pa == pb:
        return True
    return pb in language_info(pa).same or pa in language_info(pb).same


def _cue_text(cue) -> str:
    return cue.plain_text.replace("♪", " ")


class Analysis:
    """The shared per-track language analysis."""

    __slots__ = ("language", "declared", "verdicts", "detected", "confidence", "foreign_share",
                 "letters", "mismatch", "pair", "suppressed", "line_language", "note")

    def __init__(self, language: str, declared: bool, verdicts: list, detected: str | None,
                 confidence: float, foreign_share: float, letters: int, mismatch: bool,
                 pair: tuple | None = None, suppressed: bool | None = None,
                 line_language: list | None = None, note: str = ""):
        self.language = language        # the language cues are judged against
        self.declared = declared        # it was declared (not detected here)
        self.verdicts = verdicts        # Verdict per cue, in track order
        self.detected = detected        # what the whole track looks like
        self.confidence = confidence
        self.foreign_share = foreign_share   # share of judged letters in cues judged foreign
        self.letters = letters
        self.mismatch = mismatch        # L002: the track is not in its declared language
        self.pair = pair                # the two languages of a two-language track, else None
        # L001/L003/L005 say nothing: the track is not in (either of) its declared language(s)
        self.suppressed = mismatch if suppressed is None else suppressed
        # two-language tracks: the language of the lines each cue's verdict is about
        self.line_language = line_language if line_language is not None else [None] * len(verdicts)
        self.note = note                # L002: what the track is, in words, when it says more


def analyse(ctx: Context) -> Analysis | None:
    """The shared per-track language analysis, or None when no language can be determined."""
    return ctx.cached(CacheKey.LANGUAGE_ANALYSIS, lambda: _analyse(ctx))


def _detected(ctx: Context) -> tuple[str | None, float]:
    return ctx.cached(CacheKey.LANGUAGE_DETECTED, lambda: detect_track_language(ctx.track))


def _analyse(ctx: Context) -> Analysis | None:
    track = ctx.track
    if not track.cues:
        return None
    declared = ctx.language is not None and ctx.job.language_origin != "detected"
    pair = track_pair(ctx)
    if pair is not None:
        return _analyse_pair(ctx, pair, declared)
    language = ctx.language
    if language is None:
        language, _conf = _detected(ctx)
        if language is None:
            return None
    if fact_tag(language) is None or not language_info(fact_tag(language)).scripts:
        return None
    plain = [c.plain_text for c in track.cues]
    texts = [t.replace("♪", " ") for t in plain]
    text = track_text(track, plain=plain)
    verdicts = _verdicts(ctx, language, text, texts)
    share, letters = _foreign_share(verdicts)
    detected, confidence = language, 1.0
    mismatch = False
    min_letters = ctx.param("language_track_min_letters", language)
    check_share = ctx.param("language_track_check_share", language)
    # the whole track is identified only when its cues or its letters give cause
    if declared and letters >= min_letters and (share >= check_share or
                                                letters_doubt(text, language)):
        detected, confidence = _detected(ctx)
        # the detected language must explain the cues better than the declared one
        mismatch = _mismatch(ctx, language, text, texts, share, detected, confidence)
    return Analysis(language=language, declared=declared, verdicts=verdicts, detected=detected,
                    confidence=confidence, foreign_share=share, letters=letters,
                    mismatch=mismatch)


def _mismatch(ctx: Context, language: str, text: str, texts: list, share: float,
              detected: str | None, confidence: float) -> bool:
    """Whether ``detected`` explains the cues better than the declared ``language`` (L002)."""
    min_conf = ctx.param("language_track_min_confidence", language)
    if detected is None or _same_language(detected, language) or confidence < min_conf:
        return False
    other_share, _ = _foreign_share(_verdicts(ctx, detected, text, texts))
    min_share = ctx.param("language_track_min_foreign_share", language)
    return (other_share < share and (share >= min_share or other_share * 4 <= share)
            or other_share <= share and alphabet_conflict(text, language, detected))


# ------------------------------------------------------------------ two-language tracks

def _stream_texts(ctx: Context, language: str) -> list:
    """Per cue, the text of its lines in ``language`` (lines joined by a space; "" for none)."""
    out = []
    # strict=False: line_languages is [] for a one-language track
    for cue, langs in zip(ctx.track.cues, line_languages(ctx), strict=False):
        out.append(" ".join(ln.strip()
                            for ln, (lg, _how) in zip(cue.plain_lines, langs, strict=True)
                            if lg == language and ln.strip()).replace("♪", " "))
    return out


def _within_pair(v: Verdict, pair: tuple, language: str) -> Verdict:
    """A verdict on lines in ``language`` with the other declared language not held against
    them: the English names in a Chinese line, a line the sorter could not place."""
    if not (v.foreign or v.lean):
        return v
    other = [t for t in pair if t != language]
    other_scripts = {s for t in other for s in language_info(fact_tag(t) or t).scripts}
    in_pair = v.detected is not None and any(_same_language(v.detected, t) for t in pair)
    if v.foreign and (in_pair or (v.reason == "script" and v.script in other_scripts)):
        return Verdict(False, letters=v.letters, p_expected=v.p_expected)
    if not v.foreign and v.lean is not None and any(_same_language(v.lean, t) for t in pair):
        return Verdict(False, letters=v.letters, p_expected=v.p_expected, native=v.native)
    return v


def _analyse_pair(ctx: Context, pair: tuple, declared: bool) -> Analysis:
    """The analysis of a two-language track: each language's lines judged against it."""
    n = len(ctx.track.cues)
    streams = []
    for language in pair:
        texts = _stream_texts(ctx, language)
        text = "\n".join(t for t in texts if t)[:20000]
        if fact_tag(language) is None or not language_info(fact_tag(language)).scripts:
            verdicts = [Verdict(False)] * n
        else:
            verdicts = [_within_pair(v, pair, language)
                        for v in _verdicts(ctx, language, text, texts)]
        streams.append((language, texts, text, verdicts))
    verdicts, line_language = [], []
    for i in range(n):
        chosen = next(((lang, vs[i]) for lang, _t, _x, vs in streams if vs[i].foreign), None)
        if chosen is None:
            chosen = (None, Verdict(False, letters=sum(vs[i].letters for *_r, vs in streams)))
        line_language.append(chosen[0])
        verdicts.append(chosen[1])
    letters = sum(v.letters for *_r, vs in streams for v in vs)
    foreign = sum(v.letters for *_r, vs in streams for v in vs if v.foreign)
    share = foreign / letters if letters else 0.0
    tag = langtags.join(pair)
    common = dict(language=tag, declared=declared, verdicts=verdicts, foreign_share=share,
                  letters=letters, pair=pair, line_language=line_language)
    if declared and declared_in_one(ctx):
        both = sum(1 for a, b in zip(streams[0][1], streams[1][1], strict=True) if a and b)
        lettered = sum(1 for a, b in zip(streams[0][1], streams[1][1], strict=True) if a or b)
        note = (f"{both} of {lettered} cues carry lines in both; declare it as {tag} to check "
                "each line against its own language")
        return Analysis(detected=tag, confidence=round(both / lettered, 2) if lettered else 0.0,
                        mismatch=True, suppressed=False, note=note, **common)
    detected, confidence = _pair_mismatch(ctx, pair, streams) if declared else (None, 0.0)
    if detected is None:
        return Analysis(detected=tag, confidence=1.0, mismatch=False, **common)
    return Analysis(detected=detected, confidence=confidence, mismatch=True, **common)


def _pair_mismatch(ctx: Context, pair: tuple, streams: list) -> tuple[str | None, float]:
    """What a track declared in two languages is written in when it is not: one declared
    language (nearly) absent -> the other one (or the detected language); one language's lines
    in another language -> the pair with that language replaced. (None, 0.0) when it is."""
    lettered = sum(1 for i in range(len(ctx.track.cues)) if any(s[1][i] for s in streams))
    if not lettered:
        return None, 0.0
    check_share = ctx.param("language_track_check_share", pair[0])
    present = [sum(1 for t in texts if t) / lettered for _l, texts, _x, _v in streams]
    for k in (0, 1):
        if present[k] < check_share:
            if present[1 - k] >= check_share:
                return _stream_is_other(ctx, streams[1 - k]) or \
                    (pair[1 - k], round(1.0 - present[k], 2))
            return _detected(ctx)
    found = [_stream_is_other(ctx, s) for s in streams]
    if not any(found):
        return None, 0.0
    detected = [f[0] if f else lang for f, lang in zip(found, pair, strict=True)]
    confidence = max(f[1] for f in found if f)
    if _same_language(detected[0], detected[1]):
        return detected[0], confidence
    return langtags.join(detected), confidence


def _stream_is_other(ctx: Context, stream) -> tuple[str, float] | None:
    """(language, confidence) when the lines given to ``language`` are in another language."""
    language, texts, text, verdicts = stream
    share, letters = _foreign_share(verdicts)
    if letters < ctx.param("language_track_min_letters", language) or not (
            share >= ctx.param("language_track_check_share", language)
            or letters_doubt(text, language)):
        return None
    detected, confidence = detect_lines_language([t for t in texts if t])
    if _mismatch(ctx, language, text, texts, share, detected, confidence):
        return detected, confidence
    return None


def _verdicts(ctx: Context, language: str, text: str, texts: list) -> list:
    """The verdict on each cue (``texts``: the cues' texts as :func:`_cue_text` gives them)."""
    settings = Settings.from_profile(ctx.profile, language)
    judge = CueJudge(language, settings, scripts=track_scripts(language, text))
    verdicts = list(map(judge.judge, texts))
    _judge_windows(ctx, judge, verdicts, language, texts)
    return verdicts


def _foreign_share(verdicts: list) -> tuple[float, int]:
    """Share of the judged letters that are in cues judged foreign, and the judged letters."""
    letters = sum(v.letters for v in verdicts)
    foreign = sum(v.letters for v in verdicts if v.foreign)
    return (foreign / letters if letters else 0.0), letters


def _judge_windows(ctx: Context, judge: CueJudge, verdicts: list, language: str,
                   texts: list) -> None:
    """Runs of consecutive cues, at least two of which lean to (or were found in) the same
    other language while the rest give no evidence either way, are judged together once they
    hold enough letters; when the run as a whole is foreign, so are the cues that leaned."""
    need = ctx.param("language_window_letters", language)

    def side(v) -> str | None:
        return v.detected if v.foreign else v.lean

    i = 0
    while i < len(verdicts):
        lean = side(verdicts[i])
        if lean is None:
            i += 1
            continue
        j = i
        while j + 1 < len(verdicts):
            v = verdicts[j + 1]
            if v.native or side(v) not in (None, lean) or (v.foreign and v.detected != lean):
                break
            j += 1
        while j > i and side(verdicts[j]) is None:
            j -= 1
        run = verdicts[i:j + 1]
        if any(not v.foreign and v.lean == lean for v in run) \
                and sum(1 for v in run if side(v) == lean) >= 2 \
                and sum(v.letters for v in run) >= need:
            joint = judge.judge(" ".join(texts[i:j + 1]))
            if joint.foreign and joint.detected == lean:
                # the cues that leaned that way are foreign; cues without evidence of their
                # own ("OK", a name) gave context only
                for k in range(i, j + 1):
                    if not verdicts[k].foreign and verdicts[k].lean == lean:
                        verdicts[k] = Verdict(True, lean, joint.confidence, "window",
                                              letters=verdicts[k].letters,
                                              p_expected=joint.p_expected)
        i = j + 1


class CueWrongLanguage(Rule):
    """A cue that is not in the track's language: an untranslated English line, a Russian
    sentence in a Kazakh track, a Spanish line in a French one.

    The track language comes from ``--lang``, the file name, or (when neither is given) is
    detected from the whole track. Each cue is judged by, in order: the script its letters are
    written in (an English line cannot belong to an Arabic track), letters the language never
    uses (Kazakh қ ә і in Russian; Persian پ گ in Arabic; Ukrainian і є ї in Russian),
    character n-gram models of the track language and its plausible intruders (langdetect's
    profiles, scored exactly and deterministically), and, for Kazakh, Kyrgyz, Uzbek, Tajik,
    Mongolian and Uyghur (no n-gram model), frequent function words. Short cues ("Да.", "OK",
    a name, a number) are only reported on clear evidence; consecutive short cues that lean to
    the same language are judged together. Thresholds: the ``language_*`` parameters of the
    profile. When the whole track is in another language, L002 is reported instead.

    In a two-language track (``zh-Hans+en``) each cue's lines in one language are judged
    against that language, and a line is never reported for being in, or carrying the words or
    script of, the other declared language ("its English line looks French" still is).
    """

    code = "L001"
    name = "cue-wrong-language"
    severity = Severity.WARNING
    summary = "Cue is not in the track's language"
    params = _PARAMS + _TRACK_PARAMS
    # a cue in another script is also L003's; with both enabled it is reported once, as L001
    supersedes = ("L003",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        an = analyse(ctx)
        if an is None or an.suppressed:
            return
        for cue, v, line_language in zip(ctx.track.cues, an.verdicts, an.line_language,
                                         strict=True):
            if not v.foreign:
                continue
            expected = line_language or an.language
            how = {"script": f"written in {script_name(v.script)} script",
                   "letters": "uses letters " + _name(expected) + " does not have",
                   "kana": "kana" if v.detected == "ja" else "no kana",
                   "marks": "its punctuation", "words": "its words",
                   "model": "its character n-grams",
                   "window": "judged with the neighbouring cues"}.get(v.reason, v.reason)
            what = f"its {_name(expected)} line" if line_language else "cue"
            yield Hit(
                f"{what} looks {_name(v.detected)}, not {_name(expected)} ({how})",
                cue=cue,
                data={"expected": expected, "detected": v.detected,
                      "confidence": round(v.confidence, 2), "evidence": v.reason})


class TrackWrongLanguage(Rule):
    """The track as a whole is not written in the language it is declared in (``--lang`` or
    the file name): a file labelled French that is Spanish, a "Russian" track that is
    Kazakh. Reported once for the file (no cue), instead of a flood of L001 findings. Not
    reported when the language was detected rather than declared.

    A track declared in one language that is a two-language track (most cues carry a line in
    each, e.g. a Chinese+English fansub labelled ``zh-Hans``) is reported as written in the
    pair, with the tag to declare (``zh-Hans+en``); its lines are then still checked one by
    one (L001, L005). A track declared as a pair is reported when one of its languages is
    (nearly) absent or its lines are in another language.
    """

    code = "L002"
    name = "track-wrong-language"
    severity = Severity.ERROR
    summary = "Track is not in its declared language"
    params = _TRACK_PARAMS

    def check(self, ctx: Context) -> Iterator[Hit]:
        an = analyse(ctx)
        if an is None or not an.declared or not an.mismatch:
            return
        declared = ctx.language if an.note else an.language
        message = f"track is declared {_name(declared)} but is written in {_name(an.detected)}"
        yield Hit(
            message + (f" ({an.note})" if an.note else ""),
            data={"declared": declared, "detected": an.detected,
                  "confidence": round(an.confidence, 2),
                  "foreign_share": round(an.foreign_share, 2)})


class UnexpectedScript(Rule):
    """A cue written mostly in a script the track language does not use: Latin in an Arabic
    track, Cyrillic in a Chinese one. Digits and punctuation do not count, nor do short Latin
    tokens, acronyms and brand names (``OK``, ``NASA``, ``iPhone``) inside a non-Latin line.
    Thresholds: ``language_script_min_letters`` and ``language_script_share``.

    Such a cue is also in another language, so when L001 runs too it is reported once, as
    L001 (which names the language); select L003 without L001 for a script-only check.
    """

    code = "L003"
    name = "unexpected-script"
    severity = Severity.WARNING
    summary = "Cue is written in a script the language does not use"
    params = ("language_script_min_letters", "language_script_share")

    def check(self, ctx: Context) -> Iterator[Hit]:
        an = analyse(ctx)
        if an is None or an.suppressed:
            return
        for cue, v, line_language in zip(ctx.track.cues, an.verdicts, an.line_language,
                                         strict=True):
            if v.foreign and v.reason == "script":
                expected = line_language or an.language
                what = f"its {_name(expected)} line" if line_language else "cue"
                yield Hit(f"{what} is written in {script_name(v.script)} script, which "
                          f"{_name(expected)} does not use",
                          cue=cue, data={"expected": expected, "script": v.script,
                                         "detected": v.detected})


class LanguageNotVerifiable(FromDiagnostics):
    """The track is declared in a language that is a valid, registered language tag but for
    which subqa has no language data (no n-gram profile, letters or function words), so the
    language rules could not check it. Reported once for the file, naming the rules that did
    not run, so that a gate never turns the language checks off in silence."""

    code = "L004"
    name = "language-not-verifiable"
    severity = Severity.INFO
    summary = "the declared language has no language data; the L-rules could not run"
