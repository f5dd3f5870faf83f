"""L001/L002 on real subtitle tracks written by others (issue 11: precision on real tracks).

Reads, in place and never copied: the real dialogue tracks of /work/shared/corpus (languages
column not ``zxx``) and the human translations of /work/shared/translations.

1. False alarms: every L001 finding on a real monolingual track, declared in its own language.
   Each is looked up in bench/judgements/L001.tsv (written by reading the cue): a finding judged
   ``true`` is a real foreign line (a song in English in a French film), not a false alarm;
   ``false`` and unjudged ones count as false alarms. Per language: false alarms per 1,000 cues
   (target: at most 1 in every language). The bilingual zh+en fansubs are listed apart (their
   handling is another part of issue 11).
2. Recall on inserted neighbours: cues of at least 25 characters (13 for Han and kana, which
   carry about two letters each) taken from a real track of a neighbouring language of the same
   script are inserted, one at a time, into the middle of real tracks of the host language
   (several per run, at least 20 cues apart, never more than one in 20 cues). A hit is an L001
   finding on the inserted cue; it names the right language when its ``detected`` is the donor's
   language (Serbo-Croatian: any of sh hr bs sr; Chinese: any zh tag). Targets: recall >= 90 %,
   right language >= 90 % of hits.
3. L002: no finding on a real track declared in its own language; a finding that names the
   right language on a real track declared as a neighbour.

Run from the repository root:  python bench/eval_real_language.py [-v]
Deterministic (sorted inputs, evenly spaced samples, no randomness).
"""
from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from subqa.engine import Selection, TrackJob, run_rules  # noqa: E402
from subqa.formats import load_track  # noqa: E402
from subqa.model import Track  # noqa: E402
from subqa.profiles import load_profile  # noqa: E402

SHARED = Path("/work/shared")
CORPUS = SHARED / "corpus" / "real"
TRANSLATIONS = SHARED / "translations"
JUDGEMENTS = Path(__file__).resolve().parent / "judgements" / "L001.tsv"

# The real dialogue tracks of the corpus (MANIFEST.tsv: languages column not zxx, more than 20
# cues), with the language the manifest gives them. The Serbo-Croatian film is declared under
# each of its names (sh, which subqa reads as sr-Latn as the registry does, and hr, bs); only
# its ``sh`` run counts in the per-language table.
CORPUS_TRACKS = [
    ("subtitleconverter/Avengers.2012.Eng.Subs.srt", "en"),
    ("subtitleconverter/The.Dictator.2012.UNRATED.BDRip.XviD-AMIABLE.Eng.srt", "en"),
    ("subtitleconverter/Dirty Harry VOST - Clint Eastwood.srt", "en"),
    ("pysrt/capability_tester.srt", "en"),
    ("libass-tests/aegisub-format-tests.ass", "en"),
    ("pysrt/utf-8.srt", "fr"),
    ("webvtt-py/netflix_chicas_del_cable.vtt", "es"),
    ("subtitleconverter/Aqui_no_hay_quien_viva_1.ass", "es"),
    ("subtitleedit/auto_detect_Danish.srt", "da"),
    ("subtitleedit/auto_detect_Russian.srt", "ru"),
    ("subtitleedit/auto_detect_windows-1250.srt", "sh"),
    ("subtitleedit/auto_detect_windows-1251.srt", "sr-Cyrl"),
    ("subtitleedit/sample_WebVTT_AppleTV.webvtt", "cs"),
    ("juvoplayer/subtitles_de.vtt", "de"),
    ("juvoplayer/subtitles_es.vtt", "es"),
    ("juvoplayer/subtitles_fr.vtt", "fr"),
    ("videojs-elephantsdream/captions.ar.vtt", "ar"),
    ("videojs-elephantsdream/captions.en.vtt", "en"),
    ("videojs-elephantsdream/captions.ja.vtt", "ja"),
    ("videojs-elephantsdream/captions.ru.vtt", "ru"),
    ("videojs-elephantsdream/captions.sv.vtt", "sv"),
]
ALIASES = {"subtitleedit/auto_detect_windows-1250.srt": ["hr", "bs"]}
BILINGUAL = [
    ("bourshevik0-subtitle-works/20191018-D4SaofKCYwo.combination.ass", "zh-Hans"),
    ("bourshevik0-subtitle-works/20191219-CUfOnwSLWxY.combination.srt", "zh-Hans"),
    ("libass-tests/generic.ass", "en"),
]
NO_DATA = ("eo", "jbo")          # Esperanto, Lojban: subqa has no language data (L004)

