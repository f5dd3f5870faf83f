"""The cue judge: the verdict on one cue against the track language (:class:`CueJudge`), its
thresholds (:class:`Settings`) and :class:`Verdict`."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from typing import Sequence

from . import _fastpaths
from .cue_evidence import Evidence, _rx, evidence, join_spaced, model_words
from .facts import _spellings_rx, fact_tag, language_info
from .identification import _named_by_words, identify
from .ngram_scoring import NGramModel, ngram_model
from .scripts import _KANA, _WIDE, _fold_word, _weight, script_of

# --------------------------------------------------------------------------------- verdicts

@dataclass(frozen=True, slots=True)
class Verdict:
    """What the detector concluded about one text in a track of ``expected`` language
    (verdicts are cached and shared)."""

    foreign: bool
    detected: str | None = None     # the language it seems to be in (None: unknown / native)
    confidence: float = 0.0         # how sure the conclusion "foreign" is, 0..1
    reason: str = ""                # script | letters | words | model | kana | marks | window
    script: str | None = None       # the foreign script for L003
    letters: int = 0
    p_expected: float | None = None  # model probability of the expected language
    lean: str | None = None         # language the text leans to without proof (for windows)
    native: bool = False            # positive evidence for the expected language


NATIVE = Verdict(False)


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds, each the profile parameter ``language_<name>`` (see the ``# language
    consistency`` block of rules/profiles/netflix.toml, where each is explained)."""

    script_min_letters: int
    script_share: float
    alien_min_letters: int
    model_min_letters: int
    lean_min_letters: int
    long_letters: int
    p_short: float
    p_long: float
    p_letters: float
    p_veto: float
    p_lean: float
    model_min_words: int
    model_min_words_long: int
    words_min_letters: int
    words_min_hits: int
    kana_min: int
    kana_absent_min: int

    @classmethod
    def param_names(cls) -> tuple[str, ...]:
        return tuple("language_" + f.name for f in fields(cls))

    @classmethod
    def from_profile(cls, profile=None, language: str | None = None) -> "Settings":
        """The thresholds of ``profile`` (default: the default profile) for ``language``."""
        if profile is None:
            from ..profiles import load_profile

            profile = load_profile()
        return cls(**{f.name: profile.param("language_" + f.name, language) for f in fields(cls)})


@functools.lru_cache(maxsize=None)
def _default_settings(language: str) -> Settings:
    return Settings.from_profile(None, language)


