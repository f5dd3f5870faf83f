"""Turn the bytes of a subtitle file into text, and say how.

Order of decisions:

1. An explicit ``encoding=`` (``--encoding``) wins; undecodable bytes become U+FFFD and are
   reported (P002), otherwise nothing is reported.
2. A byte order mark: UTF-8, UTF-16 or UTF-32 (no P002: the file says what it is).
3. UTF-16 without a BOM (zero bytes at every other position), then strict UTF-8 (plain ASCII
   is UTF-8), then UTF-8 with a few invalid bytes (a file that mixes encodings).
4. Otherwise a legacy code page, chosen among the ones subtitle files are really written in.
   Short legacy files fool statistical guessers (charset-normalizer calls a cp1256 alphabet
   sample "cp932"), so every candidate that decodes without error is scored on whether the
   text it gives is *plausible subtitle text*: letters of the script that code page is for,
   words in one script, no stray symbols between letters, sane letter case, CJK characters
   from the common repertoire, Latin letters that one language uses together. The language
   (``language=``, else the file name's tag as in ``film.ru.srt``) adds a bonus.
   The guess is reported as "detected" only when it is clearly ahead of every reading that
   gives a different text, or ahead and backed by the language or by charset-normalizer's own
   guess; otherwise the P002 message says the encoding is unknown or ambiguous, names the
   other plausible code pages and asks for ``--encoding``.

Every outcome other than UTF-8/BOM adds a P002 diagnostic (info) naming the codec.
"""
from __future__ import annotations

import contextlib
import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, pairwise
from pathlib import PurePath

from ..model import Diagnostic
from ..text import name_script

# Legacy code pages in order of prior preference (how common they are for subtitle files).
# After the Windows code pages: the other Cyrillic encodings in use for Russian and Ukrainian
# (KOI8-R, RFC 1489; KOI8-U, RFC 2319; ISO 8859-5; DOS cp866) and ISO 8859-6
# for Arabic. Where two give the same text (KOI8-R and KOI8-U for Russian) the earlier wins.
CANDIDATES: tuple[str, ...] = (
    "cp1252", "cp1250", "cp1251", "gb18030", "big5", "cp949", "shift_jis",
    "cp1254", "cp1256", "cp1253", "cp1255", "cp1257", "cp874", "cp1258",
    "koi8-r", "koi8-u", "iso8859-5", "cp866", "iso8859-6",
)
_CYRILLIC_CODECS = ("cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866")
# Wider relatives tried when the strict codec fails (vendor extensions seen in real files).
_WIDER = {"shift_jis": "cp932", "big5": "cp950"}

# The script each code page is for (besides ASCII).
_SCRIPTS: dict[str, frozenset[str]] = {
    "cp1250": frozenset({"LATIN"}), "cp1252": frozenset({"LATIN"}),
    "cp1254": frozenset({"LATIN"}), "cp1257": frozenset({"LATIN"}),
    "cp1258": frozenset({"LATIN"}),
    **{c: frozenset({"CYRILLIC"}) for c in _CYRILLIC_CODECS}, "iso8859-6": frozenset({"ARABIC"}),
    "cp1253": frozenset({"GREEK"}), "cp1255": frozenset({"HEBREW"}),
    "cp1256": frozenset({"ARABIC"}), "cp874": frozenset({"THAI"}),
    "gb18030": frozenset({"CJK"}), "big5": frozenset({"CJK"}), "cp950": frozenset({"CJK"}),
    "shift_jis": frozenset({"CJK", "HIRAGANA", "KATAKANA"}),
    "cp932": frozenset({"CJK", "HIRAGANA", "KATAKANA"}),
    "cp949": frozenset({"HANGUL", "CJK"}),
}

