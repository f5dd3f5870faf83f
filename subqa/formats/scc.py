"""Scenarist Closed Caption (.scc, CEA-608 caption data) reader, through ttconv's SCC reader.

ttconv decodes the CEA-608 byte pairs (pop-on, roll-up and paint-on captions, the special and
extended characters, italics) and turns the SMPTE time codes into media time (``;`` before the
frames: drop-frame; ``:``: non-drop; both at 29.97 frames per second, as NTSC caption data
runs). Each caption it builds is a cue:

* ``start_ms``/``end_ms``: when the caption is shown and cleared (a roll-up caption is shown
  until the next roll); ``lines``: its rows (italics as ``<i>…</i>``);
* ``line`` and ``timing_line``: the SCC line whose time code is the last at or before the
  caption's begin (the line that carries its display command);
* whatever ttconv logs (a warning or worse) is a P008 finding on the SCC line it was
  reading; a file without the ``Scenarist_SCC V1.0`` header is a P001 (no cues), and so is
  a line ttconv cannot read (a word that is not 4 hex digits: the line is left out);
* a caption never cleared (the last roll-up caption) is P009 and ends at its begin.
"""
from __future__ import annotations

import bisect
import logging

from ..model import Cue, Diagnostic
from .base import Parsed, Source, read_text
from .sniffers import SCC_HEADER

HEADER = SCC_HEADER


class _LineTracker(logging.Handler):
    """Follows ttconv's SCC reader through the file: it logs every line (debug) before it
    processes it, so every record after that belongs to that line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.lines = lines
        self.line = 0
        self.records: list[tuple[int | None, logging.LogRecord]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.DEBUG and record.name == "ttconv.scc.reader":
            self.line += 1
        elif record.levelno >= logging.WARNING:
            self.records.append((self.line or None, record))


def parse_scc(lines: list[str]) -> tuple[list[Cue], list[Diagnostic]]:
    """Cues and diagnostics from the lines of an SCC file."""
    while lines and lines[-1] == "":
        lines = lines[:-1]
    if not lines or lines[0].strip().lstrip("\ufeff") != HEADER:
        first = lines[0].strip()[:40] if lines else ""
        return [], [Diagnostic("P001", f"first line {first!r} is not the SCC header {HEADER!r}; "
                               "no cues read", 1, {"reason": "no-header"})]
    starts, diags = _line_times(lines)
    bad = {d.line for d in diags}
    document, records = _read([("" if no in bad else ln) for no, ln in enumerate(lines, 1)])
    cues = []
    for begin, end, rows in _captions(document):
        line = _line_at(starts, begin)
        if end is None:
            diags.append(Diagnostic("P009", "caption is never cleared (no end): read as ending "
                                    "where it begins", line, {"reason": "indefinite-end"}))
            end = begin
        cues.append(Cue(index=len(cues) + 1, start_ms=_ms(begin), end_ms=_ms(end), lines=rows,
                        line=line, timing_line=line))
    diags += [Diagnostic("P008", f"ttconv: {rec.getMessage()[:200]}", line,
                         {"reason": "ttconv", "level": rec.levelname.lower(),
                          "logger": rec.name}) for line, rec in records]
    diags.sort(key=lambda d: (d.line or 0, d.code))
    return cues, diags


def _read(lines: list[str]):
    from ttconv.scc import reader

    logger = logging.getLogger("ttconv")
    tracker = _LineTracker(lines)
    saved = (logger.propagate, logger.level)
    logger.addHandler(tracker)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    try:
        document = reader.to_model("\n".join(lines))
    finally:
        logger.removeHandler(tracker)
        logger.propagate, level = saved
        logger.setLevel(level)
    return document, tracker.records


def _line_times(lines: list[str]) -> tuple[list[tuple], list[Diagnostic]]:
    """(media time in ms, 1-based line) of every caption-data line, sorted by time, and a
    P001 for each line ttconv cannot read (it would stop the whole file: the line is left out,
    the rest is read)."""
    from ttconv.scc.line import SccLine

    out, bad = [], []
    for no, text in enumerate(lines, 1):
        try:
            scc_line = SccLine.from_str(text)
        except (ValueError, IndexError) as exc:
            bad.append(Diagnostic("P001", f"caption data line cannot be read ({exc}); line "
                                  "ignored", no, {"reason": "bad-line", "text": text[:80]}))
            continue
        if scc_line is not None:
            out.append((scc_line.time_code.to_temporal_offset() * 1000, no))
    return sorted(out), bad


def _line_at(starts: list[tuple], begin) -> int:
    k = bisect.bisect_right(starts, (begin, float("inf"))) - 1
    return starts[max(k, 0)][1] if starts else 1


def _captions(document):
    """(begin ms, end ms or None, rows) of each caption of ttconv's document."""
    from ttconv import model
    from ttconv.style_properties import FontStyleType, StyleProperties

    body = document.get_body() if document is not None else None
    if body is None:
        return
    for p in body.dfs_iterator():
        if not isinstance(p, model.P):
            continue
        rows, current = [], []
        for el in p.dfs_iterator():
            if isinstance(el, model.Br):
                rows.append("".join(current).strip())
                current = []
            elif isinstance(el, model.Text):
                text = el.get_text()
                span = el.parent()
                if span is not None and span.get_style(StyleProperties.FontStyle) \
                        is FontStyleType.italic and text.strip():
                    text = f"<i>{text.strip()}</i>"
                current.append(text)
        rows.append("".join(current).strip())
        begin = p.get_begin() or 0
        end = p.get_end()
        yield begin * 1000, None if end is None else end * 1000, tuple(r for r in rows if r)


def _ms(t) -> int:
    return int(round(t))


def read_scc(source: Source) -> Parsed:
    """The reader's entry point (subqa.formats.READERS): an SCC file's bytes -> its cues."""
    return read_text(source, parse_scc)
