"""The fix engine: plan, apply, re-read, re-check, keep or revert, repeat to a fixpoint.

For one file:

1. Read it as ``check`` does. A file with a P001 (malformed block or file), bytes that do not
   decode and encode back exactly, or a format whose cues are not located (TTML, SCC) is never
   fixed: it is left byte-identical and the outcome says why.
2. A pass: the planners of every family propose fixes for the findings of the current text
   (only the codes ``--select``/``--ignore`` enable; unsafe ones only with ``unsafe``); fixes
   whose edits overlap an earlier fix's wait for the next pass. The edits are applied, the
   result is encoded, read again and checked again (timing, form, readability and parse rules,
   with the language and frame rate of the first reading pinned). A pass that adds an error, or
   adds findings of a code it fixed, or changes the cue count or the encoding, is worse: its
   families are then tried one at a time and only those that are not worse are kept.
3. Passes repeat until nothing changes (a fixpoint), at most MAX_PASSES, stopping when a text
   comes back that was seen before (a loop).
4. The end result is compared with the file as read: a new error, or more findings of a code
   that was fixed, discards every change to the file (reported).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..engine import Selection
from ..formats import parse_bytes
from ..model import Severity, Track
from ..report import FileResult
from ..checks import rule_by_key
from . import linebreaks, spacing, tags, timing
from .base import NUMBERING, SAFE, Fix, FixContext
from .locate import LOCATED_FORMATS, locate
from .spans import Edit, Source, overlaps

MAX_PASSES = 6
# the rules a pass is re-checked with: the ones a fix can change that either report errors or
# are fixed (parse diagnostics, timing, empty cues, spaces, tags, lines)
RECHECK = ("P", "T", "F001", "F002", "F003", "R001", "R002", "R004")
FAMILIES = (("spacing", spacing), ("tags", tags), ("timing", timing), ("linebreaks", linebreaks))
_FAMILY_OF = {code: name for name, module in FAMILIES for code in module.CODES}
_FAMILY_OF[NUMBERING] = "timing"


@dataclass(slots=True)
class FixOutcome:
    """What fixing one file did. ``status``: "fixed" | "unchanged" | "skipped" (never fixed:
    ``reason`` says why) | "reverted" (fixed, but the result was worse: nothing written);
    ``original``/``output`` the bytes before and after; ``applied`` the Fixes kept;
    ``notes`` what was reverted or stopped; ``result`` the check of the output (what
    remains); ``steps`` the edits of each kept pass, each against the text the pass started
    from (replaying them on ``text_before`` gives ``text_after``)."""

    path: str
    status: str
    reason: str | None = None
    original: bytes = b""
    output: bytes = b""
    applied: list[Fix] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    result: FileResult | None = None
    passes: int = 0
    text_before: str = ""
    text_after: str = ""
    steps: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.applied, self.notes = list(self.applied), list(self.notes)
        self.steps = list(self.steps)

    @property
    def changed(self) -> bool:
        return self.output != self.original


class _State:
    """One version of the file: its text, as read and checked."""

    __slots__ = ("src", "track", "result", "spans")

    def __init__(self, src: Source, track: Track, result: FileResult) -> None:
        self.src, self.track, self.result = src, track, result
        self.spans = locate(track, src)

    def counts(self) -> tuple[Counter, Counter]:
        found = self.result.findings
        return (Counter(f.code for f in found),
                Counter(f.code for f in found if f.severity >= Severity.ERROR))


def context_for(job, track: Track, data: bytes, result: FileResult,
                located: tuple | None = None) -> FixContext | None:
    """The planners' context for a file as checked by ``job`` (None when it is never fixed);
    ``located``: its (Source, cue spans) when already made."""
    src, spans = located if located is not None else (Source.from_bytes(data, track.encoding),
                                                      None)
    if _never_fixed(track, src) is not None:
        return None
    return _context(job, src, track, spans if spans is not None else locate(track, src), result)


def _context(job, src: Source, track: Track, spans, result: FileResult) -> FixContext:
    from ..api import _profile
    from ..shotchanges import read_shot_changes

    shots = ()
    if result.shot_changes and result.fps:
        shots = read_shot_changes(Path(result.shot_changes), result.fps)
    return FixContext(track, src, spans, result.findings, result.fps or 24.0,
                      _profile(job.profile), result.language, shots)


def _never_fixed(track: Track, src: Source) -> str | None:
    """Why a file is never fixed, or None."""
    bad = [d for d in track.diagnostics if d.code == "P001"]
    if bad:
        where = f" (line {bad[0].line})" if bad[0].line else ""
        return f"P001 malformed-block{where}: files that do not read cleanly are never fixed"
    if not src.lossless:
        return f"its bytes do not decode and encode back exactly as {src.codec}"
    if track.format not in LOCATED_FORMATS:
        return f"{track.format.upper()} files are not fixed (only SubRip, WebVTT and ASS/SSA)"
    return None


def plan_all(fc: FixContext, *, unsafe: bool, selection: Selection | None = None,
             numbering: bool = False) -> list[Fix]:
    """Every family's fixes for the findings in ``fc`` that ``selection`` enables; unsafe
    ones only when ``unsafe``; SubRip renumbering when ``numbering``."""
    fixes: list[Fix] = []
    found = {f.code for f in fc.findings}
    for _name, module in FAMILIES:
        if not found.intersection(module.CODES) or (module is linebreaks and not unsafe):
            continue                   # nothing to fix here (re-breaking is unsafe only)
        fixes += module.plan(fc)
    if numbering:
        fixes += timing.plan_numbering(fc)
    out = []
    for fix in fixes:
        if fix.applicability != SAFE and not unsafe:
            continue
        if fix.code != NUMBERING and selection is not None:
            rule = rule_by_key(fix.code)
            if rule is None or not selection.enabled(rule):
                continue
        out.append(fix)
    return out


def merge(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes, in order, whose edits overlap no earlier kept fix's edits."""
    taken: list[Edit] = []
    kept = []
    for fix in fixes:
        if any(_clashes(taken, e) for e in fix.edits):
            continue
        for e in fix.edits:
            bisect.insort(taken, e)
        kept.append(fix)
    return kept


