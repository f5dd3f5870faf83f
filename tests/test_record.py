"""The hand-written value classes (subqa.record) behave as the dataclasses they replaced."""
import pickle

import pytest

from subqa.engine import Selection
from subqa.formats.encoding import Decoded
from subqa.model import Cue, Diagnostic, Finding, Hit, Severity, Track
from subqa.profiles import Profile
from subqa.record import FrozenError


def _cue(**kw):
    base = dict(index=1, start_ms=0, end_ms=1000, lines=("<i>Hello</i>",), line=1)
    base.update(kw)
    return Cue(**base)


def test_equality_and_hash_use_the_fields():
    a, b = _cue(), _cue()
    assert a == b and hash(a) == hash(b)
    assert a != _cue(end_ms=1001)
    assert a.plain_lines == ("Hello",)          # the cached plain text is not a field
    assert a == b and hash(a) == hash(b)
    assert len({a, b, _cue(index=2)}) == 2


def test_equality_needs_the_same_class():
    assert Selection(("T",)) != Profile("T")
    assert (Selection(("T",)) == ("T",)) is False


def test_frozen_records_refuse_assignment():
    cue = _cue()
    with pytest.raises(AttributeError):
        cue.start_ms = 5
    with pytest.raises(FrozenError):
        del cue.lines
    assert cue.start_ms == 0


def test_mutable_records_are_unhashable_and_assignable():
    prof = Profile("x")
    prof.description = "changed"
    assert prof.description == "changed"
    with pytest.raises(TypeError):
        hash(prof)


def test_defaults_are_not_shared():
    a, b = Hit("m"), Hit("n")
    assert a.data == {} and a.data is not b.data
    p, q = Profile("a"), Profile("b")
    p.params["k"] = 1
    assert q.params == {}


def test_replace_and_unknown_field():
    cue = _cue()
    moved = cue.replace(start_ms=500, end_ms=1500)
    assert (moved.start_ms, moved.end_ms, moved.lines) == (500, 1500, cue.lines)
    assert cue.start_ms == 0
    with pytest.raises(TypeError, match="no field 'start'"):
        cue.replace(start=1)


def test_repr_names_every_field():
    text = repr(Diagnostic("P001", "bad", 3))
    assert text == "Diagnostic(code='P001', message='bad', line=3, data={})"


def test_pickle_round_trip():
    cue = _cue()
    cue.plain_text                               # fills the cache; it is not pickled
    track = Track("a.srt", "srt", (cue,), "utf-8", "en", (Diagnostic("P002", "x"),), 4)
    finding = Finding("a.srt", "T001", "cue-overlap", Severity.ERROR, "m", 1, 1, 0, 1000,
                      {"k": 1}, "Hello")
    for value in (cue, track, finding, Selection(("T",), ("T001",))):
        back = pickle.loads(pickle.dumps(value))
        assert back == value and back is not value
    assert "_plain_text" not in pickle.loads(pickle.dumps(cue)).__dict__


def test_uncompared_field():
    a = Decoded("text", "utf-8", (), (("utf-8", 1.0),))
    b = Decoded("text", "utf-8", (), (("cp1252", 0.5),))
    assert a == b and hash(a) == hash(b)
    assert a != Decoded("text", "cp1252")
