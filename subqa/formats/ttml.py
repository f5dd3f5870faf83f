"""TTML family reader (TTML1, DFXP, IMSC 1.x Text Profile, EBU-TT-D, Netflix IMSC 1.1 text).

One pass over the document parsed by lxml (no entity expansion, no DTD, no network), which
gives every ``<p>`` its own file line. The meaning comes from the TTML specification and from
ttconv (Sandflow's reference implementation): ttconv parses the time expressions (frames with
``ttp:frameRate``/``ttp:frameRateMultiplier``, ticks, SMPTE time codes with ``ttp:dropMode``)
and the parameter attributes; whatever it logs while doing so becomes a finding on the line of
the element being read. Time containment (TTML1 §10.4, TTML2 §12.4) is computed here, in the
way ttconv's model does it, with one correction: ttconv 1.2.3 measures the implicit end of a
``par`` container (a ``body`` or ``div`` with a ``begin`` but no ``end``) from the wrong origin
(it leaves out the container's own begin), which cuts such a container short or drops it;
here a ``div begin="10s"`` holding a ``p`` from 1 s to 3 s is a cue from 11 s to 13 s.

What the reader makes of a document:

* a cue per ``p`` that is shown at some time: its begin and end are the ``p``'s active
  interval (nested begins add up; a ``p`` with no ``end``/``dur`` runs to its parent's end);
  ``Cue.line`` and ``timing_line`` are the line of the ``<p`` start tag, ``identifier`` its
  ``xml:id``;
* ``<br/>`` is a line break; text in italics (``tts:fontStyle="italic"`` or ``"oblique"`` on
  the element, through ``style`` references, chained styles, inherited from a parent or from
  the region) is wrapped in ``<i>…</i>``; white space is collapsed as ``xml:space="default"``
  says; ruby annotations (``tts:ruby="text"``, ``rt``) and metadata are not cue text;
* P001 for a document that is not well-formed XML or whose root is not a TTML ``tt``, and for
  a time expression that cannot be read (the attribute is then ignored, as ttconv does);
* P008 (format-conformance) for what a delivery specification rejects: see ``conformance``;
* P009 (indefinite-timing) for a ``p`` that is never shown (its parent ends before it
  begins: no cue) or that has no end anywhere up to the body (kept as a cue ending at the
  document's last time, or at its own begin when there is none);
* P003 for a time that breaks the syntax but has one obvious reading (``19.764``,
  ``0:0:7.800``): read as lenient players read it, where ttconv ignores it.

A cue's interval is when its text is shown: the ``p``'s active interval narrowed to its
text's (a ``p`` holding only timed spans begins with its first span and ends with its last;
text directly in a ``seq`` container has no duration; ``tts:display="none"`` hides text
except while a ``<set tts:display="auto">`` is active; a timed region cuts its content).
An empty ``p`` shows nothing and is not a cue.
"""
from __future__ import annotations

import logging
import re
from fractions import Fraction
from typing import Iterator

from ..model import Cue, Diagnostic
from .base import Parsed, Source, italic_markup, read_text

TT = "http://www.w3.org/ns/ttml"
TTP = TT + "#parameter"
TTS = TT + "#styling"
XML = "http://www.w3.org/XML/1998/namespace"
# Namespaces of the 2004-2006 drafts that DFXP files still use; read as TTML (and reported).
DRAFT_NAMESPACES = ("http://www.w3.org/2006/10/ttaf1", "http://www.w3.org/2006/04/ttaf1",
                    "http://www.w3.org/2004/11/ttaf1")
