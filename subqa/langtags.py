"""Language tags: normalisation, fallback chains, and the language named in a file name."""
from __future__ import annotations

import functools
import re
from pathlib import PurePath
from typing import Any

from .resources import rules_dir
from .tomlload import load_toml

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@functools.lru_cache(maxsize=1)
def _facts() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    data = load_toml(rules_dir() / "lang" / "languages.toml")
    aliases = {k.lower(): v for k, v in data.pop("aliases", {}).items()}
    return data, aliases


def language_facts(tag: str | None) -> dict[str, Any]:
    """Facts for ``tag`` from rules/lang/languages.toml, trying the tag's fallbacks."""
    facts, _ = _facts()
    for candidate in fallbacks(tag):
        if candidate in facts:
            return facts[candidate]
    return {}


def known_languages() -> list[str]:
    return sorted(_facts()[0])


def normalize(tag: str | None) -> str | None:
    """Canonical case for a BCP 47 tag (``ZH_hans`` -> ``zh-Hans``) and aliases resolved
    (``rus`` -> ``ru``, ``zh-CN`` -> ``zh-Hans``). Returns None for something that is not a tag."""
    if not tag:
        return None
    tag = tag.strip().replace("_", "-")
    if not _TAG.match(tag):
        return None
    parts = tag.split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())          # script
        elif len(p) in (2, 3) and (p.isalpha() or p.isdigit()):
            out.append(p.upper())          # region
        else:
            out.append(p.lower())
    norm = "-".join(out)
    _, aliases = _facts()
    for candidate in (norm, out[0]):
        alias = aliases.get(candidate.lower())
        if alias:
            return alias if candidate == norm else alias + norm[len(out[0]):]
    return norm


def fallbacks(tag: str | None) -> list[str]:
    """``zh-Hans-CN`` -> [``zh-Hans-CN``, ``zh-Hans``, ``zh``]."""
    tag = normalize(tag)
    if not tag:
        return []
    parts = tag.split("-")
    return ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]


def primary(tag: str | None) -> str | None:
    tag = normalize(tag)
    return tag.split("-")[0] if tag else None


def from_filename(path: str | PurePath) -> str | None:
    """The language a file name declares: ``film.ru.srt`` -> ``ru``, ``ep1.zh-Hans.forced.vtt``
    -> ``zh-Hans``. Only tags whose primary language is known count, so ``ep01.final.srt`` or
    ``v2.srt`` declare nothing."""
    facts, aliases = _facts()
    parts = PurePath(path).name.split(".")[1:-1]
    for token in reversed(parts):
        tag = normalize(token)
        if not tag:
            continue
        base = tag.split("-")[0]
        if tag in facts or base in facts or token.lower() in aliases:
            return tag
    return None
