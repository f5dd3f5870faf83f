"""The facts about each language that the detector uses (rules/lang/letters.toml, words.toml,
languages.toml, langdetect's profile names): :class:`LanguageInfo`, :func:`language_info`."""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from .. import cache, langtags
from ..resources import rules_dir
from ..tomlload import load_toml
from .scripts import _fold_word

# -------------------------------------------------------------------------------------- facts

@dataclass(frozen=True, slots=True, eq=False)
class LanguageInfo:
    """The facts about one language that the detector uses (one per language, compared by
    identity)."""

    tag: str                              # primary tag used for facts: "kk", "zh", ...
    scripts: tuple                        # scripts the language is written in
    alphabets: dict                       # script -> frozenset of lower-case letters
    intruders: tuple
    words: frozenset
    profile: str | None                   # langdetect profile name, None when it has none
    same: frozenset = frozenset()         # tags that name the same language ("no", "nb")
    loan_letters: frozenset = frozenset()  # letters only loanwords use
    marks: frozenset = frozenset()        # punctuation only this language uses
    marker_letters: int = 0               # lines this long always show a letter of its own
    loan_spellings: tuple = ()            # patterns its native words never show
    never: frozenset = frozenset()        # a neighbour's letters it never writes
    close: frozenset = frozenset()        # neighbours the n-grams alone cannot tell apart
    both_scripts: bool = False            # one track mixes its scripts (Serbian)
    model_script: str | None = None       # the one script its n-gram profile covers


# (Bosnian in Latin letters is scored with the Croatian profile, Nynorsk with the Norwegian one:
# langdetect has none of their own)
_PROFILE_NAMES = {"zh": "zh-cn", "zh-Hans": "zh-cn", "zh-Hant": "zh-tw", "nb": "no", "nn": "no",
                  "bs": "hr"}


@functools.lru_cache(maxsize=1)
def _profiles_folder() -> str:
    """langdetect's shipped profiles folder, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec("langdetect")
    if spec is None or not spec.submodule_search_locations:
        return ""
    return os.path.join(list(spec.submodule_search_locations)[0], "profiles")


@functools.lru_cache(maxsize=1)
def _profile_names() -> frozenset:
    """The langdetect profiles installed (a directory listing)."""
    try:
        return frozenset(os.listdir(_profiles_folder()))
    except OSError:
        return frozenset()


@functools.lru_cache(maxsize=1)
def _letter_facts() -> dict:
    return _cached_facts("letters", load_toml)


def _read_words(path) -> dict:
    data = load_toml(path)
    return {tag: frozenset(_fold_word(w) for w in entry.get("words", "").split())
            for tag, entry in data.items()}


@functools.lru_cache(maxsize=1)
def _word_facts() -> dict:
    return _cached_facts("words", _read_words)


def _cached_facts(name: str, read) -> dict:
    """``read(rules/lang/<name>.toml)``, kept in the subqa cache while the file and the code
    reading it are unchanged."""
    path = os.path.join(str(rules_dir()), "lang", name + ".toml")
    code = [__file__, os.path.join(os.path.dirname(__file__), "scripts.py")]
    return cache.memo("facts-" + name, [path, *code], lambda: read(path))


@functools.lru_cache(maxsize=None)
def _spellings_rx(patterns: tuple) -> tuple:
    """A language's ``loan_spellings`` (regular expressions), compiled."""
    return tuple(map(re.compile, patterns))


def fact_tag(tag: str | None) -> str | None:
    """The tag under which facts are kept: ``zh-Hans`` stays (profile choice), ``uz-Cyrl`` and
    ``kk-KZ`` become their primary language."""
    norm = langtags.normalize(tag)
    if norm is None:
        return None
    return norm if norm in ("zh-Hans", "zh-Hant") else norm.split("-")[0]


@functools.lru_cache(maxsize=None)
def language_info(tag: str) -> LanguageInfo:
    base = fact_tag(tag) or tag
    primary = base.split("-")[0]
    letters = _letter_facts().get(primary, {})
    facts = langtags.language_facts(base)
    scripts = tuple(facts.get("scripts", ()))
    if not scripts:
        scripts = tuple(k for k in letters if k[:1].isupper() and len(k) == 4)
    if "Hani" in scripts and primary == "ja":
        scripts = tuple(dict.fromkeys(scripts + ("Hira", "Kana")))
    alphabets = {k: frozenset(v) for k, v in letters.items()
                 if isinstance(v, str) and len(k) == 4 and k[:1].isupper()}
    profile = _PROFILE_NAMES.get(base, _PROFILE_NAMES.get(primary, primary))
    if profile not in _profile_names():
        profile = None
    return LanguageInfo(tag=base, scripts=scripts, alphabets=alphabets,
                        intruders=tuple(letters.get("intruders", ("en",))),
                        words=_word_facts().get(primary, frozenset()), profile=profile,
                        same=frozenset(letters.get("same", ())),
                        loan_letters=frozenset(letters.get("loan_letters", "")),
                        marks=frozenset(letters.get("marks", "")),
                        marker_letters=int(letters.get("marker_letters", 0)),
                        loan_spellings=tuple(letters.get("loan_spellings", ())),
                        never=frozenset(letters.get("never", "")),
                        close=frozenset(letters.get("close", ())),
                        both_scripts=bool(letters.get("both_scripts", False)),
                        model_script="Latn" if profile == "hr" and len(scripts) > 1 else None)


def has_language_data(tag: str | None) -> bool:
    """Whether subqa has language data for ``tag`` (at least the scripts it is written in, from
    rules/lang), which the language rules need to judge anything: without it L001-L003 do
    nothing for a track in that language (see checks/language.py ``analyse``)."""
    base = fact_tag(tag)
    return base is not None and bool(language_info(base).scripts)


def languages_with_script(script: str) -> list[str]:
    """Languages (of languages.toml) written in ``script``, in a stable order."""
    return [t for t in langtags.known_languages()
            if "-" not in t and script in language_info(t).scripts]