_CONTENT = frozenset({"body", "div", "p", "span", "br"})
_INDEFINITE_IN_PAR = frozenset({"br"})
_MIXED = frozenset({"p", "span"})
_RUBY_ANNOTATION = frozenset({"text", "textContainer", "delimiter"})
_XML_DECL_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(['\"])[^'\"]*\2")
_FAST_CLOCK = re.compile(r"(\d{2,}):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?", re.ASCII)
_FAST_OFFSET = re.compile(r"(\d+)(?:\.(\d{1,3}))?(s|ms)", re.ASCII)
_FAST_FRAMES = re.compile(r"(\d{2,}):([0-5]\d):([0-5]\d):(\d{2,})", re.ASCII)
_WS = re.compile(r"[ \t\r\n]+")
# Time expressions that break the TTML syntax but have one obvious reading, as lenient players
# (ExoPlayer, browsers' TTML libraries) read them: unpadded clock fields ("0:0:7.800") and a
# number with no unit ("19.764", seconds).
_LENIENT_CLOCK = re.compile(r"(\d{1,3}):(\d{1,2}):(\d{1,2}(?:\.\d+)?)", re.ASCII)
_LENIENT_SECONDS = re.compile(r"\d+(?:\.\d+)?", re.ASCII)


class _LogCapture(logging.Handler):
    """Collects the records ttconv logs while one document is read, with the file line of the
    element being read when they were logged."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.element = None          # the element being read
        self.records: list[tuple[object, logging.LogRecord]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.records.append((self.element, record))


class _Capturing:
    """``with _Capturing() as cap``: ttconv's log records go to ``cap`` only (not to the
    application's handlers) while the block runs."""

    def __enter__(self) -> _LogCapture:
        self.logger = logging.getLogger("ttconv")
        self.cap = _LogCapture()
        self.saved = (self.logger.propagate, self.logger.level)
        self.logger.addHandler(self.cap)
        self.logger.propagate = False
        self.logger.setLevel(logging.WARNING)
        return self.cap

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self.cap)
        self.logger.propagate, level = self.saved
        self.logger.setLevel(level)