# host language -> donor languages (same script) whose cues are inserted
NEIGHBOURS = {
    "sv": ["da"], "da": ["sv"],
    "es": ["pt", "it", "fr"], "pt": ["es", "it"], "it": ["es", "pt", "fr"],
    "fr": ["es", "it"],
    "de": ["nl"], "nl": ["de"],
    "cs": ["pl", "sh"], "pl": ["cs", "sh"], "sh": ["cs", "pl"],
    "en": ["fr", "de", "es"],
    "ru": ["sr-Cyrl"], "sr-Cyrl": ["ru"],
    "ar": ["fa"], "fa": ["ar"],
    "ja": ["zh-Hant"], "zh-Hant": ["ja"],
}
# declared language -> the languages a track of it is mislabelled as (L002 expected)
MISLABELS = {
    "sv": ["da", "nb"], "da": ["sv", "nb"], "es": ["pt", "it"], "pt": ["es"], "it": ["es"],
    "fr": ["it"], "de": ["nl"], "nl": ["de"], "cs": ["sk", "pl"], "pl": ["cs"],
    "sh": ["sl", "cs"], "sr-Cyrl": ["ru", "mk", "bg"], "ru": ["uk", "bg", "sr"],
    "ar": ["fa"], "fa": ["ar"], "ja": ["zh"], "zh-Hant": ["ja"],
}
SAMPLE = 40          # donor cues per (host, donor) pair at most
GAP = 20             # inserted cues are at least this many cues apart
SH = {"sh", "hr", "bs", "sr"}


def primary(tag: str | None) -> str:
    return (tag or "").split("-")[0]


def same_language(detected: str | None, donor: str) -> bool:
    d, want = primary(detected), primary(donor)
    if want in SH or want == "sh":
        return d in SH
    return d == want


