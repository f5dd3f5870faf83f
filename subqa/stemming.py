"""Text normalisation and word forms for glossary matching, one :class:`Morphology` per language.

The facts (stemmer, suffix allowance, clitics, letter folds) are data in
``rules/lang/morphology.toml`` and, for what real text varies on (look-alike letters of another
script, ZWNJ or space in compounds, hamza seats, the punctuation allowed inside a multi-word
name), ``rules/lang/folding.toml``; this module only applies them:

* ``normalize`` maps text to a comparison form and keeps, for every output character, the index
  of the character of the input it came from: NFC, then per character NFKC (full-width Latin and
  digits become ASCII), case folding (Turkish/Azerbaijani I→ı, İ→i), removal of invisible joiners,
  tatweel and Arabic vowel marks, apostrophe variants unified, letter folds (Russian ё→е).
* ``words`` splits normalised text into words (letters, marks and digits; everything else
  separates, so a term spans a line break, quotation marks and hyphens);
  ``chars`` keeps only letters, marks and digits for scripts without word boundaries.
* ``text_keys`` gives the forms under which a text word may match a term word, each with a
  quality (3 exact, 2 stem, clitic or inflection ending stripped, 1 bounded suffix allowance);
  ``term_keys`` gives the forms of a term word (itself, its stem, its inflection keys). Where a
  language has an ``inflection`` table, :mod:`subqa.glossary.inflection` gives those keys.
"""
from __future__ import annotations

import functools
import unicodedata
from typing import Sequence

from .langtags import primary
from .resources import rules_dir
from .text import FOLDED_APOSTROPHES
from .tomlload import load_toml

EXACT, STEM, SUFFIX = 3, 2, 1

_APOSTROPHES = FOLDED_APOSTROPHES
_UZ_APOSTROPHE = "\u02bb"        # Uzbek oʻ gʻ and tutuq belgisi, all folded to one letter
_REMOVE = {
    # joiners, soft hyphen, tatweel
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0640",
    *(chr(c) for c in range(0x064B, 0x0660)),                                # Arabic harakat
    "\u0670",                                                                # superscript alef
}


def snowball_stemmer(name: str):
    """The Snowball algorithm ``name`` (``english``, ``russian`` ...) from PyStemmer, the
    Snowball project's own C build of its algorithms: the same stems as the pure-Python
    ``snowballstemmer`` package (tests/test_glossary.py compares them word by word), some 10-40
    times faster, which is what compiling a large glossary's terms costs."""
    import Stemmer

    return Stemmer.Stemmer(name)


# How much of a word its Snowball stem keeps, per algorithm, where that was verified: every stem
# of at least min_stem_letters letters, but for its last ``slack`` letters, is a prefix of the
# (normalised) word it came from, except for the words listed, which are always stemmed
# (irregular forms the algorithm lists itself whose stem changes the first min_stem_letters
# letters: Porter2's skies -> sky, dying -> die, lying -> lie, tying -> tie). English needs one
# letter (y -> i: try -> tri, community -> communiti; suffix replacements such as -biliti ->
# -ble end in a changed letter at most); the Russian, Danish, Swedish and Norwegian algorithms
# only delete endings (Russian ё -> е is folded before stemming). Checked by
# tests/test_glossary_fastpaths.py over the words of the seed glossary and of every corpus file. A
# matcher uses this to stem only the words that can stem to a term's first word; algorithms not
# listed keep the coarser test (the first min_stem_letters letters).
STEM_PREFIX: dict[str, tuple[int, frozenset[str]]] = {
    "english": (1, frozenset({"skies", "dying", "lying", "tying"})),
    "russian": (0, frozenset()),
    "danish": (0, frozenset()),
    "swedish": (0, frozenset()),
    "norwegian": (0, frozenset()),
}


# Each word is stemmed once per process and algorithm (PyStemmer: some 2-3 us a word).

@functools.lru_cache(maxsize=None)
def _stemmer(name: str):
    return snowball_stemmer(name)


@functools.lru_cache(maxsize=100_000)
def _stem(name: str, word: str) -> str:
    """``word`` stemmed by the Snowball algorithm ``name``."""
    return _stemmer(name).stemWord(word)


