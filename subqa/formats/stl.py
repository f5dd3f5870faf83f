"""EBU STL reader (EBU Tech 3264-E, 1991: "Specification of the EBU Subtitling data exchange
format"), read from the bytes here; ttconv's STL reader is used only in the tests, as an
independent reading.

The file is a GSI block (General Subtitle Information, 1024 bytes) and then 128-byte TTI blocks
(Text and Timing Information). What the reader takes from the GSI block:

* DFC (bytes 3-10), the frame rate of the time codes: ``STL25.01`` 25 frames per second,
  ``STL30.01`` 30 time-code frames per second, which Tech 3264 does not tell apart from NTSC:
  files with STL30.01 carry 29.97 fps programmes in practice, so a frame lasts 1001/30000 s
  (the time code is read as NTSC non-drop time code, as ttconv reads it) and the track's frame
  rate is 29.97. ``STL23.01``, ``STL24.01`` and ``STL50.01`` are not in the specification
  but some tools write them (ttconv reads them): read at 23.976, 24 and 50 with a P008. Any
  other DFC is a file-level P001 (times then read at 25).
  The rate becomes ``Track.fps`` (``fps_origin`` "stl").
* CCT (bytes 12-13), the character code table of the text: ``00`` Latin (ISO 6937: a
  non-spacing diacritic 0xC1-0xCF comes before its base letter), ``01`` Latin/Cyrillic
  (ISO 8859-5), ``02`` Latin/Arabic (8859-6), ``03`` Latin/Greek (8859-7), ``04`` Latin/Hebrew
  (8859-8). ``Track.encoding`` names it.
* LC (bytes 14-15), the language code (Tech 3264 Appendix 3), becomes the track's declared
  language.
* TCP (bytes 256-263, ``HHMMSSFF``), the time code of the start of the programme: cue times
  are TCI − TCP and TCO − TCP, so a programme starting at 10:00:00:00 gives cues from 0 ms.
  A blank or unreadable TCP is a P008 and times are read as they are.

Each subtitle is a cue:

* ``line`` (and ``timing_line``) is the number of its first TTI block (1-based, the GSI block
  not counted): for this binary format the "line" of a finding is the TTI block number, and
  the reader's diagnostics say so in ``data`` (``"block"``, ``"line_is": "tti-block"``);
  ``identifier`` is its subtitle number (SN);
* times from TCI/TCO (bytes HH MM SS FF) with TCP subtracted; a subtitle whose TCI is before
  the TCP is kept, with a negative start, and is a P001 (ttconv drops it silently); a cue that
  ends before it begins or overlaps the previous one is kept as it is, for T001/T002 to report
  (ttconv omits the one and moves the other's start);
* text from the text field (TF) of the subtitle's blocks, joined when it has extension blocks
  (EBN 00h-EFh, the last FFh): 0x8A is a line break (repeated ones, as for double height, count
  once), 0x80/0x81 italics on/off (``<i>…</i>``, closed at the end of each line and opened
  again on the next while on), 0x8F unused space; the other control codes (teletext colours,
  boxing, double height, underline) are not text and show as a space between two characters,
  as teletext does;
* user-data blocks (EBN FEh), reserved EBN (F0h-FDh) and comment subtitles (CF 01h) are not
  cues: one P008 per file lists them (``reason`` "not-cues", ``blocks``);
* cumulative subtitles (CS 01h-03h) are a cue each, with their own times;
* a file that ends inside a TTI block is P001 on that block (the blocks before it are read); a
  file shorter than the GSI block or without an STL DFC is a file-level P001 with no cues.
"""
from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from ..model import Cue, Diagnostic
from .base import Parsed, Source, italic_markup

GSI_SIZE = 1024
TTI_SIZE = 128
# DFC -> (time-code frames per second, the rate the programme runs at)
RATES = {"STL25.01": (25, Fraction(25)), "STL30.01": (30, Fraction(30000, 1001))}
_NONSTANDARD_RATES = {"STL23.01": (24, Fraction(24000, 1001)), "STL24.01": (24, Fraction(24)),
                      "STL50.01": (50, Fraction(50))}
_DFC = re.compile(r"STL\d\d\.\d\d")
_CODECS = {"00": "iso6937", "01": "iso8859_5", "02": "iso8859_6", "03": "iso8859_7",
           "04": "iso8859_8"}