# Non-ASCII letters of the languages each Latin code page serves (lower case). Used to prefer
# the code page in which the decoded letters belong to one language.
_LATIN_LETTERS: dict[str, str] = {
    "fr": "àâæçéèêëîïôœùûüÿ", "es": "áéíóúüñ", "pt": "áâãàçéêíóôõú", "it": "àèéìíîòóùú",
    "de": "äöüß", "nl": "éëïóöü", "da": "æøåé", "sv": "åäöé", "fi": "äöå", "is": "áðéíóúýþæö",
    "ca": "àçèéíïòóúü",
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű",
    "sl": "čšž", "hr": "čćđšž", "ro": "ăâîșşțţ",
    "tr": "çğıöşüâî", "az": "çəğıöşü",
    "et": "äöõüšž", "lv": "āčēģīķļņšūž", "lt": "ąčęėįšųūž",
    "vi": "àáâãèéêìíòóôõùúýăđĩũơư",
}
# Letters that are rare even in the languages that have them (under about 0.1 % of letters):
# many of them in a short text point to another code page.
_RARE_LETTERS = set("ĺŕďťňÿþðìò")
_LATIN_LANGS: dict[str, tuple[str, ...]] = {
    "cp1252": ("fr", "es", "pt", "it", "de", "nl", "da", "sv", "fi", "is", "ca"),
    "cp1250": ("pl", "cs", "sk", "hu", "sl", "hr", "ro"),
    "cp1254": ("tr", "az"),
    "cp1257": ("et", "lv", "lt"),
    "cp1258": ("vi",),
}

# The code page a language's legacy subtitle files are usually in (primary subtag or full tag).
_LANG_CODEPAGES: dict[str, tuple[str, ...]] = {}
for _cp, _langs in {
    "cp1251": "ru uk be bg sr sr-Cyrl mk kk ky tg mn", "koi8-r": "ru", "koi8-u": "uk",
    "cp1250": "pl cs sk hu sl hr bs ro sq sh sr-Latn",
    "cp1252": "en fr es pt it de nl da sv no nb nn fi is ca gl eu af id ms sw",
    "cp1253": "el", "cp1254": "tr az", "cp1255": "he yi", "cp1256": "ar fa ur",
    "cp1257": "et lv lt", "cp874": "th", "cp1258": "vi",
    "gb18030": "zh zh-Hans zh-CN zh-SG", "big5": "zh-Hant zh-TW zh-HK zh-MO",
    "shift_jis": "ja", "cp949": "ko",
}.items():
    for _tag in _langs.split():
        _LANG_CODEPAGES[_tag] = _LANG_CODEPAGES.get(_tag, ()) + (_cp,)

# Non-ASCII punctuation and symbols that are normal in subtitles.
_OK_PUNCT = set("“”‘’‚„«»‹›–—…¡¿·•€£°№§©®™¥¢×÷±½¼¾¹²³ªº\u00a0\u200b\u200e\u200f")

_CYR_VOWELS = set("аеёиоуыэюяіїєўйАЕЁИОУЫЭЮЯІЇЄЎЙ")
_VOWELS = {**{c: set("аеёиоуыэюяіїєў") for c in _CYRILLIC_CODECS},
           "cp1253": set("αεηιουωάέήίόύώϊϋΐΰ")}
_IN_WORD = set("’‘·\u2010\u2011\u00ad")   # may stand between two letters of a word
@lru_cache(maxsize=1)
def _han_space_han() -> re.Pattern:
    """Compiled on first use (a few ms): only legacy CJK candidates need it."""
    return re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")


_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_BYTES = bytes(range(128))
_MULTIBYTE = frozenset({"gb18030", "big5", "cp949", "shift_jis"})
_SINGLE_BYTE = frozenset(CANDIDATES) - _MULTIBYTE     # one byte, one character
_HIGH_LETTERS = bytes(range(0xC0, 0x100))

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 LE"),   # before UTF-16 LE: it starts the same way
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE"),
)

