"""Rule cases: short tracks with the findings a rule must give on them, one TOML file per rule
(tests/rules/<CODE>.toml in a source checkout, shipped as subqa/_cases/). The test suite runs
every case (tests/test_rule_cases.py); ``subqa rules CODE`` shows the first case that passes and
the first that fails, as an example of the rule.

A case file holds ``[[case]]`` tables:

    [[case]]
    name = "two lines that fit on one"       # what the case shows
    track = '''                               # the track, as a file's text
    1
    00:00:01,000 --> 00:00:04,000
    Two short
    lines.
    '''
    expect = [["R004", 1]]                    # [code, cue number] of each finding, in order
    messages = ["23 characters, limit 42"]    # optional: a piece of each finding's message
    format = "srt"                            # optional: the track's format (default srt)
    lang = "en"                               # optional: its language (default en)
    fps = 25                                  # optional: the frame rate (default the profile's)
    profile = { chars_per_line = 20 }         # optional: netflix's values changed for lang
    shot_changes = [3000]                     # optional: shot changes in ms (T007, T008)

Only the file's rule runs on its cases, so ``expect = []`` says that the rule stays silent.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .resources import cases_dir
from .tomlload import load_toml

DEFAULT_PROFILE = "netflix"


@dataclass(frozen=True, slots=True)
class Case:
    code: str
    name: str
    track: str
    expect: tuple[tuple[str, int], ...]
    messages: tuple[str, ...] = ()
    format: str = "srt"
    lang: str = "en"
    fps: float | None = None
    profile: dict = field(default_factory=dict)
    shot_changes: tuple[float, ...] = ()

    @property
    def passes(self) -> bool:
        return not self.expect


def case_file(code: str) -> Path | None:
    """The case file of the rule ``code``, or None when there is none (or it is not shipped)."""
    path = cases_dir() / f"{code.upper()}.toml"
    return path if path.is_file() else None


def load_cases(path: Path) -> list[Case]:
    """The cases in one case file; ValueError naming the case for a malformed one."""
    code = path.stem.upper()
    cases = []
    for i, raw in enumerate(load_toml(path).get("case", []), 1):
        try:
            cases.append(_case(code, raw))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path.name}: case {i} ({raw.get('name', '?')}): {exc}") from None
    return cases


def _case(code: str, raw: dict) -> Case:
    unknown = set(raw) - {"name", "track", "expect", "messages", "format", "lang", "fps",
                          "profile", "shot_changes"}
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}")
    expect = tuple((str(c), int(n)) for c, n in raw["expect"])
    messages = tuple(raw.get("messages", ()))
    if messages and len(messages) != len(expect):
        raise ValueError("give one message piece per expected finding")
    return Case(code=code, name=raw["name"], track=raw["track"], expect=expect,
                messages=messages, format=raw.get("format", "srt"), lang=raw.get("lang", "en"),
                fps=float(raw["fps"]) if "fps" in raw else None,
                profile=dict(raw.get("profile", {})),
                shot_changes=tuple(float(t) for t in raw.get("shot_changes", ())))


def first_pair(code: str) -> tuple[Case | None, Case | None]:
    """The first case of the rule that passes and the first that fails (None when missing)."""
    path = case_file(code)
    if path is None:
        return None, None
    cases = load_cases(path)
    return (next((c for c in cases if c.passes), None),
            next((c for c in cases if not c.passes), None))


def run_case(case: Case):
    """The findings of the case's rule on the case's track (in report order)."""
    from .engine import Selection, TrackJob, run_rules
    from .formats import parse_bytes
    from .profiles import Profile, load_profile

    profile = load_profile(DEFAULT_PROFILE)
    if case.profile:
        lang = dict(profile.lang)
        lang[case.lang] = {**lang.get(case.lang, {}), **case.profile}
        profile = Profile(name=profile.name, description=profile.description,
                          params=profile.params, lang=lang, severity=profile.severity,
                          chain=profile.chain)
    track = parse_bytes(case.track.encode("utf-8"), f"case.{case.lang}.{case.format}")
    track = track.replace(language=case.lang)
    fps = case.fps if case.fps is not None else float(profile.param("fps", case.lang))
    job = TrackJob(track=track, language=case.lang, profile=profile, fps=fps,
                   shot_changes=case.shot_changes)
    findings, _ctx = run_rules(job, Selection(select=(case.code,)))
    return findings


def describe(case: Case) -> str:
    """A case as `subqa rules CODE` shows it: what it sets, then the track, indented."""
    settings = [f"{k} = {v!r}" for k, v in case.profile.items()]
    if case.lang != "en":
        settings.insert(0, f"language {case.lang}")
    if case.fps is not None:
        settings.append(f"{case.fps:g} fps")
    if case.shot_changes:
        settings.append("shot changes at " + ", ".join(f"{t:g} ms" for t in case.shot_changes))
    head = f"  ({'; '.join(settings)})\n" if settings else ""
    body = "".join(f"    {ln}\n" if ln else "\n" for ln in case.track.rstrip("\n").split("\n"))
    return head + body
