"""Character n-gram scoring with langdetect's shipped profiles: exact, deterministic naive
Bayes over 1-3-grams (:class:`NGramModel`), and langdetect's normalisation (:func:`ngrams`)."""
from __future__ import annotations

import functools
import math
import os
import sys
from functools import reduce
from itertools import repeat
from operator import add as _add, sub as _sub, truediv as _truediv
from typing import Iterable, Sequence

from .. import cache
from .facts import _profiles_folder, language_info

# langdetect's smoothing: every n-gram probability gets alpha / BASE_FREQ added
# (langdetect.detector.Detector.ALPHA_DEFAULT and BASE_FREQ).
_SMOOTHING = 0.5 / 10000
# Each character takes part in up to three overlapping n-grams (1, 2 and 3 long).
_TEMPERATURE = 3.0
# Most a single word can count against a language, in nats (before the temperature).
_WORD_CLIP = 12.0
# A word "favours" a language when it scores this many nats better there.
_WORD_MARGIN = 1.0

# ---------------------------------------------------------------------------------- n-grams

if sys.version_info < (3, 12):
    # sum() of floats adds them in order from 0 (0 + x is x): as reduce(add, values, 0.0) does,
    # without a Python-level call per addition
    _sum_in_order = sum
else:
    # from 3.12 on sum() compensates rounding errors: the sums would differ in the last bits
    def _sum_in_order(values) -> float:
        return reduce(_add, values, 0.0)


class _Rows(dict):
    """n-gram -> its row of log-probability differences (None when no profile has it),
    computed on first use."""

    __slots__ = ("_model",)

    def __init__(self, model: "NGramModel"):
        super().__init__()
        self._model = model

    def __missing__(self, gram: str):
        return self._model._new_row(gram)


class NGramModel:
    """Exact naive-Bayes scoring with langdetect's profiles for a few languages.

    Reads only the profile files asked for from langdetect's shipped ``profiles`` folder (the
    data DetectorFactory.add_profile turns into its n-gram table: the probability of an n-gram
    of length k is its count over the profile's total of k-grams), computing each n-gram's row
    on first use. Nothing is sampled, so nothing needs a seed: the same words always give the
    same posterior, whatever was scored before."""

    def __init__(self, tags: Sequence[str], use_cache: bool = False):
        folder = _profiles_folder()
        seen: set = set()
        self.tags = tuple(t for t in tags if not (language_info(t).profile in seen or
                                                  seen.add(language_info(t).profile)))
        self._k = len(self.tags)
        self._logs: dict[str, tuple[float, ...] | None] = _Rows(self)
        self._rows = self._logs
        self._words: dict[str, tuple[tuple[float, ...], int, tuple[bool, ...]]] = {}
        self._complete = False                # every n-gram with a row is in self._logs
        paths = [os.path.join(folder, language_info(t).profile) for t in self.tags]
        if use_cache:
            code = [__file__, os.path.join(os.path.dirname(__file__), "facts.py")]
            rows = cache.memo("ngram-rows-" + "-".join(self.tags), [*paths, *code],
                              lambda: self._all_rows(paths))
            self._logs.update(rows)
            self._complete = True
        else:
            self._read_profiles(paths)

    def _read_profiles(self, paths: Sequence[str]) -> None:
        self._freqs = []
        self._totals = []
        for path in paths:
            freq, totals = _profile(path)
            self._freqs.append(freq)
            self._totals.append(totals)
        # per n-gram length, each profile's total of n-grams
        self._by_length = [tuple(tot[i] for tot in self._totals) for i in range(3)]

    def _all_rows(self, paths: Sequence[str]) -> dict:
        """Every row of the profiles at ``paths``, computed exactly as on first use."""
        self._read_profiles(paths)
        for gram in sorted(set().union(*self._freqs)):
            self._new_row(gram)
        return {g: r for g, r in self._logs.items() if r is not None}

    def _log(self, gram: str) -> tuple[float, ...] | None:
        return self._rows[gram]

    def _new_row(self, gram: str) -> tuple[float, ...] | None:
        row = None
        n = len(gram)
        if 1 <= n <= 3 and not self._complete:
            counts = [f.get(gram, 0) for f in self._freqs]      # profiles hold no zero count
            if any(counts):
                logs = list(map(math.log, [c / t + _SMOOTHING
                                           for c, t in zip(counts, self._by_length[n - 1],
                                                           strict=True)]))
                row = tuple(map(_sub, logs, repeat(logs[0], self._k)))
        self._logs[gram] = row
        return row

    def _word_vector(self, word: str) -> tuple[tuple[float, ...], int, tuple[bool, ...]]:
        """(the word's clipped log-likelihood per language, its n-grams with a row, for each
        language whether the word favours it over the first language by more than
        _WORD_MARGIN)"""
        # (a row is a non-empty tuple: only the n-grams without one are filtered out)
        rows = list(filter(None, map(self._rows.__getitem__, ngrams(word))))
        if not rows:
            return (), 0, ()
        # per language the sum over the n-grams, added in order from 0.0 (as a loop would)
        acc = list(map(_sum_in_order, zip(*rows, strict=True)))
        best = max(acc)
        clip = -_WORD_CLIP
        # max(v - best, clip), and whether the word favours each language (True counts 1)
        clipped = tuple([v - best if v - best >= clip else clip for v in acc])
        first = clipped[0]
        return clipped, len(rows), tuple([v - first > _WORD_MARGIN for v in clipped])

    def posterior(self, words: Iterable[str]) -> tuple[dict[str, float], int, dict[str, int]]:
        """Posterior over the model's languages for a text given as words, the number of
        n-grams used, and for each language the number of words that favour it over the first
        language by more than ``_WORD_MARGIN``. Each word's log-likelihood is taken relative to
        the language that word suits best and floored at ``-_WORD_CLIP``, so that one word (a
        name, a loanword) cannot outvote the rest of the line."""
        totals = [0.0] * self._k
        support = [0] * self._k
        used = 0
        cache = self._words
        for word in words:
            entry = cache.get(word)
            if entry is None:
                entry = cache[word] = self._word_vector(word)
            clipped, count, favours = entry
            if not count:
                continue
            used += count
            # per language, the words added in order (as totals[i] += v would)
            totals = list(map(_add, totals, clipped))
            support = list(map(_add, support, favours))
        if not used:
            return {}, 0, {}
        k = self._k
        scaled = list(map(_truediv, totals, repeat(_TEMPERATURE, k)))
        top = max(scaled)
        exps = list(map(math.exp, map(_sub, scaled, repeat(top, k))))
        z = sum(exps)
        return (dict(zip(self.tags, map(_truediv, exps, repeat(z, k)), strict=True)), used,
                dict(zip(self.tags, support, strict=True)))