def translations() -> list[tuple[str, str]]:
    rows = []
    with open(TRANSLATIONS / "MANIFEST.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            lang = row["lang"]
            if lang in NO_DATA:
                continue
            lang = "zh-Hant" if lang.startswith("zh-Hant") else lang.split("-")[0]
            rows.append((row["path"], lang))
    return sorted(rows)


def tracks() -> list[tuple[str, Path, str]]:
    """(name, path, declared language) of every real monolingual track."""
    out = [(f"corpus/{rel}", CORPUS / rel, lang) for rel, lang in CORPUS_TRACKS]
    out += [(f"translations/{rel}", TRANSLATIONS / rel, lang) for rel, lang in translations()]
    return [t for t in out if t[1].exists()]


def run(track: Track, lang: str | None, profile) -> list:
    findings, _ = run_rules(TrackJob(track, lang, profile, 24.0),
                            Selection(select=("L",)))
    return findings


def load_judgements() -> dict:
    """(file, cue text) -> (verdict, reason)."""
    out = {}
    if JUDGEMENTS.exists():
        with open(JUDGEMENTS, encoding="utf-8") as fh:
            for row in csv.DictReader((ln for ln in fh if not ln.startswith("#")),
                                      delimiter="\t"):
                out[(row["file"], row["text"])] = (row["verdict"], row["reason"])
    return out


def one_line(text: str) -> str:
    return text.replace("\n", " / ").replace("\t", " ")


def false_alarms(profile, loaded: dict, verbose: bool) -> None:
    judged = load_judgements()
    per_lang = defaultdict(lambda: [0, 0, 0])       # lang -> [false, true, cues]
    rows = []
    unjudged = []
    print("1. L001 on real monolingual tracks, declared in their own language")
    print(f"   {'track':78} {'lang':8} {'L001':>4} {'false':>5} {'cues':>5}  L002")
    for name, (track, lang) in loaded.items():
        for declared in [lang] + ALIASES.get(name.split("/", 1)[1], []):
            findings = run(track, declared, profile)
            l001 = [f for f in findings if f.code == "L001"]
            l002 = [f for f in findings if f.code == "L002"]
            false = 0
            for f in l001:
                text = one_line(track.cues[f.cue - 1].plain_text)
                verdict, reason = judged.get((name, text), ("unjudged", ""))
                if verdict != "true":
                    false += 1
                if verdict == "unjudged":
                    unjudged.append(f"{name}\t{f.cue}\t{f.data.get('detected')}\t"
                                    f"{f.data.get('evidence')}\t{text}")
                rows.append((name, declared, f.cue, f.data.get("detected"),
                             f.data.get("evidence"), text, verdict, reason))
            if declared == lang:
                cell = per_lang[lang]
                cell[0] += false
                cell[1] += len(l001) - false
                cell[2] += len(track.cues)
            print(f"   {name[:78]:78} {declared:8} {len(l001):4} {false:5} {len(track.cues):5}"
                  + ("  L002: " + l002[0].message if l002 else ""))
    print("\n   per language (own-language runs): false alarms / cues, per 1,000 cues "
          "(target <= 1); true foreign lines found")
    total = [0, 0, 0]
    for lang in sorted(per_lang):
        f, t, n = per_lang[lang]
        total = [total[0] + f, total[1] + t, total[2] + n]
        print(f"   {lang:8} {f:3}/{n:<6} {1000 * f / n:6.2f} per 1,000   true {t}")
    print(f"   {'all':8} {total[0]:3}/{total[2]:<6} {1000 * total[0] / total[2]:6.2f} per 1,000"
          f"   true {total[1]}")
    if verbose or unjudged:
        print("\n   findings (file, declared, cue, detected, evidence, text, judgement):")
        for r in rows:
            print("   " + " | ".join(map(str, r)))
    if unjudged:
        print("\n   UNJUDGED (add to bench/judgements/L001.tsv):")
        for u in unjudged:
            print("   " + u)


def bilingual(profile) -> None:
    print("\n   bilingual / mixed tracks (not counted above; handled by the bilingual work):")
    for rel, lang in BILINGUAL:
        path = CORPUS / rel
        if not path.exists():
            continue
        track = load_track(str(path))
        findings = run(track, lang, profile)
        l001 = sum(f.code == "L001" for f in findings)
        l002 = [f.message for f in findings if f.code == "L002"]
        print(f"   corpus/{rel[:70]:70} {lang:8} L001 {l001:4}/{len(track.cues):<5}"
              + (f" L002: {l002[0]}" if l002 else ""))


def donor_cues(loaded: dict, donor: str) -> list[tuple[str, int, str]]:
    """(track, cue number, text) of the donor language's long cues, evenly sampled."""
    out = []
    for name, (track, lang) in loaded.items():
        if lang != donor:
            continue
        for cue in track.cues:
            text = cue.plain_text
            letters = [c for c in text if c.isalpha()]
            wide = sum(1 for c in letters if ord(c) >= 0x3000)
            if len(text) >= 25 or (wide and len(text) >= 13):
                out.append((name, cue.index, text))
    if len(out) > SAMPLE:
        step = len(out) / SAMPLE
        out = [out[int(i * step)] for i in range(SAMPLE)]
    return out


def insert_runs(host: Track, cues: list[str]) -> list[tuple[Track, list[int]]]:
    """The host with the cues inserted, several per run (at least GAP cues apart, at most one
    in GAP cues), and the (1-based) positions of the inserted cues."""
    from subqa.model import Cue

    n = len(host.cues)
    per_run = max(1, n // GAP // 2)
    runs = []
    for k in range(0, len(cues), per_run):
        batch = cues[k:k + per_run]
        slots = [int((j + 0.5) * n / len(batch)) for j in range(len(batch))]
        texts = [c.plain_text for c in host.cues]
        positions = []
        for off, (slot, text) in enumerate(zip(slots, batch)):
            texts.insert(slot + off, text)
            positions.append(slot + off + 1)
        new = tuple(Cue(index=i + 1, start_ms=i * 3000, end_ms=i * 3000 + 2000,
                        lines=tuple(t.split("\n")), line=i * 4 + 1)
                    for i, t in enumerate(texts))
        runs.append((Track(path=host.path, format="srt", cues=new, encoding="utf-8"),
                     positions))
    return runs


def recall(profile, loaded: dict, verbose: bool) -> None:
    print("\n2. L001 recall on real neighbour cues inserted into real tracks (>= 25 characters)")
    print(f"   {'host <- donor':18} {'hits':>9} {'right':>9}")
    tot = [0, 0, 0]
    misses, wrong = [], []
    for host_lang, donors in NEIGHBOURS.items():
        hosts = [(name, tr) for name, (tr, lang) in loaded.items()
                 if lang == host_lang]
        if not hosts:
            continue
        for donor in donors:
            sample = donor_cues(loaded, donor)
            if not sample:
                continue
            hits = right = 0
            for h, (hname, host) in enumerate(hosts):
                part = sample[h::len(hosts)]
                if not part:
                    continue
                for track, positions in insert_runs(host, [t for _, _, t in part]):
                    found = {f.cue: f for f in run(track, host_lang, profile)
                             if f.code == "L001"}
                    for pos, (dname, idx, text) in zip(positions, part):
                        f = found.get(pos)
                        if f is None:
                            misses.append(f"{host_lang}<-{donor} {hname} <- {dname}#{idx}: "
                                          f"{one_line(text)}")
                            continue
                        hits += 1
                        if same_language(f.data.get("detected"), donor):
                            right += 1
                        else:
                            wrong.append(f"{host_lang}<-{donor} named "
                                         f"{f.data.get('detected')} ({f.data.get('evidence')})"
                                         f" {dname}#{idx}: {one_line(text)}")
                    part = part[len(positions):]
            n = len(sample)
            tot = [tot[0] + hits, tot[1] + right, tot[2] + n]
            print(f"   {host_lang + ' <- ' + donor:18} {hits:3}/{n:<5} {right:3}/{hits:<5}")
    print(f"   {'all':18} {tot[0]:3}/{tot[2]:<5} {tot[1]:3}/{tot[0]:<5}  recall "
          f"{tot[0] / tot[2]:.3f}, right language {tot[1] / max(tot[0], 1):.3f}")
    if verbose:
        print("\n   misses:\n   " + "\n   ".join(misses))
        print("\n   wrong language named:\n   " + "\n   ".join(wrong))


def l002(profile, loaded: dict) -> None:
    print("\n3. L002 on real tracks")
    ok = [0, 0]
    hit = [0, 0, 0]
    problems = []
    for name, (track, lang) in loaded.items():
        own = [f for f in run(track, lang, profile) if f.code == "L002"]
        ok[1] += 1
        if own:
            problems.append(f"{name} declared {lang}: {own[0].message}")
        else:
            ok[0] += 1
        for wrong in MISLABELS.get(lang, []):
            found = [f for f in run(track, wrong, profile) if f.code == "L002"]
            hit[2] += 1
            if found:
                hit[0] += 1
                if same_language(found[0].data.get("detected"), lang):
                    hit[1] += 1
                else:
                    problems.append(f"{name} declared {wrong}: {found[0].message}")
            else:
                problems.append(f"{name} declared {wrong}: no L002")
    print(f"   declared in its own language, no L002: {ok[0]}/{ok[1]}")
    print(f"   declared as a neighbour, L002: {hit[0]}/{hit[2]}, naming the right language "
          f"{hit[1]}/{hit[0]}")
    for p in problems:
        print("   " + p)


def main() -> int:
    if not SHARED.is_dir():
        print("no /work/shared: nothing to evaluate")
        return 0
    verbose = "-v" in sys.argv
    profile = load_profile("netflix")
    t0 = time.perf_counter()
    loaded = {name: (load_track(str(path)), lang) for name, path, lang in tracks()}
    false_alarms(profile, loaded, verbose)
    bilingual(profile)
    recall(profile, loaded, verbose)
    l002(profile, loaded)
    print(f"\n(evaluation took {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