_MAX_WORDS = 4000          # enough evidence; keeps detection fast on feature-length files
AMBIGUITY_MARGIN = 0.08     # closer than this: the two readings are equally plausible
CLEAR_MARGIN = 0.15         # further ahead than this: no outside support needed
CN_BONUS = 0.05             # weight of charset-normalizer's guess among our own scores


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text; ``encoding`` the codec used ("utf-8", "cp1251"); ``candidates`` the
    scored alternatives (not compared)."""

    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()
    candidates: tuple[tuple[str, float], ...] = field(default=(), compare=False)


def bom_encoding(data: bytes) -> tuple[str, str] | None:
    """(codec, label) for a byte order mark at the start of ``data``."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return codec, label
    return None


def decode(data: bytes, path: str | PurePath = "", *, encoding: str | None = None,
           language: str | None = None) -> Decoded:
    """Decode subtitle bytes; never raises for any content (an unknown ``encoding`` name
    raises LookupError, which the caller turns into a usage error)."""
    if encoding:
        codec = codecs.lookup(encoding).name
        text = data.decode(codec, errors="replace")
        if codec in ("utf-8", "utf-16", "utf-32") and text.startswith("\ufeff"):
            text = text[1:]
        diags: tuple[Diagnostic, ...] = ()
        bad = _count_replaced(data, codec)
        if bad:
            diags = (Diagnostic("P002", f"{bad} byte(s) are not valid {codec} (passed with "
                                f"--encoding) and were read as U+FFFD", None,
                                {"encoding": codec, "invalid_bytes": bad}),)
        return Decoded(text, codec, diags)

    bom = bom_encoding(data)
    if bom:
        codec, label = bom
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError as exc:
            text = data.decode(codec, errors="replace")
            return Decoded(text, codec, (Diagnostic(
                "P002", f"file starts with a {label} byte order mark but is not valid {label} "
                f"(first bad byte at offset {exc.start}); unreadable bytes became U+FFFD",
                None, {"encoding": codec}),))

    declared = _xml_declared(data)
    if declared is not None:
        return declared

    sniffed = _sniff_utf16(data)
    if sniffed:
        text = data.decode(sniffed, errors="replace")
        return Decoded(text, sniffed, (Diagnostic(
            "P002", f"decoded as {sniffed} (detected: UTF-16 without byte order mark)", None,
            {"encoding": sniffed, "detected": True}),))

    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc

    if _mostly_utf8(data):
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return Decoded(text, "utf-8", (Diagnostic(
            "P002", f"UTF-8 with {bad} invalid byte sequence(s) (first at offset "
            f"{utf8_error.start}), read as U+FFFD; the file mixes encodings", None,
            {"encoding": "utf-8", "invalid_bytes": bad}),))

    return _detect_legacy(data, path, language)


_XML_ENCODING = re.compile(
    rb"\A<\?xml[^>]{0,200}?\sencoding\s*=\s*[\"']([A-Za-z][\w.:-]{0,39})[\"']")


def _xml_declared(data: bytes) -> Decoded | None:
    """An XML document (TTML) that declares a legacy encoding in its prolog
    (``<?xml version="1.0" encoding="ISO-8859-1"?>``) and decodes with it: read as declared
    (P002 says so). UTF-8 declarations, unknown names and bytes that do not decode are left to
    the usual detection."""
    m = _XML_ENCODING.match(data)
    if m is None:
        return None
    try:
        codec = codecs.lookup(m.group(1).decode("ascii")).name
        if codec in ("utf-8", "utf-16", "utf-32"):
            return None
        text = data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None
    return Decoded(text, codec, (Diagnostic(
        "P002", f"decoded as {codec} (declared in the XML prolog)", None,
        {"encoding": codec, "declared": True}),))


