"""The SCC reader (through ttconv): times, rows, lines, findings; the corpus where present."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from subqa.formats import parse_bytes, sniff_format

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# RCL, PAC row 15, "HELLO", EOC (pop-on, shown at EOC), then EDM (cleared)
POP_ON = ("Scenarist_SCC V1.0\n\n{t1}\t9420 9420 94d0 94d0 c845 4c4c 4f80 942f 942f\n\n"
          "{t2}\t942c 942c\n")


def read(text: str, name: str = "t.scc"):
    return parse_bytes(text.encode(), name)


def isd_intervals(text: str) -> dict[str, list]:
    """ttconv's reading: {caption id: intervals (ms) in its ISD sequence}."""
    from ttconv import model
    from ttconv.isd import ISD
    from ttconv.scc import reader

    logging.getLogger("ttconv").setLevel(logging.CRITICAL)
    seq = ISD.generate_isd_sequence(reader.to_model(text))
    out: dict = {}
    for k, (t, isd) in enumerate(seq):
        nxt = seq[k + 1][0] if k + 1 < len(seq) else None
        for region in isd.iter_regions():
            for el in region.dfs_iterator():
                if isinstance(el, model.P):
                    ivs = out.setdefault(el.get_id(), [])
                    if ivs and ivs[-1][1] == t:
                        ivs[-1] = (ivs[-1][0], nxt)
                    elif (t, nxt) not in ivs:
                        ivs.append((t, nxt))
    ms = lambda t: None if t is None else int(round(t * 1000))  # noqa: E731
    return {k: [(ms(b), ms(e)) for b, e in v] for k, v in out.items()}


def test_a_pop_on_caption_is_shown_at_eoc_and_cleared_at_edm():
    text = POP_ON.format(t1="00:00:01:00", t2="00:00:03:00")
    track = read(text)
    assert track.format == "scc" and [c.lines for c in track.cues] == [("HELLO",)]
    cue = track.cues[0]
    # EOC is the 8th word: 30 + 7 frames at 29.97 fps; EDM at frame 90
    assert (cue.start_ms, cue.end_ms, cue.line) == (1235, 3003, 3)
    assert isd_intervals(text) == {"caption1": [(1235, 3003)]}
    assert track.diagnostics == ()


def test_drop_frame_time_codes():
    track = read(POP_ON.format(t1="00:01:00;02", t2="00:01:02;00"))
    # 00:01:00;02 is frame 1800 (frames 00 and 01 are dropped at that minute)
    assert track.cues[0].start_ms == round((1800 + 7) * 1001 / 30)


def test_a_file_without_the_header_is_p001_and_a_near_miss_reads():
    track = read("Scenarist SCC\n\n00:00:01:00\t9420 9420\n")
    assert [(d.code, d.line) for d in track.diagnostics] == [("P001", 1)] and not track.cues
    assert sniff_format("Scenarist_SCC V1.0\n") == "scc" and sniff_format("Scenarist") is None


def test_an_unreadable_line_is_p001_and_the_rest_is_read():
    text = POP_ON.format(t1="00:00:01:00", t2="00:00:03:00") + "\n00:00:05:00\tzzzz 9420\n"
    track = read(text)
    assert [(d.code, d.line) for d in track.diagnostics] == [("P001", 7)]
    assert [c.lines for c in track.cues] == [("HELLO",)]


def test_ttconv_records_name_the_scc_line():
    # caption channel 2 data: ttconv skips it and says so; a near miss on channel 1 is quiet
    text = POP_ON.format(t1="00:00:01:00", t2="00:00:03:00") + "\n00:00:05:00\t1c20\n"
    found = [(d.code, d.line, d.message) for d in read(text).diagnostics]
    assert found == [("P008", 7, "ttconv: Skip Caption Channel 2 content")]
    assert read(text.replace("1c20", "9120")).diagnostics == ()


def test_a_caption_never_cleared_is_p009():
    track = read("Scenarist_SCC V1.0\n\n00:00:01:00\t9420 9420 94d0 94d0 c845 4c4c 4f80 "
                 "942f 942f\n")
    assert [d.data["reason"] for d in track.diagnostics] == ["indefinite-end"]
    assert track.cues[0].end_ms == track.cues[0].start_ms


# (cues, first, last) as subqa reads them; ttconv's ISD gives the same intervals
CORPUS_SCC = {
    "real/ttconv/pop-on.scc": (3, (3777907, 3779242), (4296492, 4297760)),
    # the last roll-up caption is never cleared: ISD shows it for ever, subqa ends it at once
    "real/ttconv/mix-rows-roll-up.scc": (16, (801, 2836), (44344, 44344)),
}


@pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").is_file(), reason="corpus not present")
@pytest.mark.parametrize("rel", sorted(CORPUS_SCC))
def test_corpus_scc_files(rel):
    text = (CORPUS / rel).read_text(encoding="utf-8")
    track = read(text, rel)
    count, first, last = CORPUS_SCC[rel]
    cues = [(c.start_ms, c.end_ms) for c in track.cues]
    assert (len(cues), cues[0], cues[-1]) == (count, first, last)
    ref = isd_intervals(text)
    for k, cue in enumerate(track.cues, 1):
        (begin, end), = ref[f"caption{k}"]
        assert (begin, end if end is not None else begin) == (cue.start_ms, cue.end_ms)
    rows = [ln.split("\t") for ln in (CORPUS / "MANIFEST.tsv").read_text().splitlines()[1:]]
    assert sorted(r[0] for r in rows if r[5] == "scc") == sorted(CORPUS_SCC)
