"""L006 partly-untranslated on real tracks.

Precision: L006 runs over the real dialogue tracks of ../shared/corpus (the manifest's languages
column is not ``zxx``) and every track of ../shared/translations, each in the language its
manifest gives; every finding is listed, and its verdict is looked up in
bench/judgements/L006.tsv (file, cue, words, verdict, reason), written by reading each one.
A finding without a judgement is shown as "unjudged".

Recall: cues of one real track (a translation of a film) get a run of 2-4 words replaced by the
aligned words of the same film's real track in another language (the cue of that track that
overlaps it most in time; the run is the same share of its words); each planted cue is
reported or not, per language pair. Deterministic (random.Random(seed) per pair).

Run from the repository root:  python bench/eval_partial.py [--list]
"""
from __future__ import annotations

import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from subqa.engine import Selection, TrackJob, run_rules  # noqa: E402
from subqa.formats import load_track  # noqa: E402
from subqa.model import Cue, Track  # noqa: E402
from subqa.profiles import load_profile  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
CORPUS = SHARED / "corpus"
TRANSLATIONS = SHARED / "translations"
JUDGEMENTS = Path(__file__).resolve().parent / "judgements" / "L006.tsv"

# the manifest's languages column, read as a language tag (its free-text labels)
CORPUS_LANGUAGE = {
    "sh (Serbo-Croatian, Latin script)": "sh",
    "sr-Cyrl (Serbian, Cyrillic)": "sr-Cyrl",
    "zh-Hans+en (bilingual)": "zh-Hans+en",
    "en+ja (karaoke, kanji/romaji)": "en+ja",
}
# planted pairs: (track language, language of the words planted into it)
PAIRS = [("ru", "en"), ("ru", "de"), ("fr", "en"), ("de", "en"), ("es", "en"), ("it", "en"),
         ("pt-BR", "en"), ("fr", "es"), ("es", "fr"), ("ru", "fr"), ("fa", "en"),
         ("ja", "en"), ("zh-Hant", "en"), ("ko", "en"), ("en", "fr"), ("en", "de"),
         ("pl", "en"), ("nl", "en"), ("ru", "da"), ("it", "es")]
PER_PAIR = 20


