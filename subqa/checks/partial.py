"""Partly untranslated cues (L006): a run of words in another language inside a cue that is
otherwise in the track's language."""
from __future__ import annotations

import functools
import os
import re
from typing import Iterator

from .. import cache, langtags
from ..language import fact_tag, language_info, languages_with_script, script_of
from ..lazyregex import LATIN_LETTERS, agreed, lazy
from ..model import Hit, Severity
from ..resources import rules_dir
from ..text import BEYOND_LATIN, MARKED_NUMBER_WORD, MODIFIER_APOSTROPHES
from ..tomlload import load_toml
from .base import Context, Rule

# The patterns that need the regex module (Unicode properties) compile on first use: a cue of
# characters on which Python's re reads them alike (subqa.lazyregex.agreed) is read with re, so
# that most tracks never import regex.

# a word: letters (with their marks) and digits, joined by apostrophes or hyphens
_TOKEN = lazy(MARKED_NUMBER_WORD)
# the letters, marks and decimal digits among the characters agreed() accepts
_LATIN_WORD_CHARS = r"0-9" + LATIN_LETTERS
# _TOKEN for text that agreed() accepts, with Python's re
_LATIN_TOKEN = re.compile(rf"[{_LATIN_WORD_CHARS}]+"
                          rf"(?:[{MODIFIER_APOSTROPHES}\-][{_LATIN_WORD_CHARS}]+)*")
# text a run of words never crosses: the end of a sentence, a dash, a quotation mark, a bracket
_BREAK = frozenset(".!?…:;–—\"«»“”„¿¡()[]/|♪♫")
# what opens a sentence: its end before, a dialogue dash, a quotation mark
_SENTENCE = frozenset(".!?…:;-–—¿¡\"«»“”„")
# quoted text (a title, a sign, a quotation) and addresses: never judged
# (_QUOTED and _TAG name characters only: re reads them as regex does; an address is read with
# re where agreed() says re and regex agree, else with regex)
_QUOTED = re.compile(r'"[^"\n]*"|«[^»]*»|“[^”]*”|„[^“”]*[“”]|「[^」]*」|『[^』]*』')
_ADDRESS_PATTERN = (r"(?i)\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|"
                    r"\b[\w.-]+\.(?:com|org|net|edu|gov|io|tv|ru|de|fr|uk|es|it)\b")
_LATIN_ADDRESS = re.compile(_ADDRESS_PATTERN)
_ADDRESS = lazy(_ADDRESS_PATTERN)
_TAG = re.compile(r"<[^>]*>|\{[^}]*\}")
_MUSIC = frozenset("♪♫")


# ------------------------------------------------------------------------------------- facts

@functools.lru_cache(maxsize=1)
def _facts() -> dict:
    return load_toml(os.path.join(str(rules_dir()), "lang", "partial.toml"))


@functools.lru_cache(maxsize=1)
def _universal() -> frozenset:
    data = load_toml(os.path.join(str(rules_dir()), "lang", "universal.toml"))
    return frozenset(w.casefold() for w in data.get("words", ()))


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'").replace("ʼ", "'")


@functools.lru_cache(maxsize=None)
def _function_words(tag: str) -> frozenset:
    """Function words of ``tag`` (words.toml, through the detector's facts, and partial.toml's
    own lists), two letters or longer."""
    words = set(language_info(tag).words) | set(
        _facts().get("function_words", {}).get(tag, "").split())
    return frozenset(_fold(w) for w in words if len(w) >= 2)


@functools.lru_cache(maxsize=None)
def _script_function_words(script: str) -> frozenset:
    """The function words of every language written in ``script`` (kept: they depend on the
    facts only, and a track with words of another script asks for them again)."""
    tags = set(languages_with_script(script)) | set(_facts().get("function_words", {}))
    return frozenset().union(*(_function_words(t) for t in sorted(tags)
                               if script in language_info(t).scripts))


