"""Robustness against the shared real-world corpus (../shared/corpus beside the clone, or
$SUBQA_CORPUS): every SRT and WebVTT file reads without an exception, no cue is lost silently,
WebVTT agrees with the specification's own tests (WPT), and legacy encodings are either
detected or honestly called ambiguous. Skipped when the corpus is absent."""
from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import signal
from pathlib import Path

import pytest

from subqa.formats import load_track, split_lines

CORPUS = Path(os.environ.get("SUBQA_CORPUS")
              or Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
if not (CORPUS / "MANIFEST.tsv").is_file():
    pytest.skip(f"subtitle corpus not found at {CORPUS}", allow_module_level=True)


def _tsv(name: str) -> list[dict[str, str]]:
    with open(CORPUS / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = [r for r in _tsv("MANIFEST.tsv") if r["format"] in ("srt", "vtt")]
SRT_ROWS = [r for r in ROWS if r["format"] == "srt"]
INDEX = {r["path"]: r for r in _tsv("expected/INDEX.tsv")}
WPT = {k: v for k, v in json.loads((CORPUS / "expected/wpt-webvtt-file-parsing.json")
                                   .read_text(encoding="utf-8")).items() if k != "_about"}
WPT_DIR = "real/wpt-webvtt-file-parsing"
KNOWN = [(r, re.search(r"known:([\w-]+)", r["encoding"]).group(1))
         for r in ROWS if "known:" in r["encoding"]]
# Code pages that are the same text for our purpose: gb18030 is a superset of gb2312 and gbk.
SAME_CODEC = {"gb2312": "gb18030", "gbk": "gb18030"}

# The corpus copy of settings-line.vtt holds 46 cues labelled valid0..text45 (one timing line
# each, all valid: cue settings never invalidate a cue). The WPT count (45) was transcribed
# from an older wpt revision of settings-line.html (see the JSON's "caveat"). We assert the
# file's own labelling instead, and that the transcription still says 45, so that this
# exception is noticed if the expectation is corrected.
WPT_STALE = {"settings-line.vtt": 45}


def ids(rows):
    return [r["path"].removeprefix("real/") for r in rows]


@contextlib.contextmanager
def time_limit(seconds: int):
    """Fail (instead of hanging) if reading takes longer than ``seconds``."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def _timeout(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


_CACHE: dict[str, object] = {}


def read(row):
    if row["path"] not in _CACHE:
        with time_limit(5):
            _CACHE[row["path"]] = load_track(CORPUS / row["path"], fmt=row["format"])
    return _CACHE[row["path"]]


def p001(track):
    return [d for d in track.diagnostics if d.code == "P001"]


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_reads_without_exception_and_track_is_consistent(row):
    tr = read(row)
    assert tr.format == row["format"]
    assert [c.index for c in tr.cues] == list(range(1, len(tr.cues) + 1))
    for cue in tr.cues:
        assert 1 <= cue.line <= cue.timing_line <= tr.line_count
        assert not any("\n" in ln or "\r" in ln for ln in cue.lines)
    for d in tr.diagnostics:
        assert d.code in ("P001", "P002", "P003", "P004", "P005") and d.message
        assert d.line is None or 1 <= d.line <= tr.line_count
    if not tr.cues:
        assert tr.diagnostics or tr.format == "vtt", "an SRT file with no cue must say why"


@pytest.mark.parametrize("row", SRT_ROWS, ids=ids(SRT_ROWS))
def test_every_srt_arrow_line_is_a_cue_or_a_p001(row):
    tr = read(row)
    if not tr.encoding:                       # not read at all: one file-level P001
        assert [d.line for d in p001(tr)] == [None]
        return
    text = (CORPUS / row["path"]).read_bytes().decode(tr.encoding, errors="replace")
    arrows = {k for k, ln in enumerate(split_lines(text.lstrip("\ufeff")), 1) if "-->" in ln}
    as_cue = {c.timing_line for c in tr.cues}
    as_p001 = {d.data.get("timing_line", d.line) for d in p001(tr)}
    assert arrows - as_cue - as_p001 == set()
    assert as_cue <= arrows                   # and no cue was invented


@pytest.mark.parametrize("name", sorted(WPT), ids=sorted(WPT))
def test_wpt_file_parsing(name):
    spec = WPT[name]
    tr = read({"path": f"{WPT_DIR}/{name}", "format": "vtt"})
    assert spec["expect"] in ("load", "unknown")   # "unknown": a ttconv-only file, valid
    assert not [d for d in p001(tr) if d.line is None], "a file WPT loads has no file-level P001"
    if name in WPT_STALE:
        assert spec["cue_count"] == WPT_STALE[name]
        labels = [c.text for c in tr.cues]
        assert [int(re.sub(r"\D", "", t)) for t in labels] == list(range(len(labels))) == \
            list(range(46))
        return
    if spec["cue_count"] is not None:
        assert len(tr.cues) == spec["cue_count"]
    if name == "comment-in-cue-text.vtt":
        # "NOTE" lines inside a cue payload are cue text, not comments (the note's 2 cues).
        assert [c.lines[0][:4] for c in tr.cues] == ["NOTE", "NOTE"]
    for exp in spec.get("cues", []):
        cue = tr.cues[exp["index"]]
        if "id" in exp:
            assert (cue.identifier or "") == exp["id"]
        if "text" in exp:
            assert cue.text == exp["text"]
        if "startTime" in exp:
            assert cue.start_ms == round(exp["startTime"] * 1000)
        if "endTime" in exp:
            assert cue.end_ms == round(exp["endTime"] * 1000)


WPT_COUNTED = [n for n in sorted(WPT) if WPT[n]["cue_count"] is not None]


def test_wpt_agreement_summary():
    agree = sum(1 for n in WPT_COUNTED
                if len(read({"path": f"{WPT_DIR}/{n}", "format": "vtt"}).cues)
                == WPT[n]["cue_count"])
    assert agree == len(WPT_COUNTED) - len(WPT_STALE)


REJECTED = [r for r in ROWS if INDEX.get(r["path"], {}).get("must_reject", "").startswith("yes")]


@pytest.mark.parametrize("row", REJECTED, ids=ids(REJECTED))
def test_files_a_parser_rejects_are_reported(row):
    tr = read(row)
    why = INDEX[row["path"]]["must_reject"]
    if "vtt.js: no output" in why:
        # Bad signature (or empty): a file-level P001 and, as the spec says, no cues.
        assert tr.cues == ()
        assert [d.line for d in p001(tr)] == [None]
    elif row["path"].endswith("invalid_timeframe.srt"):
        # webvtt-py rejects '.' before the milliseconds in SubRip; subqa accepts that variant
        # (it has only one reading) and reads the time correctly.
        (cue,) = [c for c in tr.cues if c.timing_line == 6]
        assert cue.end_ms == 11_890
    else:
        assert p001(tr), "a file a strict parser rejects must give at least one P001"


VTTJS = [r for r in ROWS if INDEX.get(r["path"], {}).get("expectation_source", "")
         .startswith("expected/vttjs") and INDEX[r["path"]]["must_reject"] != "yes (vtt.js: no output)"]


@pytest.mark.parametrize("row", VTTJS, ids=ids(VTTJS))
def test_vttjs_cue_counts_where_they_follow_the_current_spec(row):
    entry = INDEX[row["path"]]
    tr = read(row)
    if entry["must_reject"].startswith("conflict"):
        # vtt.js (2019) expects no output for a cue right after the signature line; WPT
        # header-timings.vtt expects 1 cue for the same construct. WPT wins.
        assert len(tr.cues) == 1 and not p001(tr)
        return
    assert len(tr.cues) == int(entry["expected_cues"])


EXO = [r for r in ROWS if INDEX.get(r["path"], {}).get("expectation_source", "").startswith("ExoPlayer")]


@pytest.mark.parametrize("row", EXO, ids=ids(EXO))
def test_exoplayer_cues_are_kept_or_reported(row):
    """ExoPlayer's decoder is lenient; whatever it keeps, subqa keeps or reports with a line."""
    tr = read(row)
    reported = [d for d in p001(tr) if "timing_line" in d.data]
    assert len(tr.cues) + len(reported) >= int(INDEX[row["path"]]["expected_cues"])


@pytest.mark.parametrize("row, known", KNOWN, ids=ids([r for r, _ in KNOWN]))
def test_known_encodings(row, known):
    tr = read(row)
    known = SAME_CODEC.get(known, known)
    if tr.encoding == known or (known == "utf-8" and tr.encoding == "utf-8-sig"):
        return
    # A wrong guess must never be presented as a detection.
    (p002,) = [d for d in tr.diagnostics if d.code == "P002"]
    assert "unknown or ambiguous" in p002.message and p002.data["detected"] is False
    # With the encoding given, the text is exactly the file's bytes in that encoding.
    forced = load_track(CORPUS / row["path"], fmt=row["format"], encoding=known)
    assert forced.encoding == known and not [d for d in forced.diagnostics if d.code == "P002"]
    raw = (CORPUS / row["path"]).read_bytes()
    assert len(forced.cues) == len(tr.cues)
    for cue in forced.cues:
        for line in cue.lines:
            assert line.encode(known) in raw


JUVO_LANG = {"windows-1250": "pl", "windows-1251": "ru", "windows-1252": "fr",
             "windows-1253": "el", "windows-1254": "tr", "windows-1255": "he",
             "windows-1256": "ar", "windows-1257": "lt", "windows-1258": "vi",
             "windows-874": "th", "big5": "zh-Hant", "gb2312": "zh-Hans", "cp-949": "ko"}


@pytest.mark.parametrize("name", sorted(JUVO_LANG))
def test_language_hint_resolves_alphabet_samples(name):
    """The JuvoPlayer files are alphabet samples (no sentences), which no detector can place
    alone; given the language (--lang), every one is decoded with its known code page."""
    row = next(r for r in ROWS if r["path"].endswith(f"media_player_subs_{name}.srt"))
    known = re.search(r"known:([\w-]+)", row["encoding"]).group(1)
    tr = load_track(CORPUS / row["path"], language=JUVO_LANG[name])
    assert tr.encoding == SAME_CODEC.get(known, known)
    assert [d.message for d in tr.diagnostics] == [f"decoded as {tr.encoding} (detected)"]


def test_feature_length_files_read_completely():
    for path, cues in [("real/pysrt/utf-8.srt", 1332), ("real/pysrt/windows-1252.srt", 1332),
                       ("real/subtitleconverter/Avengers.2012.Eng.Subs.srt", 1760),
                       ("real/subtitleedit/auto_detect_windows-1250.srt", 1132)]:
        tr = read({"path": path, "format": "srt"})
        assert len(tr.cues) == cues and not p001(tr), path
    french = read({"path": "real/pysrt/windows-1252.srt", "format": "srt"})
    utf8 = read({"path": "real/pysrt/utf-8.srt", "format": "srt"})
    assert french.encoding == "cp1252"
    assert [c.lines for c in french.cues] == [c.lines for c in utf8.cues]


def test_mutated_corpus_files_never_raise():
    """Deterministic fuzzing: corpus files with bytes flipped, cut and spliced (arrows, line
    ends, NULs, BOMs) are read in every format without an exception and with sane positions."""
    import random

    from subqa.formats import parse_bytes

    rng = random.Random(20261128)
    sources = [CORPUS / r["path"] for r in ROWS if 0 < int(r["cues"] or 0) < 400]
    inserts = [b"-->", b"\r", b"\n", b"\x00", b"\n\n", b"00:00:01,000 --> 00:00:02,000\n",
               b"WEBVTT", b"\xff\xfe", b"-", b":", b"1\n", b"\xe9", b"\xd0"]
    for _ in range(150):
        data = bytearray(rng.choice(sources).read_bytes())
        for _ in range(rng.randrange(1, 12)):
            if not data:
                break
            i, op = rng.randrange(len(data)), rng.random()
            if op < 0.3:
                data[i] = rng.randrange(256)
            elif op < 0.5:
                del data[i:i + rng.randrange(1, 20)]
            else:
                data[i:i] = rng.choice(inserts)
        for fmt in (None, "srt", "vtt"):
            with time_limit(5):
                tr = parse_bytes(bytes(data), "fuzz.srt", fmt=fmt)
            for cue in tr.cues:
                assert 1 <= cue.line <= cue.timing_line <= tr.line_count
