"""P-rules: what the readers found wrong with the file itself."""
from __future__ import annotations

from typing import Iterator

from ..model import Hit, Severity
from .base import Context, Rule


class _FromDiagnostics(Rule):
    def check(self, ctx: Context) -> Iterator[Hit]:
        for diag in ctx.track.diagnostics:
            if diag.code == self.code:
                yield Hit(diag.message, cue=None, data=dict(diag.data), line=diag.line)


class MalformedBlock(_FromDiagnostics):
    """A block of the file could not be read as a cue (broken timestamp, missing arrow, text with
    no timing), or the file as a whole is not a readable subtitle file (bad WebVTT signature,
    binary data, empty, too large). The finding names the file line; reading continues after
    the bad block, so every other cue is still checked. Nothing is dropped silently: a block
    that does not become a cue becomes this finding."""

    code = "P001"
    name = "malformed-block"
    severity = Severity.ERROR
    summary = "a block (or the whole file) cannot be read as subtitle cues"


class NonUtf8Encoding(_FromDiagnostics):
    """The file is not UTF-8 (or UTF-16/32 with a byte-order mark); its encoding was detected
    from the bytes (cp1251, GB18030, Big5, ...). Most delivery specifications require UTF-8.
    When the encoding could not be determined with confidence the message says so: pass
    ``--encoding`` to be sure."""

    code = "P002"
    name = "non-utf8-encoding"
    severity = Severity.INFO
    summary = "the file is not UTF-8; its legacy encoding was detected"
