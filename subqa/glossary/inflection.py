"""Inflected forms of term words, as data (``[<lang>.inflection]`` in rules/lang/morphology.toml).

Two models, each a closed inventory of endings with the grammar it follows cited in the data file:

* ``paradigms`` (fusional languages: Russian, Urdu): an ending *replaces* the dictionary ending.
  A class lists the dictionary endings of its words (``lemma``) and every ending its forms take
  (``forms``). A term word ``центральная`` (adjective class, lemma ending ``ая``) gets the key
  ``центральн`` + class; a text word ``центральной`` gets, for every class with an ending it ends
  in, ``стем`` + class; they match when the keys are equal. A term word in an oblique form
  (``субтитров`` in ``перевод субтитров``) has no dictionary ending and matches as written.
* ``suffixes`` (agglutinative languages: Kazakh, Kyrgyz, Uzbek, Uyghur, Turkish, and the closed
  clitic sets of Persian and Arabic): up to ``max_suffixes`` suffixes are *added*, in the order of
  ``slots`` (plural, possessive, case, ...). A text word is peeled from its end: each suffix must be
  one of its slot's allomorphs, come after the slots before it, agree with the last harmony vowel of
  what precedes it (``harmony``: a suffix vowel -> the base vowels it may follow), and fit the sound
  before it: a suffix beginning with a vowel follows a consonant; one beginning with a voiceless
  consonant of ``voiced`` follows a voiceless consonant, one beginning with its voiced partner does
  not; ``@V``, ``@C``, ``@VN`` (vowel or nasal) written after an allomorph say it explicitly
  (buffer consonants: Turkish ``-sı``, ``-nın``, Kazakh ``-сы``, ``-ның``), ``@*`` a suffix
  without harmony (Kazakh ``-мен``). Where a stem's final
  consonant alternates before a vowel (Turkish ``birlik`` -> ``birliğin``), ``alternations`` maps
  the text letter back. Every base left is a key; a term word's key is the word itself and, where
  ``term_slots`` says so, the word less one such suffix, marked POSSESSED: it matches a text base
  that lost a possessive suffix too (``مىراسلىرىنى`` "its heritages (acc.)" matches ``مىراسى``
  "its heritage"), not one that only lost a case ending (Kazakh ``мәдениетті`` "cultured" does
  not match ``мәдениеті``). An allomorph written ``@-`` has no sound condition.

Nothing here guesses: a word whose ending is not in the inventory (a derivation such as Kazakh
``-лық``, Turkish ``-lı``, Russian ``-чик``) is a different word and does not match.
"""
from __future__ import annotations

MARK = "\x1f"        # separates a paradigm stem from its class in a key (never in normalised text)


POSSESSED = MARK + "P"   # a base that carried a possessive suffix (see term_slots)


class _Suffix:
    __slots__ = ("text", "slot", "vowel", "needs", "possessive")

    def __init__(self, text: str, slot: int, vowel: str | None, needs: str, possessive: bool):
        self.text = text
        self.slot = slot
        self.vowel = vowel      # its first harmony vowel (None: no harmony constraint)
        self.needs = needs      # "" | "V" | "C" | "VN" | "voiceless" | "voiced"
        self.possessive = possessive