@functools.lru_cache(maxsize=None)
def _borrowed(tag: str) -> frozenset:
    return frozenset(_fold(p) for p in _facts().get("borrowed", {}).get(tag, ()))


@functools.lru_cache(maxsize=None)
def _neighbours(tag: str, script: str) -> tuple:
    """(language, its words the track language ``tag`` does not have) for every language written
    in ``script`` with function words; empty when ``tag`` has no function words in words.toml
    (partial.toml's short lists name another language's words, but are too short to vouch
    that a word is not the track language's own)."""
    table = _tables(tag)[1]
    return table[script] if script in table else _find_neighbours(tag, script)


def _find_neighbours(tag: str, script: str) -> tuple:
    own = _function_words(tag)
    if not language_info(tag).words:
        return ()
    same = language_info(tag).same
    tags = set(languages_with_script(script)) | set(_facts().get("function_words", {}))
    out = []
    for other in sorted(tags):
        if other == tag or other in same or script not in language_info(other).scripts:
            continue
        exclusive = _function_words(other) - own - _universal()
        if exclusive:
            out.append((other, exclusive))
    return tuple(out)


def _exclusive_words(tag: str) -> frozenset:
    """Every word that some language of ``tag``'s scripts has and ``tag`` has not."""
    return _tables(tag)[0]


@functools.lru_cache(maxsize=None)
def _tables(tag: str) -> tuple[frozenset, dict]:
    """(_exclusive_words(tag), each script of ``tag`` -> _neighbours(tag, script)), kept in the
    subqa cache: they depend on rules/lang and the code reading it only."""
    lang = os.path.join(str(rules_dir()), "lang")
    package = os.path.dirname(os.path.dirname(__file__))
    sources = [*(os.path.join(lang, name + ".toml")
                 for name in ("partial", "universal", "words", "letters", "languages")),
               __file__, os.path.join(package, "langtags.py"),
               os.path.join(package, "language", "facts.py"),
               os.path.join(package, "language", "scripts.py")]
    return cache.memo("facts-partial-" + tag, sources, lambda: _find_tables(tag))


def _find_tables(tag: str) -> tuple[frozenset, dict]:
    table = {sc: _find_neighbours(tag, sc) for sc in language_info(tag).scripts}
    exclusive = frozenset().union(*(words for sc in language_info(tag).scripts
                                    for _other, words in table[sc]))
    return exclusive, table


def _token_pattern(text: str):
    return _LATIN_TOKEN if agreed(text) else _TOKEN


# what may stand around a word in a run of text between spaces ("men," "(what" "-no"): no
# letter, mark or digit, so that a run stripped of them holds the same words
_EDGE = "\"'.,!?…:;()[]{}<>«»“”„‘’¿¡-–—/*♪♫"


def _same_script_counts(texts: list[str], words: frozenset) -> list[int]:
    """For each text of a track, how many distinct words of its folded text are in ``words``
    (tests/test_partial_speed.py holds it to reading each text alone). A word never spans
    a space, and folding keeps the spaces as they are, so each distinct run of the track's text
    between spaces is folded and read once: most recur ("you", "I'm"), most are one word with
    punctuation around it, and most cues hold no run with such a word, which a set operation
    tells."""
    runs = [text.split() for text in texts]
    distinct = list(set().union(*runs))
    # (one fold for all: a run holds no space, and its folded run none either)
    folded_runs = _fold("\n".join(distinct)).split("\n") if distinct else []
    holding = {}
    for run, folded in zip(distinct, folded_runs, strict=True):
        core = folded.strip(_EDGE)
        if core.isalpha():              # one word (tests/test_partial_speed.py)
            if core in words:
                holding[run] = (core,)
        else:
            found = words.intersection(_token_pattern(core).findall(core))
            if found:
                holding[run] = found
    return [0 if holding.keys().isdisjoint(cue_runs) else
            len(set().union(*(holding[r] for r in cue_runs if r in holding)))
            for cue_runs in runs]


