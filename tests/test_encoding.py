"""Encodings: BOMs, UTF-8, legacy code pages detected from the bytes, the override, and files
that are not subtitles at all (empty, binary, too large, unreadable)."""
from __future__ import annotations

import codecs
import os

import pytest

from subqa.formats import load_track, parse_bytes
from subqa.formats.encoding import decode
from subqa.model import SubtitleError, UsageError


def srt(*texts: str) -> str:
    return "".join(f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{t}\n\n"
                   for i, t in enumerate(texts, 1))


def p002(track):
    return [d for d in track.diagnostics if d.code == "P002"]


SAMPLE = srt("Ünïcödé — “quoted” text…", "中文字幕 日本語 한국어")


@pytest.mark.parametrize("codec, bom, expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32"),
])
def test_unicode_files_read_without_p002(codec, bom, expected):
    tr = parse_bytes(bom + SAMPLE.encode(codec), "x.srt")
    assert tr.encoding == expected
    assert tr.diagnostics == ()
    assert [c.text for c in tr.cues] == ["Ünïcödé — “quoted” text…", "中文字幕 日本語 한국어"]


def test_bom_is_not_part_of_the_first_line():
    tr = parse_bytes(codecs.BOM_UTF8 + b"WEBVTT\n\n00:01.000 --> 00:02.000\nx\n", "x.vtt")
    assert len(tr.cues) == 1 and tr.diagnostics == ()


# Realistic subtitle lines (two cues) in the languages each code page is used for.
LEGACY = {
    "cp1251": ("Я не знаю, что ты хочешь от меня.", "Пойдём домой, уже поздно."),
    "cp1252": ("Où est passé le garçon ? Il était là.", "Ça ne me plaît pas du tout, écoute."),
    "cp1250": ("Nie wiem, co się stało z tą książką.", "Proszę, zamknij drzwi, jest zimno."),
    "cp1253": ("Δεν ξέρω τι θέλεις από μένα.", "Πάμε σπίτι, είναι αργά."),
    "cp1254": ("Bunu neden yaptığını anlamıyorum.", "Lütfen kapıyı kapat, hava çok soğuk."),
    "cp1255": ("אני לא יודע מה אתה רוצה ממני.", "בוא נלך הביתה, כבר מאוחר.",
               "תודה רבה, נתראה מחר בבוקר."),
    "cp1256": ("لا أعرف ماذا تريد مني.", "لنذهب إلى البيت، لقد تأخر الوقت."),
    "cp1257": ("Aš nežinau, ko tu iš manęs nori.", "Eime namo, jau vėlu ir šalta.",
               "Ačiū, pasimatysime rytoj ryte prie upės."),
    "gb18030": ("我不知道你想要我做什么。", "我们回家吧，已经很晚了。"),
    "big5": ("我不知道你想要我做什麼。", "我們回家吧，已經很晚了。"),
    "cp949": ("나는 당신이 나에게서 무엇을 원하는지 모르겠어요.", "집에 가자, 벌써 늦었어."),
    "shift_jis": ("あなたが私に何を望んでいるのか分かりません。", "家に帰ろう、もう遅いよ。"),
    "cp874": ("ฉันไม่รู้ว่าคุณต้องการอะไรจากฉัน", "กลับบ้านกันเถอะ มันดึกแล้ว"),
}


@pytest.mark.parametrize("codec", sorted(LEGACY))
def test_legacy_code_pages_are_detected(codec):
    lines = LEGACY[codec]
    tr = parse_bytes(srt(*lines).encode(codec), "episode.srt")
    assert tr.encoding == codec
    assert [c.text for c in tr.cues] == list(lines)
    (d,) = p002(tr)
    assert d.message == f"decoded as {codec} (detected)"


def test_file_name_language_breaks_a_tie():
    # One non-ASCII byte: 0xF8 is "ø" (Norwegian) in cp1252 and "ř" (Czech) in cp1250.
    data = srt("Tromsø").encode("cp1252")
    assert parse_bytes(data, "film.cs.srt").cues[0].text == "Tromsř"
    assert parse_bytes(data, "film.no.srt").cues[0].text == "Tromsø"
    assert parse_bytes(data, "film.srt", language="cs").encoding == "cp1250"


