"""Scripts and letters: the script of each letter (Unicode blocks), script names, and the
folding of apostrophes in words."""
from __future__ import annotations


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



def _fold_word(word: str) -> str:
    """The word in lower case, its apostrophes (’ ʼ ʻ ‘) written '."""
    word = word.lower()
    return word if word.isascii() else _fold_apostrophes(word)


def _fold_apostrophes(text: str) -> str:
    """``text`` with the apostrophes ’ ʼ ʻ ‘ written ' (str.replace: str.translate with a
    small table fails a lookup per other character)."""
    for ch in "’ʼʻ‘":
        if ch in text:
            text = text.replace(ch, "'")
    return text
