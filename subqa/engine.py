"""Runs rules over tracks. The engine owns selection (--select/--ignore and the profile),
severity (rule default, then the profile's [severity] table) and ordering of findings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from .model import Cue, Finding, Severity, Track, UsageError
from .profiles import Profile
from .checks import Context, Rule, all_rules

if TYPE_CHECKING:
    from .glossary import Glossary


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rules run. Each entry is a code (``T003``), a code prefix (``T``, ``R00``) or a
    rule name (``cue-too-short``). A rule runs when it matches ``select`` (or select is empty)
    and does not match ``ignore``."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @staticmethod
    def _matches(rule: type[Rule], entry: str) -> bool:
        entry = entry.strip()
        if not entry:
            return False
        if entry.lower() == rule.name:
            return True
        return rule.code.upper().startswith(entry.upper()) and entry[:1].isalpha() and (
            len(entry) == 1 or entry[1:].isdigit())

    def validate(self) -> None:
        rules = all_rules()
        for entry in self.select + self.ignore:
            if not any(self._matches(r, entry) for r in rules):
                raise UsageError(f"--select/--ignore: {entry!r} matches no rule; see `subqa rules`")

    def enabled(self, rule: type[Rule]) -> bool:
        if self.select and not any(self._matches(rule, s) for s in self.select):
            return False
        return not any(self._matches(rule, s) for s in self.ignore)


def severity_for(rule: type[Rule], profile: Profile) -> Severity | None:
    """The rule's severity under ``profile``; None when the profile turns it off."""
    for key in (rule.code, rule.name):
        value = profile.severity.get(key)
        if value is not None:
            return None if value.lower() == "off" else Severity.parse(value)
    return rule.severity


@dataclass(frozen=True, slots=True)
class TrackJob:
    """One track to check, with everything the rules may read about it (the rules see it through
    their Context: ``ctx.track``, ``ctx.job.shot_changes``, ...).

    language         the track's language (BCP 47), None when unknown
    language_origin  where ``language`` came from: "option", "filename", "document" (declared),
                     "detected" (read from the text: not trusted as a declaration), or None
    fps              the frame rate the timing rules count frames at
    source           the source-language track of a translation, and its ``source_language``
    glossary         a subqa.glossary.Glossary, or None when no selected rule reads one
    shot_changes     the shot changes of the video in ms, sorted (empty: no list)
    """

    track: Track
    language: str | None
    profile: Profile
    fps: float
    source: Track | None = None
    source_language: str | None = None
    glossary: Glossary | None = None
    language_origin: str | None = None
    shot_changes: tuple[float, ...] = ()


def run_rules(job: TrackJob, selection: Selection = Selection(),
              rules: Sequence[type[Rule]] | None = None) -> tuple[list[Finding], Context]:
    """Check one track. Returns its findings in report order and the context (whose cache holds
    what the rules computed, e.g. the detected language)."""
    ctx = Context(job)
    findings: list[Finding] = []
    texts: dict[Cue, str] = {}        # a cue's text once, however many findings show it
    for rule_cls in rules if rules is not None else all_rules():
        if not selection.enabled(rule_cls):
            continue
        if "source" in rule_cls.needs and job.source is None:
            continue
        if "glossary" in rule_cls.needs and job.glossary is None:
            continue
        severity = severity_for(rule_cls, job.profile)
        if severity is None:
            continue
        rule = rule_cls()
        for hit in rule.check(ctx):
            cue = hit.cue
            text = None
            if cue is not None:
                text = texts.get(cue)
                if text is None:
                    text = texts[cue] = cue.text
            findings.append(Finding(
                path=job.track.path, code=rule_cls.code, name=rule_cls.name, severity=severity,
                message=hit.message,
                line=hit.line if hit.line is not None else (cue.line if cue else None),
                cue=cue.index if cue else None,
                start_ms=cue.start_ms if cue else hit.start_ms,
                end_ms=cue.end_ms if cue else hit.end_ms,
                data=dict(hit.data),
                text=text,
                cue_id=cue.identifier if cue else None,
            ))
    findings = _drop_superseded(findings)
    findings.sort(key=Finding.sort_key)
    return findings, ctx


def _drop_superseded(findings: list[Finding]) -> list[Finding]:
    """Remove findings that a more specific finding on the same cue makes redundant."""
    by_code = {r.code: r for r in all_rules()}
    shadowed: set[tuple[int, str]] = set()
    for f in findings:
        rule = by_code.get(f.code)
        if rule is not None and f.cue is not None:
            shadowed.update((f.cue, code) for code in rule.supersedes)
    if not shadowed:
        return findings
    return [f for f in findings if f.cue is None or (f.cue, f.code) not in shadowed]


def filter_severity(findings: Iterable[Finding], minimum: Severity) -> list[Finding]:
    return [f for f in findings if f.severity >= minimum]