def _candidates(texts: list[str], scripts: frozenset, words: frozenset,
                min_words: int) -> list[int]:
    """The indexes of the texts (a track's cues) with letters that have a letter of a script
    not in ``scripts`` (``_other_script``) or at least ``min_words`` distinct words of
    ``words``."""
    counts = _same_script_counts(texts, words) if words else [0] * len(texts)
    return [n for n, text in enumerate(texts)
            if (counts[n] >= min_words or _other_script(text, scripts))
            and any(map(str.isalpha, text))]


def _other_script(text: str, scripts: frozenset) -> bool:
    """Whether ``text`` has a letter of a script not in ``scripts``."""
    if text.isascii():
        return "Latn" not in scripts and any(map(str.isalpha, text))
    if "Latn" in scripts and BEYOND_LATIN.search(text) is None:
        return False            # (below U+0250 every letter is Latin, or of no script: ª µ º)
    return any(script_of(ch) not in scripts for ch in set(text) if ch.isalpha() and script_of(ch))


def _track_languages(tag: str | None) -> list[str]:
    """The fact tags of a track language; ``zh-Hans+en`` (a bilingual track) gives both."""
    out = []
    for part in (tag or "").split("+"):
        ft = fact_tag(part.strip()) if part.strip() else None
        if ft and language_info(ft).scripts:
            out.append(ft)
    return out


def _name(tag: str | None) -> str:
    return langtags.language_facts(tag).get("name", tag) if tag else "another language"


# ------------------------------------------------------------------------------------ tokens

class Token:
    """One word of a cue. ``kind``: "native" (the track's script), "foreign" (another script),
    "neutral" (a number, a name, an acronym, a word of mixed scripts, quoted or set apart)."""

    __slots__ = ("text", "low", "start", "end", "script", "kind", "cls", "initial", "broken",
                 "comma", "letter")

    def __init__(self, text, start, end, script, kind, cls, initial, broken, comma=False,
                 letter=False):
        self.text = text
        self.low = _fold(text)
        self.start = start
        self.end = end
        self.script = script
        self.kind = kind
        self.cls = cls            # "word" (lower case), "initial" (a capital opens a sentence)
        self.initial = initial    # opens a sentence
        self.broken = broken      # a break (see _BREAK) separates it from the word before
        self.comma = comma        # a comma separates it from the word before
        self.letter = letter      # a word of one letter of the track's script ("I", "a")


def _plain_with_italics(cue) -> tuple[str, list]:
    """The cue's text on screen (lines joined by a newline) and, per character, whether it is
    set in italics (``<i>``, ``{\\i1}``)."""
    import html      # only for tracks with italics; most checks never come here

    chars: list[str] = []
    italic: list[bool] = []
    on = False
    for n, line in enumerate(cue.lines):
        if n:
            chars.append("\n")
            italic.append(False)
        pos = 0
        for m in _TAG.finditer(line):
            text = html.unescape(line[pos:m.start()])
            chars.extend(text)
            italic.extend([on] * len(text))
            tag = m.group().replace(" ", "").lower()
            if tag.startswith("<i") and (len(tag) == 3 or tag[2] in ".>"):
                on = True
            elif tag == "</i>":
                on = False
            elif tag.startswith("{") and "\\i1" in tag:
                on = True
            elif tag.startswith("{") and "\\i0" in tag:
                on = False
            pos = m.end()
        text = html.unescape(line[pos:])
        chars.extend(text)
        italic.extend([on] * len(text))
    return "".join(chars), italic


