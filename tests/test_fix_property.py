"""Property-based test of the safe fixes (Hypothesis, as the `srt` library tests itself):
generated SubRip tracks with planted defects (stray spaces, broken tags, overlaps and short
gaps of a few frames, gaps to chain, too-short cues, wrong numbers), in UTF-8, UTF-8 with a
byte order mark or cp1251, with LF or CRLF line ends. For every one:

- the fixed file re-checks without the findings that were fixed, and with no new error;
- the cue count is the same, and each cue's text apart from spaces and tags is the same;
- fixing again changes nothing (idempotence);
- replaying the recorded edits on the original text gives the output, and every edit only
  touches spaces, tags, a time or a cue number.
"""
from __future__ import annotations

import os
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import subqa
from subqa.fixes.spans import Source

WORDS = ["hello", "there", "road", "city", "bread", "we", "go", "now"]
RU_WORDS = ["привет", "город", "хлеб", "дорога", "мы", "идём"]
_TAGS = re.compile(r"<[^>]*>")
_TIME = re.compile(r"\d+:\d{2}:\d{2},\d{3}")


@st.composite
def tracks(draw):
    words = RU_WORDS if draw(st.booleans()) else WORDS
    n = draw(st.integers(2, 8))
    t = 1000
    cues = []
    for _ in range(n):
        dur = draw(st.sampled_from([300, 500, 700, 1500, 2500, 4000]))
        text_words = draw(st.lists(st.sampled_from(words), min_size=1, max_size=6))
        line = " ".join(text_words)
        defect = draw(st.sampled_from(["", "lead", "trail", "double", "tab", "open", "stray",
                                       "crossed"]))
        line = {"lead": " " + line, "trail": line + "  ", "double": line.replace(" ", "  ", 1),
                "tab": line.replace(" ", "\t", 1), "open": "<i>" + line,
                "stray": line + "</b>", "crossed": f"<b><i>{line}</b></i>", "": line}[defect]
        lines = [line]
        if draw(st.booleans()):
            lines.append(" ".join(draw(st.lists(st.sampled_from(words), min_size=1,
                                                max_size=4))))
        cues.append([t, t + dur, lines])
        gap = draw(st.sampled_from([-80, -40, -20, 0, 20, 40, 125, 250, 400, 1000, 2000]))
        t = max(t + dur + gap, cues[-1][0] + 100)
    numbers = list(range(1, n + 1))
    if draw(st.booleans()):
        numbers = [x + draw(st.integers(0, 3)) for x in numbers]
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    encoding = "cp1251" if words is RU_WORDS and draw(st.booleans()) else "utf-8"
    bom = encoding == "utf-8" and draw(st.booleans())
    blocks = [f"{num}{nl}{_clock(a)} --> {_clock(b)}{nl}" + nl.join(ls) + nl
              for num, (a, b, ls) in zip(numbers, cues)]
    text = nl.join(blocks)
    return (("\ufeff" if bom else "") + text).encode(encoding), encoding


def _clock(ms: int) -> str:
    s, f = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{h:02d}:{m:02d}:{s:02d},{f:03d}"


def _words(cue) -> str:
    return re.sub(r"\s+", "", _TAGS.sub("", cue.text))


@settings(max_examples=int(os.environ.get("SUBQA_HYPOTHESIS_EXAMPLES", 80)), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(tracks())
def test_safe_fixes_properties(tmp_path_factory, generated):
    data, _encoding = generated
    path = tmp_path_factory.mktemp("fix") / "film.en.srt"
    path.write_bytes(data)
    before = subqa.check([path], use_config=False, fps=24).files[0]
    (o,) = subqa.fix([path], use_config=False, fps=24).outcomes
    assert o.status in ("fixed", "unchanged"), (o.status, o.reason, o.notes)
    after = o.result
    # the fixed findings are gone, and no error was added
    remaining = {(f.code, f.cue) for f in after.findings}
    for fix in o.applied:
        if fix.cue is not None:
            assert (fix.code, fix.cue) not in remaining, (fix, o.text_after)
    errors = lambda res: Counter(f.code for f in res.findings if f.severity.label == "error")
    assert not errors(after) - errors(before)
    # cue count and words unchanged
    old = subqa.formats.parse_bytes(o.original, str(path))
    new = subqa.formats.parse_bytes(o.output, str(path))
    assert len(new.cues) == len(old.cues)
    assert [_words(c) for c in new.cues] == [_words(c) for c in old.cues]
    bom = b"\xef\xbb\xbf"
    assert new.encoding == old.encoding and o.output.startswith(bom) == o.original.startswith(bom)
    # only the edited spans differ, and they only touch spaces, tags, times and numbers
    text = o.text_before
    for edits in o.steps:
        for e in edits:
            old_span, new_span = text[e.start:e.end], e.replacement
            assert (_TAGS.sub("", old_span).strip() == _TAGS.sub("", new_span).strip() or
                    _TIME.fullmatch(old_span) and _TIME.fullmatch(new_span) or
                    old_span.isdigit() and new_span.isdigit()), (old_span, new_span)
        text = Source(text, "utf-8").apply(edits)
    assert text == o.text_after
    # idempotence
    path.write_bytes(o.output)
    (again,) = subqa.fix([path], use_config=False, fps=24).outcomes
    assert not again.changed, again.applied
