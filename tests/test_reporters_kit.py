"""Hand-made reports for the reporter tests (imported by the other test_reporters_* modules),
and the tests of the format registry itself."""
from __future__ import annotations

from pathlib import Path

import pytest

from subqa.engine import Selection, TrackJob, run_rules
from subqa.formats import load_track
from subqa.model import Cue, Finding, Severity, Track, UsageError
from subqa.profiles import load_profile
from subqa.report import FileResult, Report
from subqa.reporters import FORMATS, get_renderer
from subqa.checks.readability import reading_speeds, track_reading_speeds

ROOT = Path(__file__).resolve().parents[1]
EVIL = "<script>alert(1)</script> & \"quotes\"\x01\x0b\x1b\ufffe"


def mkcue(index, start, end, *lines, line=None, identifier=None):
    return Cue(index=index, start_ms=start, end_ms=end, lines=tuple(lines),
               line=line if line is not None else index * 4 - 3, timing_line=index * 4 - 2,
               identifier=str(index) if identifier is None else identifier)


def mkfinding(path, code, name, severity, message, cue=None, line=None, data=None):
    return Finding(path=path, code=code, name=name, severity=severity, message=message,
                   line=line if line is not None else (cue.line if cue else None),
                   cue=cue.index if cue else None,
                   start_ms=cue.start_ms if cue else None, end_ms=cue.end_ms if cue else None,
                   data=data or {}, text=cue.text if cue else None,
                   cue_id=cue.identifier if cue else None)


def measured(report: Report) -> Report:
    """The report with each file's reading speeds measured from its track, language and
    profile, as a check publishes them (call it again after changing a track or a language)."""
    for res in report.files:
        if res.track is not None:
            prof = load_profile(res.profile or report.profile)
            res.reading_speeds = reading_speeds(prof, res.language, res.track.cues)
    return report


def sample_report(fail_on=Severity.ERROR, profile="netflix") -> Report:
    """Three files: one with an error, a warning, infos and a file-level finding (and hostile
    text); one clean; one unreadable (no track, a file-level P001)."""
    a = "films/ep 01.en.srt"
    cues = (
        mkcue(1, 1000, 3000, "Hello there."),
        mkcue(2, 2500, 5000, EVIL),                                   # overlaps cue 1
        mkcue(3, 5500, 6500, "This line is far too long to read in one second."),
        mkcue(4, 7000, 9000, "Two short", "lines."),
    )
    track_a = Track(path=a, format="srt", cues=cues, encoding="cp1252", language="en")
    fa = [
        mkfinding(a, "P002", "non-utf8-encoding", Severity.INFO, "decoded as cp1252"),
        mkfinding(a, "T001", "cue-overlap", Severity.ERROR,
                  "starts 500 ms before the previous cue 1 ends", cues[1]),
        mkfinding(a, "R003", "reading-speed-too-high", Severity.WARNING,
                  "48.0 characters per second", cues[2], data={"cps": 48.0, "limit": 20}),
        mkfinding(a, "R004", "lines-fit-on-one", Severity.INFO,
                  "the two lines fit on one line", cues[3]),
    ]
    b = "films/ep02.ru.srt"
    track_b = Track(path=b, format="srt", encoding="utf-8", language="ru",
                    cues=(mkcue(1, 1000, 3000, "Привет."), mkcue(2, 3500, 6000, "Пока.")))
    c = "broken.vtt"
    fc = [mkfinding(c, "P001", "malformed-block", Severity.ERROR, "no WEBVTT header", line=1)]
    files = [
        FileResult(path=a, format="srt", language="en", encoding="cp1252", cues=4, findings=fa,
                   language_origin="filename", track=track_a),
        FileResult(path=b, format="srt", language="ru", encoding="utf-8", cues=2, findings=[],
                   language_origin="filename", track=track_b),
        FileResult(path=c, format="vtt", language=None, encoding="utf-8", cues=0, findings=fc),
    ]
    return measured(Report(files=files, profile=profile, fail_on=fail_on))