def _count_replaced(data: bytes, codec: str) -> int:
    try:
        data.decode(codec)
        return 0
    except UnicodeDecodeError:
        return data.decode(codec, errors="replace").count("\ufffd")


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: most ASCII characters leave a zero byte at every other position."""
    if len(data) < 8 or len(data) % 2 or 0 not in data:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(even)
    if odd.count(0) > 0.4 * n and even.count(0) < 0.05 * n:
        return "utf-16-le"
    if even.count(0) > 0.4 * n and odd.count(0) < 0.05 * n:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 multi-byte sequences clearly outnumber the invalid bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return good >= 8 and good >= 4 * bad


def language_codepages(path: str | PurePath, language: str | None = None) -> tuple[str, ...]:
    """The code pages a language suggests: ``language`` if given, else the file name's tag
    (``film.ru.srt`` -> cp1251)."""
    try:
        from ..langtags import from_filename, normalize
        tag = normalize(language) if language else from_filename(path)
    except Exception:          # the language table is optional here
        tag = language
    if not tag:
        return ()
    parts = tag.split("-")
    for i in range(len(parts), 0, -1):
        hit = _LANG_CODEPAGES.get("-".join(parts[:i]))
        if hit:
            return hit
    return ()


def _guess_may_matter(own: list[tuple[float, int, str, str, str]]) -> bool:
    """Whether CN_BONUS on any one candidate could change the chosen codec or the confidence:
    false when the best reading scores at least 0.5 and leads every other candidate (another
    reading, or the same text under another codec name) by more than CLEAR_MARGIN + CN_BONUS."""
    if not own:
        return False
    ordered = sorted(own, reverse=True)
    best_score = ordered[0][0]
    if best_score < 0.5:
        return True
    runner_up = max((o[0] for o in ordered[1:]), default=None)
    return runner_up is not None and best_score - runner_up <= CLEAR_MARGIN + CN_BONUS + 1e-9


def _detect_legacy(data: bytes, path: str | PurePath, language: str | None) -> Decoded:
    hinted = language_codepages(path, language)
    byte_words = _nonascii_words(data)
    byte_counts = _byte_counts(byte_words)
    # Bytes 0xC0-0xFF are letters in every single-byte candidate: when they are under 3 % of
    # the letters, the text is English-like with a few loan words and accents.
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    high_letters = len(data) - len(data.translate(None, _HIGH_LETTERS))
    mostly_ascii = high_letters < 0.03 * ascii_letters
    # A single-byte code page decodes the file when it decodes each distinct byte of it, and
    # two of them read the file alike when they read those bytes alike: the file itself is
    # decoded only with the multi-byte candidates and, at the end, with the chosen one.
    high = bytes(sorted(set(data.translate(None, _ASCII_BYTES))))
    texts: dict[str, str] = {}
    # scores before charset-normalizer: (score, -rank, codec, candidate, what identifies the text)
    own: list[tuple[float, int, str, str, tuple[str, str]]] = []
    for rank, cand in enumerate(CANDIDATES):
        codec, text = cand, None
        if cand in _MULTIBYTE:
            try:
                text = _decode_multibyte(data, cand)
            except UnicodeDecodeError:
                wider = _WIDER.get(cand)
                if wider:
                    with contextlib.suppress(UnicodeDecodeError):
                        text, codec = _decode_multibyte(data, wider), wider
            if text is None:
                continue
            texts[codec] = text
            reading = ("file", text)
        else:
            try:
                reading = ("bytes", high.decode(cand))
            except UnicodeDecodeError:
                continue
        score = plausibility(text or "", codec, byte_words, byte_counts)
        if codec == "cp1258" and codec not in hinted:
            score -= 0.15     # Vietnamese legacy files are rare; its letters overlap Western ones
        if codec == "cp1252" and mostly_ascii:
            score += 0.1      # a few accents in English text: cp1252 is what English files use
        if codec in hinted or cand in hinted:
            score += 0.3
        own.append((score, -rank, codec, cand, reading))

    _weigh_cyrillic_readings(own, byte_words)

    # charset-normalizer's guess adds CN_BONUS to one candidate. It is asked (an import and a
    # pass over the file) only when that could change the outcome: when our own best reading is
    # not already plausible and clear of every other reading by more than the bonus.
    cn_guess = _charset_normalizer_guess(data) if _guess_may_matter(own) else None
    scored: list[tuple[float, int, str, tuple[str, str]]] = [
        (score + (CN_BONUS if cn_guess in (codec, cand) else 0.0), neg_rank, codec, reading)
        for score, neg_rank, codec, cand, reading in own]

    scored.sort(reverse=True)
    best_score, _, best, best_reading = scored[0]
    best_text = texts[best] if best in texts else data.decode(best)
    cands = tuple((c, round(s, 3)) for s, _, c, _ in scored[:4])
    others = [(s, c) for s, _, c, r in scored[1:] if r != best_reading]
    margin = best_score - others[0][0] if others else 1.0
    rivals = [c for s, c in others if best_score - s < AMBIGUITY_MARGIN]
    # Confident when the text is clearly plausible and either far ahead of the next reading,
    # or ahead and backed by the file's language or by charset-normalizer's own guess.
    backed = cn_guess == best or any(best in (h, _WIDER.get(h)) for h in hinted)
    confident = best_score >= 0.5 and (margin >= CLEAR_MARGIN or (backed and not rivals))
    if not confident:
        alts = rivals or [c for _, c in others[:1]]
        also = f" (also plausible: {', '.join(alts[:3])})" if alts else ""
        msg = (f"encoding unknown or ambiguous; guessed {best}{also}; "
               f"pass --encoding if the text looks wrong")
        data_ = {"encoding": best, "detected": False, "candidates": [c for c, _ in cands]}
    else:
        msg = f"decoded as {best} (detected)"
        data_ = {"encoding": best, "detected": True}
    return Decoded(best_text, best, (Diagnostic("P002", msg, None, data_),), cands)


_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _decode_multibyte(data: bytes, codec: str) -> str:
    """``data.decode(codec)`` for a multi-byte candidate, raising as it does. The ASCII bytes
    before the first other one are decoded as ASCII: they read the same in these code pages,
    whose decoders are slow on them (a mostly English cp1252 file may hold 60 KB of them)."""
    m = _NON_ASCII.search(data)
    start = m.start() if m else len(data)
    return data[:start].decode("ascii") + data[start:].decode(codec)


# The most frequent letter pairs of Russian text (about 40 % of the letter pairs of running
# text; Ukrainian and Bulgarian share most of them). The Cyrillic code pages place the same
# letters at different bytes, so a file read with the wrong one is a permutation of its letters,
# in which these pairs are rare (about 10 %): measured on our own sentences (bench/data/language)
# and the samples, right 0.37-0.47, wrong 0.00-0.13.
_CYRILLIC_PAIRS = frozenset(
    "ст но то на ен ов ни ра во ко ро ре ал пр ел ли по ол ор ер ет ка ва та ан он де не ть ом "
    "ил ла ос ат ит го ри ес ог от ве ле ск ди ся да ма ам ин ви ны ой ль ак ем ме".split())
_CYRILLIC_WORD = re.compile("[а-яёіїєґў]+")
CYRILLIC_PAIRS_MIN = 0.2     # a reading this rich in common pairs is real text ...
CYRILLIC_PENALTY = 0.3       # ... and the Cyrillic readings with half its share or less lose this
# KOI8, ISO 8859-5 and cp866 must show running Russian-like text (alphabet runs such as
# "рст уфхц", which a Hebrew or Thai file becomes in them, reach about 0.2) or lose this:
CYRILLIC_PAIRS_PROOF = 0.3
CYRILLIC_UNPROVEN = 0.6


def _letter_pairs(byte_words: Counter[bytes]) -> Counter[tuple[int, int]]:
    """The adjacent byte pairs inside the words, each counted as often as its words occur.
    The Cyrillic code pages are single-byte, so a pair of letters in a reading is a pair of
    bytes here: counting the byte pairs once serves every Cyrillic candidate."""
    occurrences = _word_occurrences(byte_words)
    return Counter(pairwise(occurrences))   # a space is a letter in no reading


@lru_cache(maxsize=None)
def _lower_cyrillic(codec: str) -> tuple[str, ...]:
    """Per byte: the lower-case Cyrillic letter (of _CYRILLIC_WORD) it is in ``codec``, or ""."""
    table = []
    for b in range(256):
        ch = bytes([b]).decode(codec, errors="replace").lower()
        table.append(ch if _CYRILLIC_WORD.fullmatch(ch) else "")
    return tuple(table)


def _cyrillic_pair_share(byte_words: Counter[bytes], codec: str,
                         pairs: Counter[tuple[int, int]] | None = None) -> float:
    """The share of common pairs (_CYRILLIC_PAIRS) among the pairs of Cyrillic letters that
    stand side by side in the words read with the single-byte ``codec`` (0.0 under 30 pairs).
    ``pairs`` (_letter_pairs of ``byte_words``) saves counting them again for each codec."""
    if pairs is None:
        pairs = _letter_pairs(byte_words)
    lower = _lower_cyrillic(codec)
    hits = total = 0
    for (a, b), n in pairs.items():
        if lower[a] and lower[b]:
            total += n
            if lower[a] + lower[b] in _CYRILLIC_PAIRS:
                hits += n
    return hits / total if total >= 30 else 0.0


def _weigh_cyrillic_readings(own: list, byte_words: Counter[bytes]) -> None:
    """Cyrillic readings of a file (``own`` is changed in place) lose CYRILLIC_PENALTY when
    their letters form far fewer common letter pairs than the best Cyrillic reading (they are
    letter permutations of it), and the rarer code pages (KOI8, ISO 8859-5, cp866, which map
    almost every high byte to a Cyrillic letter, so that a Hebrew or Thai file reads as
    Cyrillic in them) lose CYRILLIC_UNPROVEN unless their text is rich in those pairs. cp1251
    keeps its standing in files without running text (an alphabet sample)."""
    cyr = [i for i, o in enumerate(own) if o[2] in _CYRILLIC_CODECS]
    if not cyr:
        return
    pairs = _letter_pairs(byte_words)
    shares = {i: _cyrillic_pair_share(byte_words, own[i][2], pairs) for i in cyr}
    best = max(shares.values())
    for i, share in shares.items():
        penalty = 0.0
        if best >= CYRILLIC_PAIRS_MIN and share <= best / 2:
            penalty = CYRILLIC_PENALTY
        if own[i][2] != "cp1251" and share < CYRILLIC_PAIRS_PROOF:
            penalty = CYRILLIC_UNPROVEN
        if penalty:
            score, neg_rank, codec, cand, text = own[i]
            own[i] = (score - penalty, neg_rank, codec, cand, text)


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:200_000],
                          cp_isolation=list(CANDIDATES) + list(_WIDER.values())).best()
    except Exception:  # pragma: no cover - the detector is an aid, never a failure
        return None
    if best is None:
        return None
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return None


_script = name_script          # (subqa.text: a variant of the script classifier)


# The everyday repertoire of each CJK code page's standard.
_CJK_REPERTOIRE = {"gb18030": "gb2312", "cp949": "euc_kr", "big5": "big5", "cp950": "big5",
                   "shift_jis": "shift_jis", "cp932": "shift_jis"}


def _common_cjk(ch: str, codec: str) -> bool:
    """Whether a CJK character is in the everyday repertoire of the code page's standard."""
    narrow = _CJK_REPERTOIRE.get(codec)
    if not narrow:
        return True
    try:
        ch.encode(narrow)
    except UnicodeEncodeError:
        return False
    return True


