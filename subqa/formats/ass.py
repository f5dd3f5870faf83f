"""Advanced SubStation Alpha (.ass, v4+) and SubStation Alpha (.ssa, v4) reader.

Reading decisions (what libass, the renderer of mpv, VLC and FFmpeg's burn-in, does, unless
said otherwise), each finding with the file line of the ``Dialogue:`` line:

* A cue is a ``Dialogue:`` line of ``[Events]``; its fields are read in the order the
  section's ``Format:`` line declares (the default v4+ or v4 order when there is none), the
  last field (Text) keeps its commas. ``Comment:`` lines and SSA's ``Picture:``, ``Sound:``,
  ``Movie:`` and ``Command:`` events are not subtitles and are skipped; so is an event that is
  only a drawing (``{\\p1}m 0 0 l 100 0``). Any other line of ``[Events]``, a ``Dialogue:``
  line with too few fields or with a time that does not read, and text outside any section
  are P001 with their line. A file with no ``[Events]`` section is a file-level P001.
* Times ``H:MM:SS.cc``. Unpadded fields (``0:0:38.48``) are read silently; a ``:`` before the
  centiseconds (``0:00:04:56``, the SSA specification's own notation) is read as written and
  reported with P003, since libass reads it as time 0; a fraction of other than two digits
  (``.480``, ``.5``) is read as a decimal fraction (480 ms, 500 ms) and reported with P004,
  since libass and FFmpeg count it in centiseconds (4.80 s, 50 ms). Negative times, letters,
  minutes or seconds >= 60 and fields of more than 3 digits are P001.
* Text: ``\\N`` breaks the line; ``\\n`` breaks it only under ``WrapStyle: 2`` (otherwise it
  is a space, as in libass and VSFilter); ``\\h`` is a no-break space. Override blocks
  ``{\\...}`` stay in the cue's lines (the model strips them for counting); other brace blocks
  (``{a translator's note}``) are never shown and are left out. Italics as rendered (the
  style's ``Italic``, ``\\i1``, ``\\i0``, ``\\i``, ``\\r``, ``\\rStyle``) become ``<i>``...
  ``</i>`` around the italic text, closed at the end of the event as renderers do: an ASS
  italic switch left on to the end of its event is how a whole line is set in italics, so
  F003 never reports it.
* ``Cue.settings`` is ``layer:N style:NAME``, plus ``sign:WHY`` when the event is placed off
  the dialogue line: ``\\pos``, ``\\move``, an ``\\an``/``\\a`` or style alignment that is not
  bottom. The timing rules compare a cue only with cues of its own layer on the dialogue line
  (see :func:`subqa.checks.timing.overlap_lane`). ``Cue.identifier`` is None: the Name field
  is an actor, not an id.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Cue, Diagnostic
from .base import Parsed, Source, read_text

DEFAULT_EVENT_FORMAT = {
    "ass": ("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv",
            "effect", "text"),
    "ssa": ("marked", "start", "end", "style", "name", "marginl", "marginr", "marginv",
            "effect", "text"),
}
_SKIPPED_EVENTS = {"comment", "picture", "sound", "movie", "command"}
_STYLE_SECTIONS = {"[v4+ styles]": "ass", "[v4 styles]": "ssa"}
_TIME = re.compile(r"(\d+):(\d+):(\d+)([.:])(\d+)", re.ASCII)
_BLOCK = re.compile(r"\{[^}]*\}")
_ESCAPE = re.compile(r"\\[Nnh]")
# SSA's legacy \a numbering: 1-3 bottom, 5-7 top, 9-11 middle; v4+ uses the numeric keypad
_SSA_BOTTOM = {1, 2, 3}
_ASS_BOTTOM = {1, 2, 3}
FIELD_DIGITS = 3
RENDERERS = "libass and FFmpeg"


class Style(NamedTuple):
    italic: bool
    bottom: bool


# ---------------------------------------------------------------- times

def parse_time(token: str) -> tuple[int | None, str, list[str]]:
    """(ms, why it failed, notes) for one ``H:MM:SS.cc`` time. Notes name what is
    nonstandard: "colon" (``:`` before the centiseconds), "fraction" (not 2 digits)."""
    tok = token.strip()
    if not tok:
        return None, "missing time", []
    if tok.startswith("-"):
        return None, f"negative time {tok[:40]!r}", []
    m = _TIME.fullmatch(tok)
    if m is None:
        return None, f"{tok[:40]!r} is not a time (H:MM:SS.cc)", []
    h, mi, s, sep, frac = m.groups()
    if any(len(f) > FIELD_DIGITS for f in (h, mi, s, frac)):
        return None, f"{tok[:40]!r} has a field of more than {FIELD_DIGITS} digits", []
    if int(mi) >= 60 or int(s) >= 60:
        return None, f"{tok[:40]!r} has minutes or seconds out of range (>= 60)", []
    ms = ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1000 + int(frac.ljust(3, "0"))
    notes = (["colon"] if sep == ":" else []) + (["fraction"] if len(frac) != 2 else [])
    return ms, "", notes


def _centisecond_reading(token: str) -> int:
    """What libass and FFmpeg make of a time: the fraction is a count of centiseconds."""
    h, mi, s, _, frac = _TIME.fullmatch(token.strip()).groups()
    return ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1000 + int(frac) * 10


def clock(ms: int) -> str:
    cs = ms // 10
    return f"{cs // 360000}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}" + \
        ("" if ms % 10 == 0 else f" (+{ms % 10} ms)")


def _time_notes(tokens: tuple[str, str], notes: tuple[list, list], line_no: int
                ) -> list[Diagnostic]:
    names = ("start", "end")
    out = []
    colon = [f"{names[k]} time {tokens[k].strip()!r}" for k in (0, 1) if "colon" in notes[k]]
    if colon:
        reason = "; ".join(colon)
        out.append(Diagnostic(
            "P003", f"nonstandard time: {reason} has ':' before the centiseconds; read as "
            "written, but libass reads such a time as 0:00:00.00 (write H:MM:SS.cc)", line_no,
            {"reason": "colon before centiseconds", "times": colon}))
    short = [k for k in (0, 1) if "fraction" in notes[k]]
    if short:
        readings = "; ".join(
            f"{names[k]} time {tokens[k].strip()!r} is {clock(parse_time(tokens[k])[0])} as a "
            f"decimal fraction, {clock(_centisecond_reading(tokens[k]))} as {RENDERERS} count "
            "centiseconds" for k in short)
        out.append(Diagnostic(
            "P004", f"ambiguous time: {readings}; read as decimal; write two digits", line_no,
            {"reason": "fraction of other than 2 digits",
             "other_reading": [_centisecond_reading(tokens[k]) for k in short]}))
    return out


# ---------------------------------------------------------------- text

def _tags(block: str) -> list[str]:
    """The tags of an override block without their backslashes (``{\\an8\\i1}`` ->
    ``["an8", "i1"]``); the closing parenthesis of a ``\\t(...)`` is dropped."""
    return [t.strip().rstrip(")").strip() for t in block[1:-1].split("\\")[1:]]


def _italic_after(tag: str, italic: bool, style: Style, styles: dict) -> bool:
    """Italics after one tag: ``\\i1`` on, ``\\i0`` off, ``\\i`` (any other value) the
    style's, ``\\r`` the event style's, ``\\rName`` that style's."""
    if re.fullmatch(r"i\d*", tag):
        return {"i1": True, "i0": False}.get(tag, style.italic)
    if tag.startswith("r") and not tag.startswith("rnd"):
        name = tag[1:].strip()
        return styles[name].italic if name in styles else style.italic
    return italic


