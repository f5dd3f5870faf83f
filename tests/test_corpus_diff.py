"""bench/corpus_diff.py: the tool that explains a report diff between two builds."""
import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "corpus_diff", Path(__file__).resolve().parents[1] / "bench" / "corpus_diff.py")
corpus_diff = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_diff)


def _file(cues, *findings):
    return {"cues": cues, "findings": [{"code": c, "line": ln, "message": m}
                                       for c, ln, m in findings]}


def test_lost_cues_and_changed_codes_are_reported():
    before = {"a.srt": _file(10, ("P001", 3, "bad"), ("F002", 7, "space")),
              "b.vtt": _file(4)}
    after = {"a.srt": _file(9, ("P003", 3, "no ms")), "b.vtt": _file(4)}
    out = corpus_diff.compare(before, after)
    assert "cues  a.srt: 10 -> 9" in out
    assert "files 2 -> 2; cues lost 1, cues gained 0" in out
    assert "P001: 1 -> 0 (+0 -1)" in out and "P003: 0 -> 1 (+1 -0)" in out
    assert "   + a.srt:3: no ms" in out
    assert not any(line.startswith("cues  b.vtt") for line in out)


def test_identical_reports_show_no_change():
    same = {"a.srt": _file(2, ("T001", 5, "overlap"))}
    assert corpus_diff.compare(same, same) == ["files 1 -> 1; cues lost 0, cues gained 0"]
