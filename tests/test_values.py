"""The value classes (dataclasses): equality and hashing by field, immutability of the frozen
ones, defaults not shared, and pickling (jobs and results cross process boundaries with -j)."""
import dataclasses
import pickle

import pytest

from subqa.api import FileJob
from subqa.engine import Selection, TrackJob
from subqa.formats.encoding import Decoded
from subqa.language import Settings, Verdict
from subqa.model import Cue, Diagnostic, Finding, Hit, Severity, Track
from subqa.profiles import Profile, load_profile
from subqa.report import FileResult, Report
from subqa.checks.base import CacheKey, Context


def _cue(**kw):
    base = dict(index=1, start_ms=0, end_ms=1000, lines=("<i>Hello</i>",), line=1)
    base.update(kw)
    return Cue(**base)


def _finding():
    return Finding("a.srt", "T001", "cue-overlap", Severity.ERROR, "m", 1, 1, 0, 1000,
                   {"k": 1}, "Hello")


def test_equality_and_hash_use_the_fields():
    a, b = _cue(), _cue()
    assert a == b and hash(a) == hash(b)
    assert a != _cue(end_ms=1001)
    assert a.plain_lines == ("Hello",)          # the cached plain text is not a field
    assert a == b and hash(a) == hash(b)
    assert len({a, b, _cue(index=2)}) == 2
    assert Verdict(True, "en") == Verdict(True, "en") != Verdict(True, "fr")
    assert len({Verdict(False), Verdict(False)}) == 1


def test_equality_needs_the_same_class():
    assert Selection(("T",)) != Profile("T")
    assert (Selection(("T",)) == ("T",)) is False


def test_frozen_values_refuse_assignment():
    cue = _cue()
    with pytest.raises(AttributeError):
        cue.start_ms = 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        del cue.lines
    assert cue.start_ms == 0
    for value, name in ((Selection(), "select"), (Verdict(False), "foreign"),
                        (Track("a.srt", "srt", (), "utf-8"), "cues")):
        with pytest.raises(AttributeError):
            setattr(value, name, None)


def test_mutable_values_are_unhashable_and_assignable():
    prof = Profile("x")
    prof.description = "changed"
    assert prof.description == "changed"
    with pytest.raises(TypeError):
        hash(prof)
    result = FileResult("a.srt", "srt", None, "utf-8", 0)
    result.findings.append(_finding())
    # findings and hits: made in the thousands per film, plain records (model.py says why)
    for value in (_finding(), Hit("m")):
        with pytest.raises(TypeError):
            hash(value)
    finding = _finding()
    finding.message = "changed"
    assert finding != _finding() and finding.replace(message="m") == _finding()
    with pytest.raises(TypeError):
        hash(result)


def test_defaults_are_not_shared():
    a, b = Hit("m"), Hit("n")
    assert a.data == {} and a.data is not b.data
    p, q = Profile("a"), Profile("b")
    p.params["k"] = 1
    assert q.params == {}
    first, second = FileResult("a", "srt", None, "", 0), FileResult("b", "srt", None, "", 0)
    assert first.findings is not second.findings


def test_replace_and_unknown_field():
    cue = _cue()
    moved = cue.replace(start_ms=500, end_ms=1500)
    assert (moved.start_ms, moved.end_ms, moved.lines) == (500, 1500, cue.lines)
    assert cue.start_ms == 0
    with pytest.raises(TypeError):
        cue.replace(start=1)


def test_repr_names_every_field():
    text = repr(Diagnostic("P001", "bad", 3))
    assert text == "Diagnostic(code='P001', message='bad', line=3, data={})"
    assert "plain" not in repr(_cue())


def test_pickle_round_trip():
    cue = _cue()
    assert cue.plain_text == "Hello"             # fills the cache
    track = Track("a.srt", "srt", (cue,), "utf-8", "en", (Diagnostic("P002", "x"),), 4)
    job = FileJob("a.srt", "en", "netflix", None, ("T",), (), None, None, None, None, "info")
    result = FileResult("a.srt", "srt", "en", "utf-8", 1, [_finding()], "filename", track=track)
    for value in (cue, track, _finding(), Selection(("T",), ("T001",)), job, result,
                  Verdict(True, "en", 0.5, "model"), Report([result], "netflix")):
        back = pickle.loads(pickle.dumps(value))
        assert back == value and back is not value
    back = pickle.loads(pickle.dumps(cue))
    assert back.plain_text == "Hello" and back.plain_lines == ("Hello",)


def test_uncompared_field():
    a = Decoded("text", "utf-8", (), (("utf-8", 1.0),))
    b = Decoded("text", "utf-8", (), (("cp1252", 0.5),))
    assert a == b and hash(a) == hash(b)
    assert a != Decoded("text", "cp1252")


def test_language_settings_are_the_profile_parameters():
    settings = Settings.from_profile(load_profile("netflix"), "en")
    assert settings == Settings.from_profile(load_profile("netflix"), "en")
    assert hash(settings) == hash(Settings.from_profile(load_profile("netflix"), "en"))
    assert all(load_profile("netflix").has(name) for name in Settings.param_names())


def test_context_reads_the_job_and_caches_by_key():
    track = Track("a.srt", "srt", (_cue(),), "utf-8", "en")
    job = TrackJob(track, "en", load_profile("netflix"), 24.0, language_origin="detected")
    ctx = Context(job)
    assert (ctx.track, ctx.language, ctx.fps, ctx.source, ctx.glossary) == (track, "en", 24.0,
                                                                             None, None)
    assert ctx.param("max_lines") == load_profile("netflix").param("max_lines", "en")
    calls = []
    assert ctx.cached(CacheKey.ALIGNMENT_OFFSET, lambda: calls.append(1) or 7) == 7
    assert ctx.cached(CacheKey.ALIGNMENT_OFFSET, lambda: calls.append(1) or 8) == 7
    assert calls == [1] and ctx.cache == {CacheKey.ALIGNMENT_OFFSET: 7}
    with pytest.raises(AttributeError):
        ctx.track = track                        # the inputs are the job's, read-only