class Document:
    """What the walk needs to know about one parsed document."""

    def __init__(self, root, ns: str, cap: _LogCapture, lines: list[str]) -> None:
        from ttconv.imsc import attributes as attr

        self.root, self.ns, self.cap, self.lines = root, ns, cap, lines
        self.diags: list[Diagnostic] = []
        cap.element = root
        self.ctx = attr.TemporalAttributeParsingContext()
        self.ctx.frame_rate = attr.FrameRateAttribute.extract(root)
        self.ctx.tick_rate = _tick_rate(root, self.ctx.frame_rate)
        self.ctx.time_base = _time_base(root, attr)
        self.ctx.drop_mode = _drop_mode(root, attr)
        # HH:MM:SS:FF in media time at a whole frame rate is read here (the same value as
        # ttconv's, tests/test_formats_ttml.py checks); other frame times go to ttconv
        rate = self.ctx.frame_rate
        self.fast_frames = (rate.numerator if rate.denominator == 1 and rate > 0
                            and self.ctx.time_base is attr.TimeBase.media else 0)
        self.frame_based = False          # whether a time expression counts frames
        self.nonstandard_lines: set[int | None] = set()
        self.latest: Fraction | int = 0   # the latest finite time seen (ms)
        self.styles = _styles(root, ns)
        self.display = _styles(root, ns, "display")
        self.regions = _regions(root, ns)
        self.region_times = _region_times(self, root, ns)
        self.inherited: dict = {}              # (parent, region) -> italic from above
        self.uses_display = any(self.display.values()) or any(
            "display" in ln for ln in lines)

    def line(self, el) -> int:
        """The 1-based file line where the element's start tag begins."""
        return start_line(el, self.lines)

    def time(self, el, name: str) -> Fraction | int | None:
        """The value of a time attribute in ms (int when exact, else Fraction), or None."""
        raw = el.get(name)
        if raw is None:
            return None
        raw = raw.strip()
        m = _FAST_CLOCK.fullmatch(raw)
        if m:
            h, mi, s, frac = m.groups()
            return ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1000 + int((frac or "").ljust(3, "0"))
        m = _FAST_OFFSET.fullmatch(raw)
        if m:
            whole, frac, unit = m.groups()
            if unit == "ms":
                if frac is None:
                    return int(whole)
            else:
                return int(whole) * 1000 + int((frac or "").ljust(3, "0"))
        m = _FAST_FRAMES.fullmatch(raw)
        if m and self.fast_frames and int(m.group(4)) < self.fast_frames:
            self.frame_based = True
            h, mi, s, f = (int(g) for g in m.groups())
            whole, rest = divmod(f * 1000, self.fast_frames)
            seconds_ms = ((h * 60 + mi) * 60 + s) * 1000 + whole
            return seconds_ms if not rest else seconds_ms + Fraction(rest, self.fast_frames)
        return self._ttconv_time(el, name, raw)

    def _nonstandard(self, el, name: str, raw: str, value) -> None:
        """P003 for a time that breaks the syntax but is read as players read it (one per
        element line)."""
        if self.line(el) in self.nonstandard_lines:
            return
        self.nonstandard_lines.add(self.line(el))
        form = "a number with no unit" if ":" not in raw else \
            "clock fields not written with 2 digits"
        self.diags.append(Diagnostic(
            "P003", f"nonstandard time {name}={raw[:40]!r} on <{_local(el.tag)}> ({form}; TTML "
            f"requires e.g. 00:00:07.800 or 7.8s): read as {int(round(value))} ms, as lenient "
            "players do; strict readers (ttconv) ignore it", self.line(el),
            {"reason": "ttml-time", "attribute": name, "value": raw[:100],
             "read_as_ms": int(round(value))}))

    def _ttconv_time(self, el, name: str, raw: str) -> Fraction | None:
        from ttconv.imsc.attributes import parse_time_expression

        if raw.endswith("f") or raw.count(":") == 3:
            self.frame_based = True
        self.cap.element = el
        try:
            return parse_time_expression(self.ctx, raw, False) * 1000
        except (ValueError, ZeroDivisionError, TypeError) as exc:
            lenient = _lenient_time(raw)
            if lenient is not None:
                self._nonstandard(el, name, raw, lenient)
                return lenient
            self.diags.append(Diagnostic(
                "P001", f"bad {name} time {raw[:40]!r} on <{_local(el.tag)}> ({exc or 'syntax'});"
                " the attribute is ignored", self.line(el),
                {"reason": "bad-time", "attribute": name, "value": raw[:100]}))
            return None


def _lenient_time(raw: str) -> Fraction | None:
    """The obvious reading (ms) of a time expression that breaks the syntax, or None."""
    m = _LENIENT_CLOCK.fullmatch(raw)
    if m and int(m.group(2)) < 60 and Fraction(m.group(3)) < 60:
        whole = Fraction(int(m.group(1)) * 3600 + int(m.group(2)) * 60)
        return (whole + Fraction(m.group(3))) * 1000
    if _LENIENT_SECONDS.fullmatch(raw):
        return Fraction(raw) * 1000
    return None


def _tick_rate(root, frame_rate: Fraction) -> int | Fraction:
    """ttp:tickRate; when absent, the effective frame rate if ttp:frameRate is declared, else
    1 (TTML1 §6.2.11). ttconv 1.2.3 always defaults to 1."""
    from ttconv.imsc.attributes import TickRateAttribute

    if root.get(f"{{{TTP}}}tickRate") is None and root.get(f"{{{TTP}}}frameRate") is not None:
        return frame_rate
    return TickRateAttribute.extract(root)


def _time_base(root, attr):
    try:
        return attr.TimeBaseAttribute.extract(root)
    except ValueError:         # clock: ttconv refuses it; read as media (reported P008)
        return attr.TimeBase.media