def forget_stems() -> None:
    """Forget every stem computed in this process (a benchmark or test that must start as a new
    run does)."""
    _stem.cache_clear()


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    return load_toml(rules_dir() / "lang" / "morphology.toml")


@functools.lru_cache(maxsize=1)
def _folding() -> dict:
    return load_toml(rules_dir() / "lang" / "folding.toml")


ZWNJ = "\u200c"


class Token:
    """A word of normalised text (a plain class: a dataclass costs import time)."""

    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: int, end: int):
        self.text = text      # normalised word
        self.start = start    # offsets in the normalised string
        self.end = end

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, start={self.start!r}, end={self.end!r})"


class Morphology:
    """The matching facts of one language (a plain class: a dataclass costs import time)."""

    _fields = ("language", "segmentation", "stemmer_name", "suffix_letters", "min_stem_letters",
               "prefix_groups", "prefix_rewrites", "alternations", "dotted_i", "apostrophe_letter",
               "folds", "compound_letters", "name_gap", "zwnj_space", "inflection")
    __hash__ = None                      # type: ignore[assignment]  # mutable, as a dataclass

    def __init__(self, language: str, segmentation: str = "words", stemmer_name: str | None = None,
                 suffix_letters: int = 0, min_stem_letters: int = 3,
                 prefix_groups: tuple[tuple[str, ...], ...] = (),
                 prefix_rewrites: dict[str, str] | None = None,
                 alternations: dict[str, str] | None = None, dotted_i: bool = False,
                 apostrophe_letter: bool = False, folds: dict[str, str] | None = None,
                 compound_letters: int = 0, name_gap: frozenset[str] = frozenset(),
                 zwnj_space: bool = False, inflection=None):
        self.language = language
        self.segmentation = segmentation
        self.stemmer_name = stemmer_name
        self.suffix_letters = suffix_letters
        self.min_stem_letters = min_stem_letters
        self.prefix_groups = prefix_groups
        self.prefix_rewrites = {} if prefix_rewrites is None else prefix_rewrites
        self.alternations = {} if alternations is None else alternations
        self.dotted_i = dotted_i
        self.apostrophe_letter = apostrophe_letter
        self.folds = {} if folds is None else folds
        # a term word may open a compound word: min. length
        self.compound_letters = compound_letters
        # besides white space, what may stand between a term's words
        self.name_gap = name_gap
        self.zwnj_space = zwnj_space     # a ZWNJ in a term also matches a space
        self.inflection = inflection     # subqa.glossary.inflection.Inflection or None
        self.__post_init__()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return all(getattr(self, f) == getattr(other, f) for f in self._fields)
        return NotImplemented

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"Morphology({inner})"

    def __post_init__(self) -> None:
        self._fold_table: dict[str, str] = {}      # character -> its fold (_fold_char)
        self._word_chars: dict[str, bool] = {}     # character -> _is_word_char

    @property
    def chars(self) -> bool:
        return self.segmentation == "chars"

    @property
    def stem_prefix(self) -> tuple[int, frozenset[str]] | None:
        """(slack, exceptions) of :data:`STEM_PREFIX` for this language's stemmer, None when
        not verified (or no stemmer)."""
        return STEM_PREFIX.get(self.stemmer_name or "")

    # -- normalisation -----------------------------------------------------------------------
    def _fold_char(self, ch: str) -> str:
        if ch in _REMOVE:
            return ""
        if ch in _APOSTROPHES:
            return _UZ_APOSTROPHE if self.apostrophe_letter else "'"
        if ch == "\u0130":                       # İ
            return "i"
        if ch == "I" and self.dotted_i:
            return "\u0131"                      # ı
        out = unicodedata.normalize("NFKC", ch)
        if self.dotted_i:
            out = out.replace("I", "\u0131").replace("\u0130", "i")
        out = out.casefold()
        if self.folds:
            out = "".join(self.folds.get(c, c) for c in out)
        return out

    def folded(self, ch: str) -> str:
        """_fold_char(ch), remembered."""
        folded = self._fold_table.get(ch)
        if folded is None:
            folded = self._fold_table[ch] = self._fold_char(ch)
        return folded

    def normalize(self, text: str) -> tuple[str, Sequence[int]]:
        """Normalised text and, per output character, the index in ``NFC(text)`` it came from.
        (The matchers take a shorter way where it gives the same: subqa.glossary._fastpaths.)"""
        text = unicodedata.normalize("NFC", text)
        out: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(text):
            folded = self.folded(ch)
            if len(folded) == 1:
                out.append(folded)
                origin.append(i)
                continue
            for c in folded:
                if c == "\u0307" and out and out[-1] == "i":
                    continue                     # i + combining dot (from İ in other languages)
                out.append(c)
                origin.append(i)
        return "".join(out), origin

    def fold(self, text: str) -> str:
        return self.normalize(text)[0]

    # -- segmentation ------------------------------------------------------------------------
    def _is_word_char(self, ch: str) -> bool:
        got = self._word_chars.get(ch)
        if got is None:
            got = self._word_chars[ch] = (ch == _UZ_APOSTROPHE and self.apostrophe_letter) or \
                unicodedata.category(ch)[0] in "LMN"
        return got

    def words(self, norm: str) -> list[Token]:
        tokens: list[Token] = []
        start = -1
        is_word = self._word_chars
        for i, ch in enumerate(norm):
            w = is_word.get(ch)
            if w is None:
                w = self._is_word_char(ch)
            if w:
                if start < 0:
                    if ch == _UZ_APOSTROPHE:
                        continue                 # an opening quotation mark, not the letter
                    start = i
            elif start >= 0:
                tokens.append(Token(norm[start:i], start, i))
                start = -1
        if start >= 0:
            tokens.append(Token(norm[start:], start, len(norm)))
        return tokens

    def word_spans(self, norm: str) -> list[tuple[str, int, int]]:
        """:meth:`words` as (text, start, end) tuples."""
        return [(t.text, t.start, t.end) for t in self.words(norm)]

    def chars_stream(self, norm: str) -> tuple[str, list[int]]:
        """Letters, marks and digits only, with each kept character's offset in ``norm``."""
        kept = [(c, i) for i, c in enumerate(norm) if self._is_word_char(c)]
        return "".join(c for c, _ in kept), [i for _, i in kept]

    def term_variants(self, text: str) -> list[str]:
        """The spellings a term is matched under: itself and, where a ZWNJ may be written as a
        space (Persian, Urdu), the spelling with spaces (سین‌کیانگ also as سین کیانگ)."""
        if self.zwnj_space and ZWNJ in text:
            return [text, text.replace(ZWNJ, " ")]
        return [text]

    # -- word forms --------------------------------------------------------------------------
    def stem(self, word: str) -> str:
        """The word's Snowball stem (itself without a stemmer); PyStemmer is imported only when a
        word is actually stemmed."""
        return _stem(self.stemmer_name, word) if self.stemmer_name else word

    def term_keys(self, word: str) -> frozenset[str]:
        """Forms of a (normalised) term word that a text word may be matched under."""
        keys = {word}
        if self.prefix_groups:                   # a term written with the article (Arabic al-)
            for article in self.prefix_groups[-1]:  # also matches the word without it
                if len(article) > 1 and word.startswith(article) and len(word) - len(article) >= 2:
                    keys.add(word[len(article):])
        if self.stemmer_name and len(word) >= self.min_stem_letters:
            keys.update(st for st in (self.stem(k) for k in list(keys))
                        if len(st) >= self.min_stem_letters)
        if self.inflection is not None:          # inflected forms (rules/lang/morphology.toml)
            for k in list(keys):
                keys.update(self.inflection.term_keys(k))
        return frozenset(k for k in keys if k)

    def _unprefixed(self, word: str) -> list[str]:
        """The word with optional clitic prefixes removed (Arabic wa-/fa-, bi-/ka-/li-, al-); when
        the article was removed the form with the article is kept too (terms may include it)."""
        if not self.prefix_groups:
            return []
        forms: list[str] = []
        bases = [word]
        for contracted, expanded in self.prefix_rewrites.items():
            if word.startswith(contracted):
                bases.append(expanded + word[len(contracted):])

        def walk(rest: str, group: int, stripped: bool, article: str) -> None:
            if group == len(self.prefix_groups):
                if stripped and len(rest) >= 2:
                    forms.append(rest)
                    if article:
                        forms.append(article + rest)
                return
            walk(rest, group + 1, stripped, article)
            for prefix in self.prefix_groups[group]:
                if rest.startswith(prefix) and len(rest) - len(prefix) >= 2:
                    is_article = group == len(self.prefix_groups) - 1 and len(prefix) > 1
                    walk(rest[len(prefix):], group + 1, True, prefix if is_article else article)

        for base in bases:
            walk(base, 0, base != word, "")
        return forms

    def text_keys(self, word: str, prefixes: "set[str] | frozenset[str] | None" = None,
                  may_stem=None) -> dict[str, int]:
        """Every form a text word may match a term word under, with its best quality.

        ``prefixes`` (the first ``min_stem_letters`` letters of every term word form of a
        glossary) lets the stemmer, the one costly step, be skipped for words that cannot match
        anything: Snowball stems keep a word's first letters, except where a language strips
        prefixes (Arabic), where the stemmer always runs. ``may_stem`` (a test of a word, for a
        stemmer of :data:`STEM_PREFIX`) replaces that test: the stemmer runs on a word only if
        it says True."""
        keys: dict[str, int] = {word: EXACT}

        def add(key: str, quality: int) -> None:
            if key and keys.get(key, 0) < quality:
                keys[key] = quality

        bases = [word] + self._unprefixed(word)
        for base in bases[1:]:
            add(base, STEM)
        if self.stemmer_name:
            n = self.min_stem_letters
            gate = prefixes is not None and not self.prefix_groups
            for base in list(bases):
                if may_stem is not None:
                    if not may_stem(base):
                        continue
                elif gate and base[:n] not in prefixes:
                    continue
                st = self.stem(base)
                if len(st) >= self.min_stem_letters:
                    add(st, STEM)
        limit = self.suffix_letters
        if limit > 0:
            for base in bases:
                for cut in range(1, limit + 1):
                    length = len(base) - cut
                    if length < self.min_stem_letters or cut > max(2, length - 1):
                        break
                    head = base[:length]
                    add(head, SUFFIX)
                    alt = self.alternations.get(head[-1])
                    if alt:
                        add(head[:-1] + alt, SUFFIX)
        if self.inflection is not None:  # inflected forms (rules/lang/morphology.toml)
            for base in bases:
                for key in self.inflection.text_keys(base):
                    if key and keys.get(key, 0) < STEM:     # add(key, STEM), the call saved
                        keys[key] = STEM
        if self.compound_letters:        # German Seidenstraßenprojekt starts with Seidenstraße(n)
            for length in range(self.compound_letters, len(word) - 2):
                add(word[:length], SUFFIX)
        return keys


