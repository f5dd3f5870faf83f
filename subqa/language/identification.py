"""Which language a text (one line, or the lines of a track) is in, among the languages of a
script: letters line by line, function words, then the n-gram model (:func:`identify`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .cue_evidence import Evidence, evidence, model_words, text_evidence
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
             exclude: str | None = None, ev: Evidence | None = None) -> tuple[str | None, float]:
    """Best guess of the language of ``text`` (one string, or the lines of a track), optionally
    only among languages written in ``script``, and a confidence in [0, 1]. Deterministic.

    Letters are judged line by line, so that a minority of foreign lines cannot rule out the
    language of the majority: a language is ruled out when more than ``_ALIEN_LINES`` of the
    lines use letters its alphabet lacks; a language without an n-gram model wins when at least
    ``_OWN_LINES`` of the lines use letters that set it apart from the modelled survivors.
    ``ev``: the evidence of the lines when the caller has it (a track's is not kept, and costs
    a pass over up to 20,000 characters)."""
    lines = [text] if isinstance(text, str) else list(text)
    if ev is None:
        # a cue's text is kept with its evidence, many lines (a track) are not
        ev = evidence(lines[0]) if len(lines) == 1 else text_evidence("\n".join(lines))
    if not ev.letters:
        return None, 0.0
    if script is None:
        script = max(sorted(ev.by_script), key=lambda k: ev.by_script[k])
    known = _named_by_script(ev, script)
    if known is not None:
        return known
    pool = [t for t in languages_with_script(script) if t != exclude]
    if not pool:
        return None, 0.0
    sample = _sample(lines, ev, script)
    return _choose(sample, _survivors(sample, pool))


def _named_by_script(ev: Evidence, script: str) -> tuple[str | None, float] | None:
    """The language the script alone names (kana: Japanese; Han: Chinese or Japanese by the
    model; a script only one language writes), else None."""
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
    return None


@dataclass(frozen=True, slots=True)
class _Sample:
    """The text as :func:`identify` weighs it in one script."""

    ev: Evidence
    script: str
    n: int                        # letters in the script
    units: list[frozenset]        # the letters of each line that votes (or of the whole text)
    many: bool                    # five votes or more
    substantial: bool             # half the lines or more are long enough to vote alone
    used: frozenset               # the letters of all votes
    folded: list[str]             # the words, folded

    def share(self, letters: frozenset) -> float:
        """The share of the votes that use one of ``letters``."""
        return sum(1 for u in self.units if u & letters) / len(self.units)

    @property
    def sure(self) -> float:
        """The confidence of a language the letters or words alone name."""
        return min(1.0, 0.5 + self.n / 40)


def _sample(lines: list[str], ev: Evidence, script: str) -> _Sample:
    # the letters of each substantial line
    line_letters = [frozenset(c for c in evidence(ln).counts if script_of(c) == script)
                    for ln in lines]
    sized = [ls for ln, ls in zip(lines, line_letters, strict=True)
             if evidence(ln).by_script.get(script, 0) >= _LINE_LETTERS]
    substantial = len(sized) * 2 >= len(lines)
    if not substantial:
        # mostly short lines (interjections, names): each line with a few letters votes
        sized = [ls for ln, ls in zip(lines, line_letters, strict=True)
                 if evidence(ln).by_script.get(script, 0) >= 3]
    units = sized or [frozenset(c for c in ev.counts if script_of(c) == script)]
    return _Sample(ev, script, ev.by_script.get(script, 0), units, len(units) >= 5, substantial,
                   frozenset().union(*units), [_fold_word(t) for t in ev.tokens])


def _survivors(sample: _Sample, pool: list[str]) -> list[str]:
    """The languages of ``pool`` whose alphabets explain the letters of enough lines."""
    script, many = sample.script, sample.many
    survivors = []
    for t in pool:
        alpha = language_info(t).alphabets.get(script)
        if alpha is None:
            if language_info(t).profile:
                survivors.append(t)
            continue
        aliens = sample.used - alpha
        if not aliens or (many and sample.share(aliens) <= _ALIEN_LINES):
            survivors.append(t)
    if not survivors:
        survivors = [t for t in pool if language_info(t).profile]
    if many and sample.substantial:
        # a language without a model whose alphabet only adds letters to another survivor's,
        # letters hardly any line uses, is the less likely of the two (Kazakh's ә ғ қ ұ һ і
        # in a Kyrgyz track); languages with a model are left to it (French accents are rare
        # in a track of interjections)
        alphas = {t: language_info(t).alphabets.get(script) for t in survivors}
        keep = [a for a in survivors if language_info(a).profile or not any(
            b != a and alphas[a] is not None and alphas[b] is not None and alphas[a] > alphas[b]
            and sample.share(alphas[a] - alphas[b]) < _EXTRA_LINES for b in survivors)]
        survivors = keep or survivors
    return survivors


def _choose(sample: _Sample, survivors: list[str]) -> tuple[str | None, float]:
    """The survivor the letters, the function words or the n-gram model name, in that order."""
    if len(survivors) == 1:
        return survivors[0], sample.sure
    if not sample.many:
        # one line: function words that only one language (or one group of names for the
        # same language) among the survivors has name it (Serbian "шта" "је" against
        # Macedonian, Czech "jsem" against Slovak)
        named = _named_by_words(frozenset(sample.folded), survivors)
        if named is not None:
            return named, sample.sure
    profiled = [t for t in survivors if language_info(t).profile]
    unprofiled = [t for t in survivors if not language_info(t).profile]
    by_letters = _by_own_letters(sample, profiled, unprofiled)
    if by_letters is not None:
        return by_letters, sample.sure
    by_words = _by_word_rate(sample, survivors) if sample.many and sample.folded else None
    if by_words is not None and by_words[0] in unprofiled:
        return by_words
    if len(profiled) >= 2:
        return _by_model(sample, profiled, by_words)
    if profiled:
        # the only modelled survivor; the others did not use the letters that set them apart
        return profiled[0], sample.sure
    scored = sorted(((sum(w in language_info(t).words for w in sample.folded), t)
                     for t in unprofiled), key=lambda p: (-p[0], p[1]))
    return (scored[0][1], 0.5) if scored else (None, 0.0)


def _by_own_letters(sample: _Sample, profiled: list[str], unprofiled: list[str]) -> str | None:
    """A language without a model whose own letters (none of the modelled survivors has them)
    enough lines use."""
    script = sample.script
    others = frozenset().union(*(language_info(p).alphabets.get(script, frozenset())
                                 for p in profiled)) if profiled else frozenset()
    ranked = []
    for t in unprofiled:
        alpha = language_info(t).alphabets.get(script, frozenset())
        own = alpha - others
        mine = sample.share(own) if own else 0.0
        if mine and mine >= (_OWN_LINES if sample.many else 0.0):
            hits = sum(1 for w in sample.folded if w in language_info(t).words)
            # their function words first (a Mongolian track with some Kazakh lines: Kazakh's
            # alphabet explains every letter, Mongolian's words the most lines), then the
            # alphabet that explains the most lines (Uzbek ў ҳ rule Kazakh out)
            ranked.append((-hits, sample.share(sample.used - alpha), -mine, t))
    return min(ranked)[-1] if ranked else None


def _by_word_rate(sample: _Sample, survivors: list[str]) -> tuple[str, float] | None:
    """Function words, when they are frequent and clearly more frequent than any other
    language's, name a language without letters of its own in enough lines (Uzbek typed with
    plain apostrophes) or a track the model is unsure of (interjections only)."""
    folded = sample.folded
    rates = sorted(((sum(1 for w in folded if w in language_info(t).words) / len(folded), t)
                    for t in survivors), key=lambda p: (-p[0], p[1]))
    best_rate, best = rates[0]
    # (against the best other language: Bosnian is no rival of Serbian)
    rivals = [r for r, t in rates if t not in _group(best)]
    if best_rate >= _WORD_RATE and (not rivals or best_rate > 1.5 * rivals[0]):
        return best, min(1.0, 0.5 + best_rate * 2)
    return None


def _by_model(sample: _Sample, profiled: list[str],
              by_words: tuple[str, float] | None) -> tuple[str | None, float]:
    """The n-gram model's choice among the modelled survivors, unless the function words name
    another and the model is not all but sure."""
    model = ngram_model(tuple(profiled))
    post, _, _ = model.posterior(model_words(sample.ev.text, (sample.script,),
                                             names=not sample.many))
    if not post:
        return by_words or (profiled[0], 0.0)      # no word to judge by
    top = max(sorted(post), key=lambda k: post[k])
    if by_words is not None and by_words[0] != top and post[top] < 0.9:
        return by_words
    return top, post[top]


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
