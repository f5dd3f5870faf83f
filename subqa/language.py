"""Language identification for cues and tracks.

Evidence, cheapest first:

1. **Script.** Each letter belongs to a script (Latin, Cyrillic, Arabic, Han, kana ...). A cue
   written mostly in a script the track language does not use is foreign whatever its words
   (names, acronyms and brand names aside). Kana means Japanese; a long line of Han characters
   without kana in a Japanese track, which the model finds Chinese, is Chinese.
2. **Letters.** ``rules/lang/letters.toml`` lists each language's alphabet. Letters a language
   never uses (Kazakh қ in Russian, Persian پ in Arabic, Ukrainian і in Russian) are evidence
   that a cue is in another language, and they are how Kazakh, Kyrgyz, Uzbek, Uyghur, Tajik and
   Mongolian are told apart: langdetect has no model for them.
3. **Function words** (``rules/lang/words.toml``). A cue with a function word only the track
   language has, and none only an intruder has, is not examined further (most cues of a clean
   track stop here). Otherwise words, letters and loanword letters earn points for an intruder;
   this settles lines of the languages without an n-gram model.
4. **Character n-grams**, from langdetect's shipped profiles, read only for the track language
   and its plausible intruders (``intruders`` in letters.toml). langdetect samples n-grams at
   random over seven trials, so its probabilities come in steps of 1/7 and depend on the seed;
   here the same profiles are scored exactly (the naive-Bayes sum of log-probabilities over all
   1-3-grams, with langdetect's smoothing): deterministic and continuous. Each word's score is
   floored at ``-_WORD_CLIP`` against the language it suits best, so a name or a loanword cannot
   outvote a line; at least two or three words must favour the other language; overlapping
   n-grams count each character three times, so log-likelihoods are divided by
   ``_TEMPERATURE`` before the posterior is formed.

Whole tracks are identified line by line (:func:`identify`), so that a minority of foreign lines
cannot rule out the language of the majority. Nothing here imports langdetect until an n-gram
is first needed.
"""
from __future__ import annotations

import functools
import math
from functools import reduce
from itertools import repeat
from operator import add as _add, sub as _sub, truediv as _truediv
import os
import re
import sys
import unicodedata
from typing import Iterable, Sequence

from . import langtags
from .resources import rules_dir
from .tomlload import load_toml

# langdetect's smoothing: every n-gram probability gets alpha / BASE_FREQ added
# (langdetect.detector.Detector.ALPHA_DEFAULT and BASE_FREQ).
_SMOOTHING = 0.5 / 10000
# Each character takes part in up to three overlapping n-grams (1, 2 and 3 long).
_TEMPERATURE = 3.0
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
# Most a single word can count against a language, in nats (before the temperature).
_WORD_CLIP = 12.0
# A word "favours" a language when it scores this many nats better there.
_WORD_MARGIN = 1.0

# ----------------------------------------------------------------------------------- scripts