def _masked(text: str, italic: list) -> list:
    """Per character: left out of judging (quoted, an address, or set apart in italics inside a
    cue that is not all italics: a deliberate foreign phrase, a title)."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    all_italic = bool(letters) and all(italic[i] for i in letters)
    mask = [False] * len(text) if all_italic else list(italic)
    quoted = _QUOTED.finditer(text)
    addresses = (_LATIN_ADDRESS if agreed(text) else _ADDRESS).finditer(text)
    for matches in (quoted, addresses):
        for m in matches:
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


def _scripts(word: str) -> frozenset | None:
    """The scripts of a word's letters; None for a word with digits or unknown letters."""
    scripts = set()
    for ch in word:
        if ch.isdigit():
            return None
        if ch.isalpha():
            sc = script_of(ch)
            if sc is None:
                return None
            scripts.add(sc)
    return frozenset(scripts)


# scripts written without spaces between words: a word of another script is cut from them
_UNSPACED = frozenset({"Hani", "Hira", "Kana", "Hang", "Thai", "Laoo", "Khmr", "Mymr"})


def _words(text: str):
    """(word, start, end) of each word of ``text``; a stretch of letters is cut where a script
    written without spaces meets another ("コリアンダーのhas" is two words), not where Latin meets
    Cyrillic (a Latin "A" typed in a Cyrillic word stays one word of mixed scripts)."""
    for m in _token_pattern(text).finditer(text):
        word, start = m.group(), m.start()
        cut = start
        prev = None
        for k, ch in enumerate(word):
            sc = script_of(ch) if ch.isalpha() else None
            if sc is None:
                continue
            wide = sc in _UNSPACED
            if prev is not None and wide != prev and k + start > cut:
                yield text[cut:start + k], cut, start + k
                cut = start + k
            prev = wide
        yield text[cut:m.end()], cut, m.end()


def tokens(cue, scripts: frozenset, names: frozenset) -> list[Token]:
    """The cue's words, classified (``names``: words written with a capital inside a sentence
    somewhere in the track, folded)."""
    text, italic = _plain_with_italics(cue)
    mask = _masked(text, italic)
    out: list[Token] = []
    prev_end = 0
    universal = _universal()
    for word, start, end in _words(text):
        gap = text[prev_end:start]
        prev_end = end
        broken = not out or not _BREAK.isdisjoint(gap) or "-" in gap
        initial = not out or not _SENTENCE.isdisjoint(gap)
        word_scripts = _scripts(word)
        sc = next(iter(word_scripts)) if word_scripts and len(word_scripts) == 1 else None
        letters = sum(1 for ch in word if ch.isalpha())
        # native: in the track's scripts (Japanese mixes three); foreign: in one other script;
        # a word mixing the two (a Latin "A" typed in a Cyrillic word) is neither
        if word_scripts and word_scripts <= scripts:
            kind, sc = "native", sc or min(word_scripts)
        else:
            kind = "foreign"
        cls = "word"
        if sc is None or letters < 2 or any(mask[start:end]) or _fold(word) in universal:
            kind = "neutral"
        elif any(c.isupper() for c in word[1:]):
            kind = "neutral"                 # an acronym (NASA), a brand (iPhone), Jean-Luc
        elif word[0].isupper():
            if not initial or _fold(word) in names:
                kind = "neutral"             # a name
            else:
                cls = "initial"
        out.append(Token(word, start, end, sc, kind, cls, initial, broken, "," in gap,
                         letters == 1 and bool(word_scripts) and word_scripts <= scripts))
    return out


def track_names(cues, wanted: frozenset | None = None) -> frozenset:
    """Words written with a capital inside a sentence anywhere in the track (names), folded;
    with ``wanted`` (folded words), only those of them: a cue whose folded text holds none of
    them is passed over (folding keeps each word of a text within it)."""
    names = set()
    for cue in cues:
        text = cue.plain_text
        if wanted is not None and not _holds_any(_fold(text), wanted):
            continue
        matches = _token_pattern(text).finditer(text)
        first = next(matches, None)
        # (a name is a word after the first, written with a capital)
        if first is None or not _has_upper(text[first.end():]):
            continue
        prev_end = first.end()
        for m in matches:
            start = m.start()
            if text[start].isupper() and _SENTENCE.isdisjoint(text[prev_end:start]):
                word = m.group()
                if not any(c.isupper() for c in word[1:]):
                    names.add(_fold(word))
            prev_end = m.end()
    return frozenset(names if wanted is None else names & wanted)


