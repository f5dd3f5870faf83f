"""A cue keeps its plain text in slots of its own: no instance dict, and a replaced cue works
its plain text out again from its own lines."""
import pickle

from subqa.model import Cue


def test_a_cue_has_no_instance_dict_and_caches_its_plain_text():
    cue = Cue(1, 0, 1000, ("<i>Hello</i>", "there &amp; back"), 1)
    assert not hasattr(cue, "__dict__")
    assert cue.plain_lines == ("Hello", "there & back") and cue.plain_text == "Hello there & back"
    assert cue.plain_lines is cue.plain_lines
    moved = cue.replace(lines=("<b>Bye</b>",))
    assert moved.plain_text == "Bye" and cue.plain_text == "Hello there & back"
    assert moved != cue and cue == Cue(1, 0, 1000, ("<i>Hello</i>", "there &amp; back"), 1)
    back = pickle.loads(pickle.dumps(cue))
    assert back == cue and back.plain_text == cue.plain_text


def test_findings_on_one_cue_share_its_text():
    """The engine joins a cue's lines once for all the findings on it (a film with a finding or
    two on most cues held one copy of the text per finding)."""
    from subqa.engine import TrackJob, run_rules
    from subqa.formats import parse_bytes
    from subqa.profiles import load_profile

    data = ("1\n00:00:01,000 --> 00:00:01,200\nA first line that is long enough to be long,\n"
            "and a second line, so the text is joined from two lines\n\n"
            "2\n00:00:01,300 --> 00:00:09,000\nNext\n").encode()
    track = parse_bytes(data, "two.en.srt")
    findings, _ = run_rules(TrackJob(track=track, language="en", profile=load_profile("netflix"),
                                     fps=24.0))
    on_first = [f for f in findings if f.cue == 1]
    assert len(on_first) >= 2, [f.code for f in findings]
    assert all(f.text == track.cues[0].text for f in on_first)
    assert len({id(f.text) for f in on_first}) == 1