def real_tracks() -> list[tuple[Path, str]]:
    out = []
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            langs = row["languages"].strip()
            if "zxx" in langs or not row["path"].startswith("real/"):
                continue
            tag = CORPUS_LANGUAGE.get(langs, langs)
            if " " in tag or tag.startswith(("multi", "mixed")):
                continue
            out.append((CORPUS / row["path"], tag))
    with open(TRANSLATIONS / "MANIFEST.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out.append((TRANSLATIONS / row["path"], row["lang"]))
    return out


def run(track: Track, lang: str, select=("L006",)) -> list:
    findings, _ = run_rules(TrackJob(track, lang, load_profile(), 24.0), Selection(select=select))
    return findings


def judgements() -> dict:
    out = {}
    if JUDGEMENTS.exists():
        with open(JUDGEMENTS, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out[(row["file"], row["cue"])] = (row["verdict"], row["reason"])
    return out


def precision(show: bool) -> None:
    judged = judgements()
    rows = []
    cues_total = 0
    print("## L006 on real tracks (every finding judged in bench/judgements/L006.tsv)\n")
    print(f"{'track':58} {'lang':10} {'cues':>5} {'L006':>5} {'true':>5} {'false':>5}")
    totals = defaultdict(int)
    for path, lang in real_tracks():
        try:
            track = load_track(path)
        except Exception:          # (an unreadable file of the corpus)
            continue
        findings = [f for f in run(track, lang) if f.code == "L006"]
        rel = str(path.relative_to(SHARED))
        cues_total += len(track.cues)
        t = f_ = 0
        for f in findings:
            verdict = judged.get((rel, str(f.cue)), ("unjudged", ""))[0]
            t += verdict == "true"
            f_ += verdict == "false"
            totals[verdict] += 1
            rows.append((rel, f.cue, f.message, verdict))
        if findings or show:
            print(f"{rel[:58]:58} {lang:10} {len(track.cues):5} {len(findings):5} {t:5} {f_:5}")
    n = sum(totals.values())
    print(f"\n{len(real_tracks())} tracks, {cues_total} cues: {n} findings, {totals['true']} true, "
          f"{totals['false']} false ({1000 * totals['false'] / cues_total:.2f} false alarms per "
          f"1,000 cues), {totals['unjudged']} unjudged")
    if show:
        print()
        for rel, cue, msg, verdict in rows:
            print(f"{rel}\t{cue}\t{verdict}\t{msg}")


def _track_of(film: str, lang: str) -> Path | None:
    for p in sorted((TRANSLATIONS / film).glob(f"{film}.{lang}.*")):
        return p
    return None


def _overlap(a: Cue, b: Cue) -> int:
    return min(a.end_ms, b.end_ms) - max(a.start_ms, b.start_ms)


def plant(target: Track, donor: Track, rng: random.Random, limit: int) -> list[tuple[int, str]]:
    """(cue index, its planted text) for up to ``limit`` cues of ``target``: a run of 2-4 of its
    words replaced by the words at the same place of the donor cue that overlaps it most."""
    out = []
    order = list(range(len(target.cues)))
    rng.shuffle(order)
    for i in order:
        cue = target.cues[i]
        # a language written without spaces: its characters stand for words, two per word
        unspaced = len(cue.plain_text.split()) == 1 and len(cue.plain_text) >= 10
        words = list(cue.plain_text) if unspaced else cue.plain_text.split()
        best = max(donor.cues, key=lambda d: _overlap(cue, d), default=None)
        if best is None or _overlap(cue, best) <= 0 or len(words) < 5:
            continue
        other = best.plain_text.split()
        n = rng.randint(2, 4)
        if len(other) < n or len(words) - n * (2 if unspaced else 1) < 3:
            continue
        at = rng.randint(1, len(words) - n) if len(words) - n >= 1 else 0
        k = min(len(other) - n, round(at * len(other) / len(words)))
        if unspaced:
            at = min(at, len(words) - 2 * n)
            planted = "".join(words[:at]) + " ".join(other[k:k + n]) + "".join(words[at + 2 * n:])
        else:
            planted = " ".join(words[:at] + other[k:k + n] + words[at + n:])
        out.append((i, planted))
        if len(out) >= limit:
            break
    return out


def recall() -> None:
    print("\n## Recall on planted partial cues (2-4 aligned words of the same film in another "
          "language)\n")
    print("(found: reported by L006 or, when the cue as a whole reads as the other language, "
          "by L001; L006: by L006 itself; before: by L001 alone, as before L006 existed)\n")
    print(f"{'track':7} {'words':6} {'film':20} {'planted':>7} {'found':>6} {'L006':>5} "
          f"{'before':>7} {'recall':>7}")
    films = sorted(p.name for p in TRANSLATIONS.iterdir() if p.is_dir())
    all_n = all_k = all_k1 = 0
    for lang, donor_lang in PAIRS:
        n = k = k6 = k1 = 0
        used = []
        for film in films:
            tp, dp = _track_of(film, lang), _track_of(film, donor_lang)
            if tp is None or dp is None:
                continue
            target, donor = load_track(tp), load_track(dp)
            rng = random.Random(f"{film}:{lang}:{donor_lang}")
            for i, text in plant(target, donor, rng, PER_PAIR - n):
                cues = list(target.cues)
                c = cues[i]
                cues[i] = Cue(index=c.index, start_ms=c.start_ms, end_ms=c.end_ms,
                              lines=(text,), line=c.line, timing_line=c.timing_line)
                track = Track(path=target.path, format=target.format, cues=tuple(cues),
                              encoding="utf-8")
                codes = {f.code for f in run(track, lang, ("L",)) if f.cue == c.index}
                n += 1
                k += bool(codes & {"L006", "L001"})
                k6 += "L006" in codes
                k1 += "L001" in codes
            used.append(film)
            if n >= PER_PAIR:
                break
        if n:
            all_k1 += k1
            print(f"{lang:7} {donor_lang:6} {','.join(used)[:20]:20} {n:7} {k:6} {k6:5} "
                  f"{k1 / n:7.0%} {k / n:7.0%}")
            all_n += n
            all_k += k
    print(f"\nall pairs: {all_k} of {all_n} planted cues reported ({all_k / max(all_n, 1):.0%}); "
          f"by L001 alone {all_k1} ({all_k1 / max(all_n, 1):.0%})")


if __name__ == "__main__":
    precision("--list" in sys.argv)
    if "--no-recall" not in sys.argv:
        recall()