def _clashes(taken: list[Edit], e: Edit) -> bool:
    i = bisect.bisect_left(taken, e)
    return any(overlaps(taken[j], e) for j in range(max(0, i - 1), min(len(taken), i + 2)))


def _worse(before: _State, after: _State, codes: set[str]) -> str | None:
    """Why ``after`` is worse than ``before`` for a change that fixed ``codes``, or None."""
    if after.track.encoding != before.track.encoding:
        return f"the file would read as {after.track.encoding}, not {before.track.encoding}"
    if len(after.track.cues) != len(before.track.cues):
        return f"the cue count would change ({len(before.track.cues)} -> " \
               f"{len(after.track.cues)})"
    (found0, errors0), (found1, errors1) = before.counts(), after.counts()
    new_errors = sorted(c for c in errors1 if errors1[c] > errors0[c])
    if new_errors:
        return f"it would add errors ({', '.join(new_errors)})"
    more = sorted(c for c in codes if found1[c] > found0[c])
    if more:
        return f"it would add findings of {', '.join(more)}"
    return None


def fix_file(job, *, unsafe: bool = False, to_utf8: bool = False) -> FixOutcome:
    """Fix one file (nothing is written: the outcome holds the bytes). ``job`` is a FileJob of
    the check run; its select/ignore choose the fixes."""
    from ..api import check_track

    path = Path(job.path)
    data = path.read_bytes()
    hint = job.lang if job.lang and job.lang.lower() != "auto" else None
    track = parse_bytes(data, job.path, encoding=job.encoding, language=hint)
    src = Source.from_bytes(data, track.encoding)
    why = _never_fixed(track, src)
    user_selection = Selection(job.select, job.ignore)
    if why is not None:
        return _finish(job, "skipped", why, data, data, (), [], 0, track, src.text, src.text,
                       job.encoding)

    first = check_track(job.replace(select=RECHECK, min_severity="info", keep_track=True), track)
    inner = job.replace(select=RECHECK, min_severity="info", keep_track=True,
                        lang=first.language or job.lang, fps=first.fps,
                        fps_origin=first.fps_origin)

    def read(text: str) -> _State:
        new_src = src.with_text(text)
        new_track = parse_bytes(new_src.encode(), job.path, encoding=job.encoding, language=hint)
        return _State(new_src, new_track, check_track(inner, new_track))

    start = cur = _State(src, track, first)
    applied: list[Fix] = []
    notes: list[str] = []
    steps: list[tuple[Edit, ...]] = []
    seen = {src.text}
    passes = 0
    while passes < MAX_PASSES:
        fc = _context(inner, cur.src, cur.track, cur.spans, cur.result)
        chosen = merge(plan_all(fc, unsafe=unsafe, selection=user_selection,
                                numbering=not job.select))
        if not chosen:
            break
        passes += 1
        kept, text = _try_pass(cur, chosen, read, notes)
        if not kept:
            break
        cur = text
        applied += kept
        steps.append(tuple(sorted(e for f in kept for e in f.edits)))
        if cur.src.text in seen:
            notes.append(f"stopped after pass {passes}: the text came back to an earlier one")
            break
        seen.add(cur.src.text)
    else:
        notes.append(f"stopped after {MAX_PASSES} passes")

    if applied:
        why = _worse(start, cur, {f.code for f in applied} - {NUMBERING})
        if why is not None:
            notes.append(f"all changes discarded: {why}")
            return _finish(job, "reverted", why, data, data, applied, notes, passes, track,
                           src.text, src.text, job.encoding)
    output = cur.src.encode() if applied else data
    encoding = job.encoding
    if to_utf8:
        output, note = _as_utf8(cur.src, output)
        if note:
            notes.append(note)
            encoding = "utf-8" if note.startswith("converted") else encoding
    status = "fixed" if output != data else "unchanged"
    final_track = cur.track if applied else track
    reuse = cur if output == cur.src.encode() else None
    outcome = _finish(job.replace(fps=first.fps, fps_origin=first.fps_origin), status, None,
                      data, output, applied, notes, passes, final_track, src.text, cur.src.text,
                      encoding, reuse)
    outcome.result.fps_evidence = first.fps_evidence
    outcome.steps = steps
    return outcome