def _drop_mode(root, attr):
    try:
        return attr.DropModeAttribute.extract(root)
    except ValueError:         # dropPAL: ttconv refuses it (reported P008)
        return attr.DropMode.nonDrop


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(tag) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _is(el, ns: str, name: str) -> bool:
    return isinstance(el.tag, str) and el.tag == f"{{{ns}}}{name}"


# ---------------------------------------------------------------------------------- styles
def _italic_value(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip() in ("italic", "oblique")


def _hidden_value(value: str | None) -> bool | None:
    return None if value is None else value.strip() == "none"


# the style properties the reader uses: name -> value as read (None: not set)
_PROPERTIES = {"fontStyle": _italic_value, "display": _hidden_value}


def _style_attr(el, ns: str, prop: str) -> str | None:
    """``tts:<prop>`` in the document's styling namespace (the 2006/10 draft's is
    ``#style``)."""
    value = el.get(f"{{{ns}#styling}}{prop}")
    return value if value is not None or ns == TT else el.get(f"{{{ns}#style}}{prop}")


def _styles(root, ns: str, prop: str = "fontStyle") -> dict[str, bool | None]:
    """xml:id of each ``<style>`` -> its value of ``prop`` (None: unset), chained ``style``
    references resolved (the last reference wins, as in ttconv)."""
    convert = _PROPERTIES[prop]
    raw: dict[str, tuple[bool | None, list[str]]] = {}
    for el in root.iter(f"{{{ns}}}style"):
        sid = el.get(f"{{{XML}}}id") or el.get("id")
        if sid:
            raw[sid] = (convert(_style_attr(el, ns, prop)), el.get("style", "").split())

    def resolve(sid: str, seen: frozenset) -> bool | None:
        own, refs = raw.get(sid, (None, []))
        if own is not None:
            return own
        for ref in reversed(refs):
            if ref not in seen:
                value = resolve(ref, seen | {ref})
                if value is not None:
                    return value
        return None

    return {sid: resolve(sid, frozenset({sid})) for sid in raw}


def _own_style(el, styles: dict[str, bool | None], ns: str, prop: str) -> bool | None:
    """The value of ``prop`` an element sets itself: its attribute, else its style
    references."""
    own = _PROPERTIES[prop](_style_attr(el, ns, prop))
    if own is not None:
        return own
    for ref in reversed(el.get("style", "").split()):
        value = styles.get(ref)
        if value is not None:
            return value
    return None


def _own_italic(el, styles: dict[str, bool | None], ns: str) -> bool | None:
    return _own_style(el, styles, ns, "fontStyle")


def _regions(root, ns: str) -> dict[str, bool | None]:
    """xml:id of each ``<region>`` -> the font style it gives its content."""
    styles = _styles(root, ns)
    out = {}
    for el in root.iter(f"{{{ns}}}region"):
        rid = el.get(f"{{{XML}}}id") or el.get("id")
        if not rid:
            continue
        value = _own_italic(el, styles, ns)
        if value is None:
            for child in el:
                if _is(child, ns, "style"):
                    value = _italic_value(_style_attr(child, ns, "fontStyle")) or value
        out[rid] = value
    return out


def _region_times(doc: Document, root, ns: str) -> dict[str, tuple]:
    """xml:id of each timed ``<region>`` -> its absolute interval (end None: indefinite)."""
    out = {}
    for el in root.iter(f"{{{ns}}}region"):
        rid = el.get(f"{{{XML}}}id")
        if rid and (el.get("begin") or el.get("end") or el.get("dur")):
            begin = doc.time(el, "begin") or 0
            end, dur = doc.time(el, "end"), doc.time(el, "dur")
            if dur is not None:
                end = begin + dur if end is None else min(end, begin + dur)
            out[rid] = (begin, end)
    return out


# ---------------------------------------------------------------------------------- timing
class Timed:
    """An element's interval relative to its parent's begin (ms; ``end`` None: indefinite)
    and its timed children."""

    __slots__ = ("el", "begin", "end", "children")

    def __init__(self, el, begin, end, children) -> None:
        self.el, self.begin, self.end, self.children = el, begin, end, children


def _content_children(el, ns: str):
    return [c for c in el if isinstance(c.tag, str) and c.tag.startswith(f"{{{ns}}}")
            and _local(c.tag) in _CONTENT]


def _has_text(el) -> bool:
    if el.text is not None:
        return True
    return any(c.tail is not None for c in el)


def time_tree(doc: Document, el, parent_seq: bool = False, after=0) -> Timed:
    """The element's interval (TTML1 §10.4 with ttconv's reading of implicit durations:
    text makes a ``par`` element's implicit duration indefinite; a ``br`` is indefinite; an
    element with nothing timed inside ends where it begins). ``after``: in a ``seq``
    container, the end of the previous sibling (relative to the parent's begin)."""
    name = _local(el.tag)
    explicit_begin = doc.time(el, "begin")
    explicit_end = doc.time(el, "end")
    dur = doc.time(el, "dur")
    implicit_begin = after if parent_seq else 0
    begin = implicit_begin + (explicit_begin or 0)
    seq = el.get("timeContainer") == "seq"
    children = []
    if name in _INDEFINITE_IN_PAR and not parent_seq:
        inner: Fraction | int | None = None
    else:
        inner = 0                      # the implicit end, relative to this element's begin
        if name in _MIXED and not seq and _has_text(el):
            inner = None
        for child in _content_children(el, doc.ns):
            if seq and inner is None:
                break                  # after an indefinite child, later ones never begin
            node = time_tree(doc, child, seq, inner if seq else 0)
            children.append(node)
            if seq:
                inner = node.end
            elif inner is not None:
                inner = None if node.end is None else max(inner, node.end)
    implicit_end = None if inner is None else begin + inner
    if explicit_end is not None and dur is not None:
        end = min(begin + dur, implicit_begin + explicit_end)
    elif dur is not None:
        end = begin + dur
    elif explicit_end is not None:
        end = implicit_begin + explicit_end
    else:
        end = implicit_end
    return Timed(el, begin, end, children)


def _absolute(node: Timed, origin, limit) -> tuple:
    """A node's absolute interval, cut at its parent's end ``limit`` (None: indefinite)."""
    begin = origin + node.begin
    end = None if node.end is None else origin + node.end
    if limit is not None:
        end = limit if end is None else min(end, limit)
    return begin, end


def active_paragraphs(node: Timed, origin, limit) -> Iterator[tuple]:
    """(p node, absolute begin, absolute end or None) of every ``p`` below ``node``, in
    document order; ``limit``: the parent's absolute end (None: indefinite)."""
    begin, end = _absolute(node, origin, limit)
    if _local(node.el.tag) == "p":
        yield node, begin, end
        return
    for child in node.children:
        yield from active_paragraphs(child, begin, end)


def _visible_text(el) -> bool:
    if el.text is not None and el.text.strip():
        return True
    return any(c.tail is not None and c.tail.strip() for c in el)


def shown_content(doc: Document, node: Timed, begin, end, hidden: set,
                  display: bool = True) -> list[tuple]:
    """The absolute intervals in which text of ``node`` (active from ``begin`` to ``end``)
    is shown: its own text (none in a ``seq`` container, where text has no duration), and
    that of its spans while they are active; with ``tts:display="none"`` only while a
    ``<set tts:display="auto">`` child is active. Spans never shown go into ``hidden``."""
    el = node.el
    if display and doc.uses_display and _own_style(el, doc.display, doc.ns, "display"):
        shown = _display_sets(doc, el, begin, end)
        inner = shown_content(doc, node, begin, end, hidden, display=False)
        out = [(max(b, sb), _min_end(e, se)) for b, e in inner for sb, se in shown]
        return [(b, e) for b, e in out if e is None or b < e]
    out = []
    if el.get("timeContainer") != "seq" and _visible_text(el):
        out.append((begin, end))
    for child in node.children:
        if _local(child.el.tag) == "br":
            continue
        child_begin, child_end = _absolute(child, begin, end)
        if child_end is not None and child_end <= child_begin:
            hidden.add(child.el)
            continue
        out.extend(shown_content(doc, child, child_begin, child_end, hidden))
    return out


def _display_sets(doc: Document, el, begin, end) -> list[tuple]:
    """The absolute intervals of the ``<set tts:display="auto">`` children of ``el``."""
    out = []
    for child in el:
        if _is(child, doc.ns, "set") and _style_attr(child, doc.ns, "display") == "auto":
            set_begin = begin + (doc.time(child, "begin") or 0)
            set_end, dur = doc.time(child, "end"), doc.time(child, "dur")
            set_end = None if set_end is None else begin + set_end
            if dur is not None:
                set_end = _min_end(set_end, set_begin + dur)
            out.append((set_begin, _min_end(set_end, end)))
    return out


# ------------------------------------------------------------------------------------ text
def cue_lines(p, doc: Document, italic: bool, hidden: set = frozenset()) -> tuple[str, ...]:
    """The ``p``'s text as displayed: lines split at ``<br/>``, italic runs in ``<i>…</i>``;
    the spans in ``hidden`` (never shown) and text in ``seq`` containers left out."""
    runs: list[list[tuple[str, bool]]] = [[]]
    preserve = p.get(f"{{{XML}}}space") == "preserve" or _inherited_preserve(p)
    _collect(p, doc, italic, preserve, runs, hidden)
    return tuple(_render(line, preserve) for line in runs)


def _inherited_preserve(el) -> bool:
    for anc in el.iterancestors():
        space = anc.get(f"{{{XML}}}space")
        if space is not None:
            return space == "preserve"
    return False


def _collect(el, doc: Document, italic: bool, preserve: bool, runs: list, hidden) -> None:
    timed_text = el.get("timeContainer") != "seq"
    if el.text and timed_text:
        runs[-1].append((el.text, italic))
    for child in el:
        name = _local(child.tag) if _ns(child.tag) == doc.ns else ""
        if name == "br":
            runs.append([])
        elif name == "span" and child not in hidden \
                and child.get(f"{{{TTS}}}ruby") not in _RUBY_ANNOTATION:
            own = _own_italic(child, doc.styles, doc.ns)
            space = child.get(f"{{{XML}}}space")
            _collect(child, doc, italic if own is None else own,
                     preserve if space is None else space == "preserve", runs, hidden)
        if child.tail and timed_text:
            runs[-1].append((child.tail, italic))


def _render(line: list[tuple[str, bool]], preserve: bool) -> str:
    if len(line) == 1 and not line[0][1] and not preserve:      # the common case
        return _WS.sub(" ", line[0][0]).strip(" ")
    pieces = []
    for text, italic in line:
        if not preserve:
            text = _WS.sub(" ", text)
        if pieces and pieces[-1][1] == italic:
            pieces[-1] = (pieces[-1][0] + text, italic)
        else:
            pieces.append((text, italic))
    if not preserve:
        pieces = _strip_edges(pieces)
    joined = italic_markup(pieces)
    return joined if preserve else re.sub(r" {2,}", " ", joined)


def _strip_edges(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(" "), pieces[0][1])
        pieces[-1] = (pieces[-1][0].rstrip(" "), pieces[-1][1])
    return pieces


def inherited_italic(p, doc: Document) -> bool:
    """The font style the ``p`` has from itself, its ancestors and its region."""
    own = _own_italic(p, doc.styles, doc.ns)
    if own is not None:
        return own
    parent = p.getparent()
    key = (parent, p.get("region"))
    if key not in doc.inherited:
        doc.inherited[key] = _from_ancestors(p, doc)
    return doc.inherited[key]


def _from_ancestors(p, doc: Document) -> bool:
    chain = [p] + [a for a in p.iterancestors() if _ns(a.tag) == doc.ns]
    for el in chain[1:]:
        own = _own_italic(el, doc.styles, doc.ns)
        if own is not None:
            return own
    for el in chain:
        region = el.get("region")
        if region is not None:
            return bool(doc.regions.get(region))
    return False


# ----------------------------------------------------------------------------------- parse
def _parser(recover: bool = False):
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=False, recover=recover)