def test_ambiguous_guess_says_so():
    data = srt("Tromsø").encode("cp1252")
    (d,) = p002(parse_bytes(data, "film.srt"))
    assert "unknown or ambiguous" in d.message and "--encoding" in d.message
    assert d.data["detected"] is False


def test_override_wins_and_gives_no_p002():
    data = srt("Я не знаю.").encode("cp1251")
    tr = parse_bytes(data, "x.fr.srt", encoding="cp1251")
    assert tr.encoding == "cp1251" and tr.cues[0].text == "Я не знаю." and not p002(tr)
    wrong = parse_bytes(data, "x.srt", encoding="cp1253")   # the user is obeyed
    assert wrong.encoding == "cp1253" and wrong.cues[0].text != "Я не знаю."


def test_override_with_invalid_bytes_is_reported():
    tr = parse_bytes(srt("caf\xe9").encode("latin-1"), "x.srt", encoding="utf-8")
    (d,) = p002(tr)
    assert "U+FFFD" in d.message and tr.cues[0].text == "caf\ufffd"


def test_unknown_encoding_name_is_a_usage_error():
    with pytest.raises(UsageError):
        parse_bytes(b"x", "x.srt", encoding="no-such-codec")


def test_utf8_with_a_stray_byte_stays_utf8():
    text = srt("Привет, как дела? Всё хорошо, спасибо.", "Ещё одна строка текста.")
    data = text.encode("utf-8").replace(b"\xd0\x9f", b"\xcf", 1)   # break one character
    tr = parse_bytes(data, "x.srt")
    assert tr.encoding == "utf-8" and len(tr.cues) == 2
    assert tr.cues[1].text == "Ещё одна строка текста."
    assert "invalid" in p002(tr)[0].message


def test_utf16_without_bom_is_sniffed():
    tr = parse_bytes(srt("Hello there", "Second").encode("utf-16-le"), "x.srt")
    assert tr.encoding == "utf-16-le" and [c.text for c in tr.cues] == ["Hello there", "Second"]


def test_decode_never_raises_on_random_bytes():
    import random
    rng = random.Random(7)
    for _ in range(50):
        data = bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 300)))
        out = decode(data, "x.srt")
        assert isinstance(out.text, str) and out.diagnostics


# --- files that are not subtitles ---

def test_empty_file(tmp_path):
    f = tmp_path / "empty.srt"
    f.write_bytes(b"")
    tr = load_track(f)
    assert tr.cues == () and [(d.code, d.line) for d in tr.diagnostics] == [("P001", None)]
    assert "empty" in tr.diagnostics[0].message


def test_binary_junk(tmp_path):
    f = tmp_path / "junk.srt"
    f.write_bytes(bytes(range(256)) * 40 + b"\x00" * 500)
    tr = load_track(f)
    assert tr.cues == () and len(tr.diagnostics) == 1
    assert tr.diagnostics[0].code == "P001" and "not look like subtitle text" in tr.diagnostics[0].message


def test_file_over_the_size_limit_is_not_read(tmp_path):
    f = tmp_path / "huge.srt"
    with open(f, "wb") as fh:
        fh.truncate(52_400_000)          # sparse: no 50 MB written to disk
    tr = load_track(f)
    (d,) = tr.diagnostics
    assert d.code == "P001" and d.line is None
    assert d.message == "file is 52.4 MB, over the 20 MB limit for a subtitle file; not read"
    small = load_track(f, max_bytes=60_000_000)       # the limit is a parameter
    assert small.diagnostics[0].message != d.message


def test_unreadable_files_raise_subtitle_error(tmp_path):
    with pytest.raises(SubtitleError):
        load_track(tmp_path / "missing.srt")
    with pytest.raises(SubtitleError):
        load_track(tmp_path)
    if os.path.exists("/dev/zero"):
        with pytest.raises(SubtitleError):
            load_track("/dev/zero")           # would never end if read
    if os.name == "posix" and os.geteuid() != 0:
        f = tmp_path / "locked.srt"
        f.write_text(srt("x"))
        f.chmod(0)
        with pytest.raises(SubtitleError):
            load_track(f)