_LINE_BREAK, _ITALIC_ON, _ITALIC_OFF, _UNUSED = 0x8A, 0x80, 0x81, 0x8F
# Tech 3264 Appendix 3: language codes (hex) -> BCP 47
_LANGUAGES = dict(pair.split(":") for pair in (
    "01:sq 02:br 03:ca 04:hr 05:cy 06:cs 07:da 08:de 09:en 0A:es 0B:eo 0C:et 0D:eu 0E:fo "
    "0F:fr 10:fy 11:ga 12:gd 13:gl 14:is 15:it 16:se 17:la 18:lv 19:lb 1A:lt 1B:hu 1C:mt "
    "1D:nl 1E:no 1F:oc 20:pl 21:pt 22:ro 23:rm 24:sr 25:sk 26:sl 27:fi 28:sv 29:tr 2A:nl-BE "
    "2B:wa 45:zu 46:vi 47:uz 48:ur 49:uk 4A:th 4B:te 4C:tt 4D:ta 4E:tg 4F:sw 50:srn 51:so "
    "52:si 53:sn 54:sh 56:ru 57:qu 58:ps 59:pa 5A:fa 5B:pap 5C:or 5D:ne 5E:nd 5F:mr 60:ro-MD "
    "61:ms 62:mg 63:mk 64:lo 65:ko 66:km 67:kk 68:kn 69:ja 6A:id 6B:hi 6C:he 6D:ha 6E:gn "
    "6F:gu 70:el 71:ka 72:ff 73:prs 74:cv 75:zh 76:my 77:bg 78:bn 79:be 7A:bm 7B:az 7C:as "
    "7D:hy 7E:ar 7F:am").split())

# ISO 6937: the spacing characters of the upper half (0xA0-0xBF, 0xD0-0xFF; gaps undefined)
_ISO6937_UPPER = dict(zip(
    range(0xA0, 0xC0),
    "\u00a0¡¢£$¥#§¤‘“«←↑→↓°±²³×µ¶·÷’”»¼½¾¿", strict=True))
_ISO6937_UPPER.update(zip(range(0xD0, 0xD8), "―¹®©™♪¬¦", strict=True))
_ISO6937_UPPER.update(zip(range(0xDC, 0x100),
                          "⅛⅜⅝⅞ΩÆĐªĦ\ufffdĲĿŁØŒºÞŦŊŉĸæđðħıĳŀłøœßþŧŋ\u00ad", strict=True))
del _ISO6937_UPPER[0xE5]
# ISO 6937 non-spacing diacritics (before the base letter) -> combining mark, spacing form
_ISO6937_DIACRITICS = {
    0xC1: ("\u0300", "`"), 0xC2: ("\u0301", "´"), 0xC3: ("\u0302", "^"), 0xC4: ("\u0303", "~"),
    0xC5: ("\u0304", "¯"), 0xC6: ("\u0306", "˘"), 0xC7: ("\u0307", "˙"), 0xC8: ("\u0308", "¨"),
    0xCA: ("\u030a", "˚"), 0xCB: ("\u0327", "¸"), 0xCD: ("\u030b", "˝"), 0xCE: ("\u0328", "˛"),
    0xCF: ("\u030c", "ˇ"),
}


def _diag(code: str, message: str, block: int | None, **data) -> Diagnostic:
    if block is not None:
        data = {"block": block, "line_is": "tti-block", **data}
    return Diagnostic(code, message, block, data)


def read_stl(source: Source) -> Parsed:
    """The reader's entry point (subqa.formats.READERS): an EBU STL file's bytes -> its cues."""
    data = source.data
    if len(data) < GSI_SIZE:
        return _file_problem(f"file is {len(data)} bytes, shorter than the 1024-byte GSI block "
                             "of an EBU STL file; no cues", "short-gsi")
    gsi = data[:GSI_SIZE]
    dfc = gsi[3:11].decode("latin-1")
    if not _DFC.fullmatch(dfc):
        return _file_problem(f"Disk Format Code {dfc!r} (GSI bytes 3-10) is not STL25.01 or "
                             "STL30.01: not an EBU STL file; no cues", "dfc", dfc=dfc)
    diags: list[Diagnostic] = []
    if dfc in RATES:
        nominal, rate = RATES[dfc]
    elif dfc in _NONSTANDARD_RATES:
        nominal, rate = _NONSTANDARD_RATES[dfc]
        diags.append(_diag("P008", f"Disk Format Code {dfc} is not in EBU Tech 3264 "
                           f"(STL25.01 or STL30.01); read at {float(rate):.3f} fps", None,
                           reason="dfc", dfc=dfc))
    else:
        nominal, rate = RATES["STL25.01"]
        diags.append(_diag("P001", f"Disk Format Code {dfc!r} is not STL25.01 or STL30.01: "
                           "the frame rate is unknown; times read at 25 fps", None,
                           reason="dfc", dfc=dfc))
    cct = gsi[12:14].decode("latin-1")
    codec = _CODECS.get(cct)
    if codec is None:
        codec = "iso6937"
        diags.append(_diag("P008", f"character code table {cct!r} (GSI bytes 12-13) is not "
                           "00-04; text read as Latin (ISO 6937)", None, reason="cct",
                           cct=cct))
    tcp = _programme_start(gsi[256:264], nominal, diags)
    teletext = gsi[11:12] in (b"1", b"2")
    cues, more = _read_blocks(data[GSI_SIZE:], nominal, rate, tcp, codec, teletext)
    diags += more
    diags.sort(key=lambda d: (d.line or 0, d.code))
    blocks = (len(data) - GSI_SIZE + TTI_SIZE - 1) // TTI_SIZE
    return Parsed(cues=tuple(cues), diagnostics=tuple(diags), encoding=codec.replace("_", "-"),
                  line_count=blocks, language=_language(gsi[14:16]),
                  fps=round(float(rate), 3))


