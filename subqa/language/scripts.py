"""Scripts and letters as the detector reads them: the script of each letter (subqa.text's
classifier), script names, and the folding of apostrophes in words."""
from __future__ import annotations

from ..text import script_of


# ----------------------------------------------------------------------------------- scripts

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


_script = script_of


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
