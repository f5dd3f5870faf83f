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
    return entry_for(_facts()[0], tag)


def known_languages() -> list[str]:
    return sorted(_facts()[0])


# A two-language track (a Chinese line over its English line, as fansubs and festival prints
# carry) is declared by joining the two tags with "+": ``zh-Hans+en``, the language of the
# usual top line first. Each part is a tag of its own.
PAIR_SEPARATOR = "+"


def parts(tag: str | None) -> tuple[str, ...]:
    """The languages of a tag: ``("zh-Hans", "en")`` for ``zh-Hans+en``, ``("ru",)`` for ``ru``,
    ``()`` for None; each part normalised (a part that is not a tag is left out)."""
    if not tag:
        return ()
    out = []
    for raw in tag.split(PAIR_SEPARATOR):
        norm = _normalize_one(raw)
        if norm is not None:
            out.append(norm)
    return tuple(out)


def is_pair(tag: str | None) -> bool:
    """Whether ``tag`` declares a two-language track (``zh-Hans+en``)."""
    return bool(tag) and PAIR_SEPARATOR in tag


def join(languages) -> str:
    """``("zh-Hans", "en")`` -> ``zh-Hans+en``."""
    return PAIR_SEPARATOR.join(languages)


def display_name(tag: str | None) -> str:
    """The language's name (``Chinese (Simplified) + English`` for a pair); the tag itself when
    subqa has no name for it."""
    names = [language_facts(t).get("name", t) for t in parts(tag)]
    return " + ".join(names) if names else (tag or "")


def normalize(tag: str | None) -> str | None:
    """Canonical case for a BCP 47 tag (``ZH_hans`` -> ``zh-Hans``) and aliases resolved
    (``rus`` -> ``ru``, ``zh-CN`` -> ``zh-Hans``); a two-language tag part by part
    (``ZH-hans+EN`` -> ``zh-Hans+en``). Returns None for something that is not a tag (a pair
    with a part that is not, or with other than two parts)."""
    if tag and PAIR_SEPARATOR in tag:
        pieces = tag.split(PAIR_SEPARATOR)
        normed = [_normalize_one(p) for p in pieces]
        if len(pieces) != 2 or None in normed:
            return None
        return join(normed)
    return _normalize_one(tag)


def _normalize_one(tag: str | None) -> str | None:
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


def entry_for(table: dict[str, Any], tag: str | None) -> dict[str, Any]:
    """The entry of a per-language table (a rules/lang TOML file) for ``tag``: its most specific
    listed fallback (``zh-Hant`` falls back to ``zh``), or an empty table."""
    for candidate in fallbacks(tag):
        if candidate in table:
            return table[candidate]
    return {}


def fallbacks(tag: str | None) -> list[str]:
    """``zh-Hans-CN`` -> [``zh-Hans-CN``, ``zh-Hans``, ``zh``]. A two-language tag falls back
    to itself only: a parameter of one of its languages is not the track's (the rules that know
    two-language tracks ask for each line's own language)."""
    tag = normalize(tag)
    if not tag:
        return []
    if is_pair(tag):
        return [tag]
    parts = tag.split("-")
    return ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]


