"""Reading results files into a Catalogue, and the roll-up (totals, per code, per language,
worst files first, trends against a previous catalogue)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..model import UsageError

SHOWN = 10                  # findings kept per file for its section (the counts keep the rest)
SEVERITIES = ("error", "warning", "info")


class FileEntry:
    """One file's result, reduced: counts per code and severity, its first findings."""

    __slots__ = ("path", "format", "language", "cues", "codes", "severities", "shown", "total")

    def __init__(self, data: dict) -> None:
        self.path: str = data["path"]
        self.format: str = data.get("format") or ""
        self.language: str | None = data.get("language")
        self.cues: int = int(data.get("cues") or 0)
        findings = data.get("findings") or []
        self.codes: Counter = Counter(f["code"] for f in findings)
        self.severities: Counter = Counter(f["severity"] for f in findings)
        self.total = len(findings)
        self.shown = [{k: f.get(k) for k in ("line", "cue", "code", "name", "severity", "message")}
                      for f in findings[:SHOWN]]

    @property
    def errors(self) -> int:
        return self.severities.get("error", 0)

    @property
    def warnings(self) -> int:
        return self.severities.get("warning", 0)

    @property
    def infos(self) -> int:
        return self.severities.get("info", 0)

    def badness(self) -> tuple:
        """Sort key, worst first: errors, then warnings, infos, then the path."""
        return (-self.errors, -self.warnings, -self.infos, self.path)


def read_results(path: Path) -> Iterator[dict]:
    """The file objects of a results file: JSON Lines (``--format jsonl``; the summary line is
    skipped) or a JSON report (``--format json``)."""
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115  (closed by the with below; opened apart
        #                                     so that only the open is a usage error)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read results: {exc.strerror}") from None
    with fh:
        first = fh.readline()
        if first.strip() == "{":                       # a JSON report, indented
            try:
                doc = json.loads(first + fh.read())
                files = doc["files"]
                if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
                    raise TypeError("its files are not a list of objects")
            except (ValueError, KeyError, TypeError) as exc:
                raise UsageError(f"{path}: not a subqa JSON report ({exc})") from None
            yield from files
            return
        number = 0
        for line in _chain(first, fh):
            number += 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise UsageError(f"{path}:{number}: not a line of subqa JSON Lines ({exc})"
                                 ) from None
            if not isinstance(obj, dict):
                raise UsageError(f"{path}:{number}: not a line of subqa JSON Lines")
            if "path" in obj:
                yield obj
            elif "summary" not in obj:
                raise UsageError(f"{path}:{number}: neither a file's result nor a summary line")


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


class Catalogue:
    """Files by path, merged from results files in order (a file in a later one replaces the
    same path in an earlier one: a re-run shard wins). ``names``: rule code -> name."""

    def __init__(self, inputs: list[str]) -> None:
        self.inputs = inputs
        self.files: dict[str, FileEntry] = {}
        self.names: dict[str, str] = {}
        self.severity_of: dict[str, str] = {}
        self.replaced = 0

    def add(self, data: dict) -> None:
        try:
            entry = FileEntry(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"a file result without {exc}: not subqa results") from None
        for f in data.get("findings") or ():
            self.names.setdefault(f["code"], f.get("name") or "")
            self.severity_of.setdefault(f["code"], f.get("severity") or "")
        if entry.path in self.files:
            self.replaced += 1
        self.files[entry.path] = entry

    # -- the roll-up --------------------------------------------------------------------

    def worst_first(self) -> list[FileEntry]:
        return sorted(self.files.values(), key=FileEntry.badness)

    def totals(self) -> dict[str, int]:
        files = self.files.values()
        sev = Counter()
        for f in files:
            sev.update(f.severities)
        return {"files": len(self.files), "cues": sum(f.cues for f in files),
                "findings": sum(sev.values()), "errors": sev.get("error", 0),
                "warnings": sev.get("warning", 0), "infos": sev.get("info", 0),
                "files_with_errors": sum(1 for f in files if f.errors),
                "clean_files": sum(1 for f in files if not f.total)}

    def by_code(self) -> dict[str, dict[str, Any]]:
        findings: Counter = Counter()
        files: Counter = Counter()
        for f in self.files.values():
            findings.update(f.codes)
            files.update(f.codes.keys())
        return {code: {"name": self.names.get(code, ""), "severity": self.severity_of.get(code),
                       "findings": findings[code], "files": files[code]}
                for code in sorted(findings)}

    def by_language(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for f in self.files.values():
            lang = f.language or "unknown"
            row = out.setdefault(lang, {"files": 0, "cues": 0, "findings": 0, "errors": 0,
                                        "warnings": 0, "infos": 0, "by_code": Counter()})
            row["files"] += 1
            row["cues"] += f.cues
            row["findings"] += f.total
            row["errors"] += f.errors
            row["warnings"] += f.warnings
            row["infos"] += f.infos
            row["by_code"].update(f.codes)
        for row in out.values():
            row["by_code"] = dict(sorted(row["by_code"].items()))
        return dict(sorted(out.items()))

    def trend(self, previous: "Catalogue") -> dict[str, Any]:
        """What changed since ``previous``: totals, per code, the files added, removed, fixed
        (errors then, none now) and newly failing, and each file's change in findings."""
        now, then = self.totals(), previous.totals()
        codes_now, codes_then = self.by_code(), previous.by_code()
        codes = {}
        for code in sorted(set(codes_now) | set(codes_then)):
            a = codes_then.get(code, {}).get("findings", 0)
            b = codes_now.get(code, {}).get("findings", 0)
            if a != b:
                codes[code] = {"before": a, "now": b, "change": b - a}
        old, new = previous.files, self.files
        common = sorted(set(old) & set(new))
        return {
            "totals": {k: {"before": then[k], "now": now[k], "change": now[k] - then[k]}
                       for k in now},
            "by_code": codes,
            "added": sorted(set(new) - set(old)),
            "removed": sorted(set(old) - set(new)),
            "fixed": [p for p in common if old[p].errors and not new[p].errors],
            "newly_failing": [p for p in common if new[p].errors and not old[p].errors],
            "file_changes": {p: new[p].total - old[p].total for p in common
                             if new[p].total != old[p].total},
        }


def load_catalogue(paths: Iterable[str | Path]) -> Catalogue:
    paths = [str(p) for p in paths]
    cat = Catalogue(paths)
    for p in paths:
        for data in read_results(Path(p)):
            cat.add(data)
    return cat
