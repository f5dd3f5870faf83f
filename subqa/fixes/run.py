"""A ``subqa fix`` run over many files: the outcomes, the report of what remains (a Report the
check reporters render, each file also saying what was fixed), the unified diff and the
summary lines."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Sequence

from ..model import Severity
from ..report import FileResult, Report
from .engine import FixOutcome, fix_file, fix_summary


@dataclass(slots=True)
class FixedFileResult(FileResult):
    """A file's check result after fixing, with what fixing did (``fix_status``: fixed,
    unchanged, skipped, reverted; ``fix_reason``; ``fixed``: the applied fixes)."""

    fix_status: str = "unchanged"
    fix_reason: str | None = None
    fixed: list = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = FileResult.to_dict(self)   # (a slots dataclass: no zero-argument super())
        out.update(fix_status=self.fix_status, fix_reason=self.fix_reason, fixed=self.fixed)
        return out


def as_file_result(outcome: FixOutcome) -> FixedFileResult:
    res = outcome.result
    values = {f.name: getattr(res, f.name) for f in fields(FileResult)}
    return FixedFileResult(**values, fix_status=outcome.status, fix_reason=outcome.reason,
                           fixed=fix_summary(outcome))


@dataclass(slots=True)
class FixRun:
    """``outcomes`` one per file in order; ``report`` what remains, as check reports it."""

    outcomes: list[FixOutcome]
    report: Report

    @property
    def changed(self) -> list[FixOutcome]:
        return [o for o in self.outcomes if o.changed]

    def diff(self) -> str:
        return "".join(unified_diff(o) for o in self.outcomes if o.changed)

    def summary_lines(self) -> list[str]:
        lines = []
        for o in self.outcomes:
            if o.status == "skipped" and o.reason and "files are not fixed" not in o.reason:
                lines.append(f"{o.path}: not fixed: {o.reason}")
            elif o.status == "reverted":
                lines.append(f"{o.path}: not fixed, changes discarded: {o.reason}")
            elif o.applied:
                what = ", ".join(f"{f.code}" + (f" cue {f.cue}" if f.cue else "")
                                 for f in o.applied)
                lines.append(f"{o.path}: fixed {len(o.applied)} ({what})")
            for note in o.notes:
                if o.status != "reverted":
                    lines.append(f"{o.path}: {note}")
        fixed = sum(len(o.applied) for o in self.outcomes if o.status == "fixed")
        files = sum(1 for o in self.outcomes if o.status == "fixed")
        left = len(self.report.findings)
        lines.append(f"fixed {fixed} finding{'s' if fixed != 1 else ''} in {files} "
                     f"file{'s' if files != 1 else ''}; {left} remain"
                     f"{'s' if left == 1 else ''}")
        return lines


def unified_diff(outcome: FixOutcome) -> str:
    """The change to one file as a unified diff of its decoded text (line ends shown as they
    are; a last line without a line end marked as git marks it)."""
    def lines(text: str) -> list[str]:
        out = text.splitlines(keepends=True) if text else []
        return [_printable(ln) for ln in out]

    before, after = lines(outcome.text_before), lines(outcome.text_after)
    if outcome.text_before == outcome.text_after:
        name = outcome.path.lstrip("/")
        return f"--- a/{name}\n+++ b/{name}\n@@ encoding only @@\n"
    out = []
    name = outcome.path.lstrip('/')
    for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith(("\n", "\r"))
                   else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _printable(line: str) -> str:
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in line)


def run_fixes(jobs: Sequence, *, fail_on: str | None, profile: str, unsafe: bool = False,
              to_utf8: bool = False, workers: int = 1,
              progress: Callable[[int, int], None] | None = None) -> FixRun:
    """Fix every job's file (nothing written)."""
    outcomes: list[FixOutcome] = []
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            for i, o in enumerate(pool.map(partial(_fix_one, unsafe=unsafe, to_utf8=to_utf8),
                                           jobs), 1):
                outcomes.append(o)
                if progress:
                    progress(i, len(jobs))
    else:
        for i, job in enumerate(jobs, 1):
            outcomes.append(_fix_one(job, unsafe=unsafe, to_utf8=to_utf8))
            if progress:
                progress(i, len(jobs))
    report = Report(files=[as_file_result(o) for o in outcomes], profile=profile,
                    fail_on=None if fail_on in (None, "never") else Severity.parse(fail_on))
    return FixRun(outcomes, report)


def _fix_one(job, *, unsafe: bool, to_utf8: bool) -> FixOutcome:
    from ..api import check_file, internal_error_result, _short, _where
    from ..model import SubtitleError

    try:
        return fix_file(job, unsafe=unsafe, to_utf8=to_utf8)
    except SubtitleError:
        result = check_file(job)            # the P001 of a file that cannot be read at all
    except Exception as exc:                # noqa: BLE001  one file's failure is its P006
        result = internal_error_result(job, "fixing", type(exc).__name__, _short(exc),
                                       _where(exc))
    return FixOutcome(path=result.path, status="skipped", reason="not read or not fixed",
                      result=result)