def _only_id_errors(exc) -> bool:
    """libxml2 refuses an xml:id that is not an NCName or is used twice; those are P008
    conformance findings here, so such a document is read again leniently."""
    errors = list(getattr(exc, "error_log", ()) or ())
    return bool(errors) and all("xml:id" in e.message or "already defined" in e.message
                                for e in errors)


def parse_xml(text: str):
    """The root element, or (None, Diagnostic) for a document that is not well-formed."""
    from lxml import etree

    head, _, rest = text.partition("\n")
    head = _XML_DECL_ENCODING.sub(r"\1", head)      # the text is decoded already
    data = (head + ("\n" if _ or rest else "") + rest).encode("utf-8")
    try:
        return etree.fromstring(data, _parser()), None
    except etree.XMLSyntaxError as exc:
        if _only_id_errors(exc):
            return etree.fromstring(data, _parser(recover=True)), None
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        msg = str(exc.msg if hasattr(exc, "msg") else exc)
        return None, Diagnostic("P001", f"not well-formed XML: {msg[:160]}; no cues read",
                                line, {"reason": "xml", "error": msg[:300]})


def parse_ttml(lines: list[str]) -> tuple[list[Cue], list[Diagnostic], dict]:
    """Cues, diagnostics and the track facts the document declares (``language``, ``fps``)
    from the lines of a TTML document."""
    root, bad = parse_xml("\n".join(lines))
    if root is None:
        return [], [bad], {}
    ns = _ns(root.tag)
    if _local(root.tag) != "tt" or (ns != TT and ns not in DRAFT_NAMESPACES):
        return [], [Diagnostic("P001", f"the root element is <{_local(root.tag)}> in namespace "
                               f"{ns or '(none)'}, not TTML's <tt> ({TT}); no cues read",
                               start_line(root, lines),
                               {"reason": "not-ttml", "namespace": ns})], {}
    from .ttml_conformance import conformance, declared_fps, declared_language

    with _Capturing() as cap:
        doc = Document(root, ns, cap, lines)
        cues, diags = _read_cues(doc)
    diags = doc.diags + diags + [_from_log(None if el is None else doc.line(el), rec)
                                 for el, rec in cap.records]
    diags += conformance(root, ns, doc)
    diags.sort(key=lambda d: (d.line or 0, d.code))
    return cues, diags, {"language": declared_language(root), "fps": declared_fps(root)}


