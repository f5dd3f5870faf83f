"""The lossless text model of `subqa fix`: every file subqa reads comes back byte for byte when
written with no edit (BOM, line ends, legacy encodings, everything), and an edit changes only
its span. The round trip covers the shared corpus (skipped when absent), the samples and the
test fixtures."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from subqa.fixes.locate import locate
from subqa.fixes.spans import Edit, Source
from subqa.formats import SUBTITLE_EXTENSIONS, load_track, parse_bytes, sniff_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SUBQA_CORPUS") or ROOT.parent / "shared" / "corpus")


def _readable(folder: Path) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and (p.suffix.lower() in SUBTITLE_EXTENSIONS or sniff_file(p)):
            out.append(p)
    return out


FILES = _readable(ROOT / "samples") + _readable(ROOT / "tests" / "data")
CORPUS_FILES = _readable(CORPUS) if (CORPUS / "MANIFEST.tsv").is_file() else []


def _round_trip(path: Path) -> None:
    data = path.read_bytes()
    track = load_track(path)
    src = Source.from_bytes(data, track.encoding)
    assert src.lossless, f"{path}: {src.codec} does not round-trip"
    assert src.encode() == data
    assert src.encode(src.apply([])) == data
    # the lines are the reader's lines
    lines = src.reader_lines()
    assert len(lines) - (1 if lines and lines[-1] == "" else 0) == track.line_count or not data


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_round_trip_samples_and_fixtures(path):
    _round_trip(path)


def test_round_trip_every_readable_corpus_file():
    if not CORPUS_FILES:
        pytest.skip(f"subtitle corpus not found at {CORPUS}")
    for path in CORPUS_FILES:
        _round_trip(path)
    assert len(CORPUS_FILES) >= 150


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r", "mixed"])
@pytest.mark.parametrize("codec,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                       ("utf-16-le", codecs.BOM_UTF16_LE),
                                       ("utf-16-be", codecs.BOM_UTF16_BE), ("cp1251", b"")])
def test_line_ends_and_encodings_survive_an_edit(ending, codec, bom):
    ends = ["\r\n", "\n", "\r", "\n"] if ending == "mixed" else [ending] * 4
    text = (f"1{ends[0]}00:00:01,000 --> 00:00:02,000{ends[1]}Привет  мир {ends[2]}{ends[3]}"
            "2\n00:00:03,000 --> 00:00:04,000\nЕщё\n")
    data = bom + text.encode(codec)
    track = parse_bytes(data, "x.srt", encoding=None if bom or codec == "utf-8" else codec)
    src = Source.from_bytes(data, track.encoding)
    assert src.lossless and src.encode() == data and src.bom == bom
    at = src.text.index("  мир")
    out = src.encode(src.apply([Edit(at, at + 1, "")]))
    assert out == bom + text.replace("  мир", " мир").encode(codec)


def test_undecodable_bytes_are_kept():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nbad \xff\xfe byte\n"
    track = parse_bytes(data, "x.srt")
    src = Source.from_bytes(data, track.encoding)
    assert src.lossless and src.encode() == data


def test_edits_must_not_overlap():
    src = Source("abcdef", "utf-8")
    assert src.apply([Edit(4, 5, "E"), Edit(0, 1, "A"), Edit(2, 2, "+")]) == "Ab+cdEf"
    with pytest.raises(ValueError):
        src.apply([Edit(0, 3, ""), Edit(2, 4, "")])


def test_locate_finds_times_text_and_blocks():
    text = ("WEBVTT - header text\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\nNOTE a note\r\n\r\n"
            "intro\r\n00:01.000 --> 00:02.500 align:start line:10%\r\n<v Ann>Hi  there\r\n\r\n"
            "01:00:03.000 --> 01:00:04.000\r\nBye\r\n")
    data = text.encode("utf-8")
    track = parse_bytes(data, "x.vtt")
    src = Source.from_bytes(data, track.encoding)
    spans = locate(track, src)
    assert [src.text[s.start.start:s.start.end] for s in spans] == ["00:01.000", "01:00:03.000"]
    assert [src.text[s.end.start:s.end.end] for s in spans] == ["00:02.500", "01:00:04.000"]
    assert spans[0].style.format(62_345) == "01:02.345"
    assert spans[1].style.format(3_723_004) == "01:02:03.004"
    assert [src.line(n) for n in spans[0].text_lines] == ["<v Ann>Hi  there"]
    assert src.text[spans[0].block.start:spans[0].block.end].startswith("intro\r\n00:01.000")


def test_ass_times_are_located_in_their_fields():
    text = ("[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
            "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
            "Dialogue: 0,0:00:01.00,0:00:02.50,Default,,0,0,0,,Hello, 0:00:01.00 world\n")
    track = parse_bytes(text.encode(), "x.ass")
    src = Source.from_bytes(text.encode(), track.encoding)
    (s,) = locate(track, src)
    assert src.text[s.start.start:s.start.end] == "0:00:01.00"
    assert src.text[s.end.start:s.end.end] == "0:00:02.50"
    assert s.style.format(83_417) == "0:01:23.42"