# (first code point, last code point, ISO 15924 code); the blocks of the Unicode Standard.
_RANGES = sorted([
    (0x0041, 0x005A, "Latn"), (0x0061, 0x007A, "Latn"), (0x00C0, 0x024F, "Latn"),
    (0x02BB, 0x02BC, "Latn"),            # ʻ ʼ: Uzbek oʻ gʻ and the tutuq belgisi
    (0x1E00, 0x1EFF, "Latn"), (0xFF21, 0xFF3A, "Latn"), (0xFF41, 0xFF5A, "Latn"),
    (0x0370, 0x03FF, "Grek"), (0x1F00, 0x1FFF, "Grek"),
    (0x0400, 0x052F, "Cyrl"), (0x1C80, 0x1C8F, "Cyrl"), (0x2DE0, 0x2DFF, "Cyrl"),
    (0xA640, 0xA69F, "Cyrl"),
    (0x0530, 0x058F, "Armn"), (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
    (0x0900, 0x097F, "Deva"), (0x0980, 0x09FF, "Beng"), (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"), (0x0B80, 0x0BFF, "Taml"), (0x0C00, 0x0C7F, "Telu"),
    (0x0C80, 0x0CFF, "Knda"), (0x0D00, 0x0D7F, "Mlym"), (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Geor"), (0x1800, 0x18AF, "Mong"),
    (0x1100, 0x11FF, "Hang"), (0x3130, 0x318F, "Hang"), (0xAC00, 0xD7AF, "Hang"),
    (0x3040, 0x309F, "Hira"), (0x30A0, 0x30FF, "Kana"), (0x31F0, 0x31FF, "Kana"),
    (0xFF66, 0xFF9F, "Kana"),
    (0x3005, 0x3007, "Hani"), (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"),
    (0xF900, 0xFAFF, "Hani"), (0x20000, 0x2FFFF, "Hani"),
])
_STARTS = [r[0] for r in _RANGES]
# Scripts that (in subtitles) belong to one language each.
_SCRIPT_LANGUAGE = {"Hira": "ja", "Kana": "ja", "Hang": "ko", "Grek": "el", "Hebr": "he",
                    "Thai": "th", "Deva": "hi", "Beng": "bn", "Taml": "ta", "Geor": "ka",
                    "Armn": "hy", "Guru": "pa", "Gujr": "gu", "Telu": "te", "Knda": "kn",
                    "Mlym": "ml", "Mong": "mn", "Hani": "zh"}
_SCRIPT_NAMES = {"Latn": "Latin", "Cyrl": "Cyrillic", "Arab": "Arabic", "Hani": "Han",
                 "Hira": "Hiragana", "Kana": "Katakana", "Hang": "Hangul", "Grek": "Greek",
                 "Hebr": "Hebrew", "Deva": "Devanagari", "Thai": "Thai", "Geor": "Georgian",
                 "Armn": "Armenian", "Mong": "Mongolian", "Beng": "Bengali", "Taml": "Tamil"}
_KANA = frozenset({"Hira", "Kana"})
# A Han, kana or Hangul character carries about as much as two letters of an alphabet: letter
# thresholds count them twice.
_WIDE = frozenset({"Hani", "Hira", "Kana", "Hang"})


def _weight(script: str | None) -> int:
    return 2 if script in _WIDE else 1


class _ScriptTable(dict):
    """character -> script (or None), filled as characters are met."""

    def __missing__(self, ch: str) -> str | None:
        if not ch.isalpha() or ch == "\u0640":      # tatweel stretches, it is no letter
            script = None
        else:
            import bisect

            cp = ord(ch)
            i = bisect.bisect_right(_STARTS, cp) - 1
            script = _RANGES[i][2] if i >= 0 and cp <= _RANGES[i][1] else None
        self[ch] = script
        return script


_SCRIPT_OF = _ScriptTable()
_script = _SCRIPT_OF.__getitem__


def script_of(ch: str) -> str | None:
    """ISO 15924 code of a letter's script, None for anything that is not a letter we know."""
    return _SCRIPT_OF[ch]


def script_name(code: str | None) -> str:
    return _SCRIPT_NAMES.get(code or "", code or "unknown")


# -------------------------------------------------------------------------------------- facts

class LanguageInfo:
    """The facts about one language that the detector uses (read-only by convention)."""

    __slots__ = ("tag", "scripts", "alphabets", "intruders", "words", "profile", "same",
                 "loan_letters", "marks", "marker_letters", "loan_spellings", "never", "close",
                 "both_scripts", "model_script")

    def __init__(self, tag: str, scripts: tuple, alphabets: dict, intruders: tuple,
                 words: frozenset, profile: str | None, same: frozenset = frozenset(),
                 loan_letters: frozenset = frozenset(), marks: frozenset = frozenset(),
                 marker_letters: int = 0, loan_spellings: tuple = (),
                 never: frozenset = frozenset(), close: frozenset = frozenset(),
                 both_scripts: bool = False, model_script: str | None = None):
        self.tag = tag                        # primary tag used for facts: "kk", "zh", ...
        self.scripts = scripts                # scripts the language is written in
        self.alphabets = alphabets            # script -> frozenset of lower-case letters
        self.intruders = intruders
        self.words = words
        self.profile = profile                # langdetect profile name, None when it has none
        self.same = same                      # tags that name the same language ("no", "nb")
        self.loan_letters = loan_letters      # letters only loanwords use
        self.marks = marks                    # punctuation only this language uses
        self.marker_letters = marker_letters  # lines this long always show a letter of its own
        self.loan_spellings = loan_spellings  # patterns its native words never show
        self.never = never                    # a neighbour's letters it never writes
        self.close = close                    # neighbours the n-grams alone cannot tell apart
        self.both_scripts = both_scripts      # one track mixes its scripts (Serbian)
        self.model_script = model_script      # the one script its n-gram profile covers

    def __repr__(self) -> str:
        return "LanguageInfo(" + ", ".join(f"{f}={getattr(self, f)!r}"
                                           for f in self.__slots__) + ")"


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
    """``read(rules/lang/<name>.toml)``, kept in the cache folder (see _cache_dir) in marshal
    form for the next runs, as long as the file keeps its size and modification time."""
    path = os.path.join(str(rules_dir()), "lang", name + ".toml")
    key = _cache_key([path])
    stored = _read_cache("facts-" + name, key) if key is not None else None
    if stored is not None:
        return stored
    data = read(path)
    if key is not None:
        _write_cache("facts-" + name, key, data)
    return data


def _fold_word(word: str) -> str:
    """The word in lower case, its apostrophes (’ ʼ ʻ ‘) written '."""
    word = word.lower()
    return word if word.isascii() else _fold_apostrophes(word)


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
    nothing for a track in that language (see rules/language.py ``analyse``)."""
    base = fact_tag(tag)
    return base is not None and bool(language_info(base).scripts)


def languages_with_script(script: str) -> list[str]:
    """Languages (of languages.toml) written in ``script``, in a stable order."""
    return [t for t in langtags.known_languages()
            if "-" not in t and script in language_info(t).scripts]


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
        key = _cache_key(paths) if use_cache else None
        rows = _read_rows_cache(self.tags, key) if key is not None else None
        if rows is not None:
            self._logs.update(rows)
            self._complete = True
            return
        import json

        self._freqs = []
        self._totals = []
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            self._freqs.append(data["freq"])
            self._totals.append(data["n_words"])
        # per n-gram length, each profile's total of n-grams
        self._by_length = [tuple(tot[i] for tot in self._totals) for i in range(3)]
        if key is not None:
            # every row, once, for the next runs: rows are computed exactly as on first use
            for gram in sorted(set().union(*self._freqs)):
                self._new_row(gram)
            self._complete = True
            _write_rows_cache(self.tags, key, {g: r for g, r in self._logs.items()
                                               if r is not None})

    def _log(self, gram: str) -> tuple[float, ...] | None:
        return self._rows[gram]

    def _new_row(self, gram: str) -> tuple[float, ...] | None:
        row = None
        n = len(gram)
        if 1 <= n <= 3 and not self._complete:
            counts = [f.get(gram, 0) for f in self._freqs]      # profiles hold no zero count
            if any(counts):
                logs = list(map(math.log, [c / t + _SMOOTHING
                                           for c, t in zip(counts, self._by_length[n - 1])]))
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
        acc = list(map(_sum_in_order, zip(*rows)))
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
        return (dict(zip(self.tags, map(_truediv, exps, repeat(z, k)))), used,
                dict(zip(self.tags, support)))


# The rows of a model (n-gram -> log-probability differences), the parsed facts of rules/lang
# and langdetect's CJK classes are kept between runs in the subqa cache (subqa.cache): reading
# one (marshal) takes a fraction of the time of reading the JSON profiles and computing the
# rows, or of parsing the TOML. An entry records what it was computed from (format, Python,
# smoothing, the paths, sizes and modification times of the source files and of this module)
# and is used only when all of it matches; a changed source replaces the entry's file (one
# file per name and installation), so edits and upgrades leave no stale files behind.
_CACHE_FORMAT = 2


def _cache_dir() -> str | None:
    from . import cache

    return cache.cache_dir()


def _cache_key(paths: Sequence[str]) -> tuple | None:
    from . import cache

    # this module too: the data are computed by its code
    return cache.file_key([*paths, __file__], _CACHE_FORMAT, repr(_SMOOTHING))


def _read_cache(name: str, key: tuple) -> dict | None:
    """The data stored under ``name`` when it was stored with ``key``, else None."""
    from . import cache

    data = cache.read(name, key)
    return data if isinstance(data, dict) else None


def _write_cache(name: str, key: tuple, rows: dict) -> None:
    from . import cache

    cache.write(name, key, rows)


def _read_rows_cache(tags: Sequence[str], key: tuple) -> dict | None:
    return _read_cache("ngram-rows-" + "-".join(tags), key)


def _write_rows_cache(tags: Sequence[str], key: tuple, rows: dict) -> None:
    _write_cache("ngram-rows-" + "-".join(tags), key, rows)


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
    paths = [os.path.join(folder, "utils", name)
             for name in ("ngram.py", "messages.py", "messages.properties")]
    key = _cache_key(paths) if folder else None
    stored = _read_cache("cjk-map", key) if key is not None else None
    if stored is not None:
        return stored
    from langdetect.utils.ngram import NGram

    data = dict(NGram.CJK_MAP)
    if key is not None:
        _write_cache("cjk-map", key, data)
    return data


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


# --------------------------------------------------------------------------------- evidence

# Regular expressions, compiled on first use (_rx): compiling them all costs milliseconds at
# import, and a track of one script needs only a few.
_PATTERNS = {
    "strip": ("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]", 0),      # Arabic harakat, tatweel
    "presentation": ("[\uFB50-\uFDFF\uFE70-\uFEFF]", 0),
    # the blocks of the "strip" and "presentation" characters (a superset that compiles faster)
    "arabic": ("[\u0640-\u06FF\uFB50-\uFEFF]", 0),
    "url": (r"(?:https?://|www\.)\S+|\S+@\S+|\S+\.(?:com|org|net)\b", re.IGNORECASE),
    "url_hint": (r"://|www|@|\.(?:com|org|net)\b", re.IGNORECASE),
    # a word (its one group, the whole match, is what findall returns and what re.split keeps)
    "token": (r"([^\W\d_]+(?:[\u200c'’ʼʻ‘]+[^\W\d_]+)*)", 0),
    # "token" on ASCII text (where its letters are A-Z a-z and its only apostrophe is ')
    "ascii_token": (r"([A-Za-z]+(?:'+[A-Za-z]+)*)", 0),
    "brackets": (r"\[[^\]]*\]|\([^)]*\)|♪", 0),
    # a letter-spaced title (Г О Р Ш Т А К): three or more single letters one space apart
    "spaced": (r"(?<!\w)(?:[^\W\d_] ){2,}[^\W\d_](?!\w)", 0),
    # characters outside Latin-1 and Latin Extended-A, and the ordinal, superscript, fraction
    # and micro signs (see _PLAIN_LATIN)
    "latin1_outliers": ("[^\x00-\u017f]|[\xaa\xb2\xb3\xb5\xb9\xba\xbc-\xbe]", 0),
}
_COMPILED: dict = {}

# Characters of "plain Latin" text (ASCII, Latin-1 and Latin Extended-A without the ordinal,
# superscript, fraction and micro signs, Romanian comma letters, General Punctuation from
# U+2002): each is NFC and stays NFC beside the others, none is Arabic, and each character the
# "token" pattern takes for a letter is a Latin letter that lower() keeps one (Latin) letter.
# tests/test_language.py checks these for every one of them.
_PLAIN_LATIN = ((0x0000, 0x00A9), (0x00AB, 0x00B1), (0x00B4, 0x00B4), (0x00B6, 0x00B8),
                (0x00BB, 0x00BB), (0x00BF, 0x017F), (0x0218, 0x021B), (0x2002, 0x206F))
# ... those above U+017F (a character class of all the ranges takes longer to compile)
_PLAIN_EXTRA = frozenset(chr(cp) for a, b in _PLAIN_LATIN if a > 0x17F for cp in range(a, b + 1))


def _rx(name: str) -> re.Pattern:
    try:
        return _COMPILED[name]
    except KeyError:
        pattern = _COMPILED[name] = re.compile(*_PATTERNS[name])
        return pattern


def _blank_urls(text: str) -> str:
    r"""``_rx("url").sub(" ", text)``, with the pattern applied only to the runs of non-space
    characters that hold a match of "url_hint": a match of "url" is made of non-space
    characters (so it lies within one run, and the run's neighbours, spaces or the ends of the
    text, look alike to its ``\b``) and holds a match of "url_hint". (Applied to a whole track,
    the pattern would try its ``\S+`` at every character.)"""
    out = []
    pos = 0
    end = len(text)
    for m in _rx("url_hint").finditer(text):
        start = m.start()
        if start < pos:
            continue                            # in the run just done
        stop = m.end()
        while start > pos and not text[start - 1].isspace():
            start -= 1
        while stop < end and not text[stop].isspace():
            stop += 1
        out.append(text[pos:start])
        out.append(_rx("url").sub(" ", text[start:stop]))
        pos = stop
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# The findall of "ascii_token" and "token", for the hot paths: each replaces itself with the
# compiled pattern's findall on first use.
def _ascii_words(text: str) -> list:
    global _ascii_words
    _ascii_words = _rx("ascii_token").findall
    return _ascii_words(text)


def _words(text: str) -> list:
    global _words
    _words = _rx("token").findall
    return _words(text)


def _latin1_outliers(text: str, pos: int = 0) -> list:
    global _latin1_outliers
    _latin1_outliers = _rx("latin1_outliers").findall
    return _latin1_outliers(text, pos)


def join_spaced(text: str) -> str:
    """``text`` with its letter-spaced words written together (``Г О Р Ш Т А К   3`` ->
    ``ГОРШТАК   3``): the letters of a spaced title are one word, not single-letter words."""
    return _rx("spaced").sub(lambda m: m.group().replace(" ", ""), text)


def _plain_letters(joined: str) -> int:
    """The letters of the words of a plain Latin text, joined: their characters but the
    apostrophes and zero-width non-joiners of the "token" pattern."""
    return len(joined) - joined.count("'") - joined.count("’") - joined.count("‘") \
        - joined.count("\u200c")


def _first_latin1_outlier(text: str):
    global _first_latin1_outlier
    _first_latin1_outlier = _rx("latin1_outliers").search
    return _first_latin1_outlier(text)


def _plain_latin(text: str) -> bool:
    """Every character of ``text`` is in _PLAIN_LATIN."""
    first = _first_latin1_outlier(text)
    if first is None:
        return True
    if first.group() not in _PLAIN_EXTRA:
        return False                            # (Cyrillic, Arabic, Han ... text)
    return _PLAIN_EXTRA.issuperset(_latin1_outliers(text, first.end()))


class Evidence:
    """What a text shows: its letters per script, its words. Immutable by convention (cached and
    shared). ``counts`` (lower-case letter -> occurrences) is computed on first use."""

    __slots__ = ("text", "letters", "by_script", "tokens", "words", "ascii", "_low", "_counts")

    def __init__(self, text: str, letters: int, by_script: dict, tokens: tuple,
                 words: frozenset, low: str, counts: dict | None, ascii: bool = True):
        self.text = text                      # normalised text the evidence was taken from
        self.letters = letters
        self.by_script = by_script
        self.tokens = tokens                  # words, as written
        self.words = words                    # the words folded (lower case, one apostrophe)
        self.ascii = ascii                    # all ASCII (its letters: a-z, A-Z)
        self._low = low
        self._counts = counts

    @property
    def counts(self) -> dict:
        counts = self._counts
        if counts is None:
            low = self._low
            if self.ascii:
                counts = {ch: low.count(ch) for ch in _ASCII_LETTERS.intersection(low)}
            else:
                counts = _count_letters(low)[1]
            self._counts = counts
        return counts

    def letters_within(self, alphabet: frozenset) -> bool:
        """``alphabet.issuperset(self.counts)``: every letter of the text is in ``alphabet``
        (found among the characters outside it, without counting)."""
        if self._counts is not None:
            return alphabet.issuperset(self._counts)
        return all(_script(ch) is None for ch in set(self._low).difference(alphabet))

    def __repr__(self) -> str:
        return (f"Evidence(text={self.text!r}, letters={self.letters!r}, "
                f"by_script={self.by_script!r}, tokens={self.tokens!r}, "
                f"counts={self.counts!r}, words={self.words!r})")


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _ascii_url_hint(low: str) -> bool:
    """False when the "url_hint" pattern cannot match the text whose lower case is ``low``.
    (Its letters w c o m r g n e t match no other character under IGNORECASE, and no other
    character lower-cases to one of them, so this holds for any text.)"""
    return "@" in low or "://" in low or "www" in low or ".com" in low or ".org" in low \
        or ".net" in low


class _Letters:
    """The letters of a (long) text, as :func:`evidence` counts them, without its words."""

    __slots__ = ("by_script", "counts")

    def __init__(self, by_script: dict, counts: dict):
        self.by_script = by_script
        self.counts = counts


@functools.lru_cache(maxsize=8)
def _letters_of(text: str) -> _Letters:
    """``evidence(text).by_script`` and ``.counts``, found without the words (for whole tracks:
    letters_doubt, alphabet_conflict, track_scripts)."""
    if text.isascii():
        low = text.lower()
        if _ascii_url_hint(low) and _rx("url_hint").search(text):
            text = _blank_urls(text)
            low = text.lower()
        counts = {ch: low.count(ch) for ch in _ASCII_LETTERS.intersection(low)}
        letters = sum(counts.values())
        return _Letters({"Latn": letters} if letters else {}, counts)
    text = _normalize(text)
    low = text.lower()
    by_script, counts, _letters = _count_letters(low)
    return _Letters(by_script, counts)


def _normalize(text: str) -> str:
    """A non-ASCII text as evidence reads it: Arabic presentation forms decomposed, NFC,
    without harakat and tatweel, URLs and e-mail addresses blanked."""
    text = _normalize_letters(text)
    if _ascii_url_hint(text.lower()) and _rx("url_hint").search(text):
        text = _blank_urls(text)
    return text


def _normalize_letters(text: str) -> str:
    """_normalize without the URLs."""
    if unicodedata.is_normalized("NFC", text) and not _rx("arabic").search(text):
        return text                         # (the steps below would leave it as it is)
    if _rx("presentation").search(text):
        # Arabic presentation forms (legacy encodings and some editors write the shaped
        # glyphs): compatibility-decompose them to the letters they show
        text = unicodedata.normalize("NFKC", text)
    elif not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _rx("strip").sub("", text)


def _count_letters(low: str) -> tuple[dict, dict, int]:
    """(letters per script, occurrences per letter, letters) of a lower-cased text."""
    by_script: dict[str, int] = {}
    counts: dict[str, int] = {}
    letters = 0
    for ch in set(low):
        sc = _script(ch)
        if sc is not None:
            k = low.count(ch)
            by_script[sc] = by_script.get(sc, 0) + k
            counts[ch] = k
            letters += k
    return by_script, counts, letters


def _fold_apostrophes(text: str) -> str:
    """``text`` with the apostrophes ’ ʼ ʻ ‘ written ' (str.replace: str.translate with a
    small table fails a lookup per other character)."""
    for ch in "’ʼʻ‘":
        if ch in text:
            text = text.replace(ch, "'")
    return text


@functools.lru_cache(maxsize=8192)
def evidence(text: str) -> Evidence:
    if text.isascii():
        # the common case: every letter is a Latin letter of a word
        low = text.lower()
        if ("@" in low or "://" in low or "www" in low or ".com" in low or ".org" in low
                or ".net" in low) and _rx("url_hint").search(text):     # (_ascii_url_hint)
            text = _blank_urls(text)
            low = text.lower()
        tokens = tuple(_ascii_words(text))
        if not tokens:
            return Evidence(text, 0, {}, (), frozenset(), "", {})
        joined = " ".join(tokens)
        letters = len(joined) - len(tokens) + 1 - joined.count("'")
        return Evidence(text, letters, {"Latn": letters}, tokens,
                        frozenset(joined.lower().split()), low, None)
    if _plain_latin(text):
        # plain Latin text (French, Spanish, German ...): nothing to normalise, and the letters
        # are the Latin letters of its words, that is their characters but the apostrophes
        low = text.lower()
        if _ascii_url_hint(low) and _rx("url_hint").search(text):
            text = _blank_urls(text)
            low = text.lower()
        tokens = tuple(_words(text))
        letters = _plain_letters("".join(tokens))
        words = frozenset(_fold_apostrophes(" ".join(tokens).lower()).split())
        return Evidence(text, letters, {"Latn": letters} if letters else {}, tokens, words, low,
                        None, ascii=False)
    text = _normalize_letters(text)
    low = text.lower()
    if _ascii_url_hint(low) and _rx("url_hint").search(text):
        text = _blank_urls(text)
        low = text.lower()
    by_script, counts, letters = _count_letters(low)
    tokens = tuple(_words(text))
    # lower-cased and apostrophes folded as _fold_word does, word by word (tokens hold no space)
    words = frozenset(_fold_apostrophes(" ".join(tokens).lower()).split())
    return Evidence(text, letters, by_script, tokens, words, low, counts, ascii=False)

_SENTENCE_BREAKS = frozenset(".!?…:;-–—\"«»¿¡")


class _TokenFacts(dict):
    """token -> what model_words asks of it, computed once per token: (None for an ASCII token
    else the scripts of its letters, with None for a letter of no known script; it starts with a
    capital; a capital follows; its lower case; it is written in a script without spaces)."""

    def __missing__(self, tok: str) -> tuple:
        if len(self) >= 50000:
            self.clear()
        if tok.isascii():
            rest = tok[1:]
            # (in ASCII a capital is a character lower() changes)
            facts = self[tok] = (None, "A" <= tok[0] <= "Z", rest != rest.lower(), tok.lower(),
                                 False)
            return facts
        facts = self[tok] = (
            None if tok.isascii() else frozenset(map(_script, filter(str.isalpha, tok))),
            tok[0].isupper(),
            len(tok) > 1 and any(c.isupper() for c in tok[1:]),
            tok.lower(),
            _script(tok[0]) in _WIDE)
        return facts


_TOKEN_FACTS = _TokenFacts()


def model_words(text: str, scripts: Iterable[str], dedupe: bool = True,
                names: bool = True) -> list[str]:
    """The words of ``text`` worth giving an n-gram model: written in ``scripts``, with names
    (a capital inside a sentence), acronyms and brand names (``NASA``, ``iPhone``) left out.
    A cue written all in capitals is read in lower case. With ``names=False`` (a whole track,
    where names are few) a capitalised word that opens a sentence is kept ("Merci !")."""
    scripts = frozenset(scripts)
    latin = "Latn" in scripts
    if text.isascii():
        # ASCII: its cased characters are its letters
        if text.isupper():
            text = text.lower()
        # words and the text between them: gap, word, gap, word ... (ASCII words hold no
        # character that strip would remove)
        parts = _rx("ascii_token").split(text)
        tokens = [(parts[i], i == 1 or not _SENTENCE_BREAKS.isdisjoint(parts[i - 1]))
                  for i in range(1, len(parts), 2)]
    else:
        if not any(map(str.islower, filter(str.isalpha, text))) and \
                any(map(str.isupper, filter(str.isalpha, text))):
            text = text.lower()                     # no lower-case letter, an upper-case one
        parts = _rx("token").split(text)
        tokens = []
        for i in range(1, len(parts), 2):
            tok = parts[i].strip("'’ʼʻ‘\u200c")
            if tok:
                # a word opens a sentence when it is the first or punctuation precedes it
                tokens.append((tok, i == 1 or not _SENTENCE_BREAKS.isdisjoint(parts[i - 1])))
    out: list[str] = []
    seen: set = set()
    facts = _TOKEN_FACTS
    last = len(tokens) - 1
    for i, (tok, initial) in enumerate(tokens):
        tok_scripts, capital, inner_capital, low, wide = facts[tok]
        if (not latin) if tok_scripts is None else not tok_scripts <= scripts:
            continue                            # (an ASCII word is all Latin letters)
        if capital:
            # a capital inside a sentence is a name; so is a capitalised first word unless
            # the sentence goes on in lower case ("Open the door", not "Marta Rodríguez")
            nxt = tokens[i + 1][0] if i < last else ""
            if not initial or (names and (not nxt[:1].islower() or tokens[i + 1][1])):
                continue
        if inner_capital:
            continue
        if dedupe:
            if low in seen:         # "no, no, no" is one word of evidence
                continue
            seen.add(low)
        if wide:
            # no spaces between words: three characters stand for a word
            out.extend(tok[k:k + 3] for k in range(0, len(tok), 3))
        else:
            out.append(tok)
    return out


# --------------------------------------------------------------------------------- verdicts

class Verdict:
    """What the detector concluded about one text in a track of ``expected`` language.
    Immutable by convention (verdicts are cached and shared)."""

    __slots__ = ("foreign", "detected", "confidence", "reason", "script", "letters",
                 "p_expected", "lean", "native")

    def __init__(self, foreign: bool, detected: str | None = None, confidence: float = 0.0,
                 reason: str = "", script: str | None = None, letters: int = 0,
                 p_expected: float | None = None, lean: str | None = None,
                 native: bool = False):
        self.foreign = foreign
        self.detected = detected        # the language it seems to be in (None: unknown / native)
        self.confidence = confidence    # how sure the conclusion "foreign" is, 0..1
        self.reason = reason            # script | letters | words | model | kana | marks | window
        self.script = script            # the foreign script for L003
        self.letters = letters
        self.p_expected = p_expected    # model probability of the expected language
        self.lean = lean                # language the text leans to without proof (for windows)
        self.native = native            # positive evidence for the expected language

    def _fields(self) -> tuple:
        return (self.foreign, self.detected, self.confidence, self.reason, self.script,
                self.letters, self.p_expected, self.lean, self.native)

    def __eq__(self, other) -> bool:
        if other.__class__ is not Verdict:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "Verdict(" + ", ".join(f"{k}={v!r}" for k, v in zip(self.__slots__,
                                                                   self._fields())) + ")"


NATIVE = Verdict(False)


class Settings:
    """Thresholds, each the profile parameter ``language_<name>`` (see the ``# language
    consistency`` block of rules/profiles/netflix.toml, where each is explained)."""

    __slots__ = ("script_min_letters", "script_share", "alien_min_letters", "model_min_letters",
                 "lean_min_letters", "long_letters", "p_short", "p_long", "p_letters", "p_veto",
                 "p_lean", "model_min_words", "model_min_words_long", "words_min_letters",
                 "words_min_hits", "kana_min", "kana_absent_min")

    def __init__(self, **values):
        missing = [f for f in self.__slots__ if f not in values]
        unknown = [k for k in values if k not in self.__slots__]
        if missing or unknown:
            raise TypeError(f"Settings: missing {missing}, unknown {unknown}")
        for k in self.__slots__:
            object.__setattr__(self, k, values[k])

    def __setattr__(self, name, value):
        raise AttributeError("Settings are read-only")

    def __eq__(self, other) -> bool:
        if other.__class__ is not Settings:
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, f) for f in self.__slots__))

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__) + ")"

    @classmethod
    def param_names(cls) -> tuple[str, ...]:
        return tuple("language_" + f for f in cls.__slots__)

    @classmethod
    def from_profile(cls, profile=None, language: str | None = None) -> "Settings":
        """The thresholds of ``profile`` (default: the default profile) for ``language``."""
        if profile is None:
            from .profiles import load_profile

            profile = load_profile()
        return cls(**{f: profile.param("language_" + f, language) for f in cls.__slots__})


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
        # the fast path of _judge (a text in one script of ours) holds for these settings
        s = self.settings
        self._fast = self.expected != "ja" and s.script_min_letters > 0 and s.kana_min > 0
        # ... and for an ASCII text of a language written in Latin letters it needs no Evidence
        self._fast_ascii = self._fast and "Latn" in self.native_scripts
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
        if self._fast_ascii and text.isascii():
            # the fast path below for an ASCII text, without building its Evidence: its words
            # (lower case) are those of its lower case, its letters theirs but apostrophes
            low = text.lower()
            if not ("@" in low or "://" in low or "www" in low or ".com" in low
                    or ".org" in low or ".net" in low):     # (no URL to blank: _ascii_url_hint)
                words = _ascii_words(low)
                if words:
                    own, theirs = self._exclusive_words("Latn")
                    if not own.isdisjoint(words) and theirs.isdisjoint(words):
                        joined = "".join(words)
                        return self._native(len(joined) - joined.count("'"))
        elif self._fast_ascii and _plain_latin(text):
            # the same for a plain Latin text, its letters and words as evidence finds them
            low = text.lower()
            if not _ascii_url_hint(low) and self._never.isdisjoint(low):
                tokens = _words(text)
                if tokens:
                    own, theirs = self._exclusive_words("Latn")
                    words = _fold_apostrophes(" ".join(tokens).lower()).split()
                    if not own.isdisjoint(words) and theirs.isdisjoint(words):
                        return self._native(_plain_letters("".join(tokens)))
        ev = evidence(text)
        if not ev.letters or not self.native_scripts:
            return NATIVE
        by_script = ev.by_script
        if self._fast and len(by_script) == 1:
            # the common case, decided as the steps below decide it: all letters in one script
            # of ours (no foreign script, no kana), none outside our alphabet (or Latin, whose
            # alien letters are weighed after the words), a function word only we have and
            # none only an intruder has
            for script in by_script:
                if script in self.native_scripts and script not in _KANA:
                    alphabet = self.info.alphabets.get(script)
                    if (script == "Latn" and self._never.isdisjoint(ev.counts)) or \
                            not alphabet or ev.letters_within(alphabet):
                        own, theirs = self._exclusive_words(script)
                        words = ev.words
                        if not own.isdisjoint(words) and theirs.isdisjoint(words):
                            return self._native(ev.letters)
        return self._judge_slow(ev)

    def _judge_slow(self, ev: Evidence) -> Verdict:
        s = self.settings
        if sum(1 for t in ev.tokens if len(t) == 1) >= 3 and _rx("spaced").search(ev.text):
            # a letter-spaced title is one word, not single-letter words ("О", "А", "К")
            ev = evidence(join_spaced(ev.text))
        # 1. script gate -------------------------------------------------------------------
        foreign: dict[str, int] = {}
        native = 0
        for sc, n in ev.by_script.items():
            if sc in self.native_scripts:
                native += n * _weight(sc)
            elif sc in _WIDE:
                foreign[sc] = n * _weight(sc)
            else:
                # names, acronyms and brand names (John Smith, NASA, iPhone) do not count
                foreign[sc] = sum(len(w) for w in model_words(ev.text, (sc,), dedupe=False))
        n_foreign = sum(foreign.values())
        considered = native + n_foreign
        if self.expected.startswith("zh"):
            kana = sum(ev.by_script.get(k, 0) for k in _KANA)
            if kana >= s.kana_min:
                share = kana / max(considered, 1)
                return Verdict(True, "ja", min(1.0, 0.6 + share), "kana",
                               script=None, letters=ev.letters)
        if n_foreign >= s.script_min_letters and n_foreign >= s.script_share * considered:
            main = max(sorted(foreign), key=lambda k: foreign[k])
            guess, conf = identify(ev.text, script=main)
            return Verdict(True, guess, min(1.0, n_foreign / considered), "script",
                           script=main, letters=ev.letters)
        # 2. same script: letters the language never uses ------------------------------------
        script = self.primary
        if native and script not in ev.by_script:
            script = max(sorted(k for k in ev.by_script if k in self.native_scripts),
                         key=lambda k: ev.by_script[k])
        n = ev.by_script.get(script, 0) * _weight(script)
        if self.expected == "ja":
            n = 2 * sum(ev.by_script.get(k, 0) for k in ("Hani", "Hira", "Kana"))
        alphabet = self.info.alphabets.get(script)
        if self._never and not self._never.isdisjoint(ev.counts):
            # a neighbour's letter we never write (Danish ø in Swedish, Serbian ј in Russian),
            # in a word that is not a name: decisive even in a short cue
            never = self._never
            if any(not never.isdisjoint(w.lower())
                   for w in model_words(ev.text, (script,), dedupe=False)):
                guess, conf = identify(ev.text, script=script, exclude=self.expected)
                return Verdict(True, guess, 0.9, "letters", letters=ev.letters)
        aliens = [c for c, k in ev.counts.items() if c not in alphabet and script_of(c) == script
                  for _ in range(k)] if alphabet else []
        # outside Latin script letters the language lacks do not come from names: one is
        # enough in a line long enough to judge, two in a shorter one
        if aliens and script != "Latn" and len(aliens) >= (
                1 if n >= s.model_min_letters else s.alien_min_letters):
            guess, conf = identify(ev.text, script=script, exclude=self.expected)
            return Verdict(True, guess, min(1.0, 0.5 + 0.1 * len(aliens)), "letters",
                           letters=ev.letters)
        folded = ev.words
        own, theirs = self._exclusive_words(script)
        if not folded.isdisjoint(own) and folded.isdisjoint(theirs):
            # a function word only we have and none only an intruder has: not examined further
            # (most cues of a clean track end here, before the n-gram model)
            return Verdict(False, letters=ev.letters, native=True)
        model = self._model_for(script)
        post: dict[str, float] = {}
        support: dict[str, int] = {}
        p_exp = None
        if model is not None and n >= s.lean_min_letters:
            scripts = ("Hani", "Hira", "Kana") if self.expected == "ja" else (script,)
            words = model_words(ev.text, scripts)
            m = sum(map(len, words)) * _weight(script)
            if m >= s.model_min_letters:
                if self.expected == "ja" and script != "Latn" and \
                        sum(ev.by_script.get(k, 0) for k in _KANA) >= s.kana_min:
                    # what the steps below conclude whatever the model says (kana: Japanese),
                    # without asking it
                    return Verdict(False, letters=ev.letters, native=True)
                post, used, support = model.posterior(words)
                if post:
                    p_exp = post.get(self.expected)
                    n = m
            elif m >= s.lean_min_letters:
                # too short to judge alone: only which way it leans, for judging runs of
                # consecutive short cues together
                post, used, support = model.posterior(words)
                if post:
                    top = max(sorted(post), key=lambda k: post[k])
                    if top != self.expected and self._marks_of(top, ev.text) and \
                            post[self.expected] < s.p_letters:
                        return Verdict(True, top, post[top], "marks", letters=ev.letters,
                                       p_expected=post[self.expected])
                    lean = top if top != self.expected and post[self.expected] < s.p_lean \
                        and support.get(top, 0) >= 1 else None
                    if lean is not None and n >= s.words_min_letters:
                        # too few letters for the model (names left out), enough for words:
                        # the words and letters of the language it leans to may prove it
                        by_words = self._judge_words(ev, script, n, only=top)
                        if by_words.foreign:
                            return Verdict(True, top, by_words.confidence, "words",
                                           letters=ev.letters, p_expected=post[self.expected])
                    return Verdict(False, letters=ev.letters, lean=lean,
                                   native=post[self.expected] >= 0.5)
        if aliens and script == "Latn":
            # in Latin script a foreign name ("Muñoz" in French) brings a letter or two: the
            # letters must be in two words at least, and the model (when the language has
            # one) must agree
            alien_words = sum(1 for t in ev.tokens if any(c in aliens for c in t.lower()))
            if len(aliens) >= s.alien_min_letters and alien_words >= 2 and (
                    (p_exp is not None and p_exp < s.p_letters)
                    or (model is None and not self._own_model(script))):
                guess, conf = identify(ev.text, script=script, exclude=self.expected)
                return Verdict(True, guess, min(1.0, 0.5 + 0.1 * len(aliens)), "letters",
                               letters=ev.letters, p_expected=p_exp)
        if self.expected == "ja" and p_exp is not None and p_exp < s.p_letters and \
                not any(ev.by_script.get(k) for k in _KANA) and \
                ev.by_script.get("Hani", 0) >= s.kana_absent_min:
            # Japanese sentences are written with kana: a long line of Han characters alone
            # that the model finds Chinese is Chinese
            return Verdict(True, "zh", 1.0 - p_exp, "kana", letters=ev.letters,
                           p_expected=p_exp)
        if self.expected == "ja" and \
                sum(ev.by_script.get(k, 0) for k in _KANA) >= s.kana_min:
            return Verdict(False, letters=ev.letters, native=True)   # kana: Japanese
        # 3. model -------------------------------------------------------------------------
        if p_exp is not None:
            limit = s.p_long if n >= s.long_letters else s.p_short
            words_needed = s.model_min_words_long if n >= s.long_letters else s.model_min_words
            top = max(sorted(post), key=lambda k: post[k])
            if top != self.expected:
                folded = ev.words
                if not folded.isdisjoint(self._words_only(True, top)):
                    # a function word of ours that the other language lacks ("це" in a
                    # Ukrainian line the model finds Russian): the model must be very sure
                    limit = s.p_veto
                elif self._marks_of(top, ev.text):
                    # punctuation only the other language uses (Spanish ¿ ¡)
                    limit = max(limit, s.p_letters)
                    words_needed = 1
            # two words at least must speak for the other language: one word is a name or a
            # loanword more often than it is a foreign line
            if p_exp < limit and top != self.expected and support.get(top, 0) >= words_needed \
                    and (top not in self.info.close or
                         self._decisive(ev, script, top, sure=p_exp < s.p_veto)):
                # (a close neighbour only on decisive evidence: see _decisive)
                return Verdict(True, self._rename(ev, model, top), post[top], "model",
                               letters=ev.letters, p_expected=p_exp)
            if n >= s.words_min_letters:
                # intruders the model does not know (Kyrgyz in a Russian track): their words
                by_words = self._judge_words(ev, script, n, unmodelled_only=True)
                if by_words.foreign:
                    return by_words
                if top != self.expected and p_exp < s.p_letters:
                    # the model leans to a language; its words and letters may prove it
                    by_words = self._judge_words(ev, script, n, only=top,
                                                 bonus=1 if p_exp < limit else 0)
                    if by_words.foreign:
                        return Verdict(True, self._rename(ev, model, top), by_words.confidence,
                                       "words", letters=ev.letters, p_expected=p_exp)
            return Verdict(False, letters=ev.letters, p_expected=p_exp,
                           lean=top if p_exp < s.p_lean and top != self.expected else None,
                           native=p_exp >= 0.5)
        # 4. words, for languages without a model -------------------------------------------
        if not self._own_model(script) and n >= s.words_min_letters:
            return self._judge_words(ev, script, n)
        return Verdict(False, letters=ev.letters)

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
            plain = [w for t, w in zip(ev.tokens, folded)
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
            if points >= s.words_min_hits and ours == 0:
                if best is None or points > best[1]:
                    best = (other, points)
        if best is not None:
            other, points = best
            return Verdict(True, other, min(1.0, 0.5 + 0.15 * points), "words",
                           letters=ev.letters)
        return Verdict(False, letters=ev.letters)


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
    ev = evidence("\n".join(lines))
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
    tag, conf = identify(lines, script=script)
    return tag, round(min(1.0, conf) * share, 3)