def _read_cues(doc: Document) -> tuple[list[Cue], list[Diagnostic]]:
    body = next((c for c in doc.root if _is(c, doc.ns, "body")), None)
    if body is None:
        return [], []
    found = []
    for node, begin, end in active_paragraphs(time_tree(doc, body), 0, None):
        hidden: set = set()
        region = _region_interval(doc, node.el)
        if region is not None:
            begin, end = max(begin, region[0]), _min_end(end, region[1])
        shown = shown_content(doc, node, begin, end, hidden) if end is None or begin < end else []
        found.append((node.el, begin, end, shown, hidden))
    times = [t for _, b, e, shown, _ in found for iv in shown or [(b, e)] for t in iv]
    latest = max((t for t in times if t is not None), default=0)
    cues: list[Cue] = []
    diags: list[Diagnostic] = []
    for p, begin, end, shown, hidden in found:
        cue = _cue(doc, p, begin, end, shown, hidden, latest, len(cues) + 1, diags)
        if cue is not None:
            cues.append(cue)
    return cues, diags


def _min_end(a, b):
    return b if a is None else a if b is None else min(a, b)


def _region_interval(doc: Document, p) -> tuple | None:
    """The absolute interval of the region the ``p`` is flowed into, when that region is
    timed (a region's times are relative to the document's begin)."""
    region = p.get("region")
    if region is None:
        region = next((a.get("region") for a in p.iterancestors() if a.get("region")), None)
    return doc.region_times.get(region) if region is not None else None


