"""P-rules: what the readers found wrong with the file itself."""
from __future__ import annotations

from typing import Iterator

from ..model import Hit, Severity
from .base import Context, Rule


class FromDiagnostics(Rule):
    """A rule whose findings are diagnostics recorded while the file was read or prepared
    (``Track.diagnostics`` with this rule's code): the engine still owns their selection and
    severity."""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for diag in ctx.track.diagnostics:
            if diag.code == self.code:
                yield Hit(diag.message, cue=None, data=dict(diag.data), line=diag.line)


class MalformedBlock(FromDiagnostics):
    """A block of the file could not be read as a cue (broken timestamp, missing arrow, text with
    no timing), or the file as a whole is not a readable subtitle file (bad WebVTT signature,
    binary data, empty, too large). The finding names the file line; reading continues after
    the bad block, so every other cue is still checked. Nothing is dropped silently: a block
    that does not become a cue becomes this finding. In EBU STL the line is the TTI block
    number: a block the file ends inside (``truncated``), a time code that is not one
    (``timecode``), a subtitle that begins before the programme start (TCI before the GSI's
    TCP, ``before-programme-start``: kept with its negative times), and, for the whole file,
    no GSI block or no STL Disk Format Code."""

    code = "P001"
    name = "malformed-block"
    severity = Severity.ERROR
    summary = "a block (or the whole file) cannot be read as subtitle cues"


class NonUtf8Encoding(FromDiagnostics):
    """The file is not UTF-8 (or UTF-16/32 with a byte-order mark); its encoding was detected
    from the bytes (cp1251, GB18030, Big5, ...). Most delivery specifications require UTF-8.
    When the encoding could not be determined with confidence the message says so: pass
    ``--encoding`` to be sure."""

    code = "P002"
    name = "non-utf8-encoding"
    severity = Severity.INFO
    summary = "the file is not UTF-8; its legacy encoding was detected"


class NonstandardTimestamp(FromDiagnostics):
    """A timing line that has one obvious reading but breaks the format in a way that players
    reject: a SubRip time without milliseconds (``00:00:01 --> 00:00:10``) or without hours
    (``00:07,000``). The cue is kept with the obvious reading so that every other rule still
    checks it, and this finding names the file line: fix the timestamp before delivery, because
    FFmpeg, mpv and set-top players drop such a cue. In TTML: a time with no unit (``19.764``)
    or with clock fields of one digit (``0:0:7.800``), read as lenient players read it (strict
    readers such as ttconv ignore the attribute)."""

    code = "P003"
    name = "nonstandard-timestamp"
    severity = Severity.ERROR
    summary = "a timestamp players reject (no milliseconds, no hours); the cue is kept"


class AmbiguousTimestamp(FromDiagnostics):
    """A timestamp that tools read in two ways: a SubRip fraction of one or two digits
    (``00:00:01,5``) is 500 ms as a decimal fraction but 5 ms for FFmpeg, mpv and the ``srt``
    library, which read it as a count of milliseconds. The cue is kept with the decimal reading;
    the message names both. Write three digits."""

    code = "P004"
    name = "ambiguous-timestamp"
    severity = Severity.WARNING
    summary = "a timestamp with two readings (a 1- or 2-digit fraction); both are named"


class TextAfterTiming(FromDiagnostics):
    """Text after the end time of a timing line that is neither cue settings nor coordinates
    (``00:01:20,000?``, a vendor's note). Players keep the cue and ignore the text; so does
    this reader, and the finding shows what was ignored."""

    code = "P005"
    name = "text-after-timing"
    severity = Severity.WARNING
    summary = "unexpected text after the end time; the cue is kept, the text ignored"


class InternalError(FromDiagnostics):
    """subqa itself failed while reading or checking this file (a defect in subqa, not
    necessarily in the file): the finding names the exception type and where it happened.
    The other files of the run are checked and reported as usual, and the run exits 1, so a
    gate never passes a file it could not check. Please report it with the file. This
    finding is reported whatever ``--select``/``--ignore`` say."""

    code = "P006"
    name = "internal-error"
    severity = Severity.ERROR
    summary = "subqa failed on this file (please report); other files are still checked"


class FormatConformance(FromDiagnostics):
    """The file breaks its format's specification, or a delivery specification for it, in a
    way that players tolerate: the cues are read, but a strict ingest may reject the file.
    ``data.reason`` says what, and the message names the element's line. For TTML
    (reasons and sources in ``subqa/formats/ttml_conformance.py``): ``xml:lang`` missing on
    ``tt`` or not a BCP 47 tag (TTML1 §7.1.1, RFC 5646); ``id`` instead of ``xml:id``, an
    ``xml:id`` that is not an NCName or not unique (TTML1 §7.2.1, xml:id §4); a frame rate
    other than 23.976, 24, 25, 29.97, 30, 50, 59.94, 60, or frame times with no declared rate
    (Netflix TTML requirements; TTML1 §6.2.4-5); ``ttp:timeBase`` other than media, or smpte
    without ``ttp:dropMode`` (TTML1 §6.2.3, §6.2.11; IMSC1 §6.10); attributes outside the
    TTML family's namespaces (TTML1 §4, §5.2); a DFXP draft namespace (TTML1 §5.2); and,
    with reason ``ttconv``, every warning or error the reference reader ttconv logs while
    reading the file's times and parameters. A document that declares the Netflix IMSC 1.1
    Text Profile (``https://www.netflix.com/ns/imsc1.1/text/1``) is checked for what that
    profile prohibits: ``netflix-language`` (Japanese only), ``netflix-time-base`` (media time
    only), ``netflix-animation``, ``netflix-bidi`` (outside right-to-left languages),
    ``netflix-image``. For SCC, what ttconv's reader logs about the
    caption data. For EBU STL (EBU Tech 3264-E; ``subqa/formats/stl.py``): ``dfc`` (a Disk
    Format Code outside the specification that some tools write, read at its rate), ``cct``
    (a character code table other than 00-04), ``tcp`` (no readable start of programme),
    ``extension-chain`` (extension blocks with no last block), ``undefined-character``, and
    ``not-cues`` (comment subtitles and user-data blocks, which are not checked); the line
    of an STL finding is its TTI block number (``data.block``)."""

    code = "P008"
    name = "format-conformance"
    severity = Severity.WARNING
    summary = "the file breaks its format's or the delivery specification; cues still read"


class IndefiniteTiming(FromDiagnostics):
    """A caption whose timing gives no usable interval. An SCC caption never cleared (the
    last roll-up caption) is kept, ending where it begins. A TTML ``<p>`` whose timing gives
    no usable interval: it has no end anywhere up to
    ``<body>`` (no ``end`` or ``dur`` on it or a container), so it stays on screen to the end
    of the programme (TTML1 §10.4: the implicit duration of text is indefinite); the cue is
    kept, ending at the document's last time, so the other rules still check it. Or its
    container ends before it begins, so it is never shown (no cue; the finding names its
    line and times)."""

    code = "P009"
    name = "indefinite-timing"
    severity = Severity.WARNING
    summary = "a TTML paragraph or SCC caption that never ends, or a paragraph never shown"