def _nonascii_words(data: bytes) -> Counter[bytes]:
    """The whitespace-delimited words holding non-ASCII bytes (the evidence), with counts."""
    return Counter([w for w in data.split() if not w.isascii()][:_MAX_WORDS])


def plausibility(text: str, codec: str, byte_words: Counter[bytes] | None = None,
                 byte_counts: Counter[int] | None = None) -> float:
    """How much ``text`` looks like real subtitle text for ``codec``: about 1.0 for clean text
    in the code page's script, lower (even negative) for mojibake. ``byte_words`` (the
    non-ASCII words of the raw bytes) saves splitting the text again for every candidate, and
    ``byte_counts`` (_byte_counts of them) counting their letters again."""
    expected = _SCRIPTS.get(codec, frozenset({"LATIN"}))
    latin = "LATIN" in expected
    letters: Counter[str] | None = None
    if byte_words is None:
        words = Counter(islice((w for w in text.split() if not w.isascii()), _MAX_WORDS))
        counted = words.items()
    else:
        # Two byte words may read alike: scoring them apart gives the same sums (every score
        # and count is a multiple of 0.5, so the float sums are exact in any order).
        counted = zip(_decode_words(byte_words, codec), byte_words.values(), strict=True)
        if codec in _SINGLE_BYTE:
            # one character per byte: the letters are those of the bytes, counted once per file
            letters = _single_byte_letters(byte_counts or _byte_counts(byte_words), codec)
    # _word_score needs the code page only for the CJK repertoire: the others share entries
    cjk_codec = codec if codec in _CJK_REPERTOIRE else ""
    good = odd = 0.0
    letter_runs = []
    for w, count in counted:
        g, o, word_letters = _word_score(w, cjk_codec, expected, latin)
        good += g * count
        odd += o * count
        if word_letters and letters is None:
            letter_runs.append(word_letters * count)
    if letters is None:
        letters = Counter("".join(letter_runs))
    if good + odd == 0:
        return 0.0
    if codec in _VOWELS:
        # Real Cyrillic or Greek text is about 40 % vowels; Hebrew read as cp1251 is not.
        in_script = {ch: n for ch, n in letters.items() if _script(ch) in expected}
        total = sum(in_script.values())
        if total >= 12:
            share = sum(n for ch, n in in_script.items() if ch in _VOWELS[codec]) / total
            if share < 0.3:
                odd += total * (0.3 - share) * 4
    if codec in ("gb18030", "big5", "cp950", "shift_jis", "cp932"):
        # Chinese and Japanese do not put spaces between words; Korean read as Han does.
        odd += 0.5 * len(_han_space_han().findall(text, 0, 200_000))
    score = (good - 2 * odd) / (good + odd)
    if latin and letters:
        score += 0.6 * _latin_language_fit(letters, codec) - 0.3
    return score


