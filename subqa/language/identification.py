"""Which language a text (one line, or the lines of a track) is in, among the languages of a
script: letters line by line, function words, then the n-gram model (:func:`identify`)."""
from __future__ import annotations

from typing import Sequence

from .cue_evidence import evidence, model_words
from .facts import language_info, languages_with_script
from .ngram_scoring import ngram_model
from .scripts import _KANA, _SCRIPT_LANGUAGE, _fold_word, script_of

# Track identification, line by line: lines with fewer letters carry no vote; a language is
# ruled out when more than _ALIEN_LINES of the lines use letters it lacks; a language whose
# alphabet only adds letters to another's needs _EXTRA_LINES of the lines to use them; a
# language without a model beats the models when _OWN_LINES of the lines use its own letters.
_LINE_LETTERS = 10
_ALIEN_LINES = 0.3
_EXTRA_LINES = 0.1
_OWN_LINES = 0.5
# ... or when this share of the words are its function words (and clearly more than another's)
_WORD_RATE = 0.1

# ---------------------------------------------------------------------------- identification

def identify(text: str | Sequence[str], *, script: str | None = None,
             exclude: str | None = None) -> tuple[str | None, float]:
    """Best guess of the language of ``text`` (one string, or the lines of a track), optionally
    only among languages written in ``script``, and a confidence in [0, 1]. Deterministic.

    Letters are judged line by line, so that a minority of foreign lines cannot rule out the
    language of the majority: a language is ruled out when more than ``_ALIEN_LINES`` of the
    lines use letters its alphabet lacks; a language without an n-gram model wins when at least
    ``_OWN_LINES`` of the lines use letters that set it apart from the modelled survivors."""
    lines = [text] if isinstance(text, str) else list(text)
    full = "\n".join(lines)
    ev = evidence(full)
    if not ev.letters:
        return None, 0.0
    if script is None:
        script = max(sorted(ev.by_script), key=lambda k: ev.by_script[k])
    n = ev.by_script.get(script, 0)
    if script in _KANA or (script == "Hani" and any(ev.by_script.get(k) for k in _KANA)):
        return "ja", 1.0
    if script == "Hani":
        model = ngram_model(("zh", "ja"))
        post, _, _ = model.posterior(model_words(ev.text, ("Hani",)))
        if post:
            top = max(sorted(post), key=lambda k: post[k])
            return top, post[top]
        return "zh", 0.5
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script], 1.0
    pool = [t for t in languages_with_script(script) if t != exclude]
    if not pool:
        return None, 0.0
    # the letters of each substantial line
    line_letters = [frozenset(c for c in evidence(ln).counts if script_of(c) == script)
                    for ln in lines]
    sized = [ls for ln, ls in zip(lines, line_letters)
             if evidence(ln).by_script.get(script, 0) >= _LINE_LETTERS]
    substantial = len(sized) * 2 >= len(lines)
    if not substantial:
        # mostly short lines (interjections, names): each line with a few letters votes
        sized = [ls for ln, ls in zip(lines, line_letters)
                 if evidence(ln).by_script.get(script, 0) >= 3]
    units = sized or [frozenset(c for c in ev.counts if script_of(c) == script)]
    many = len(units) >= 5

    def share(letters: frozenset) -> float:
        return sum(1 for u in units if u & letters) / len(units)

    used = frozenset().union(*units)
    survivors = []
    for t in pool:
        alpha = language_info(t).alphabets.get(script)
        if alpha is None:
            if language_info(t).profile:
                survivors.append(t)
            continue
        aliens = used - alpha
        if not aliens or (many and share(aliens) <= _ALIEN_LINES):
            survivors.append(t)
    if not survivors:
        survivors = [t for t in pool if language_info(t).profile]
    if many and substantial:
        # a language without a model whose alphabet only adds letters to another survivor's,
        # letters hardly any line uses, is the less likely of the two (Kazakh's ә ғ қ ұ һ і
        # in a Kyrgyz track); languages with a model are left to it (French accents are rare
        # in a track of interjections)
        alphas = {t: language_info(t).alphabets.get(script) for t in survivors}
        keep = [a for a in survivors if language_info(a).profile or not any(
            b != a and alphas[a] is not None and alphas[b] is not None and alphas[a] > alphas[b]
            and share(alphas[a] - alphas[b]) < _EXTRA_LINES for b in survivors)]
        survivors = keep or survivors
    if len(survivors) == 1:
        return survivors[0], min(1.0, 0.5 + n / 40)
    if not many:
        # one line: function words that only one language (or one group of names for the
        # same language) among the survivors has name it (Serbian "шта" "је" against
        # Macedonian, Czech "jsem" against Slovak)
        named = _named_by_words(frozenset(_fold_word(t) for t in ev.tokens), survivors)
        if named is not None:
            return named, min(1.0, 0.5 + n / 40)
    profiled = [t for t in survivors if language_info(t).profile]
    unprofiled = [t for t in survivors if not language_info(t).profile]
    others = frozenset().union(*(language_info(p).alphabets.get(script, frozenset())
                                 for p in profiled)) if profiled else frozenset()
    folded = [_fold_word(t) for t in ev.tokens]
    ranked = []
    for t in unprofiled:
        alpha = language_info(t).alphabets.get(script, frozenset())
        own = alpha - others
        mine = share(own) if own else 0.0
        if mine and mine >= (_OWN_LINES if many else 0.0):
            hits = sum(1 for w in folded if w in language_info(t).words)
            # their function words first (a Mongolian track with some Kazakh lines: Kazakh's
            # alphabet explains every letter, Mongolian's words the most lines), then the
            # alphabet that explains the most lines (Uzbek ў ҳ rule Kazakh out)
            ranked.append((-hits, share(used - alpha), -mine, t))
    if ranked:
        return min(ranked)[-1], min(1.0, 0.5 + n / 40)
    by_words = None
    if many and folded:
        # function words, when they are frequent and clearly more frequent than any other
        # language's, name a language without letters of its own in enough lines (Uzbek typed
        # with plain apostrophes) or a track the model is unsure of (interjections only)
        rates = sorted(((sum(1 for w in folded if w in language_info(t).words) / len(folded), t)
                        for t in survivors), key=lambda p: (-p[0], p[1]))
        best_rate, best = rates[0]
        # (against the best other language: Bosnian is no rival of Serbian)
        rivals = [r for r, t in rates if t not in _group(best)]
        if best_rate >= _WORD_RATE and (not rivals or best_rate > 1.5 * rivals[0]):
            by_words = best, min(1.0, 0.5 + best_rate * 2)
            if best in unprofiled:
                return by_words
    if len(profiled) >= 2:
        model = ngram_model(tuple(profiled))
        post, _, _ = model.posterior(model_words(ev.text, (script,), names=not many))
        if not post:
            return by_words or (profiled[0], 0.0)      # no word to judge by
        top = max(sorted(post), key=lambda k: post[k])
        if by_words is not None and by_words[0] != top and post[top] < 0.9:
            return by_words
        return top, post[top]
    if profiled:
        # the only modelled survivor; the others did not use the letters that set them apart
        return profiled[0], min(1.0, 0.5 + n / 40)
    scored = sorted(((sum(w in language_info(t).words for w in folded), t) for t in unprofiled),
                    key=lambda p: (-p[0], p[1]))
    return (scored[0][1], 0.5) if scored else (None, 0.0)


def _group(tag: str) -> frozenset:
    """The tag and the tags that name the same language (``same`` in letters.toml)."""
    return frozenset({tag} | language_info(tag).same)


def _named_by_words(words: frozenset, candidates: Sequence[str]) -> str | None:
    """The candidate whose group alone has function words among ``words``, else None. Within
    the group, the member with the most of them (the first in ``candidates`` on a tie)."""
    listed = [t for t in candidates if language_info(t).words]
    hits = {t: words & language_info(t).words for t in listed}
    groups: dict = {}
    for t in listed:
        groups.setdefault(min(_group(t) & frozenset(listed) | {t}), []).append(t)
    exclusive = {}
    for key, members in groups.items():
        mine = frozenset().union(*(hits[t] for t in members))
        others = frozenset().union(*(hits[t] for t in listed if t not in members))
        if mine - others:
            exclusive[key] = members
    if len(exclusive) != 1:
        return None
    (members,) = exclusive.values()
    return min(members, key=lambda t: (-len(hits[t]), listed.index(t)))
