"""The Rule base class and the context a rule sees.

A rule is a small class with class-level metadata and a ``check(ctx)`` generator of Hits.
It reads its parameters from the active profile through ``ctx.param(...)`` (never literals in
code), knows nothing of output, and does not set the final severity: the engine does.
"""
from __future__ import annotations

from typing import Any, ClassVar, Iterator

from ..model import Hit, Severity, Track
from ..record import Record


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


class Context(Record):
    """Everything a rule may look at for one track. ``cache`` is shared by the rules of one
    track run so that expensive work (alignment, language detection) is done once.
    ``profile`` is a subqa.profiles.Profile, ``glossary`` a subqa.glossary.Glossary or None."""

    __slots__ = _fields = ("track", "language", "profile", "fps", "source", "source_language",
                           "glossary", "options", "cache")
    track: Track
    language: str | None
    profile: Any
    fps: float
    source: Track | None
    source_language: str | None
    glossary: Any
    options: dict[str, Any]
    cache: dict[str, Any]

    def __init__(self, track: Track, language: str | None, profile: Any, fps: float,
                 source: Track | None = None, source_language: str | None = None,
                 glossary: Any = None, options: dict[str, Any] | None = None,
                 cache: dict[str, Any] | None = None) -> None:
        self.track = track
        self.language = language
        self.profile = profile
        self.fps = fps
        self.source = source
        self.source_language = source_language
        self.glossary = glossary
        self.options = {} if options is None else options
        self.cache = {} if cache is None else cache

    def param(self, key: str, language: str | None = None) -> Any:
        """A profile parameter, with the per-language value for ``language`` (default: the
        track's language) taking precedence over the profile-wide one."""
        return self.profile.param(key, language if language is not None else self.language)

    def cached(self, key: str, compute):
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]