def _try_pass(cur: _State, chosen: list[Fix], read, notes: list[str]):
    """Apply ``chosen`` to ``cur``: all of it when that is not worse, else family by family.
    Returns (the fixes kept, the new state)."""
    after = read(cur.src.apply(e for f in chosen for e in f.edits))
    why = _worse(cur, after, {f.code for f in chosen} - {NUMBERING})
    if why is None:
        return chosen, after
    kept: list[Fix] = []
    best = None
    for name in dict.fromkeys(_FAMILY_OF[f.code] for f in chosen):
        family = [f for f in chosen if _FAMILY_OF[f.code] == name]
        trial = read(cur.src.apply(e for f in kept + family for e in f.edits))
        why = _worse(cur, trial, {f.code for f in kept + family} - {NUMBERING})
        if why is None:
            kept += family
            best = trial
        else:
            codes = ", ".join(sorted({f.code for f in family}))
            notes.append(f"{codes} fixes reverted: {why}")
    return kept, best


def _as_utf8(src: Source, output: bytes) -> tuple[bytes, str | None]:
    """``output`` converted to UTF-8 (``--to-utf8``), or unchanged with the reason."""
    if src.codec == "utf-8":
        return output, None
    text = output[len(src.bom):].decode(src.codec, "surrogateescape")
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        return output, "not converted to UTF-8: some bytes do not decode"
    bom = b"\xef\xbb\xbf" if src.bom else b""
    return bom + text.encode("utf-8"), f"converted from {src.codec} to UTF-8"


def _finish(job, status: str, reason: str | None, original: bytes, output: bytes,
            applied: Sequence[Fix], notes: list[str], passes: int, track: Track,
            before: str, after: str, encoding: str | None = None,
            state: _State | None = None) -> FixOutcome:
    """The outcome, with the check of the output as the user's check would report it (``state``:
    the output as already read, when it is)."""
    from ..api import check_track
    from .annotate import annotate

    if state is not None:
        final = state.track
    else:
        final = parse_bytes(output, job.path, encoding=encoding,
                            language=job.lang if job.lang and job.lang.lower() != "auto" else None)
    result = check_track(job.replace(encoding=encoding), final)
    result = annotate(result, job, final, output,
                      located=(state.src, state.spans) if state is not None else None)
    return FixOutcome(path=Path(job.path).as_posix(), status=status, reason=reason,
                      original=original, output=output, applied=applied, notes=notes,
                      result=result, passes=passes, text_before=before, text_after=after)


def fix_summary(outcome: FixOutcome) -> list[dict[str, Any]]:
    """The applied fixes as plain values (the JSON report's ``fixed``)."""
    return [{"code": f.code, "cue": f.cue, "applicability": f.applicability,
             "description": f.description} for f in outcome.applied]
