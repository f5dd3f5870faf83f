"""What ``subqa glossary`` prints: counts per language, status and evidence, and the problems."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import ADMITTED, DEPRECATED, PREFERRED, SUPERSEDED

if TYPE_CHECKING:
    from .termbase import Glossary


def glossary_summary_dict(glossary: Glossary) -> dict[str, Any]:
    languages: dict[str, int] = {}
    statuses = {PREFERRED: 0, ADMITTED: 0, DEPRECATED: 0, SUPERSEDED: 0}
    unverified = 0
    for t in glossary.terms():
        languages[t.language] = languages.get(t.language, 0) + 1
        statuses[t.status] += 1
        unverified += not t.verified
    evidence: dict[str, dict[str, int]] = {}
    for t in glossary.terms():
        e = evidence.setdefault(t.language, {"verified": 0, "unverified": 0, "no_evidence": 0})
        e["verified" if t.verified else "unverified"] += 1
        e["no_evidence"] += not t.source
    covered: dict[str, int] = {}
    for c in glossary.concepts:
        for lang in {t.language for t in c.terms if t.accepted}:
            covered[lang] = covered.get(lang, 0) + 1
    problems = sorted(glossary.problems, key=lambda p: (p.path, p.line or 0, p.level, p.message))
    return {
        "files": list(glossary.paths),
        "concepts": len(glossary.concepts),
        "terms": sum(languages.values()),
        "languages": dict(sorted(languages.items())),
        "coverage": dict(sorted(covered.items())),   # concepts with an accepted term, per language
        "statuses": statuses,
        "unverified": unverified,
        # per language: terms verified / flagged unverified / without a source (any status)
        "evidence": dict(sorted(evidence.items())),
        "errors": sum(p.level == "error" for p in problems),
        "warnings": sum(p.level == "warning" for p in problems),
        "problems": [p.to_dict() for p in problems],
    }


def glossary_summary(glossary: Glossary) -> str:
    d = glossary_summary_dict(glossary)
    lines = [
        f"files:      {', '.join(d['files'])}",
        f"concepts:   {d['concepts']}",
        f"terms:      {d['terms']} ({d['unverified']} unverified)",
        "languages:  " + ", ".join(f"{k} {v}" for k, v in d["languages"].items()),
        "coverage:   " + ", ".join(f"{k} {v}/{d['concepts']}" for k, v in d["coverage"].items()),
        "statuses:   " + ", ".join(f"{k} {v}" for k, v in d["statuses"].items()),
        "evidence:   verified / unverified / without a source, per language",
        *(f"  {lang:<8} {e['verified']:>4} {e['unverified']:>4} {e['no_evidence']:>4}"
          for lang, e in d["evidence"].items()),
        f"problems:   {d['errors']} error(s), {d['warnings']} warning(s)",
    ]
    for p in d["problems"]:
        loc = f"{p['path']}:{p['line']}" if p["line"] else p["path"]
        concept = f" [{p['concept']}]" if p["concept"] else ""
        lines.append(f"  {loc}: {p['level']}: {p['message']}{concept}")
    return "\n".join(lines)


def summary_json(glossary: Glossary) -> str:
    import json

    return json.dumps(glossary_summary_dict(glossary), ensure_ascii=False, indent=2,
                      sort_keys=False)