def _placement(tag: str) -> str | None:
    """Why a tag puts the event off the dialogue line (``pos``, ``move``, ``an8``), or None."""
    if tag.startswith(("pos(", "move(")):
        return tag.split("(")[0]
    m = re.fullmatch(r"(an|a)(\d+)", tag)
    if m:
        bottom = _SSA_BOTTOM if m.group(1) == "a" else _ASS_BOTTOM
        if int(m.group(2)) not in bottom:
            return tag
    return None


def _drawing_level(tag: str) -> int | None:
    m = re.fullmatch(r"p(\d+)", tag)
    return int(m.group(1)) if m else None


def render_text(text: str, style: Style, styles: dict, wrap_style: int
                ) -> tuple[tuple[str, ...] | None, str | None]:
    """(display lines, why the event is off the dialogue line) for an event's Text, or
    (None, None) when it is only a drawing. See the module docstring."""
    out: list[str] = ["<i>"] if style.italic else []
    italic, drawing, shown, drew, placed = style.italic, False, False, False, None
    pos = 0
    spans = [m.span() for m in _BLOCK.finditer(text)] + [(len(text), len(text))]
    for start, end in spans:
        chunk = text[pos:start]
        if drawing:
            drew |= bool(chunk.strip())
        elif chunk:
            shown = True
            out.append(_escapes(chunk, wrap_style))
        block, pos = text[start:end], end
        if not block.startswith("{\\"):
            continue                      # a comment block (or the end): never shown
        was = italic
        for tag in _tags(block):
            italic = _italic_after(tag, italic, style, styles)
            level = _drawing_level(tag)
            drawing = drawing if level is None else level > 0
            placed = placed or _placement(tag)
        out.extend((["</i>"] if was and not italic else []) + [block] +
                   (["<i>"] if italic and not was else []))
    if drew and not shown:
        return None, None
    if italic:
        out.append("</i>")
    return tuple("".join(out).split("\n")), placed


