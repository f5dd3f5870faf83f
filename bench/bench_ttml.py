"""Reading a 1,500-cue TTML film against reading the same cues as SubRip, in one run (best
of N repeats). The film is generated from a real SubRip file of the corpus (The Avengers,
first 1,500 cues), written both ways in UTF-8 with the same text:

    python bench/bench_ttml.py [--repeat 7]

Goal: TTML reading costs at most 3x SubRip reading (the ratio printed). The TTML film uses
25 fps frame times (IMSC 1.1 with ttp:frameRate), an italic style and <br/> line breaks.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from subqa.formats import load_track  # noqa: E402
from subqa.formats.srt import clock  # noqa: E402

from bench_parse import best_of  # noqa: E402  (the same timing as the parse floor)

CORPUS = Path(os.environ.get("SUBQA_CORPUS") or ROOT.parent / "shared" / "corpus")
SOURCE = "real/subtitleconverter/Avengers.2012.Eng.Subs.srt"
CUES = 1500
GOAL = 3.0


def frames(ms: int) -> str:
    seconds, rest = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}:{rest * 25 // 1000:02d}"


def ttml_line(line: str) -> str:
    if line.startswith("<i>") and line.endswith("</i>"):
        return f'<span style="it">{escape(line[3:-4])}</span>'
    return escape(line.replace("<i>", "").replace("</i>", ""))


def write_film(cues, folder: Path) -> tuple[Path, Path]:
    # frame-exact times, so that both files hold the same cues
    cues = [(c.start_ms // 40 * 40, c.end_ms // 40 * 40, c.lines) for c in cues]
    srt = folder / "film.en.srt"
    srt.write_text("".join(f"{i}\n{clock(b)} --> {clock(e)}\n" + "\n".join(lines) + "\n\n"
                           for i, (b, e, lines) in enumerate(cues, 1)), encoding="utf-8")
    ps = "\n".join(f'      <p xml:id="c{i}" begin="{frames(b)}" end="{frames(e)}">'
                   + "<br/>".join(ttml_line(ln) for ln in lines) + "</p>"
                   for i, (b, e, lines) in enumerate(cues, 1))
    ttml = folder / "film.en.ttml"
    ttml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling"\n'
        '    xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xml:lang="en" ttp:frameRate="25"\n'
        '    ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">\n'
        '  <head><styling><style xml:id="it" tts:fontStyle="italic"/></styling></head>\n'
        f'  <body>\n    <div>\n{ps}\n    </div>\n  </body>\n</tt>\n', encoding="utf-8")
    return srt, ttml


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if not (CORPUS / SOURCE).is_file():
        print(f"corpus not found at {CORPUS} (set SUBQA_CORPUS)")
        return 2
    cues = load_track(CORPUS / SOURCE).cues[:CUES]
    with tempfile.TemporaryDirectory() as tmp:
        srt, ttml = write_film(cues, Path(tmp))
        t_srt, a = best_of(args.repeat, lambda: load_track(srt))
        t_ttml, b = best_of(args.repeat, lambda: load_track(ttml))
    same = [(c.start_ms, c.end_ms, c.plain_lines) for c in a.cues] == \
        [(c.start_ms, c.end_ms, c.plain_lines) for c in b.cues]
    ratio = t_ttml / t_srt
    print(f"{len(a.cues)} cues; SubRip {t_srt * 1000:.1f} ms, TTML {t_ttml * 1000:.1f} ms; "
          f"ratio {ratio:.2f} (goal <= {GOAL}); same cues: {same}")
    return 0 if same and ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
