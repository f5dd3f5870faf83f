"""Accuracy of the language rules on the sentences in bench/data/language/ (written for this
project: thirty everyday film lines per language, plus interjections and names).

L001  false alarms: cues of a clean track (the thirty lines and the short ones) that are
      reported; misses: a line of another language planted alone in the middle of the clean
      track and not reported. Both per track language and per cue length (letters).
L002  whole tracks: a track declared in its own language must not be reported; declared in
      another language it must be; and `--lang auto` detection must name the right language.

Run from the repository root:  python bench/eval_language.py
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from subqa.engine import Selection, TrackJob, run_rules  # noqa: E402
from subqa.language import detect_track_language, evidence  # noqa: E402
from subqa.model import Cue, Track  # noqa: E402
from subqa.profiles import load_profile  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "language"

# track language -> languages planted into it (plausible intruders, same script first)
PAIRS = {
    "en": ["fr", "es", "de", "ru"],
    "fr": ["en", "es", "it", "pt"],
    "es": ["en", "pt", "fr", "it"],
    "it": ["en", "es", "fr"],
    "pt": ["es", "en"],
    "de": ["en", "fr"],
    "tr": ["en", "uz", "de"],
    "uz": ["en", "tr", "ru"],
    "ru": ["uk", "kk", "ky", "mn", "tg", "en"],
    "uk": ["ru", "en"],
    "kk": ["ru", "en", "ky"],
    "ky": ["ru", "kk", "en"],
    "mn": ["ru", "kk", "en"],
    "tg": ["ru", "fa", "en"],
    "ar": ["fa", "ur", "ug", "en"],
    "fa": ["ar", "ur", "en"],
    "ur": ["fa", "ar", "en"],
    "ug": ["ar", "fa", "ur", "zh", "en"],
    "zh": ["ja", "en", "ru"],
    "ja": ["zh", "en"],
}
# Real tracks of the shared corpus (read in place) with the language the manifest gives them.
# They are real films: a reported cue may be a true foreign line, so the count is an upper
# bound on false alarms. Detection and L002 must be right on every one.
CORPUS = Path("/work/shared/corpus/real")
REAL = [
    ("subtitleconverter/Avengers.2012.Eng.Subs.srt", "en"),
    ("subtitleconverter/The.Dictator.2012.UNRATED.BDRip.XviD-AMIABLE.Eng.srt", "en"),
    ("subtitleconverter/Dirty Harry VOST - Clint Eastwood.srt", "en"),
    ("pysrt/utf-8.srt", "fr"),
    ("webvtt-py/netflix_chicas_del_cable.vtt", "es"),
    ("subtitleedit/auto_detect_Danish.srt", "da"),
    ("subtitleedit/auto_detect_Russian.srt", "ru"),
    ("subtitleedit/auto_detect_windows-1250.srt", "hr"),
    ("subtitleedit/auto_detect_windows-1251.srt", "sr"),
    ("juvoplayer/subtitles_de.vtt", "de"),
    ("juvoplayer/subtitles_es.vtt", "es"),
    ("juvoplayer/subtitles_fr.vtt", "fr"),
    ("videojs-elephantsdream/captions.ar.vtt", "ar"),
    ("videojs-elephantsdream/captions.en.vtt", "en"),
    ("videojs-elephantsdream/captions.ja.vtt", "ja"),
    ("videojs-elephantsdream/captions.ru.vtt", "ru"),
    ("videojs-elephantsdream/captions.sv.vtt", "sv"),
]
BUCKETS = ((0, 12, "<12"), (12, 25, "12-24"), (25, 40, "25-39"), (40, 10 ** 6, "40+"))


def lines(tag: str, short: bool = False, folder: Path = DATA) -> list[str]:
    path = (DATA / "short" if short else folder) / f"{tag}.txt"
    if not path.exists():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def make_track(texts: list[str], name: str) -> Track:
    cues = tuple(Cue(index=i + 1, start_ms=i * 3000, end_ms=i * 3000 + 2000, lines=(t,),
                     line=i * 4 + 1) for i, t in enumerate(texts))
    return Track(path=name, format="srt", cues=cues, encoding="utf-8")


def run(track: Track, lang: str | None, profile, language_origin: str | None = None):
    findings, _ = run_rules(TrackJob(track, lang, profile, 24.0, language_origin=language_origin),
                            Selection(select=("L",)))
    return findings


def bucket(text: str) -> str:
    n = evidence(text).letters
    return next(name for lo, hi, name in BUCKETS if lo <= n < hi)


def clean_track(tag: str, folder: Path = DATA) -> list[str]:
    """The set's lines with the short ones interleaved (every second cue a short one)."""
    full, short = lines(tag, folder=folder), lines(tag, short=True)
    out = []
    for i, text in enumerate(full):
        out.append(text)
        if short:
            out.append(short[i % len(short)])
    return out