# up to this many cues to read, their capitalised words are few enough that testing every cue
# of the track for them costs less than reading the words of every cue (tests/test_partial_speed)
_FEW_CUES = 8


def _names(cues, read: list[int]) -> frozenset:
    """The track's names that ``tokens`` may look up in the cues of indexes ``read``: when these
    are few, those among their capitalised words only, else all."""
    if len(read) > _FEW_CUES:
        return track_names(cues)
    return track_names(cues, _capitalised(_plain_with_italics(cues[n])[0] for n in read))


def _holds_any(text: str, parts) -> bool:
    """Whether one of ``parts`` is in ``text``."""
    return any(part in text for part in parts)


def _capitalised(texts) -> frozenset:
    """The words of the texts that start with a capital, folded: those ``tokens`` may look up
    among the track's names."""
    return frozenset(_fold(word) for text in texts for word, _s, _e in _words(text)
                     if word[0].isupper())


def _has_upper(text: str) -> bool:
    """Whether a character of ``text`` is upper case."""
    if text.isascii():
        return text != text.lower()
    return any(map(str.isupper, text))


# -------------------------------------------------------------------------------------- runs

class Run:
    """Words of one cue that are in another language: their tokens, how sure (``strong``: a
    finding on its own; else only with the track's other left-overs), the language when known."""

    __slots__ = ("tokens", "strong", "language", "script")

    def __init__(self, tokens: list, strong: bool, language: str | None, script: str | None):
        self.tokens = tokens
        self.strong = strong
        self.language = language
        self.script = script

    def text(self, cue_text: str) -> str:
        return cue_text[self.tokens[0].start:self.tokens[-1].end].replace("\n", " ")


def _segments(toks: list, keep) -> list[list]:
    """Maximal stretches of consecutive tokens for which ``keep`` holds, not crossing a break."""
    out: list[list] = []
    cur: list = []
    for t in toks:
        if keep(t) and cur and not t.broken:
            cur.append(t)
        else:
            if cur:
                out.append(cur)
            cur = [t] if keep(t) else []
    if cur:
        out.append(cur)
    return out


def foreign_script_runs(toks: list, lone_letters: int, function_words) -> list[Run]:
    """Runs of words in a script the track language does not use. Two words or more, one of them
    in lower case or a function word, are a run; a single word in lower case (at least
    ``lone_letters`` letters) or a function word of its script's languages is a weak run; a
    single capitalised word opening a sentence ("Jeg", "Hastighed") goes along with the cue's
    other runs only."""
    runs = []
    for seg in _segments(toks, lambda t: t.kind == "foreign"):
        scripts = {t.script for t in seg}
        if len(scripts) != 1:
            continue
        sc = seg[0].script
        fw = function_words(sc)
        lower = [t for t in seg if t.cls == "word"]
        func = [t for t in seg if t.low in fw]
        if len(seg) >= 2 and (lower or func):
            runs.append(Run(seg, True, None, sc))
        elif len(seg) == 1 and (func or (lower and
                                         sum(map(str.isalpha, seg[0].text)) >= lone_letters)):
            runs.append(Run(seg, False, None, sc))
        else:
            runs.append(Run(seg, None, None, sc))     # a companion
    return runs