def primary(tag: str | None) -> str | None:
    """``zh-Hans-CN`` -> ``zh``; a two-language tag part by part (``zh-Hans+en`` -> ``zh+en``)."""
    tag = normalize(tag)
    if not tag:
        return None
    return join(p.split("-")[0] for p in parts(tag)) if is_pair(tag) else tag.split("-")[0]


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
    ``film_ru.srt`` / ``film-pt-BR.srt`` -> ``ru`` / ``pt-BR``, ``film.zh-Hans+en.srt`` ->
    ``zh-Hans+en`` (a two-language track; only between dots). Only tags whose primary language
    is known count, so ``ep01.final.srt`` or ``v2.srt`` declare nothing."""
    facts, aliases = _facts()

    def known(token: str) -> str | None:
        tag = normalize(token)
        if tag and is_pair(tag):               # film.zh-Hans+en.srt: each part must be known
            return tag if all(known(p) for p in token.split(PAIR_SEPARATOR)) else None
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
    # ru.srt, zh-Hans.vtt
    tag = known(stem) if _TAG_SHAPE.fullmatch(stem) or is_pair(stem) else None
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


# --- validation of a declared tag (options, configuration, profiles) --------------------------
#
# A tag subqa has data for (rules/lang/languages.toml, its aliases) is accepted at once; any
# other tag is looked up in the IANA language subtag registry (the ``langcodes`` library with
# ``language-data``, imported only then). A registered tag is accepted even when subqa has no
# data for the language (``tlh``, ``bs``): the engine then says which rules could not run. A
# registered tag the registry (CLDR) replaces by another is read as that one when subqa knows
# the replacement (``sh`` -> ``sr-Latn``, ``iw`` -> ``he``, ``mo`` -> ``ro``, ``in`` -> ``id``).
# An unregistered or ill-formed tag is refused, with "did you mean" for the likely intent:
# a country code given for a language (``kz``, ``ua``, ``jp``, ``cn``) suggests the languages
# subqa supports that are spoken there, a typo suggests supported tags one letter away.

def _supported(tag: str) -> bool:
    facts, aliases = _facts()
    return tag in facts or tag.split("-")[0] in facts or tag.lower() in aliases


def check_tag(raw: object) -> str:
    """The normalised tag for ``raw`` when it is a well-formed, registered language tag;
    ValueError with the reason (and suggestions) otherwise."""
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("not a language tag (BCP 47, e.g. en, ru, zh-Hans)")
    if PAIR_SEPARATOR in raw:
        return _check_pair(raw)
    cleaned = raw.strip().replace("_", "-")
    norm = normalize(cleaned)
    facts, aliases = _facts()
    if norm is not None and (norm in facts or cleaned.lower() in aliases):
        return norm
    import langcodes

    if not langcodes.tag_is_valid(cleaned):
        if not re.fullmatch(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*", cleaned):
            raise ValueError("not a language tag (BCP 47, e.g. en, ru, zh-Hans)")
        raise ValueError("not a registered language tag" + _hint(cleaned))
    standard = langcodes.standardize_tag(cleaned)
    mapped = normalize(standard)
    if mapped is not None and _supported(mapped):
        return mapped
    return norm or standard


def _check_pair(raw: str) -> str:
    """A two-language tag (``zh-Hans+en``): each of exactly two parts checked as a tag of its
    own, and the two in different languages."""
    pieces = raw.strip().split(PAIR_SEPARATOR)
    if len(pieces) != 2:
        raise ValueError("a two-language track is two tags joined by '+' (e.g. zh-Hans+en); "
                         f"{raw.strip()!r} has {len(pieces)} parts")
    checked = []
    for piece in pieces:
        try:
            checked.append(check_tag(piece))
        except ValueError as exc:
            raise ValueError(f"{piece.strip() or '(empty)'!r} in {raw.strip()!r}: {exc}") from None
    if primary(checked[0]) == primary(checked[1]):
        raise ValueError(f"{raw.strip()!r}: the two languages of a two-language track must "
                         "differ")
    return join(checked)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def suggestions(tag: str, limit: int = 2) -> tuple[list[str], bool]:
    """Supported primary tags a user probably meant by the unregistered ``tag``, best first,
    and whether ``tag`` reads as a country code (``kz`` -> (["kk", "ru"], True))."""
    from langcodes import Language

    facts, _ = _facts()
    primaries = sorted(t for t in facts if "-" not in t)
    low = tag.lower().split("-")[0]
    if len(low) == 2 and low.isalpha():
        spoken = {}
        for lang in primaries:
            population = Language.get(f"{lang}-{low.upper()}").speaking_population()
            if population > 0:
                spoken[lang] = population
        if spoken:
            top = max(spoken.values())
            found = sorted((t for t, n in spoken.items() if n >= top / 2),
                           key=lambda t: (_distance(low, t), -spoken[t], t))
            return found[:limit], True
    near = sorted((t for t in primaries if _distance(low, t) == 1),
                  key=lambda t: (t[0] != low[0], t))
    return near[:limit], False


def _hint(tag: str) -> str:
    found, country = suggestions(tag)
    if not found:
        return ""
    facts, _ = _facts()
    named = [f"{t!r} ({facts[t].get('name', t)})" for t in found]
    lead = f" ({tag.split('-')[0].upper()} is a country code)" if country else ""
    return f"{lead}; did you mean {' or '.join(named)}?"