class CueJudge:
    """Judges texts against one expected track language."""

    def __init__(self, expected: str, settings: Settings | None = None,
                 scripts: Sequence[str] | None = None):
        """``scripts``: the scripts this track is written in, when the language has several
        (Kazakh or Uzbek in Cyrillic or Latin): see :func:`track_scripts`."""
        self.expected = fact_tag(expected) or expected
        self.info = language_info(self.expected)
        self.settings = settings if settings is not None else _default_settings(self.expected)
        chosen = tuple(scripts) if scripts else self.info.scripts
        if self.expected == "ja":
            chosen = tuple(dict.fromkeys(chosen + ("Hani", "Hira", "Kana")))
        self.native_scripts = frozenset(chosen)
        self.primary = chosen[0] if chosen else None
        self._verdicts: dict[str, Verdict] = {}
        self._models: dict = {}               # script -> model; "words:"+script -> words
        self._natives: dict[int, Verdict] = {}   # letters -> "native by its words" verdict
        self._differences: dict = {}          # (ours, other) -> function words one lacks
        # which shortcuts of _fastpaths hold for these settings
        self._one_script, self._by_words = _fastpaths.applies(self)
        self._never = self.info.never

    # -- helpers
    def _exclusive_words(self, script: str) -> tuple[frozenset, frozenset]:
        """(function words only this language has, words only its intruders in ``script``
        have), against all of those intruders at once."""
        key = "words:" + script
        if key not in self._models:
            theirs: set = set()
            for t in self.info.intruders:
                inf = language_info(t)
                if script in inf.scripts:
                    theirs |= inf.words
            self._models[key] = (frozenset(self.info.words - theirs),
                                 frozenset(theirs - self.info.words))
        return self._models[key]

    def _words_only(self, ours: bool, other: str) -> frozenset:
        """Our function words that ``other`` lacks (``ours``), or its words that we lack."""
        key = (ours, other)
        words = self._differences.get(key)
        if words is None:
            theirs = language_info(other).words
            words = self._differences[key] = self.info.words - theirs if ours else \
                theirs - self.info.words
        return words

    def _marks_of(self, other: str, text: str) -> bool:
        """The text has punctuation only ``other`` uses (Spanish ¿ ¡) and we do not."""
        marks = language_info(other).marks - self.info.marks
        return bool(marks) and any(c in marks for c in text)

    def _own_model(self, script: str) -> bool:
        """Whether our n-gram profile covers ``script`` (Serbo-Croatian's is Latin only)."""
        return bool(self.info.profile) and self.info.model_script in (None, script)

    def _model_for(self, script: str) -> NGramModel | None:
        if script not in self._models:
            tags = []
            own = self._own_model(script)
            if own:
                tags.append(self.expected)
            for t in self.info.intruders:
                inf = language_info(t)
                if inf.profile and script in inf.scripts and t not in tags and \
                        inf.profile != self.info.profile:
                    tags.append(t)
            self._models[script] = ngram_model(tuple(tags), cached=True) \
                if len(tags) >= 2 and own else None
        return self._models[script]

    def judge(self, text: str) -> Verdict:
        """The verdict on ``text`` (the same text always gets the same verdict: cached)."""
        verdict = self._verdicts.get(text)
        if verdict is None:
            verdict = self._verdicts[text] = self._judge(text)
        return verdict

    def _native(self, letters: int) -> Verdict:
        try:
            return self._natives[letters]
        except KeyError:
            v = self._natives[letters] = Verdict(False, letters=letters, native=True)
            return v

    def _judge(self, text: str) -> Verdict:
        verdict = _fastpaths.native_by_words(self, text)
        if verdict is not None:
            return verdict
        ev = evidence(text)
        if not ev.letters or not self.native_scripts:
            return NATIVE
        verdict = _fastpaths.native_in_one_script(self, ev)
        if verdict is not None:
            return verdict
        return self._judge_slow(ev)

    def _judge_slow(self, ev: Evidence) -> Verdict:
        """The verdict the steps of :data:`_STEPS` reach, in order: the first that concludes
        decides; each of the others only adds what it measured to the case."""
        if sum(1 for t in ev.tokens if len(t) == 1) >= 3 and _rx("spaced").search(ev.text):
            # a letter-spaced title is one word, not single-letter words ("О", "А", "К")
            ev = evidence(join_spaced(ev.text))
        case = _Case(ev)
        for step in _STEPS:
            verdict = step(self, case)
            if verdict is not None:
                return verdict
        return Verdict(False, letters=ev.letters)

    # -- the steps of _judge_slow: step(self, case) -> Verdict | None
    # 1. script gate
    def _weigh_scripts(self, case: _Case) -> None:
        """Measure the letters in our scripts and in foreign ones."""
        ev = case.ev
        for sc, n in ev.by_script.items():
            if sc in self.native_scripts:
                case.native += n * _weight(sc)
            elif sc in _WIDE:
                case.foreign[sc] = n * _weight(sc)
            else:
                # names, acronyms and brand names (John Smith, NASA, iPhone) do not count
                case.foreign[sc] = sum(len(w) for w in model_words(ev.text, (sc,), dedupe=False))
        case.n_foreign = sum(case.foreign.values())
        case.considered = case.native + case.n_foreign

    def _kana_in_chinese(self, case: _Case) -> Verdict | None:
        """Kana in a Chinese track: Japanese."""
        if not self.expected.startswith("zh"):
            return None
        ev = case.ev
        kana = sum(ev.by_script.get(k, 0) for k in _KANA)
        if kana >= self.settings.kana_min:
            share = kana / max(case.considered, 1)
            return Verdict(True, "ja", min(1.0, 0.6 + share), "kana",
                           script=None, letters=ev.letters)
        return None

    def _foreign_script(self, case: _Case) -> Verdict | None:
        """Enough letters of a script the language is not written in."""
        s = self.settings
        foreign, n_foreign = case.foreign, case.n_foreign
        if n_foreign >= s.script_min_letters and n_foreign >= s.script_share * case.considered:
            main = max(sorted(foreign), key=lambda k: foreign[k])
            guess, _conf = identify(case.ev.text, script=main)
            return Verdict(True, guess, min(1.0, n_foreign / case.considered), "script",
                           script=main, letters=case.ev.letters)
        return None

    # 2. same script: letters the language never uses
    def _choose_script(self, case: _Case) -> None:
        """Measure which of our scripts the text is judged in, and its letters."""
        ev = case.ev
        script = self.primary
        if case.native and script not in ev.by_script:
            script = max(sorted(k for k in ev.by_script if k in self.native_scripts),
                         key=lambda k: ev.by_script[k])
        case.script = script
        case.n = ev.by_script.get(script, 0) * _weight(script)
        if self.expected == "ja":
            case.n = 2 * sum(ev.by_script.get(k, 0) for k in ("Hani", "Hira", "Kana"))

    def _never_letters(self, case: _Case) -> Verdict | None:
        """A neighbour's letter we never write (Danish ø in Swedish, Serbian ј in Russian), in
        a word that is not a name: decisive even in a short cue."""
        ev, never = case.ev, self._never
        if never and not never.isdisjoint(ev.counts) and any(
                not never.isdisjoint(w.lower())
                for w in model_words(ev.text, (case.script,), dedupe=False)):
            guess, _conf = identify(ev.text, script=case.script, exclude=self.expected)
            return Verdict(True, guess, 0.9, "letters", letters=ev.letters)
        return None

    def _alien_letters(self, case: _Case) -> Verdict | None:
        """Measure the letters of our script our alphabet lacks. Outside Latin script they do
        not come from names: one is enough in a line long enough to judge, two in a shorter
        one."""
        ev, script, s = case.ev, case.script, self.settings
        alphabet = self.info.alphabets.get(script)
        case.aliens = [c for c, k in ev.counts.items()
                       if c not in alphabet and script_of(c) == script
                       for _ in range(k)] if alphabet else []
        aliens = case.aliens
        if aliens and script != "Latn" and len(aliens) >= (
                1 if case.n >= s.model_min_letters else s.alien_min_letters):
            guess, _conf = identify(ev.text, script=script, exclude=self.expected)
            return Verdict(True, guess, min(1.0, 0.5 + 0.1 * len(aliens)), "letters",
                           letters=ev.letters)
        return None

    def _own_function_word(self, case: _Case) -> Verdict | None:
        """A function word only we have and none only an intruder has: not examined further
        (most cues of a clean track end here, before the n-gram model)."""
        folded = case.ev.words
        own, theirs = self._exclusive_words(case.script)
        if not folded.isdisjoint(own) and folded.isdisjoint(theirs):
            return Verdict(False, letters=case.ev.letters, native=True)
        return None

    # the n-gram model
    def _model_words(self, case: _Case) -> None:
        """Measure the model of our script and the words it would read (names left out)."""
        case.model = self._model_for(case.script)
        if case.model is not None and case.n >= self.settings.lean_min_letters:
            scripts = ("Hani", "Hira", "Kana") if self.expected == "ja" else (case.script,)
            case.words = model_words(case.ev.text, scripts)
            case.model_letters = sum(map(len, case.words)) * _weight(case.script)

    def _kana_before_model(self, case: _Case) -> Verdict | None:
        """Kana in a Japanese line long enough for the model: what the steps below conclude
        whatever the model says (kana: Japanese), without asking it."""
        ev = case.ev
        if case.model_letters is not None and self.expected == "ja" and case.script != "Latn" \
                and case.model_letters >= self.settings.model_min_letters \
                and sum(ev.by_script.get(k, 0) for k in _KANA) >= self.settings.kana_min:
            return Verdict(False, letters=ev.letters, native=True)
        return None

    def _ask_model(self, case: _Case) -> None:
        """Measure the model's probabilities, for a text long enough to judge."""
        if case.model_letters is not None and \
                case.model_letters >= self.settings.model_min_letters:
            case.post, _used, case.support = case.model.posterior(case.words)
            if case.post:
                case.p_exp = case.post.get(self.expected)
                case.n = case.model_letters

    def _lean_of_short_text(self, case: _Case) -> Verdict | None:
        """A text too short to judge alone: only which way it leans, for judging runs of
        consecutive short cues together (or a foreign verdict on punctuation or words)."""
        s, ev = self.settings, case.ev
        if case.model_letters is None or \
                not s.lean_min_letters <= case.model_letters < s.model_min_letters:
            return None
        post, _used, support = case.model.posterior(case.words)
        case.post, case.support = post, support
        if not post:
            return None
        p_exp = post[self.expected]
        top = max(sorted(post), key=lambda k: post[k])
        if top != self.expected and self._marks_of(top, ev.text) and p_exp < s.p_letters:
            return Verdict(True, top, post[top], "marks", letters=ev.letters, p_expected=p_exp)
        lean = top if top != self.expected and p_exp < s.p_lean \
            and support.get(top, 0) >= 1 else None
        if lean is not None and case.n >= s.words_min_letters:
            # too few letters for the model (names left out), enough for words:
            # the words and letters of the language it leans to may prove it
            by_words = self._judge_words(ev, case.script, case.n, only=top)
            if by_words.foreign:
                return Verdict(True, top, by_words.confidence, "words",
                               letters=ev.letters, p_expected=p_exp)
        return Verdict(False, letters=ev.letters, lean=lean, native=p_exp >= 0.5)

    def _alien_letters_in_latin(self, case: _Case) -> Verdict | None:
        """In Latin script a foreign name ("Muñoz" in French) brings a letter or two: the
        letters must be in two words at least, and the model (when the language has one) must
        agree."""
        ev, aliens, p_exp, s = case.ev, case.aliens, case.p_exp, self.settings
        if not aliens or case.script != "Latn":
            return None
        alien_words = sum(1 for t in ev.tokens if any(c in aliens for c in t.lower()))
        if len(aliens) >= s.alien_min_letters and alien_words >= 2 and (
                (p_exp is not None and p_exp < s.p_letters)
                or (case.model is None and not self._own_model(case.script))):
            guess, _conf = identify(ev.text, script=case.script, exclude=self.expected)
            return Verdict(True, guess, min(1.0, 0.5 + 0.1 * len(aliens)), "letters",
                           letters=ev.letters, p_expected=p_exp)
        return None

    def _kana_in_japanese(self, case: _Case) -> Verdict | None:
        """Japanese sentences are written with kana: a long line of Han characters alone that
        the model finds Chinese is Chinese; a line with kana is Japanese."""
        if self.expected != "ja":
            return None
        ev, p_exp, s = case.ev, case.p_exp, self.settings
        kana = [ev.by_script.get(k) for k in _KANA]
        if p_exp is not None and p_exp < s.p_letters and not any(kana) and \
                ev.by_script.get("Hani", 0) >= s.kana_absent_min:
            return Verdict(True, "zh", 1.0 - p_exp, "kana", letters=ev.letters,
                           p_expected=p_exp)
        if sum(k or 0 for k in kana) >= s.kana_min:
            return Verdict(False, letters=ev.letters, native=True)
        return None

    # 3. model
    def _model_verdict(self, case: _Case) -> Verdict | None:
        """The model's verdict, with a stricter limit when our own function words or another
        language's punctuation speak, and the words of the languages it does not know."""
        if case.p_exp is None:
            return None
        ev, s, n, post, p_exp = case.ev, self.settings, case.n, case.post, case.p_exp
        top = max(sorted(post), key=lambda k: post[k])
        limit, words_needed = self._model_limits(case, top)
        # two words at least must speak for the other language: one word is a name or a
        # loanword more often than it is a foreign line
        if p_exp < limit and top != self.expected and case.support.get(top, 0) >= words_needed \
                and (top not in self.info.close or
                     self._decisive(ev, case.script, top, sure=p_exp < s.p_veto)):
            # (a close neighbour only on decisive evidence: see _decisive)
            return Verdict(True, self._rename(ev, case.model, top), post[top], "model",
                           letters=ev.letters, p_expected=p_exp)
        if n >= s.words_min_letters:
            # intruders the model does not know (Kyrgyz in a Russian track): their words
            by_words = self._judge_words(ev, case.script, n, unmodelled_only=True)
            if by_words.foreign:
                return by_words
            if top != self.expected and p_exp < s.p_letters:
                # the model leans to a language; its words and letters may prove it
                by_words = self._judge_words(ev, case.script, n, only=top,
                                             bonus=1 if p_exp < limit else 0)
                if by_words.foreign:
                    return Verdict(True, self._rename(ev, case.model, top), by_words.confidence,
                                   "words", letters=ev.letters, p_expected=p_exp)
            marked = [t for t in sorted(post) if t != self.expected and self._marks_of(t, ev.text)]
            if top == self.expected and len(marked) == 1:
                # the model takes a close neighbour's line for ours (Spanish for Portuguese), but
                # its punctuation (¿ ¡) is the neighbour's: its words may prove it
                by_words = self._judge_words(ev, case.script, n, only=marked[0], bonus=1)
                if by_words.foreign:
                    return Verdict(True, marked[0], by_words.confidence, "words",
                                   letters=ev.letters, p_expected=p_exp)
        return Verdict(False, letters=ev.letters, p_expected=p_exp,
                       lean=top if p_exp < s.p_lean and top != self.expected else None,
                       native=p_exp >= 0.5)

    def _model_limits(self, case: _Case, top: str) -> tuple[float, int]:
        """(the probability under which the model's verdict stands, the words that must speak
        for ``top``)."""
        s = self.settings
        long = case.n >= s.long_letters
        limit = s.p_long if long else s.p_short
        words_needed = s.model_min_words_long if long else s.model_min_words
        if top != self.expected:
            if not case.ev.words.isdisjoint(self._words_only(True, top)):
                # a function word of ours that the other language lacks ("це" in a
                # Ukrainian line the model finds Russian): the model must be very sure
                limit = s.p_veto
            elif self._marks_of(top, case.ev.text):
                # punctuation only the other language uses (Spanish ¿ ¡)
                limit = max(limit, s.p_letters)
                words_needed = 1
        return limit, words_needed

    # 4. words, for languages without a model
    def _words_without_model(self, case: _Case) -> Verdict | None:
        if not self._own_model(case.script) and case.n >= self.settings.words_min_letters:
            return self._judge_words(case.ev, case.script, case.n)
        return None

    def _rename(self, ev: Evidence, model: NGramModel, top: str) -> str:
        """The model's choice among the other languages, unless function words only one of them
        has, or punctuation only one of them uses, name another (Danish "altid" where the model
        leans to Norwegian)."""
        others = [t for t in model.tags if t != self.expected]
        marked = [t for t in others if self._marks_of(t, ev.text)]
        if len(marked) == 1:
            return marked[0]                # punctuation only it uses (Spanish ¿ ¡)
        return _named_by_words(ev.words, others) or top

    def _decisive(self, ev: Evidence, script: str, other: str, sure: bool = False) -> bool:
        """Whether ``ev`` shows decisive evidence for ``other`` against us: a function word of
        its that we lack or a letter of its that our alphabet lacks (or, when ``sure``, the
        n-gram model is all but certain: under ``language_p_veto``), and neither a function
        word of ours that it lacks nor a letter of ours that its alphabet lacks."""
        folded = ev.words
        if not folded.isdisjoint(self._words_only(True, other)):
            return False
        ours = self.info.alphabets.get(script)
        theirs = language_info(other).alphabets.get(script)
        if ours is not None and theirs is not None:
            letters = [c for c in ev.counts if script_of(c) == script]
            if any(c in ours and c not in theirs for c in letters):
                return False
            if any(c in theirs and c not in ours for c in letters):
                return True
        return sure or not folded.isdisjoint(self._words_only(False, other))

    def _judge_words(self, ev: Evidence, script: str, n: int,
                     unmodelled_only: bool = False, only: str | None = None,
                     bonus: int = 0) -> Verdict:
        """Points for another language X: each of X's frequent words that is not ours, each
        letter X has and we lack (at most two), one for two or more letters our native words
        never use and one for each kind of spelling they never show (``loan_spellings``; these
        two at most), and ``bonus``. X wins with ``words_min_hits`` points when the text has
        none of our own words and none of the letters we have and X lacks."""
        s = self.settings
        own = self.info.alphabets.get(script, frozenset())
        counts = ev.counts
        folded = [_fold_word(t) for t in ev.tokens]
        loans = sum(counts.get(c, 0) for c in self.info.loan_letters)
        # one point for two loan letters, one for each kind of spelling our native words never
        # show (Turkish sh, a Kazakh doubled vowel) in a word that is neither an acronym nor one
        # repeated letter (Ааа); two at most
        odd = 1 if loans >= 2 else 0
        spelled: list[list[str]] = []     # per kind of loan spelling, the words showing it
        if self.info.loan_spellings:
            plain = [w for t, w in zip(ev.tokens, folded, strict=True)
                     if len(set(w)) > 1 and not (len(t) > 1 and t.isupper())]
            spelled = [found for found in ([w for w in plain if rx.search(w)]
                                           for rx in _spellings_rx(self.info.loan_spellings))
                       if found]
        best = None
        for other in self.info.intruders:
            oi = language_info(other)
            if script not in oi.scripts or not oi.words or (unmodelled_only and oi.profile) \
                    or (only is not None and other != only) \
                    or (other in self.info.close and not self._decisive(ev, script, other)):
                continue
            other_alpha = oi.alphabets.get(script)
            points = bonus
            if other_alpha is not None and own:
                if any(c in own and c not in other_alpha for c in counts):
                    continue                     # the text uses letters only we have
                points += min(2, sum(k for c, k in counts.items() if c in other_alpha
                                     and c not in own and script_of(c) == script))
            exclusive = self._words_only(False, other)
            points += sum(1 for w in folded if w in exclusive)
            ours = sum(1 for w in folded if w in self.info.words and w not in oi.words)
            # a loanword speaks for X only if X's native words could show its spelling (a
            # Russian loan in a Kazakh line is no evidence of Kyrgyz, which spells as Kazakh)
            theirs_rx = _spellings_rx(oi.loan_spellings)
            points += min(2, odd + sum(
                1 for found in spelled
                if any(not any(rx.search(w) for rx in theirs_rx) for w in found)))
            if self.info.marker_letters and n >= self.info.marker_letters and \
                    other_alpha is not None:
                # a line this long always shows one of our own letters (Kazakh і қ ә ...)
                points += 1
            if points >= s.words_min_hits and ours == 0 and (best is None or points > best[1]):
                best = (other, points)
        if best is not None:
            other, points = best
            return Verdict(True, other, min(1.0, 0.5 + 0.15 * points), "words",
                           letters=ev.letters)
        return Verdict(False, letters=ev.letters)