@functools.lru_cache(maxsize=None)
def _profile(path: str) -> tuple[dict, list]:
    """(n-gram counts, totals per n-gram length) of one langdetect profile file, read once per
    process and shared by every model that uses it (never changed): the models of the
    identification among a script's languages, one per set of candidates, would otherwise each
    hold their own copy, and a catalogue run in many languages makes dozens of them."""
    import json

    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return data["freq"], data["n_words"]


@functools.lru_cache(maxsize=64)
def ngram_model(tags: tuple[str, ...], cached: bool = False) -> NGramModel:
    """The model of ``tags``. ``cached``: keep its rows in the cache file (for the model of a
    track language and its intruders, which scores many cues; identification among the
    languages of a script computes the few rows it needs)."""
    return NGramModel(tags, use_cache=cached)


_LATIN1_SPACES = frozenset("\u00a0\u00ab\u00b0\u00bb")


@functools.lru_cache(maxsize=1)
def _cjk_map() -> dict:
    """langdetect's NGram.CJK_MAP (Han character -> the representative of its class), kept in
    the cache folder: importing langdetect to build it takes tens of milliseconds."""
    folder = os.path.dirname(_profiles_folder())
    if not folder:
        return _langdetect_cjk_map()
    paths = [os.path.join(folder, "utils", name)
             for name in ("ngram.py", "messages.py", "messages.properties")]
    return cache.memo("cjk-map", paths, _langdetect_cjk_map)


def _langdetect_cjk_map() -> dict:
    from langdetect.utils.ngram import NGram

    return dict(NGram.CJK_MAP)


@functools.lru_cache(maxsize=None)
def _normalized(ch: str) -> str:
    """The character as langdetect's profiles were counted (langdetect.utils.ngram.NGram
    .normalize, per Unicode block): ASCII that is not a letter and General Punctuation become
    spaces, Romanian comma letters the cedilla ones, Persian yeh the Arabic one, kana, Bopomofo
    and Hangul one representative each, Han characters their class (langdetect's own table,
    the only part that needs langdetect imported)."""
    cp = ord(ch)
    if cp < 0x80:
        return ch if ("A" <= ch <= "Z" or "a" <= ch <= "z") else " "
    if cp <= 0xFF:
        return " " if ch in _LATIN1_SPACES else ch
    if 0x180 <= cp <= 0x24F:
        return {"\u0219": "\u015f", "\u021b": "\u0163"}.get(ch, ch)
    if 0x2000 <= cp <= 0x206F:
        return " "
    if 0x600 <= cp <= 0x6FF:
        return "\u064a" if ch == "\u06cc" else ch
    if 0x1EA0 <= cp <= 0x1EFF:
        return "\u1ec3"
    if 0x3040 <= cp <= 0x309F:
        return "\u3042"
    if 0x30A0 <= cp <= 0x30FF:
        return "\u30a2"
    if 0x3100 <= cp <= 0x312F or 0x31A0 <= cp <= 0x31BF:
        return "\u3105"
    if 0x4E00 <= cp <= 0x9FFF:
        return _cjk_map().get(ch, ch)
    if 0xAC00 <= cp <= 0xD7AF:
        return "\uac00"
    return ch


class _NormTable(dict):
    """Code point -> :func:`_normalized` character, for ``str.translate``; filled on use."""

    def __missing__(self, cp: int) -> str:
        ch = self[cp] = _normalized(chr(cp))
        return ch


_NORM = _NormTable()


def ngrams(text: str) -> list[str]:
    """The 1-, 2- and 3-grams langdetect extracts from ``text`` (its NGram normalisation; words
    written all in capitals are skipped, as langdetect skips capitalised runs)."""
    out: list[str] = []
    for word in text.translate(_NORM).split(" "):
        if not word or (len(word) > 1 and word.isupper()):
            continue
        w = " " + word + " "
        out.extend(word)
        if w.isascii():
            # (one-character ASCII strings are shared objects: adding them beats slicing)
            w1 = w[1:]
            out.extend(map(_add, w, w1))                        # w[i:i + 2]
            out.extend(map(_add, map(_add, w, w1), w[2:]))      # w[i:i + 3]
        else:
            out.extend([w[i:i + 2] for i in range(len(w) - 1)])
            out.extend([w[i:i + 3] for i in range(len(w) - 2)])
    return out