@functools.lru_cache(maxsize=None)
def morphology(language: str | None) -> Morphology:
    """The matching facts for a language tag (primary subtag), defaults for unknown ones."""
    table = _table()
    base = dict(table.get("default", {}))
    lang = primary(language) or ""
    base.update(table.get(lang, {}))
    folding = _folding()
    extra = dict(folding.get("default", {}))
    extra.update(folding.get(lang, {}))
    folds = dict(base.get("folds", {}))
    folds.update(extra.get("folds", {}))
    for script in folding.values():
        if isinstance(script, dict) and lang in script.get("languages", ()):
            folds.update(script.get("lookalikes", {}))
    return Morphology(
        language=lang,
        segmentation=base.get("segmentation", "words"),
        stemmer_name=base.get("stemmer"),
        suffix_letters=int(base.get("suffix_letters", 0)),
        min_stem_letters=int(base.get("min_stem_letters", 3)),
        prefix_groups=tuple(tuple(g) for g in base.get("prefix_groups", ())),
        prefix_rewrites=dict(base.get("prefix_rewrites", {})),
        alternations=dict(base.get("alternations", {})),
        dotted_i=bool(base.get("dotted_i", False)),
        apostrophe_letter=base.get("apostrophe", "separator") == "letter",
        folds=folds,
        compound_letters=int(base.get("compound_letters", 0)),
        name_gap=frozenset(extra.get("name_gap", "")),
        zwnj_space=bool(extra.get("zwnj_space", False)),
        inflection=_inflection(base),
    )


def _inflection(table: dict):
    """The language's inflection model (subqa.glossary.inflection), None without one."""
    spec = table.get("inflection")
    if not spec:
        return None
    from .glossary.inflection import Inflection

    return Inflection(spec, table.get("alternations"))