def _file_problem(message: str, reason: str, **data) -> Parsed:
    return Parsed(cues=(), diagnostics=(_diag("P001", message, None, reason=reason, **data),),
                  encoding="", line_count=0)


def _language(code: bytes) -> str | None:
    from ..langtags import normalize

    tag = _LANGUAGES.get(code.decode("latin-1").upper())
    return normalize(tag) if tag else None


def _programme_start(raw: bytes, nominal: int, diags: list[Diagnostic]) -> int:
    """TCP in frames (0 when blank or unreadable: a P008 then)."""
    text = raw.decode("latin-1")
    frames = _frames_of(*(int(text[i:i + 2]) for i in (0, 2, 4, 6)), nominal) \
        if text.isdigit() and len(text) == 8 else None
    if frames is None:
        diags.append(_diag("P008", f"time code of the start of the programme (TCP, GSI bytes "
                           f"256-263) {text.strip()!r} is not HHMMSSFF; cue times are read as "
                           "they are, not relative to the programme start", None, reason="tcp",
                           value=text))
        return 0
    return frames


def _frames_of(h: int, m: int, s: int, f: int, nominal: int) -> int | None:
    if h > 23 or m > 59 or s > 59 or f >= nominal:
        return None
    return ((h * 60 + m) * 60 + s) * nominal + f


def _ms(frames: int, rate: Fraction) -> int:
    return round(Fraction(frames * 1000) / rate)