def real_tracks(profile) -> None:
    if not CORPUS.is_dir():
        return
    from subqa.formats import load_track

    print("\nReal tracks (corpus): L001 reported / cues; detected language; L002")
    total = [0, 0]
    for rel, lang in REAL:
        path = CORPUS / rel
        if not path.exists():
            continue
        track = load_track(str(path))
        detected, conf = detect_track_language(track)
        findings = run(track, lang, profile)
        l001 = [f for f in findings if f.code == "L001"]
        l002 = any(f.code == "L002" for f in findings)
        total[0] += len(l001)
        total[1] += len(track.cues)
        print(f"  {rel:62} {lang:3} {len(l001):3}/{len(track.cues):<5} detected {detected} "
              f"({conf:.2f})" + ("  L002!" if l002 else ""))
        if "-v" in sys.argv:
            for f in l001:
                cue = track.cues[f.cue - 1]
                print(f"      {f.cue}: {f.data.get('detected')} {f.data.get('evidence')} "
                      f"{cue.plain_text!r}")
    print(f"  all: {total[0]}/{total[1]} cues reported")


def main() -> int:
    profile = load_profile("netflix")
    t0 = time.perf_counter()
    print("=== development set (bench/data/language/*.txt: the lines the detector was tuned on)")
    evaluate(profile, DATA)
    print("\n=== held-out set (bench/data/language/heldout/*.txt: other sentences, written "
          "after the first tuning; later changes were general, not fitted to them)")
    evaluate(profile, DATA / "heldout")
    real_tracks(profile)
    print(f"\n(evaluation took {time.perf_counter() - t0:.1f} s)")
    return 0