def _decode_words(byte_words: Counter[bytes], codec: str) -> list[str]:
    """The words read with ``codec`` (undecodable bytes as U+FFFD), in ``byte_words`` order.
    A single-byte code page reads each byte alone, so all the words are decoded in one call,
    joined by a line break (which no word holds); a multi-byte one could join a word's last
    byte to the separator, so there each word is decoded by itself."""
    if codec in _SINGLE_BYTE and byte_words:
        return b"\n".join(byte_words).decode(codec, errors="replace").split("\n")
    return [bw.decode(codec, errors="replace") for bw in byte_words]


def _word_occurrences(byte_words: Counter[bytes]) -> bytes:
    """Every occurrence of the words, joined by spaces (no word holds one)."""
    return b" ".join(byte_words.elements())


def _byte_counts(byte_words: Counter[bytes]) -> Counter[int]:
    """The bytes of the words, each counted as often as its words occur."""
    return Counter(_word_occurrences(byte_words))


@lru_cache(maxsize=64)
def _letters_of_bytes(codec: str) -> tuple[str, ...]:
    """Per byte of a single-byte code page: what _word_score adds to a word's letters for it
    (its lower case when it is a non-ASCII letter of a named script), else ""."""
    expected = _SCRIPTS.get(codec, frozenset({"LATIN"}))
    table = []
    for b in range(256):
        ch = bytes([b]).decode(codec, errors="replace")
        table.append("" if ch.isascii() else _word_score(ch, "", expected,
                                                         "LATIN" in expected)[2])
    return tuple(table)


