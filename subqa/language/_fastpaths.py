"""The detector's fast paths: the few that pay (measured in docs/speedups.md), each giving
exactly what the general code gives, which stays the specification.

- **ASCII and plain-Latin evidence.** The letters and words of an ASCII text, or of a text of
  "plain Latin" characters (:data:`PLAIN_LATIN`: French, Spanish, German ...), are found without
  normalising it or looking up the script of each letter (:func:`evidence`).
- **Native by its words.** A cue of an ASCII or plain-Latin text with a function word only the
  track language has, and none only an intruder has, is native: decided without building its
  :class:`~subqa.language.cue_evidence.Evidence` (:func:`native_by_words`).
- **One script of ours.** A cue all of whose letters are in one script of the track language,
  within its alphabet, with such a function word, is native: decided before the general steps of
  the cue judge (:func:`native_in_one_script`).

Their equivalence with the general code is tested in tests/test_language.py (the plain-Latin
characters, evidence on texts chosen for the edge cases) and by the goldens.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import cue_evidence as ev
from .scripts import _KANA, _fold_apostrophes

if TYPE_CHECKING:
    from .cue_judge import CueJudge, Verdict

# Characters of "plain Latin" text (ASCII, Latin-1 and Latin Extended-A without the ordinal,
# superscript, fraction and micro signs, Romanian comma letters, General Punctuation from
# U+2002): each is NFC and stays NFC beside the others, none is Arabic, and each character the
# "token" pattern takes for a letter is a Latin letter that lower() keeps one (Latin) letter.
# tests/test_language.py checks these for every one of them.
PLAIN_LATIN = ((0x0000, 0x00A9), (0x00AB, 0x00B1), (0x00B4, 0x00B4), (0x00B6, 0x00B8),
               (0x00BB, 0x00BB), (0x00BF, 0x017F), (0x0218, 0x021B), (0x2002, 0x206F))
# ... those above U+017F (a character class of all the ranges takes longer to compile)
PLAIN_EXTRA = frozenset(chr(cp) for a, b in PLAIN_LATIN if a > 0x17F for cp in range(a, b + 1))
# characters outside Latin-1 and Latin Extended-A, and the ordinal, superscript, fraction and
# micro signs
_LATIN1_OUTLIERS = re.compile("[^\x00-\u017f]|[\xaa\xb2\xb3\xb5\xb9\xba\xbc-\xbe]")
# a word of ASCII text: the "token" pattern where its letters are A-Z a-z and its only
# apostrophe is '
ASCII_TOKEN = re.compile(r"([A-Za-z]+(?:'+[A-Za-z]+)*)")


def plain_latin(text: str) -> bool:
    """Every character of ``text`` is in PLAIN_LATIN."""
    first = _LATIN1_OUTLIERS.search(text)
    if first is None:
        return True
    if first.group() not in PLAIN_EXTRA:
        return False                            # (Cyrillic, Arabic, Han ... text)
    return PLAIN_EXTRA.issuperset(_LATIN1_OUTLIERS.findall(text, first.end()))


def plain_letters(joined: str) -> int:
    """The letters of the words of a plain Latin text, joined: their characters but the
    apostrophes and zero-width non-joiners of the "token" pattern."""
    return len(joined) - joined.count("'") - joined.count("’") - joined.count("‘") \
        - joined.count("\u200c")


def _without_urls(text: str) -> tuple[str, str]:
    """(text, its lower case), URLs and e-mail addresses blanked."""
    low = text.lower()
    if ev._ascii_url_hint(low) and ev._rx("url_hint").search(text):
        text = ev._blank_urls(text)
        low = text.lower()
    return text, low


def evidence(text: str) -> ev.Evidence | None:
    """The evidence of an ASCII or plain-Latin text, None for any other."""
    if text.isascii():
        # every letter is a Latin letter of a word
        text, low = _without_urls(text)
        tokens = tuple(ASCII_TOKEN.findall(text))
        if not tokens:
            return ev.Evidence(text, 0, {}, (), frozenset(), "", {})
        joined = " ".join(tokens)
        letters = len(joined) - len(tokens) + 1 - joined.count("'")
        return ev.Evidence(text, letters, {"Latn": letters}, tokens,
                           frozenset(joined.lower().split()), low, None)
    if plain_latin(text):
        # nothing to normalise, and the letters are the Latin letters of its words, that is
        # their characters but the apostrophes
        text, low = _without_urls(text)
        tokens = tuple(ev._rx("token").findall(text))
        letters = plain_letters("".join(tokens))
        words = frozenset(_fold_apostrophes(" ".join(tokens).lower()).split())
        return ev.Evidence(text, letters, {"Latn": letters} if letters else {}, tokens, words,
                           low, None, ascii=False)
    return None


def applies(judge: CueJudge) -> tuple[bool, bool]:
    """(the one-script shortcut holds for the judge's settings, the words shortcut too: the
    language is written in Latin letters)."""
    s = judge.settings
    one_script = judge.expected != "ja" and s.script_min_letters > 0 and s.kana_min > 0
    return one_script, one_script and "Latn" in judge.native_scripts


def native_by_words(judge: CueJudge, text: str) -> Verdict | None:
    """The verdict on an ASCII or plain-Latin ``text`` that a function word shows native, as
    :func:`native_in_one_script` would give it, without building its evidence; else None."""
    if not judge._by_words:
        return None
    if text.isascii():
        # its words (lower case) are those of its lower case, its letters theirs but apostrophes
        low = text.lower()
        if ev._ascii_url_hint(low):
            return None
        words = ASCII_TOKEN.findall(low)
        if words and _only_ours(judge, "Latn", words):
            joined = "".join(words)
            return judge._native(len(joined) - joined.count("'"))
    elif plain_latin(text):
        low = text.lower()
        if ev._ascii_url_hint(low) or not judge.info.never.isdisjoint(low):
            return None
        tokens = ev._rx("token").findall(text)
        if tokens and _only_ours(judge, "Latn",
                                 _fold_apostrophes(" ".join(tokens).lower()).split()):
            return judge._native(plain_letters("".join(tokens)))
    return None


def native_in_one_script(judge: CueJudge, evidence: ev.Evidence) -> Verdict | None:
    """The verdict the general steps give a text all of whose letters are in one script of
    ours (no foreign script, no kana), none outside our alphabet (or Latin, whose alien letters
    are weighed after the words), with a function word only we have and none only an intruder
    has; None for any other text."""
    by_script = evidence.by_script
    if not judge._one_script or len(by_script) != 1:
        return None
    (script,) = by_script
    if script not in judge.native_scripts or script in _KANA:
        return None
    never = judge.info.never
    alphabet = judge.info.alphabets.get(script)
    if ((script == "Latn" and (not never or never.isdisjoint(evidence.counts)))
            or not alphabet or evidence.letters_within(alphabet)) \
            and _only_ours(judge, script, evidence.words):
        return judge._native(evidence.letters)
    return None


def _only_ours(judge: CueJudge, script: str, words) -> bool:
    """``words`` hold a function word only the judge's language has, none only an intruder."""
    own, theirs = judge._exclusive_words(script)
    return not own.isdisjoint(words) and theirs.isdisjoint(words)