def same_script_runs(toks: list, language: str, script: str, min_words: int) -> list[Run]:
    """Runs of another language written in the track's script: at least ``min_words``
    consecutive function words of that language that the track language does not have, with
    the words next to them that are not the track language's function words."""
    neighbours = _neighbours(language, script)
    if not neighbours:
        return []
    own = _function_words(language)
    borrowed = _borrowed(language)
    runs = []
    for seg in _segments(toks, lambda t: t.letter or t.kind == "native" and t.script == script):
        if sum(1 for t in seg if any(t.low in ex for _o, ex in neighbours)) < min_words:
            continue
        best = None
        for other, exclusive in neighbours:
            i = 0
            while i < len(seg):
                j = i
                while j < len(seg) and seg[j].low in exclusive:
                    j += 1
                # distinct words: "los, los, los" (German "go!") is one word of evidence
                distinct = len({t.low for t in seg[i:j]})
                if distinct >= min_words and (best is None or j - i > best[2] - best[1]):
                    best = (other, i, j)
                i = max(j, i + 1)
        if best is None:
            continue
        other, i, j = best
        # the words around them that the track language does not have, up to a comma
        while i > 0 and not seg[i].comma and seg[i - 1].low not in own:
            i -= 1
        while j < len(seg) and not seg[j].comma and seg[j].low not in own:
            j += 1
        words = seg[i:j]
        phrase = " ".join(t.low for t in words)
        if any(phrase in b or b in phrase for b in borrowed):
            continue
        if not _model_agrees(phrase, language, other, script):
            continue
        runs.append(Run(words, True, other, script))
    return runs


def _model_agrees(phrase: str, language: str, other: str, script: str) -> bool:
    """Whether the character n-gram model, where both languages have one, finds ``phrase`` more
    likely in ``other`` than in the track ``language``. The function-word lists are short, so a
    word missing from the track language's list is no proof that the language lacks it (Czech
    "a já tu" holds two Portuguese function words); the model knows the whole language. Without
    a model for both, the function words decide alone."""
    if not (language_info(language).profile and language_info(other).profile):
        return True
    from ..language import model_words, ngram_model

    posterior, _n, _counts = ngram_model((language, other)).posterior(
        model_words(phrase, (script,)))
    return posterior.get(other, 0.0) > posterior.get(language, 0.0)


# -------------------------------------------------------------------------------------- rule