def _single_byte_letters(byte_counts: Counter[int], codec: str) -> Counter[str]:
    """The letters (as _word_score gives them) of the words whose bytes ``byte_counts``
    counts, read with a single-byte ``codec``: each byte is one character."""
    table = _letters_of_bytes(codec)
    letters: Counter[str] = Counter()
    for b, n in byte_counts.items():
        for ch in table[b]:
            letters[ch] += n
    return letters


@lru_cache(maxsize=8192)
def _letter_script(ch: str) -> str:
    """_script of a letter, remembered: a file has a few hundred distinct letters, met again
    in every word and for every candidate."""
    return _script(ch)


@lru_cache(maxsize=65536)
def _word_score(w: str, codec: str, expected: frozenset[str], latin: bool
                ) -> tuple[float, float, str]:
    """(good, odd, lower-cased non-ASCII letters) for one word; ``codec`` for _common_cjk."""
    good = odd = 0.0
    letters = []
    scripts: set[str] = set()
    prev_lower = prev_letter = False
    ascii_letters = nonascii_letters = 0
    for k, ch in enumerate(w):
        if ch.isascii():
            prev_lower, prev_letter = ch.islower(), ch.isalpha()
            if prev_letter:
                scripts.add("LATIN")
                ascii_letters += 1
            continue
        cat = unicodedata.category(ch)
        after_letter, prev_letter = prev_letter, cat[0] in "LM"
        if cat[0] in "LM":
            sc = _letter_script(ch)
            if cat == "Mn" and not after_letter:
                odd += 1          # a combining mark with no letter to sit on
            if sc in ("HALFWIDTH", "UNNAMED"):
                odd += 1
                continue
            if sc in expected or (
                    sc in ("FULLWIDTH", "CJK", "HIRAGANA", "KATAKANA") and "CJK" in expected):
                good += 1
            else:
                odd += 1
            if sc == "CJK" and not _common_cjk(ch, codec):
                odd += 0.5
            if ch == "ς" and k + 1 < len(w) and w[k + 1].isalpha():
                odd += 1          # final sigma inside a word
            elif ch in "ъьы" and len(w) > 2 and (k == 0 or w[k - 1] in _CYR_VOWELS):
                odd += 1          # hard/soft sign or yery after a vowel or first in a word
            elif ch in "ϊϋΐΰ":
                odd += 0.5        # Greek letters that are rare in real text
            if cat == "Lu" and prev_lower:
                odd += 1          # "пРивет": upper case inside a word
            prev_lower = cat == "Ll"
            if cat[0] == "L":
                scripts.add(sc if sc not in ("HIRAGANA", "KATAKANA") else "CJK")
                nonascii_letters += 1
                letters.append(ch.lower())
        elif ch in _OK_PUNCT or (cat[0] in "PZ" and "CJK" in expected
                                 and (0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF)):
            if after_letter and ch not in _IN_WORD and k + 1 < len(w) and w[k + 1].isalpha():
                odd += 1          # "ksi¹¿k¹": a symbol between two letters
            else:
                good += 0.5
            prev_lower = False
        else:
            odd += 1
            prev_lower = False
    if len(scripts - {"LATIN"}) > 1 or (len(scripts) > 1 and not latin and ascii_letters
                                        and "CJK" not in scripts):
        odd += 1              # one word, several scripts
    if latin and nonascii_letters >= 3 and nonascii_letters > ascii_letters:
        odd += nonascii_letters - ascii_letters   # "Ïðèâåò": Latin words are mostly ASCII
    return good, odd, "".join(letters)


def _latin_language_fit(letters: Counter[str], codec: str) -> float:
    """Share of the non-ASCII letters that one language of the code page uses (best language,
    weight 3/4) and that any of its languages uses (weight 1/4)."""
    langs = _LATIN_LANGS.get(codec, ())
    if not langs:
        return 0.0
    total = sum(letters.values())
    union = set().union(*(set(_LATIN_LETTERS[lg]) for lg in langs))
    weight = {ch: (0.5 if ch in _RARE_LETTERS else 1.0) * n for ch, n in letters.items()}
    in_union = sum(w for ch, w in weight.items() if ch in union)
    best = max(sum(w for ch, w in weight.items() if ch in _LATIN_LETTERS[lg]) for lg in langs)
    return (0.25 * in_union + 0.75 * best) / total
