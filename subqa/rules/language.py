"""Language consistency: every cue in the track's language (L001), the track in the language it
claims (L002), every cue in a script the language uses (L003).

The three rules share one analysis per track (``ctx.cached("language.analysis")``): the
detector in ``subqa/language.py`` judges each cue against the track language, then runs of
consecutive cues that each lean to the same other language but are too short to be judged
alone are judged together.
"""
from __future__ import annotations

from typing import Iterator

from .. import langtags
from ..language import (CueJudge, Settings, Verdict, alphabet_conflict, detect_track_language,
                        fact_tag, language_info, letters_doubt, script_name, track_scripts,
                        track_text)
from ..model import Hit, Severity
from .base import Context, Rule
from .parse import FromDiagnostics

_PARAMS = Settings.param_names()
_TRACK_PARAMS = ("language_window_letters", "language_track_min_letters",
                 "language_track_min_confidence", "language_track_min_foreign_share",
                 "language_track_check_share")


def _name(tag: str | None) -> str:
    if not tag:
        return "another language"
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
                 "letters", "mismatch")

    def __init__(self, language: str, declared: bool, verdicts: list, detected: str | None,
                 confidence: float, foreign_share: float, letters: int, mismatch: bool):
        self.language = language        # the language cues are judged against
        self.declared = declared        # it was declared (not detected here)
        self.verdicts = verdicts        # Verdict per cue, in track order
        self.detected = detected        # what the whole track looks like
        self.confidence = confidence
        self.foreign_share = foreign_share   # share of judged letters in cues judged foreign
        self.letters = letters
        self.mismatch = mismatch        # L002: the track is not in its declared language


def analyse(ctx: Context) -> Analysis | None:
    """The shared per-track language analysis, or None when no language can be determined."""
    return ctx.cached("language.analysis", lambda: _analyse(ctx))


def _detected(ctx: Context) -> tuple[str | None, float]:
    return ctx.cached("language.detected", lambda: detect_track_language(ctx.track))


def _analyse(ctx: Context) -> Analysis | None:
    track = ctx.track
    if not track.cues:
        return None
    declared = ctx.language is not None and not ctx.options.get("language_detected")
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
    min_share = ctx.param("language_track_min_foreign_share", language)
    check_share = ctx.param("language_track_check_share", language)
    # the whole track is identified only when its cues or its letters give cause
    if declared and letters >= min_letters and (share >= check_share or
                                                letters_doubt(text, language)):
        detected, confidence = _detected(ctx)
        min_conf = ctx.param("language_track_min_confidence", language)
        if detected is not None and not _same_language(detected, language) and \
                confidence >= min_conf:
            # the detected language must explain the cues better than the declared one
            other_share, _ = _foreign_share(_verdicts(ctx, detected, text, texts))
            mismatch = (other_share < share and (share >= min_share or other_share * 4 <= share)
                        or other_share <= share and alphabet_conflict(text, language, detected))
    return Analysis(language=language, declared=declared, verdicts=verdicts, detected=detected,
                    confidence=confidence, foreign_share=share, letters=letters,
                    mismatch=mismatch)


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
        if any(not v.foreign and v.lean == lean for v in run) and sum(1 for v in run if side(v) == lean) >= 2 \
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
        if an is None or an.mismatch:
            return
        for cue, v in zip(ctx.track.cues, an.verdicts):
            if not v.foreign:
                continue
            how = {"script": f"written in {script_name(v.script)} script",
                   "letters": "uses letters " + _name(an.language) + " does not have",
                   "kana": "kana" if v.detected == "ja" else "no kana",
                   "marks": "its punctuation", "words": "its words",
                   "model": "its character n-grams",
                   "window": "judged with the neighbouring cues"}.get(v.reason, v.reason)
            yield Hit(
                f"cue looks {_name(v.detected)}, not {_name(an.language)} ({how})",
                cue=cue,
                data={"expected": an.language, "detected": v.detected,
                      "confidence": round(v.confidence, 2), "evidence": v.reason})


class TrackWrongLanguage(Rule):
    """The track as a whole is not written in the language it is declared in (``--lang`` or
    the file name): a file labelled French that is Spanish, a "Russian" track that is
    Kazakh. Reported once for the file (no cue), instead of a flood of L001 findings. Not
    reported when the language was detected rather than declared.
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
        yield Hit(
            f"track is declared {_name(an.language)} but is written in {_name(an.detected)}",
            data={"declared": an.language, "detected": an.detected,
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
        if an is None or an.mismatch:
            return
        for cue, v in zip(ctx.track.cues, an.verdicts):
            if v.foreign and v.reason == "script":
                yield Hit(f"cue is written in {script_name(v.script)} script, which "
                          f"{_name(an.language)} does not use",
                          cue=cue, data={"expected": an.language, "script": v.script,
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