def _cue(doc: Document, p, begin, end, shown: list, hidden: set, latest, index: int,
         diags: list) -> Cue | None:
    """The cue for one ``p`` (None when it is never shown; P009 then names it)."""
    line = doc.line(p)
    if not _visible_text_below(p):
        return None          # an empty <p> shows nothing: not a cue (players show nothing)
    if shown:
        begin = min(b for b, _ in shown)
        end = None if any(e is None for _, e in shown) else max(e for _, e in shown)
    elif _own_empty_interval(p, doc):
        pass                 # kept with its times: the timing rules report it
    else:
        diags.append(Diagnostic(
            "P009", f"<p> never shown: its text is not active at any time (its container or "
            f"its own timing ends before it begins, {_ms(begin)}-"
            f"{'indefinite' if end is None else _ms(end)} ms); not a cue", line,
            {"reason": "never-shown", "begin_ms": _ms(begin),
             "end_ms": None if end is None else _ms(end)}))
        return None
    if end is None:
        end = max(begin, latest)
        diags.append(Diagnostic(
            "P009", "<p> has no end time (no end or dur on it, its text or any container up to "
            f"<body>): it stays on screen to the end of the programme; read as ending at "
            f"{_ms(end)} ms, the document's last time", line, {"reason": "indefinite-end"}))
    doc.cap.element = p
    lines = cue_lines(p, doc, inherited_italic(p, doc), hidden)
    return Cue(index=index, start_ms=_ms(begin), end_ms=_ms(end), lines=lines, line=line,
               timing_line=line, identifier=p.get(f"{{{XML}}}id"))