def _escapes(chunk: str, wrap_style: int) -> str:
    """``\\N`` a line break, ``\\n`` one only under WrapStyle 2 (else a space), ``\\h`` a
    no-break space."""
    soft = "\n" if wrap_style == 2 else " "
    return _ESCAPE.sub(lambda m: {"\\N": "\n", "\\n": soft, "\\h": "\u00a0"}[m.group()],
                       chunk)


# ---------------------------------------------------------------- sections

class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.cues: list[Cue] = []
        self.diags: list[Diagnostic] = []
        self.section: str | None = None
        self.kind = "ass"
        self.event_format: tuple[str, ...] | None = None
        self.style_format: tuple[str, ...] | None = None
        self.styles: dict[str, Style] = {}
        self.wrap_style = 0
        self.saw_events = False
        self.outside: int | None = None       # first line of text outside any section

    def run(self) -> tuple[list[Cue], list[Diagnostic]]:
        for no, raw in enumerate(self.lines, 1):
            line = raw.lstrip()
            if not line.strip() or line.startswith(";"):
                continue
            if line.startswith("[") and line.rstrip().endswith("]"):
                self._section(line.rstrip().lower())
                continue
            key, sep, value = line.partition(":")
            key = key.strip().lower()
            if self.section is None:
                self._outside(no, line)
            elif self.section == "[script info]":
                if key == "wrapstyle" and value.strip().isdigit():
                    self.wrap_style = int(value.strip())
            elif self.section in _STYLE_SECTIONS:
                self._style_line(key, value)
            elif self.section == "[events]":
                self._event_line(no, line, key, sep, value)
        if not self.saw_events:
            self.diags.append(Diagnostic(
                "P001", "no [Events] section: the file holds no subtitle events; no cues",
                None, {"reason": "no-events"}))
        self.diags.sort(key=lambda d: (d.line or 0, d.code))
        return self.cues, self.diags

    def _section(self, name: str) -> None:
        self.section = name
        if name in _STYLE_SECTIONS:
            self.kind = _STYLE_SECTIONS[name]
            self.style_format = None
        if name == "[events]":
            self.saw_events = True

    def _outside(self, no: int, line: str) -> None:
        self.diags.append(Diagnostic(
            "P001", f"line outside any section ({line.strip()[:40]!r}); ignored, as by libass",
            no, {"reason": "outside-section"}))

    def _style_line(self, key: str, value: str) -> None:
        if key == "format":
            self.style_format = tuple(f.strip().lower() for f in value.split(","))
        elif key == "style":
            # strict=False: a Style line may hold more or fewer values than the Format line names
            fields = dict(zip(self.style_format or ("name",), (v.strip() for v in
                                                                value.split(",")), strict=False))
            name = fields.get("name", "").lstrip("*")
            italic = fields.get("italic", "0") not in ("0", "")
            try:
                align = int(fields.get("alignment", "2"))
            except ValueError:
                align = 2
            bottom_set = _SSA_BOTTOM if self.kind == "ssa" else _ASS_BOTTOM
            self.styles[name] = Style(italic, align in bottom_set)

    def _event_line(self, no: int, line: str, key: str, sep: str, value: str) -> None:
        if not sep:
            self._bad(no, f"line {line.strip()[:40]!r} is not an event (no ':'); ignored",
                      "unknown-line")
        elif key == "format":
            fields = tuple(f.strip().lower() for f in value.split(","))
            missing = [f for f in ("start", "end", "text") if f not in fields]
            if missing or fields[-1] != "text":
                what = f"lacks {', '.join(missing)}" if missing else "does not end with Text"
                self._bad(no, f"Format line {what}; the default field order is used",
                          "bad-format")
            else:
                self.event_format = fields
        elif key == "dialogue":
            self._dialogue(no, value)
        elif key not in _SKIPPED_EVENTS:
            self._bad(no, f"unknown event type {line.partition(':')[0].strip()[:30]!r} in "
                      "[Events]; line ignored", "unknown-line")

    def _bad(self, no: int, message: str, reason: str, **data) -> None:
        self.diags.append(Diagnostic("P001", message, no, {"reason": reason, **data}))

    def _dialogue(self, no: int, value: str) -> None:
        fmt = self.event_format or DEFAULT_EVENT_FORMAT[self.kind]
        parts = value.lstrip().split(",", len(fmt) - 1)
        if len(parts) < len(fmt):
            self._bad(no, f"Dialogue line has {len(parts)} field(s), the Format line declares "
                      f"{len(fmt)}; event ignored", "too-few-fields")
            return
        fields = dict(zip(fmt, parts, strict=True))
        start, why_start, notes_start = parse_time(fields["start"])
        end, why_end, notes_end = parse_time(fields["end"])
        if start is None or end is None:
            why = f"start time: {why_start}" if start is None else f"end time: {why_end}"
            self._bad(no, f"Dialogue line with a bad time ({why}); event ignored", "bad-time")
            return
        self.diags.extend(_time_notes((fields["start"], fields["end"]),
                                      (notes_start, notes_end), no))
        style_name = fields.get("style", "").strip().lstrip("*")
        style = self.styles.get(style_name) or self.styles.get("Default") or Style(False, True)
        lines, placed = render_text(fields["text"], style, self.styles, self.wrap_style)
        if lines is None:
            return                        # a drawing, not text
        if placed is None and not style.bottom:
            placed = "style-alignment"
        layer = fields.get("layer", "0").strip()
        settings = f"layer:{layer if layer.isdigit() else 0} style:{style_name or '-'}"
        if placed:
            settings += f" sign:{placed}"
        self.cues.append(Cue(index=len(self.cues) + 1, start_ms=start, end_ms=end, lines=lines,
                             line=no, timing_line=no, identifier=None, settings=settings))


def parse_ass(lines: list[str]) -> tuple[list[Cue], list[Diagnostic]]:
    """Cues and P001/P003/P004 diagnostics from the lines of an ASS or SSA file."""
    return _Reader(lines).run()


def read_ass(source: Source) -> Parsed:
    """The reader's entry point (subqa.formats.READERS) for ASS and SSA: the file's bytes ->
    its cues."""
    return read_text(source, parse_ass)