class PartlyUntranslated(Rule):
    """A cue in the track's language in which a run of words is in another language: words a
    translator or a machine translation left untranslated (``Стоп motorerne. Jeg хотим мира!``
    in a Russian track made from a Danish one; an English phrase in a French line). The message
    quotes the words.

    Words in a script the track language does not use (Latin in a Russian, Arabic or Chinese
    track) are the clear case: two or more in a row are reported; a single word is reported when
    it is written in lower case and has at least ``partial_lone_letters`` letters, or is a function
    word of its script's languages, and the track has such left-overs in at least
    ``partial_track_min_cues`` cues (one English loanword in a Russian track is not a pattern).
    In the track's own script (English words in a French line) only decisive evidence counts:
    at least ``partial_same_script_min_words`` consecutive function words of another language
    that the track language does not have (``rules/lang/words.toml``, ``rules/lang/partial.toml``),
    and not a phrase the language has borrowed whole ("c'est la vie" in English).

    Never counted: names (a capital inside a sentence, or a word the track writes with a
    capital inside a sentence elsewhere), acronyms and brands (``NASA``, ``iPhone``), title-case
    runs, quoted text (a title, a sign), words set in italics inside a cue that is not all
    italics (a foreign phrase marked as deliberate), cues with music marks (song lyrics),
    interjections and words every language shares (``rules/lang/universal.toml``), addresses,
    numbers, words mixing two scripts (a Latin ``A`` typed in a Cyrillic word). The cue itself
    must carry at least ``partial_min_native_letters`` letters of the track language outside the
    runs, and must not be judged in another language as a whole (that is L001's finding).
    A track in which at least ``partial_bilingual_share`` of the cues carry another script is
    bilingual by design (a Chinese line over its English line) and is not checked.
    """

    code = "L006"
    name = "partly-untranslated"
    severity = Severity.WARNING
    summary = "Part of the cue is left in another language (the words are quoted)"
    params = ("partial_lone_letters", "partial_track_min_cues", "partial_same_script_min_words",
              "partial_min_native_letters", "partial_bilingual_share")
    # the cue's words in another script are also an "unexpected script"; one finding
    supersedes = ("L003",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        verdicts = _l001_verdicts(ctx)
        if verdicts is None:
            return
        language = ctx.language if ctx.language else verdicts[1]
        langs = _track_languages(language)
        if not langs:
            return
        primary = langs[0]
        scripts = frozenset(sc for t in langs for sc in language_info(t).scripts)
        cues = ctx.track.cues
        lone = int(ctx.param("partial_lone_letters", primary))
        min_words = int(ctx.param("partial_same_script_min_words", primary))
        min_native = int(ctx.param("partial_min_native_letters", primary))
        same_script = _exclusive_words(primary) if len(langs) == 1 else frozenset()

        plains = [cue.plain_text for cue in cues]
        # most cues have neither another script nor two words of another language: passed over
        # together (see _candidates); nor are song lyrics and comments read
        candidates = [n for n in _candidates(plains, scripts, same_script, min_words)
                      if not (_MUSIC.intersection(cues[n].text)
                              or cues[n].text.lstrip().startswith("#"))]
        names = _names(cues, candidates) if candidates else None
        found = []
        with_other_script = 0
        for n in candidates:
            cue = cues[n]
            toks = tokens(cue, scripts, names)
            if any(t.kind == "foreign" for t in toks):
                with_other_script += 1
            if verdicts[0] is not None and verdicts[0][n].foreign:
                continue
            runs = foreign_script_runs(toks, lone, _script_function_words)
            if len(langs) == 1:
                for sc in language_info(primary).scripts:
                    runs += same_script_runs(toks, primary, sc, min_words)
            if not any(r.strong is not None for r in runs):
                continue
            inside = {id(t) for r in runs for t in r.tokens}
            native = sum(sum(map(str.isalpha, t.text)) for t in toks
                         if t.kind == "native" and id(t) not in inside)
            if native < min_native:
                continue
            found.append((cue, runs))
        lettered = (any(map(str.isalpha, plain)) for plain in plains)
        # (without a cue in another script, the share is 0 whatever the count of cues)
        with_letters = sum(lettered) if with_other_script else any(lettered)
        if with_letters and with_other_script / with_letters >= float(
                ctx.param("partial_bilingual_share", primary)):
            return
        weak_cues = sum(1 for _c, runs in found if any(r.strong is not None for r in runs))
        corroborated = weak_cues >= int(ctx.param("partial_track_min_cues", primary))
        for cue, runs in found:
            if not any(r.strong or (r.strong is False and corroborated) for r in runs):
                continue
            text, _ = _plain_with_italics(cue)
            shown = [r for r in runs if r.strong or corroborated]
            quoted = ", ".join(f'"{r.text(text)}"' for r in shown)
            languages = sorted({r.language for r in shown if r.language})
            scripts_seen = sorted({r.script for r in shown if r.language is None and r.script})
            where = [_name(t) for t in languages] + [f"{_script_name(s)} script"
                                                     for s in scripts_seen]
            yield Hit(f"part of the cue is not in {_name(primary)}: {quoted} "
                      f"({', '.join(where)})", cue=cue,
                      data={"words": [r.text(text) for r in shown], "languages": languages,
                            "scripts": scripts_seen, "expected": primary})


def _script_name(code: str) -> str:
    from ..language import script_name

    return script_name(code)


def _l001_verdicts(ctx: Context):
    """(the L001 verdict per cue or None, the track language L001 judged against); None when the
    language rules find the whole track in another language (L002) or cannot judge it."""
    try:
        from .language import analyse

        an = analyse(ctx)
    except Exception:           # (a bilingual tag the detector does not read, for one)
        return (None, ctx.language) if ctx.language else None
    if an is None:
        return (None, ctx.language) if ctx.language else None
    if an.mismatch:
        return None
    return an.verdicts, an.language