class Inflection:
    """The inflection facts of one language, compiled from its ``inflection`` table."""

    def __init__(self, table: dict, alternations: dict[str, str] | None = None):
        self._source = (table, alternations)
        self.model = table.get("model", "")
        self.min_stem = int(table.get("min_stem", 2))
        self.alternations = dict(alternations or {})
        # the stem's final letter alternates before a vowel-initial suffix (Turkic) or before any
        # (Arabic ta marbuta, written ت before a pronoun): alternation_before = "vowel" | "any"
        self.alternate_always = table.get("alternation_before", "vowel") == "any"
        # paradigms: class -> (lemma endings, form endings, letters a stem may end in or "")
        self.classes: list[tuple[str, tuple[str, ...], tuple[str, ...], str]] = []
        for name, spec in table.get("paradigms", {}).items():
            lemma = tuple(sorted(spec.get("lemma", ()), key=len, reverse=True))
            forms = tuple(sorted(set(spec.get("forms", ())), key=len, reverse=True))
            self.classes.append((name, lemma, forms, spec.get("stem_final", "")))
        # by ending: the classes having it as a lemma / form ending (a few dict lookups per word)
        self._lemma_by_end = self._by_ending(1)
        self._forms_by_end = self._by_ending(2)
        self._longest = max((len(e) for c in self.classes for e in c[1] + c[2]), default=0)
        # suffixes
        self.max_suffixes = int(table.get("max_suffixes", 3))
        self.vowels = frozenset(table.get("vowels", ""))
        self.harmony: dict[str, frozenset[str]] = {v: frozenset(after) for v, after
                                                   in table.get("harmony", {}).items()}
        self.harmony_vowels = frozenset("".join(table.get("harmony", {}).values()))
        self.final_vowel: dict[str, str] = dict(table.get("final_vowel", {}))
        voiced = table.get("voiced", {})                 # voiceless letter -> its voiced partner
        self.voiceless_initial = frozenset(voiced)
        self.voiced_initial = frozenset(voiced.values())
        self.voiceless = frozenset(table.get("voiceless", ""))
        self.nasals = frozenset(table.get("nasals", ""))
        self.suffixes: list[_Suffix] = []
        slot_names = [s["name"] for s in table.get("slots", ())]
        for i, slot in enumerate(table.get("slots", ())):
            possessive = slot["name"].startswith("possessive")
            for raw in slot.get("suffixes", ()):
                text, _, flags = raw.partition("@")
                vowel = None if "*" in flags else self._first_vowel(text)
                needs = flags.replace("*", "")
                needs = "" if needs == "-" else (needs or self._needs(text))
                self.suffixes.append(_Suffix(text, i, vowel, needs, possessive))
        self.suffixes.sort(key=lambda s: -len(s.text))
        by_end: dict[str, list[_Suffix]] = {}
        for s in self.suffixes:
            by_end.setdefault(s.text[-1], []).append(s)
        self._by_end = by_end
        term_slots = set(table.get("term_slots", ()))
        self._term_suffixes = [s for s in self.suffixes if slot_names[s.slot] in term_slots]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._source == other._source

    __hash__ = None                      # type: ignore[assignment]

    # -- shared ------------------------------------------------------------------------------
    def _first_vowel(self, text: str) -> str | None:
        for ch in text:
            if ch in self.harmony:
                return ch
        return None

    def _needs(self, text: str) -> str:
        first = text[0]
        if first in self.vowels:
            return "C"
        if first in self.voiceless_initial:
            return "voiceless"
        if first in self.voiced_initial:
            return "voiced"
        return ""

    def _base_vowel(self, base: str) -> str | None:
        """The vowel a following suffix harmonises with: the base's last harmony vowel (a final
        letter of ``final_vowel``, the soft sign of Russian loans in Kazakh, stands for one)."""
        if base and base[-1] in self.final_vowel:
            return self.final_vowel[base[-1]]
        for ch in reversed(base):
            if ch in self.harmony_vowels:
                return ch
        return None

    def _fits(self, base: str, suffix: _Suffix) -> bool:
        last = base[-1]
        needs = suffix.needs
        if needs == "C" and last in self.vowels:
            return False
        if needs == "V" and last not in self.vowels:
            return False
        if needs == "VN" and last not in self.vowels and last not in self.nasals:
            return False
        if needs == "voiceless" and last not in self.voiceless:
            return False
        if needs == "voiced" and last in self.voiceless:
            return False
        if suffix.vowel is not None:
            v = self._base_vowel(base)
            if v is not None and v not in self.harmony[suffix.vowel]:
                return False
        return True

    # -- keys --------------------------------------------------------------------------------
    def term_keys(self, word: str) -> set[str]:
        if self.model == "paradigms":
            return self._paradigm_keys(word, self._lemma_by_end)
        if self.model == "suffixes":
            out = set()
            for s in self._term_suffixes:
                if word.endswith(s.text):
                    base = word[:-len(s.text)]
                    if len(base) >= self.min_stem and self._fits(base, s):
                        out.add(base + POSSESSED)
                        out.update(alt + POSSESSED for alt in self._alternated(base, s))
            return out
        return set()

    def text_keys(self, word: str) -> set[str]:
        if self.model == "paradigms":
            return self._paradigm_keys(word, self._forms_by_end)
        if self.model == "suffixes":
            out: set[str] = set()
            self._peel(word, len(self._slot_count()), 0, False, out)
            return out
        return set()

    # -- paradigms ---------------------------------------------------------------------------
    def _by_ending(self, field: int) -> dict[str, list[tuple[str, str]]]:
        """ending -> (MARK + class, letters a stem may end in or "") of the classes having it."""
        out: dict[str, list[tuple[str, str]]] = {}
        for c in self.classes:
            for ending in c[field]:
                out.setdefault(ending, []).append((MARK + c[0], c[3]))
        return out

    def _paradigm_keys(self, word: str, by_end: dict[str, list[tuple[str, str]]]) -> set[str]:
        """stem + MARK + class for every class with an ending of ``by_end`` that ``word`` ends
        in (its stem of at least min_stem letters, ending in one of the class's stem_final)."""
        out: set[str] = set()
        n = len(word)
        for length in range(min(self._longest, n - self.min_stem) + 1):
            classes = by_end.get(word[n - length:])
            if classes is not None:
                stem = word[:n - length]
                for mark_class, final in classes:
                    if not final or stem[-1] in final:
                        out.add(stem + mark_class)
        return out

    # -- suffixes ----------------------------------------------------------------------------
    def _slot_count(self) -> range:
        return range(max((s.slot for s in self.suffixes), default=-1) + 1)

    def _alternated(self, base: str, suffix: _Suffix) -> list[str]:
        alt = self.alternations.get(base[-1])
        if alt and (self.alternate_always or suffix.text[0] in self.vowels):
            return [base[:-1] + alt]
        return []

    def _peel(self, word: str, below: int, depth: int, possessed: bool, out: set[str]) -> None:
        """Every base of ``word`` less up to max_suffixes - depth suffixes of slots < ``below``;
        a base that lost a possessive suffix on the way also with the POSSESSED mark (it then
        matches a term word less its own possessive: мұрамыз for мұрасы)."""
        if depth >= self.max_suffixes or not word:
            return
        for s in self._by_end.get(word[-1], ()):
            if s.slot >= below or not word.endswith(s.text):
                continue
            base = word[:-len(s.text)]
            if len(base) < self.min_stem or not self._fits(base, s):
                continue
            had = possessed or s.possessive
            for form in [base, *self._alternated(base, s)]:
                out.add(form)
                if had:
                    out.add(form + POSSESSED)
            self._peel(base, s.slot, depth + 1, had, out)
