"""The track judge: the language a whole track is in, the scripts it uses, and whether its
letters cast doubt on its declared language."""
from __future__ import annotations

from typing import Sequence

from .cue_evidence import _letters_of, _rx, evidence, text_evidence
from .facts import fact_tag, language_info, languages_with_script
from .identification import identify
from .scripts import script_of

# ------------------------------------------------------------------------------------ tracks

def track_text(track, limit_chars: int = 20000, plain: Sequence[str] | None = None) -> str:
    return "\n".join(track_lines(track, limit_chars, plain))


def alphabet_conflict(text: str, declared: str, detected: str, *, rare: float = 0.001) -> bool:
    """True when the letters of ``text`` rule ``declared`` out in favour of ``detected``: the
    declared alphabet only adds letters to the detected one and the text (nearly) never uses
    them (a Kyrgyz track declared Kazakh has no ә ғ қ ұ һ і). (Letters the declared alphabet
    lacks are not enough on their own: a few foreign lines bring them.)"""
    ev = _letters_of(text)
    d, t = language_info(fact_tag(declared) or declared), language_info(
        fact_tag(detected) or detected)
    if d.profile:
        return False                          # the n-gram model speaks for it
    for script, alpha in d.alphabets.items():
        n = ev.by_script.get(script, 0)
        other = t.alphabets.get(script)
        if n >= 100 and other is not None and alpha > other and \
                sum(ev.counts.get(c, 0) for c in alpha - other) < rare * n:
            return True
    return False


def letters_doubt(text: str, declared: str, *, rare: float = 0.001,
                  common: float = 0.02) -> bool:
    """True when the letters of ``text`` cast doubt on ``declared`` by themselves: letters its
    alphabet lacks make up ``common`` of the text's letters, or letters only it has (against
    some other language of the script) are (nearly) never used."""
    ev = _letters_of(text)
    d = language_info(fact_tag(declared) or declared)
    counts = ev.counts
    for script, alpha in d.alphabets.items():
        n = ev.by_script.get(script, 0)
        if n < 100:
            continue
        if sum(k for c, k in counts.items() if c not in alpha and script_of(c) == script) \
                >= common * n:
            return True
        if d.profile:
            continue                          # the n-gram model speaks for it
        for other in languages_with_script(script):
            oa = language_info(other).alphabets.get(script)
            if oa is not None and alpha > oa and \
                    sum(counts.get(c, 0) for c in alpha - oa) < rare * n:
                return True
    return False


def track_scripts(language: str, text: str) -> tuple[str, ...]:
    """The scripts a track in ``language`` is actually written in: all of the language's
    scripts when it has one, else the one of them its text uses most (a Kazakh track is
    Cyrillic or Latin, not both)."""
    info = language_info(fact_tag(language) or language)
    scripts = info.scripts
    if len(scripts) <= 1 or (fact_tag(language) or "") in ("ja", "ko") or info.both_scripts:
        return scripts
    ev = _letters_of(text)
    best = max(scripts, key=lambda sc: (ev.by_script.get(sc, 0), -scripts.index(sc)))
    return (best,)


def detect_track_language(track) -> tuple[str | None, float]:
    """The language a whole track is written in and a confidence in [0, 1]. Deterministic:
    depends only on the cues' text. (None, 0.0) when the track has no letters."""
    return detect_lines_language(track_lines(track))


def track_lines(track, limit_chars: int = 20000,
                plain: Sequence[str] | None = None) -> list[str]:
    """The cues' texts without bracketed sound descriptions, up to ``limit_chars`` (``plain``:
    the cues' ``plain_text``, when already at hand)."""
    out = []
    total = 0
    for t in (plain if plain is not None else (cue.plain_text for cue in track.cues)):
        if "[" in t or "(" in t or "♪" in t:
            t = _rx("brackets").sub(" ", t)
        out.append(t)
        total += len(t)
        if total >= limit_chars:
            break
    return out


def detect_text_language(text: str) -> tuple[str | None, float]:
    return detect_lines_language(text.splitlines() or [text])


def detect_lines_language(lines: Sequence[str]) -> tuple[str | None, float]:
    # a cue's text is kept with its evidence, many lines (a track) are not
    ev = evidence(lines[0]) if len(lines) == 1 else text_evidence("\n".join(lines))
    if not ev.letters:
        return None, 0.0
    scripts = dict(ev.by_script)
    cjk = scripts.get("Hani", 0) + scripts.get("Hira", 0) + scripts.get("Kana", 0)
    kana = scripts.get("Hira", 0) + scripts.get("Kana", 0)
    if cjk and cjk >= max(scripts.values()):
        if kana >= max(2, 0.05 * cjk):
            return "ja", round(min(1.0, cjk / ev.letters), 3)
        script = "Hani"
    else:
        script = max(sorted(scripts), key=lambda k: scripts[k])
    share = (cjk if script == "Hani" else scripts[script]) / ev.letters
    tag, conf = identify(lines, script=script, ev=ev)
    return tag, round(min(1.0, conf) * share, 3)
