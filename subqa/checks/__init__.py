"""The rule catalog: every rule class, listed here by code. Adding a rule is writing its class
in the module of its family (or a new module) and adding one line to ``all_rules``; a test
(tests/test_engine_profiles.py) fails when a Rule subclass in this package is not listed."""
from __future__ import annotations

import functools

from .base import Context, Rule

__all__ = ["Context", "Rule", "all_rules", "rule_by_key"]


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, in code order. The rule modules are imported on the first call, so that
    importing subqa.checks (for Rule and Context) stays cheap."""
    from . import (bilingual, bilingual_track, form, language, parse, partial, readability,
                   terminology, timing)

    return _checked((
        form.EmptyCue,                          # F001
        form.StraySpaces,                       # F002
        form.UnbalancedTags,                    # F003
        form.RepeatedWord,                      # F004
        terminology.DeprecatedTerm,             # G001
        terminology.MissingTermTranslation,     # G002
        terminology.InconsistentTerm,           # G003
        language.CueWrongLanguage,              # L001
        language.TrackWrongLanguage,            # L002
        language.UnexpectedScript,              # L003
        language.LanguageNotVerifiable,         # L004
        bilingual_track.BilingualLineMissing,   # L005
        partial.PartlyUntranslated,             # L006
        parse.MalformedBlock,                   # P001
        parse.NonUtf8Encoding,                  # P002
        parse.NonstandardTimestamp,             # P003
        parse.AmbiguousTimestamp,               # P004
        parse.TextAfterTiming,                  # P005
        parse.InternalError,                    # P006
        parse.FormatConformance,                # P008
        parse.IndefiniteTiming,                 # P009
        readability.LineTooLong,                # R001
        readability.TooManyLines,               # R002
        readability.ReadingSpeedTooHigh,        # R003
        readability.LinesFitOnOne,              # R004
        timing.CueOverlap,                      # T001
        timing.EndNotAfterStart,                # T002
        timing.CueTooShort,                     # T003
        timing.CueTooLong,                      # T004
        timing.GapTooShort,                     # T005
        timing.StartsBeforePrevious,            # T006
        timing.InCueNearShotChange,             # T007
        timing.OutCueNearShotChange,            # T008
        timing.GapShouldChain,                  # T009
        bilingual.UntranslatedCue,              # X001
        bilingual.NumberMismatch,               # X002
        bilingual.MissingCounterpart,           # X003
        bilingual.TimingDrift,                  # X004
        bilingual.SourceTrackNotFound,          # X005
    ))


def _checked(rules: tuple[type[Rule], ...]) -> tuple[type[Rule], ...]:
    """The list as given, after checking that codes are sorted and that no code or name is
    used twice (a mistake in the list is an error at the first check, not a silent drop)."""
    codes = [r.code for r in rules]
    names = [r.name for r in rules]
    for label, values in (("code", codes), ("name", names)):
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise RuntimeError(f"rule {label}(s) listed twice: {twice}")
    if codes != sorted(codes):
        raise RuntimeError("all_rules(): list the rules in code order")
    return rules


def rule_by_key(key: str) -> type[Rule] | None:
    """A rule by its code (``T003``) or name (``cue-too-short``)."""
    key = key.strip()
    for rule in all_rules():
        if rule.code.upper() == key.upper() or rule.name == key.lower():
            return rule
    return None