def evaluate(profile, folder: Path) -> None:
    fa = defaultdict(lambda: [0, 0])          # (lang, bucket) -> [false alarms, cues]
    miss = defaultdict(lambda: [0, 0])        # (lang, bucket) -> [misses, planted]
    pair_miss = defaultdict(lambda: [0, 0])
    other = defaultdict(int)                  # lang -> other L-findings on clean tracks
    fa_examples, miss_examples = [], []
    for tag in PAIRS:
        clean = clean_track(tag, folder)
        findings = run(make_track(clean, f"{tag}.srt"), tag, profile)
        flagged = {f.cue for f in findings if f.code == "L001"}
        other[tag] += sum(1 for f in findings if f.code != "L001")
        for i, text in enumerate(clean, 1):
            cell = fa[(tag, bucket(text))]
            cell[1] += 1
            if i in flagged:
                cell[0] += 1
                fa_examples.append(f"{tag}: {text}")
        mid = len(clean) // 2
        for intruder in PAIRS[tag]:
            for text in lines(intruder, folder=folder):
                planted = clean[:mid] + [text] + clean[mid:]
                found = run(make_track(planted, f"{tag}.srt"), tag, profile)
                hit = any(f.code == "L001" and f.cue == mid + 1 for f in found)
                for cell in (miss[(tag, bucket(text))], pair_miss[(tag, intruder)]):
                    cell[1] += 1
                    cell[0] += 0 if hit else 1
                if not hit:
                    miss_examples.append(f"{intruder} in {tag}: {text}")
    names = [b[2] for b in BUCKETS]
    print("L001 false alarms on clean cues (flagged/cues) and misses on planted foreign cues "
          "(missed/planted), by cue length in letters")
    print(f"{'lang':5} " + " ".join(f"{'FA ' + n:>10}" for n in names) + "   " +
          " ".join(f"{'miss ' + n:>11}" for n in names) + "   other-L")
    tot_fa = [0, 0]
    tot_miss = [0, 0]
    for tag in PAIRS:
        row = []
        for n in names:
            a, b = fa[(tag, n)]
            tot_fa[0] += a
            tot_fa[1] += b
            row.append(f"{a}/{b}" if b else "-")
        mrow = []
        for n in names:
            a, b = miss[(tag, n)]
            tot_miss[0] += a
            tot_miss[1] += b
            mrow.append(f"{a}/{b}" if b else "-")
        print(f"{tag:5} " + " ".join(f"{c:>10}" for c in row) + "   " +
              " ".join(f"{c:>11}" for c in mrow) + f"   {other[tag]}")
    by_len_fa = {n: [sum(fa[(t, n)][i] for t in PAIRS) for i in (0, 1)] for n in names}
    by_len_miss = {n: [sum(miss[(t, n)][i] for t in PAIRS) for i in (0, 1)] for n in names}
    print("all   " + " ".join(f"{f'{a}/{b}':>10}" for a, b in by_len_fa.values()) + "   " +
          " ".join(f"{f'{a}/{b}':>11}" for a, b in by_len_miss.values()))
    tp = tot_miss[1] - tot_miss[0]
    precision = tp / (tp + tot_fa[0]) if tp + tot_fa[0] else 1.0
    print(f"\nL001 false-alarm rate {tot_fa[0]}/{tot_fa[1]} = {tot_fa[0] / tot_fa[1]:.3f}; "
          f"recall {tp}/{tot_miss[1]} = {tp / tot_miss[1]:.3f}; precision with one planted cue "
          f"per track run = {precision:.3f}")
    big = [sum(by_len_miss[n][i] for n in names[1:]) for i in (0, 1)]
    print(f"recall on cues of 12 letters or more: {big[1] - big[0]}/{big[1]} = "
          f"{(big[1] - big[0]) / big[1]:.3f}")
    print("\nmisses per pair (track <- planted): " + ", ".join(
        f"{t}<-{x} {a}/{b}" for (t, x), (a, b) in pair_miss.items() if a))

    # L002 and detection
    print("\nL002 and --lang auto on whole tracks (the set's lines + short ones)")
    ok_detect = 0
    l002_fa = 0
    l002_hit = [0, 0]
    wrong = []
    for tag in PAIRS:
        track = make_track(clean_track(tag, folder), f"{tag}.srt")
        detected, conf = detect_track_language(track)
        ok_detect += detected == tag
        if detected != tag:
            wrong.append(f"{tag}->{detected} ({conf})")
        if any(f.code == "L002" for f in run(track, tag, profile)):
            l002_fa += 1
        auto = run(track, tag, profile, "detected")
        l002_fa += any(f.code == "L002" for f in auto)
        for declared in PAIRS[tag]:
            l002_hit[1] += 1
            if any(f.code == "L002" for f in run(track, declared, profile)):
                l002_hit[0] += 1
            else:
                wrong.append(f"{tag} declared {declared}: no L002")
    # runs of three consecutive short foreign cues (under 25 letters each), judged together
    run_hits = [0, 0]
    for tag in PAIRS:
        clean = clean_track(tag, folder)
        mid = len(clean) // 2
        for intruder in PAIRS[tag]:
            short = [t for t in lines(intruder, folder=folder) if evidence(t).letters < 25]
            for k in range(0, len(short) - 2, 3):
                planted = clean[:mid] + short[k:k + 3] + clean[mid:]
                found = {f.cue for f in run(make_track(planted, f"{tag}.srt"), tag, profile)
                         if f.code == "L001"}
                run_hits[1] += 3
                run_hits[0] += sum(1 for c in (mid + 1, mid + 2, mid + 3) if c in found)
    print(f"runs of three short foreign cues: {run_hits[0]}/{run_hits[1]} cues found")
    # a quarter of the cues in another language is a track with foreign cues, not a mislabel
    mixed_l002 = 0
    mixed_hits = [0, 0]
    mixed_fa = [0, 0]
    for tag in PAIRS:
        for intruder in PAIRS[tag]:
            native, foreign = lines(tag, folder=folder), lines(intruder, folder=folder)
            texts = [foreign[i] if i % 4 == 3 else t for i, t in enumerate(native)]
            found = run(make_track(texts, f"{tag}.srt"), tag, profile)
            mixed_l002 += any(f.code == "L002" for f in found)
            flagged = {f.cue for f in found if f.code == "L001"}
            for i in range(len(native)):
                if i % 4 == 3:
                    mixed_hits[1] += 1
                    mixed_hits[0] += (i + 1) in flagged
                else:
                    mixed_fa[1] += 1
                    mixed_fa[0] += (i + 1) in flagged
    print(f"tracks with every fourth cue foreign: L002 on {mixed_l002}/"
          f"{sum(len(v) for v in PAIRS.values())}; their foreign cues found by L001 "
          f"{mixed_hits[0]}/{mixed_hits[1]}, native cues reported {mixed_fa[0]}/{mixed_fa[1]}")
    # tracks of nothing but interjections and names (the short lines, eight times over)
    short_findings = 0
    short_tracks = 0
    short_detected = 0
    for tag in PAIRS:
        short = lines(tag, short=True)
        if not short:
            continue
        track = make_track(short * 8, f"{tag}.srt")
        short_tracks += 1
        short_findings += len(run(track, tag, profile))
        short_detected += detect_track_language(track)[0] == tag
    print(f"tracks of interjections and names only: L-findings {short_findings} on "
          f"{short_tracks} tracks; detected right {short_detected}/{short_tracks}")
    print(f"detection correct {ok_detect}/{len(PAIRS)}; L002 on correctly declared or "
          f"detected tracks: {l002_fa}; L002 on mislabelled tracks: "
          f"{l002_hit[0]}/{l002_hit[1]}")
    if wrong:
        print("  " + "; ".join(wrong))
    if "-v" in sys.argv:
        print("\nfalse alarms:\n  " + "\n  ".join(fa_examples))
        print("\nmisses:\n  " + "\n  ".join(miss_examples))


if __name__ == "__main__":
    sys.exit(main())
