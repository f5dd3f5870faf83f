"""The source/target pairs of tests/data/pairs: loading, running the X-rules, and scoring the
findings against the planted defects of manifest.toml."""
from __future__ import annotations

from pathlib import Path

from subqa import langtags
from subqa.engine import Selection, TrackJob, run_rules
from subqa.formats import load_track
from subqa.profiles import load_profile
from subqa.tomlload import load_toml

PAIRS = Path(__file__).resolve().parent / "data" / "pairs"
X_CODES = ("X001", "X002", "X003", "X004")


def manifest() -> list[dict]:
    return load_toml(PAIRS / "manifest.toml")["pair"]


def load(rel: str):
    path = PAIRS / rel
    track = load_track(path)
    return track.replace(language=langtags.from_filename(path))


def x_findings(source_rel: str, target_rel: str, profile: str = "netflix"):
    src = load(source_rel)
    tgt = load(target_rel)
    prof = load_profile(profile)
    job = TrackJob(track=tgt, language=tgt.language, profile=prof, fps=float(prof.param("fps")),
                   source=src, source_language=src.language)
    found, _ = run_rules(job, Selection(select=("X",)))
    return found


def key(code: str, cue: int | None, side: str = "target") -> tuple:
    return (code, cue, side)


def finding_key(f) -> tuple:
    side = f.data.get("side", "target")
    return key(f.code, f.data["source_cue"] if side == "source" else f.cue, side)


def expected_keys(entry: dict) -> set[tuple]:
    return {key(e["code"], e["cue"], e.get("side", "target")) for e in entry["expect"]}


def evaluate(profile: str = "netflix") -> dict[str, dict[str, int]]:
    """Per X code: true positives, false positives and false negatives over all pairs."""
    counts = {c: {"tp": 0, "fp": 0, "fn": 0} for c in X_CODES}
    for entry in manifest():
        got = {finding_key(f) for f in x_findings(entry["source"], entry["target"], profile)}
        want = expected_keys(entry)
        for k in got & want:
            counts[k[0]]["tp"] += 1
        for k in got - want:
            counts[k[0]]["fp"] += 1
        for k in want - got:
            counts[k[0]]["fn"] += 1
    return counts