@dataclass(slots=True)
class _Case:
    """What the steps of :meth:`CueJudge._judge_slow` measured so far about one text (working
    state, filled in step by step; not a value)."""

    ev: Evidence
    native: int = 0                  # weighted letters in our scripts
    foreign: dict[str, int] = field(default_factory=dict)   # foreign script -> letters
    n_foreign: int = 0
    considered: int = 0              # native + n_foreign
    script: str | None = None        # the script of ours the text is judged in
    n: int = 0                       # its letters (after the model: the model's letters)
    aliens: list[str] = field(default_factory=list)   # its letters our alphabet lacks
    model: NGramModel | None = None
    words: list[str] = field(default_factory=list)    # the words the model reads
    model_letters: int | None = None  # their letters (None: the model is not asked)
    post: dict[str, float] = field(default_factory=dict)   # the model's probabilities
    support: dict[str, int] = field(default_factory=dict)  # words speaking for each language
    p_exp: float | None = None       # the probability of our language (None: no judgement)


#: The steps of the cue judge, in order (see :meth:`CueJudge._judge_slow`).
_STEPS = (
    CueJudge._weigh_scripts,
    CueJudge._kana_in_chinese,
    CueJudge._foreign_script,
    CueJudge._choose_script,
    CueJudge._never_letters,
    CueJudge._alien_letters,
    CueJudge._own_function_word,
    CueJudge._model_words,
    CueJudge._kana_before_model,
    CueJudge._ask_model,
    CueJudge._lean_of_short_text,
    CueJudge._alien_letters_in_latin,
    CueJudge._kana_in_japanese,
    CueJudge._model_verdict,
    CueJudge._words_without_model,
)