# A short scene (our own lines): the other Cyrillic code pages must show running text before
# they are believed, so a realistic track rather than two lines.
RUSSIAN_SCENE = (
    "Я не знаю, что ты хочешь от меня.", "Пойдём домой, уже поздно.",
    "Караван вышел из города на рассвете.", "Мы шли по пустыне три долгих дня.",
    "Скажи мне правду, где ты был вчера?", "Это старая дорога, по ней ходили купцы.",
    "Наш проводник хорошо знал эти горы.", "Завтра мы будем на границе, если повезёт.",
)
UKRAINIAN_SCENE = (
    "Я не знаю, що ти хочеш від мене.", "Ходімо додому, вже пізно.",
    "Караван вийшов із міста на світанку.", "Ми йшли пустелею три довгі дні.",
    "Скажи мені правду, де ти був учора?", "Це стара дорога, нею ходили купці.",
    "Наш провідник добре знав ці гори.", "Завтра ми будемо на кордоні, якщо пощастить.",
)


@pytest.mark.parametrize("codec, lines, lang", [
    ("koi8-r", RUSSIAN_SCENE, "ru"), ("iso8859-5", RUSSIAN_SCENE, "ru"),
    ("cp866", RUSSIAN_SCENE, "ru"), ("cp1251", RUSSIAN_SCENE, "ru"),
    ("koi8-u", UKRAINIAN_SCENE, "uk"), ("cp1251", UKRAINIAN_SCENE, "uk"),
])
@pytest.mark.parametrize("named", [False, True])
def test_other_cyrillic_code_pages_are_detected(codec, lines, lang, named):
    tr = parse_bytes(srt(*lines).encode(codec), f"scene.{lang}.srt" if named else "scene.srt")
    assert tr.encoding == codec
    assert [c.text for c in tr.cues] == list(lines)
    (d,) = p002(tr)
    assert d.message == f"decoded as {codec} (detected)"


def test_arabic_iso_8859_6_is_detected():
    lines = ("لا أعرف ماذا تريد مني.", "لنذهب إلى البيت، لقد تأخر الوقت.",
             "خرجت القافلة من المدينة عند الفجر.", "سرنا في الصحراء ثلاثة أيام طويلة.")
    tr = parse_bytes(srt(*lines).encode("iso8859-6"), "scene.srt")
    assert tr.encoding == "iso8859-6"
    assert [c.text for c in tr.cues] == list(lines)


def test_cyrillic_letter_pairs_tell_a_reading_from_its_permutations():
    from collections import Counter

    from subqa.formats.encoding import CYRILLIC_PAIRS_PROOF, _cyrillic_pair_share

    words = Counter(w.encode("koi8-r") for line in RUSSIAN_SCENE for w in line.split())
    right = _cyrillic_pair_share(words, "koi8-r")
    assert right >= CYRILLIC_PAIRS_PROOF
    for wrong in ("cp1251", "iso8859-5", "cp866"):
        assert _cyrillic_pair_share(words, wrong) < right / 2


@pytest.mark.parametrize("codec", ["koi8-r", "iso8859-5", "cp866"])
def test_a_clean_russian_track_in_another_code_page_has_no_language_finding(tmp_path, codec):
    from subqa.api import check

    path = tmp_path / "scene.ru.srt"
    path.write_bytes(srt(*RUSSIAN_SCENE).encode(codec))
    (result,) = check([path], select=("L", "P"), use_config=False).files
    assert result.encoding == codec
    assert [f.code for f in result.findings] == ["P002"]


@pytest.mark.parametrize("lang", ["fa", "ur"])
def test_persian_and_urdu_in_cp1256_with_arabic_yeh_have_no_language_finding(tmp_path, lang):
    """Legacy Persian and Urdu files write ی (U+06CC, not in cp1256) as Arabic ي: a clean track
    must stay clean (its own lines from the evaluation set)."""
    from pathlib import Path

    from subqa.api import check

    data = Path(__file__).resolve().parents[1] / "bench" / "data" / "language" / f"{lang}.txt"
    lines = [ln.strip().replace("ی", "ي").replace("۔", ".")
             for ln in data.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    path = tmp_path / f"scene.{lang}.srt"
    path.write_bytes(srt(*lines).encode("cp1256"))
    (result,) = check([path], select=("L", "P"), use_config=False).files
    assert result.encoding == "cp1256" and len(lines) >= 20
    assert [f.code for f in result.findings] == ["P002"]