def start_line(el, lines: list[str]) -> int:
    """The line where an element's start tag begins (libxml2 gives the line where it ends,
    which differs for a start tag written over several lines)."""
    line = el.sourceline
    tag = "<" + (f"{el.prefix}:" if el.prefix else "") + _local(el.tag)
    for k in range(line, max(line - 50, 0), -1):
        text = lines[k - 1] if 0 < k <= len(lines) else ""
        at = text.rfind(tag)
        while at >= 0:
            if text[at + len(tag):at + len(tag) + 1] in ("", " ", "\t", ">", "/", "\r"):
                return k
            at = text.rfind(tag, 0, at)
    return line


def _visible_text_below(p) -> bool:
    return any(t.strip() for t in p.itertext())


def _own_empty_interval(p, doc: Document) -> bool:
    """Whether the ``p`` itself says it ends before (or when) it begins (an authoring error
    kept as a cue for the timing rules, as the SubRip reader keeps it) rather than being
    cut off by its container."""
    b, e = p.get("begin"), p.get("end")
    if b is None or e is None:
        return False
    bt, et = doc.time(p, "begin"), doc.time(p, "end")
    return bt is not None and et is not None and et <= bt


def _ms(t) -> int:
    return int(round(t))


def _from_log(line: int | None, record: logging.LogRecord) -> Diagnostic:
    message = record.getMessage()
    return Diagnostic("P008", f"ttconv: {message[:200]}", line,
                      {"reason": "ttconv", "level": record.levelname.lower(),
                       "logger": record.name})


def read_ttml(source: Source) -> Parsed:
    """The reader's entry point (subqa.formats.READERS): a TTML document's bytes -> its cues
    and the language and frame rate it declares."""
    return read_text(source, parse_ttml)
