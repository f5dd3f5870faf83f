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
