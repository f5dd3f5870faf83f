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


# Words that are also language codes: as the last "_"/"-" part of a name they are more often
# the word ("do_it", "part_no") than the language, so they declare nothing there (the dotted
# form "film.it.srt" and a bare "it.srt" still do).
_NOT_AFTER_SEPARATOR = frozenset("be he hi id it no ms am an as is me my we arm per mon dan ind "
                                 "tur sc tc iw".split())


# language[-Script][-REGION] (BCP 47's common shapes; "_" as some tools write it)
_TAG_SHAPE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|\d{3}))?")


def from_filename(path: str | PurePath) -> str | None:
    """The language a file name declares, in the forms players and delivery specs use:
    ``film.ru.srt`` -> ``ru``, ``ep1.zh-Hans.forced.vtt`` -> ``zh-Hans``, ``ru.srt`` -> ``ru``,
    ``film_ru.srt`` / ``film-pt-BR.srt`` -> ``ru`` / ``pt-BR``. Only tags whose primary language
    is known count, so ``ep01.final.srt`` or ``v2.srt`` declare nothing."""
    facts, aliases = _facts()

    def known(token: str) -> str | None:
        tag = normalize(token)
        if tag and (tag in facts or tag.split("-")[0] in facts or token.lower() in aliases):
            return tag
        return None

    name = PurePath(path).name
    parts = name.split(".")
    for token in reversed(parts[1:-1]):
        tag = known(token)
        if tag:
            return tag
    stem = ".".join(parts[:-1]) if len(parts) > 1 else name
    if not stem:
        return None
    tag = known(stem) if _TAG_SHAPE.fullmatch(stem) else None   # ru.srt, zh-Hans.vtt
    if tag:
        return tag
    words = [w for w in stem.replace("-", "_").split("_") if w]
    if len(words) < 2:
        return None
    if len(words) >= 3 and _TAG_SHAPE.fullmatch("-".join(words[-2:])):  # film_pt_BR, film-zh-Hans
        tag = known("-".join(words[-2:]))
        if tag and words[-2].lower() not in _NOT_AFTER_SEPARATOR:
            return tag
    last = words[-1]
    if len(last) in (2, 3) and last.isalpha() and last.lower() not in _NOT_AFTER_SEPARATOR:
        return known(last)
    return None
