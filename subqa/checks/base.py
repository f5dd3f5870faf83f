"""The Rule base class and the context a rule sees.

A rule is a small class with class-level metadata and a ``check(ctx)`` generator of Hits.
It reads its parameters from the active profile through ``ctx.param(...)`` (never literals in
code), knows nothing of output, and does not set the final severity: the engine does.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator

from ..model import Hit, Severity, Track

if TYPE_CHECKING:
    from ..engine import TrackJob
    from ..glossary import Glossary
    from ..profiles import Profile


class Rule:
    code: ClassVar[str] = ""           # letter + 3 digits, stable forever
    name: ClassVar[str] = ""           # kebab-case, names the problem
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ""        # one line for `subqa rules`
    params: ClassVar[tuple[str, ...]] = ()   # profile keys the rule reads
    # What the rule needs beyond the track itself: "source" (a source-language track for a
    # translated one). A rule whose needs are not met is skipped silently.
    needs: ClassVar[frozenset[str]] = frozenset()
    # Codes this rule's finding makes redundant on the same cue (one root cause, one finding):
    # e.g. an untranslated cue (X001) is not also reported as being in the wrong language.
    supersedes: ClassVar[tuple[str, ...]] = ()

    def check(self, ctx: "Context") -> Iterator[Hit]:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def explain(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or cls.summary)


class CacheKey(enum.Enum):
    """The values the rules of one track run compute once and share through ``ctx.cached``,
    each under its own key (one list, so that what is shared, and by whom, is found here)."""

    ALIGNMENT = enum.auto()                   # subqa.align.alignment: source/target cue pairs
    ALIGNMENT_OFFSET = enum.auto()            # subqa.align.offset: ms, target minus source
    LANGUAGE_ANALYSIS = enum.auto()           # rules/language.py analyse: L001-L003's analysis
    LANGUAGE_DETECTED = enum.auto()           # rules/language.py: (tag, confidence) of the track
    BILINGUAL_PAIR = enum.auto()              # rules/bilingual_track.py track_pair
    BILINGUAL_LINES = enum.auto()             # rules/bilingual_track.py line_languages
    BILINGUAL_LANGUAGES = enum.auto()         # rules/bilingual.py: the X-rules' language sets
    READABILITY_LINE_LANGUAGES = enum.auto()  # rules/readability.py: each line's language
    GLOSSARY_MATCHES_TARGET = enum.auto()     # rules/terminology.py cue_matches on the track
    TIMING_GAPS = enum.auto()                 # checks/timing.py _gaps: T004's and T009's gaps
    TIMING_DURATIONS = enum.auto()            # checks/timing.py _durations: T003's and T004's


@dataclass(slots=True)
class Context:
    """What a rule sees for one track: the engine's ``job`` (its inputs, also read as
    ``ctx.track``, ``ctx.language``, ``ctx.profile``, ...) and the ``cache`` that the rules of
    one track run share so that expensive work (alignment, language detection) is done once
    (see :class:`CacheKey` and :meth:`cached`)."""

    job: TrackJob
    cache: dict[CacheKey, Any] = field(default_factory=dict)

    @property
    def track(self) -> Track:
        return self.job.track

    @property
    def language(self) -> str | None:
        return self.job.language

    @property
    def profile(self) -> Profile:
        return self.job.profile

    @property
    def fps(self) -> float:
        return self.job.fps

    @property
    def source(self) -> Track | None:
        return self.job.source

    @property
    def source_language(self) -> str | None:
        return self.job.source_language

    @property
    def glossary(self) -> Glossary | None:
        return self.job.glossary

    def param(self, key: str, language: str | None = None) -> Any:
        """A profile parameter, with the per-language value for ``language`` (default: the
        track's language) taking precedence over the profile-wide one."""
        job = self.job
        return job.profile.param(key, language if language is not None else job.language)

    def cached(self, key: CacheKey, compute: Callable[[], Any]) -> Any:
        """The value under ``key``, computed by ``compute`` on the first call of the run."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]