def film_report(n_cues: int, every: int = 3) -> Report:
    """A feature-length track: n_cues cues of 2.5 s, a reading-speed finding on every
    ``every``-th cue."""
    path = "film.en.srt"
    cues = []
    t = 60_000
    for i in range(1, n_cues + 1):
        cues.append(mkcue(i, t, t + 2500, f"Line {i} of the film, said slowly", "and clearly."))
        t += 2500 + 1500
    findings = [mkfinding(path, "R003", "reading-speed-too-high", Severity.WARNING,
                          f"cue {c.index} too fast", c) for c in cues[::every]]
    track = Track(path=path, format="srt", cues=tuple(cues), encoding="utf-8", language="en")
    return measured(Report(files=[FileResult(path=path, format="srt", language="en",
                                             encoding="utf-8", cues=n_cues, findings=findings,
                                             track=track)], profile="netflix"))


def samples_report() -> Report:
    """The demo files in samples/, read and checked by the real readers and rules."""
    prof = load_profile("netflix")
    files = []
    for p in sorted((ROOT / "samples").glob("*")):
        if p.suffix not in (".srt", ".vtt"):
            continue
        lang = p.name.split(".")[-2]
        track = load_track(p).replace(path=f"samples/{p.name}", language=lang)
        found, ctx = run_rules(TrackJob(track=track, language=lang, profile=prof, fps=24.0),
                               Selection())
        files.append(FileResult(path=track.path, format=track.format, language=lang,
                                encoding=track.encoding, cues=len(track.cues), findings=found,
                                language_origin="filename", track=track,
                                reading_speeds=track_reading_speeds(ctx)))
    return Report(files=files, profile="netflix")


@pytest.mark.parametrize("name", ["junit", "sarif", "github", "html"])
def test_formats_are_registered_and_deterministic(name):
    assert name in FORMATS
    render = get_renderer(name)
    out = render(sample_report())
    assert isinstance(out, str) and out.endswith("\n")
    assert out == render(sample_report())


def test_unknown_format_names_the_allowed_ones():
    with pytest.raises(UsageError, match="junit"):
        get_renderer("xunit")


def test_samples_render_in_every_format():
    report = samples_report()
    assert len(report.files) >= 6 and report.findings
    for name in ("junit", "sarif", "github", "html"):
        out = get_renderer(name)(report)
        for res in report.files:
            if res.findings or name != "github":        # github prints no group for clean files
                assert res.path in out


def baseline_report() -> Report:
    """The sample report after a baseline: 7 known findings hidden, one entry gone."""
    from subqa.baseline import BaselineResult

    report = sample_report()
    report.baseline = BaselineResult(suppressed=7, stale=[
        {"path": "films/<old>.srt", "code": "T003", "fingerprint": "abc123", "count": 2}])
    return report


def test_the_cue_id_reaches_every_format_that_names_cues_where_it_differs():
    """A cue whose number in the file differs from its reading order (an added cue 0, a
    hostile WebVTT id): the reports that name cues carry the file's id beside the number."""
    import json

    from subqa.reporters.text import render as render_text

    path = "film.en.vtt"
    cue = mkcue(2, 1000, 3000, "Hello ", identifier="intro\x1b,%")
    same = mkcue(3, 4000, 6000, "World ")
    findings = [mkfinding(path, "F002", "stray-spaces", Severity.WARNING,
                          "trailing space in line 1", c) for c in (cue, same)]
    report = Report([FileResult(path, "vtt", "en", "utf-8", 3, findings)], "netflix")
    text = render_text(report)
    assert 'cue 2 (id "intro?,%")' in text and "cue 3 00:00:04.000" in text
    rows = json.loads(get_renderer("json")(report))["files"][0]["findings"]
    assert [r["cue_id"] for r in rows] == ["intro\x1b,%", "3"]
    props = [r["properties"] for r in json.loads(get_renderer("sarif")(report))["runs"][0]["results"]]
    assert [p.get("cueId") for p in props] == ["intro\x1b,%", "3"]
    assert 'cue 2 (id "intro?,%") 00:00:01.000' in get_renderer("junit")(report)
    assert 'cue 2 (id "intro?,%25") (00:00:01.000' in get_renderer("github")(report)
    assert "\x1b" not in text + get_renderer("github")(report)