def _read_blocks(body: bytes, nominal: int, rate: Fraction, tcp: int, codec: str,
                 teletext: bool) -> tuple[list[Cue], list[Diagnostic]]:
    cues: list[Cue] = []
    diags: list[Diagnostic] = []
    skipped: list[tuple[int, str]] = []
    pending: list[tuple[int, bytes]] = []        # (block number, block) of one subtitle

    def finish() -> None:
        if pending:
            _subtitle(pending, cues, diags, nominal, rate, tcp, codec, teletext)
            pending.clear()

    for n in range(1, (len(body) + TTI_SIZE - 1) // TTI_SIZE + 1):
        block = body[(n - 1) * TTI_SIZE:n * TTI_SIZE]
        if len(block) < TTI_SIZE:
            diags.append(_diag("P001", f"the file ends inside TTI block {n} ({len(block)} of "
                               "128 bytes); block not read", n, reason="truncated",
                               bytes=len(block)))
            break
        ebn = block[3]
        if ebn == 0xFE or 0xF0 <= ebn <= 0xFD:
            skipped.append((n, "user data" if ebn == 0xFE else f"reserved EBN {ebn:02X}h"))
            continue
        if pending and block[1:3] != pending[0][1][1:3]:
            diags.append(_diag("P008", f"subtitle in TTI block {pending[0][0]} has extension "
                               f"blocks but no last block (EBN FFh) before block {n}", n,
                               reason="extension-chain"))
            finish()
        pending.append((n, block))
        if ebn == 0xFF:
            first_n, first = pending[0]
            if first[15] == 0x01:
                skipped.append((first_n, "comment"))
                pending.clear()
            else:
                finish()
    if pending:
        diags.append(_diag("P008", f"subtitle in TTI block {pending[0][0]} has extension blocks "
                           "but no last block (EBN FFh): the file ends", pending[-1][0],
                           reason="extension-chain"))
        finish()
    if skipped:
        what = ", ".join(f"{n} ({kind})" for n, kind in skipped[:10])
        more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        diags.append(_diag("P008", f"{len(skipped)} TTI block(s) are not subtitles to check: "
                           f"{what}{more}", skipped[0][0], reason="not-cues",
                           blocks=[n for n, _ in skipped], kinds=[k for _, k in skipped]))
    return cues, diags


def _subtitle(blocks: list[tuple[int, bytes]], cues: list[Cue], diags: list[Diagnostic],
              nominal: int, rate: Fraction, tcp: int, codec: str, teletext: bool) -> None:
    n, first = blocks[0]
    tci = _frames_of(*first[5:9], nominal)
    tco = _frames_of(*first[9:13], nominal)
    if tci is None or tco is None:
        which = "TCI" if tci is None else "TCO"
        raw = first[5:9] if tci is None else first[9:13]
        diags.append(_diag("P001", f"time code {which} of TTI block {n} "
                           f"({':'.join(f'{b:02d}' for b in raw)}) is not a time code at "
                           f"{nominal} frames per second; subtitle not read", n,
                           reason="timecode"))
        return
    start, end = _ms(tci - tcp, rate), _ms(tco - tcp, rate)
    if tci < tcp:
        diags.append(_diag("P001", f"subtitle in TTI block {n} begins before the start of the "
                           f"programme (TCI before TCP): kept at {start} ms", n,
                           reason="before-programme-start"))
    text = b"".join(block[16:] for _, block in blocks)
    lines, bad = decode_text_field(text, codec, teletext)
    if bad:
        diags.append(_diag("P008", f"text of TTI block {n} holds {bad} byte(s) the character "
                           f"code table does not define (shown as U+FFFD)", n,
                           reason="undefined-character"))
    sn = int.from_bytes(first[1:3], "little")
    cues.append(Cue(index=len(cues) + 1, start_ms=start, end_ms=end, lines=tuple(lines),
                    line=n, timing_line=n, identifier=str(sn)))


def decode_text_field(tf: bytes, codec: str, teletext: bool = False) -> tuple[list[str], int]:
    """The lines of a text field (italics as ``<i>…</i>``) and the number of undefined bytes.
    A control code 0x00-0x1F (teletext colour, boxing, double height) takes a character cell
    on screen: it reads as a space between two characters, and as nothing elsewhere."""
    rows: list[list[tuple[str, bool]]] = [[]]
    italic, bad, gap, prev = False, 0, False, None
    chars = bytearray()

    def flush() -> None:
        nonlocal bad
        if chars:
            text, undefined = _decode(bytes(chars), codec)
            bad += undefined
            rows[-1].append((text, italic))
            chars.clear()

    i = 0
    while i < len(tf):
        b = tf[i]
        if 0x20 <= b <= 0x7F or b >= 0xA0:
            if gap and prev not in (None, 0x20) and b != 0x20:
                if chars:
                    chars.append(0x20)
                else:
                    rows[-1].append((" ", italic))
            gap, prev = False, b
            chars.append(b)
            if codec == "iso6937" and b in _ISO6937_DIACRITICS and i + 1 < len(tf) \
                    and 0x20 <= tf[i + 1] < 0x7F:
                i += 1
                chars.append(tf[i])
        elif b == _LINE_BREAK:
            flush()
            if rows[-1]:
                rows.append([])
            gap, prev = False, None
            if teletext:
                italic = False
        elif b in (_ITALIC_ON, _ITALIC_OFF):
            flush()
            italic = b == _ITALIC_ON
        elif b < 0x20:
            gap = True
        i += 1
    flush()
    return [line for line in (_render(row) for row in rows) if line], bad


def _render(row: list[tuple[str, bool]]) -> str:
    runs: list[list] = []
    for text, italic in row:
        if runs and runs[-1][1] == italic:
            runs[-1][0] += text
        else:
            runs.append([text, italic])
    if not runs:
        return ""
    runs[0][0] = runs[0][0].lstrip()
    runs[-1][0] = runs[-1][0].rstrip()
    return italic_markup(runs).strip()


def _decode(raw: bytes, codec: str) -> tuple[str, int]:
    if codec != "iso6937":
        text = raw.decode(codec, errors="replace")
        return text, text.count("\ufffd")
    out, bad, i = [], 0, 0
    while i < len(raw):
        b = raw[i]
        if b in _ISO6937_DIACRITICS:
            mark, spacing = _ISO6937_DIACRITICS[b]
            base = chr(raw[i + 1]) if i + 1 < len(raw) and 0x20 <= raw[i + 1] < 0x7F else ""
            i += 2 if base else 1
            if base in ("", " "):
                out.append(spacing)
            elif b == 0xC2 and base == "g":
                out.append("ģ")             # the cedilla of Latvian g is written above it
            else:
                out.append(unicodedata.normalize("NFC", base + mark))
            continue
        if b < 0x80:
            out.append(chr(b) if b != 0x7F else "")
        elif b in _ISO6937_UPPER:
            out.append(_ISO6937_UPPER[b])
        else:
            out.append("\ufffd")
            bad += 1
        i += 1
    return "".join(out), bad
