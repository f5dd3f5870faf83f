"""The short cuts of legacy code page detection give what the plain computations give.

Detection was made cheaper by computing less for each candidate code page: a single-byte code
page decodes all the words in one call, the letters are counted in one pass, and the Cyrillic
letter pairs are counted once per file as byte pairs. Each test holds a short cut against the
plain computation it replaces, written out here, on the legacy files of the shared corpus and
on the translations encoded in every code page that can hold them (skipped when absent)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from subqa.formats import encoding
from subqa.formats.encoding import (_CYRILLIC_CODECS, _CYRILLIC_PAIRS, _CYRILLIC_WORD,
                                    _VOWELS, CANDIDATES, _han_space_han, _latin_language_fit,
                                    _nonascii_words, _script, _SCRIPTS, _word_score)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _plain_plausibility(text: str, codec: str, byte_words: Counter[bytes] | None) -> float:
    """subqa.formats.encoding.plausibility as it was: each word decoded by itself, the decoded
    words counted, the letters counted one by one."""
    expected = _SCRIPTS.get(codec, frozenset({"LATIN"}))
    latin = "LATIN" in expected
    if byte_words is None:
        words = Counter(w for w in text.split() if not w.isascii())
    else:
        words = Counter()
        for bw, n in byte_words.items():
            words[bw.decode(codec, errors="replace")] += n
    good = odd = 0.0
    letters: Counter[str] = Counter()
    for w, count in words.items():
        g, o, word_letters = _word_score(w, codec, expected, latin)
        good += g * count
        odd += o * count
        for ch in word_letters:
            letters[ch] += count
    if good + odd == 0:
        return 0.0
    if codec in _VOWELS:
        in_script = {ch: n for ch, n in letters.items() if _script(ch) in expected}
        total = sum(in_script.values())
        if total >= 12:
            share = sum(n for ch, n in in_script.items() if ch in _VOWELS[codec]) / total
            if share < 0.3:
                odd += total * (0.3 - share) * 4
    if codec in ("gb18030", "big5", "cp950", "shift_jis", "cp932"):
        odd += 0.5 * len(_han_space_han().findall(text, 0, 200_000))
    score = (good - 2 * odd) / (good + odd)
    if latin and letters:
        score += 0.6 * _latin_language_fit(letters, codec) - 0.3
    return score


def _plain_pair_share(byte_words: Counter[bytes], codec: str) -> float:
    """subqa.formats.encoding._cyrillic_pair_share as it was: each word decoded, lower-cased
    and split into Cyrillic runs, and its letter pairs looked up one by one."""
    hits = total = 0
    for bw, n in byte_words.items():
        for word in _CYRILLIC_WORD.findall(bw.decode(codec, errors="replace").lower()):
            for k in range(len(word) - 1):
                total += n
                if word[k:k + 2] in _CYRILLIC_PAIRS:
                    hits += n
    return hits / total if total >= 30 else 0.0


def _legacy_samples() -> list[tuple[str, bytes]]:
    """The corpus files that are not UTF-8 (what detection reads), and each translation
    encoded in every candidate code page that holds all of it."""
    samples = []
    for path in sorted((SHARED / "corpus" / "real").rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            samples.append((str(path), data))
    for path in sorted((SHARED / "translations").glob("*/*.srt")):
        text = path.read_text(encoding="utf-8-sig")
        for codec in CANDIDATES:
            try:
                samples.append((f"{path.name} as {codec}", text.encode(codec)))
            except UnicodeEncodeError:
                continue
    return samples


SAMPLES = _legacy_samples() if (SHARED / "corpus").is_dir() else []
needs_samples = pytest.mark.skipif(len(SAMPLES) < 20, reason="shared corpus not present")


@needs_samples
def test_plausibility_equals_the_plain_computation_for_every_candidate():
    checked = 0
    for name, data in SAMPLES:
        byte_words = _nonascii_words(data)
        counts = encoding._byte_counts(byte_words)
        for codec in CANDIDATES:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = ""
            plain = _plain_plausibility(text, codec, byte_words)
            assert encoding.plausibility(text, codec, byte_words, counts) == plain, (name, codec)
            assert encoding.plausibility(text, codec, byte_words) == plain, (name, codec)
            checked += 1
    assert checked > 500


@needs_samples
def test_plausibility_of_a_text_without_byte_words_is_unchanged():
    for name, data in SAMPLES[::7]:
        text = data.decode("latin-1")
        for codec in ("cp1252", "cp1251", "gb18030"):
            assert encoding.plausibility(text, codec) == _plain_plausibility(text, codec, None)


@needs_samples
def test_cyrillic_pair_share_from_byte_pairs_equals_decoding_every_word():
    for name, data in SAMPLES:
        byte_words = _nonascii_words(data)
        pairs = encoding._letter_pairs(byte_words)
        for codec in _CYRILLIC_CODECS:
            plain = _plain_pair_share(byte_words, codec)
            assert encoding._cyrillic_pair_share(byte_words, codec, pairs) == plain, (name, codec)
            assert encoding._cyrillic_pair_share(byte_words, codec) == plain


def test_cyrillic_code_pages_read_one_character_per_byte_in_any_case():
    """What counting byte pairs rests on: each byte is one character, lower-cased to one."""
    for codec in _CYRILLIC_CODECS:
        for b in range(256):
            ch = bytes([b]).decode(codec, errors="replace")
            assert len(ch) == 1 and len(ch.lower()) == 1, (codec, b)


def test_single_byte_candidates_decode_joined_words_as_each_word_alone():
    words = Counter({bytes([b, 0x41, c]): 1 for b in range(0x80, 0x100, 3)
                     for c in range(0x80, 0x100, 5)})
    words[b"\xe9\xe8"] = 3
    for codec in encoding._SINGLE_BYTE:
        plain = [bw.decode(codec, errors="replace") for bw in words]
        assert encoding._decode_words(words, codec) == plain, codec
        assert all(len(w) == 3 for w in plain[:-1])
        assert encoding._decode_words(Counter(), codec) == []


@needs_samples
def test_letters_counted_by_byte_equal_the_letters_of_the_words():
    for name, data in SAMPLES[::3]:
        byte_words = _nonascii_words(data)
        counts = encoding._byte_counts(byte_words)
        for codec in sorted(encoding._SINGLE_BYTE):
            expected, latin = _SCRIPTS[codec], "LATIN" in _SCRIPTS[codec]
            plain: Counter[str] = Counter()
            for bw, n in byte_words.items():
                word = bw.decode(codec, errors="replace")
                for ch in _word_score(word, codec, expected, latin)[2]:
                    plain[ch] += n
            assert encoding._single_byte_letters(counts, codec) == plain, (name, codec)


def _decoded_or_error(data: bytes, decode) -> str | None:
    try:
        return decode(data)
    except UnicodeDecodeError:
        return None


def test_multibyte_candidates_read_ascii_as_ascii():
    """What decoding the leading ASCII bytes apart rests on."""
    ascii_bytes = bytes(range(128))
    for codec in sorted(encoding._MULTIBYTE | set(encoding._WIDER.values())):
        assert ascii_bytes.decode(codec) == ascii_bytes.decode("ascii"), codec


@needs_samples
def test_multibyte_decoding_equals_decoding_the_whole_file():
    cases = [data for _, data in SAMPLES] + [b"", b"abc", b"abc\x81", b"\x81\x40abc",
                                             b"ab\xa4\xa4 x\xff", b"x\x810\x810"]
    for data in cases:
        for codec in sorted(encoding._MULTIBYTE | set(encoding._WIDER.values())):
            plain = _decoded_or_error(data, lambda d: d.decode(codec))
            fast = _decoded_or_error(data, lambda d: encoding._decode_multibyte(d, codec))
            assert fast == plain, (codec, data[:40])
