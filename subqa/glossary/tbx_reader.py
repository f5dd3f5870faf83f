"""Reading TBX 2008 (``martif``) and TBX v3 (``tbx``) term bases with expat, as defusedxml's SAX
reader reads them (entity declarations and external references refused with defusedxml's
exceptions, never expanded), each entry read as soon as its end is parsed."""
from __future__ import annotations

from pathlib import Path

from ..model import UsageError
from .model import ADMITTED, PREFERRED, Concept, Term
from .reading import _Builder, parse_status

_XML_NS = "http://www.w3.org/XML/1998/namespace"


class _Node:
    """An XML element: local name, attributes, line, children, text parts around them. A node
    read by :func:`_parse_xml` also knows its place in the document's list of nodes (in document
    order), so that its descendants are a slice of that list."""

    __slots__ = ("tag", "attrs", "line", "children", "parts", "doc", "index", "end")

    def __init__(self, tag: str, attrs: dict[str, str], line: int,
                 children: list["_Node"] | None = None, parts: list[str] | None = None):
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children = children if children is not None else []
        self.parts = parts if parts is not None else []
        self.doc: list[_Node] | None = None     # every node of the document, in document order
        self.index = self.end = 0               # descendants: doc[index + 1:end]

    def text(self) -> str:
        return "".join(self.parts).strip()

    def itertext(self) -> str:
        out = list(self.parts[:1])
        for child in self.children:
            out.append(child.itertext())
        out.extend(self.parts[1:])
        return "".join(out)

    def iter(self, *tags: str):
        """Descendants in document order (those named ``tags`` when given)."""
        doc = self.doc
        if doc is None:
            return self._walk(tags)
        below = doc[self.index + 1:self.end]
        return [n for n in below if n.tag in tags] if tags else below

    def _walk(self, tags: tuple[str, ...]):
        for child in self.children:
            if not tags or child.tag in tags:
                yield child
            yield from child.iter(*tags)


_ENTRIES = ("termEntry", "conceptEntry")


class _TreeBuilder:
    """Builds the tree of :class:`_Node` from expat's events (local names, line numbers), as
    xml.sax's namespace-aware expat reader reports them. With ``on_entry``, only the entries
    (termEntry, conceptEntry) are kept, each given to ``on_entry`` when its end is read and then
    let go, with the root (of the elements outside them only the root is kept, without
    children)."""

    def __init__(self, parser, on_entry=None):
        self.parser = parser
        self.on_entry = on_entry
        self.root: _Node | None = None
        self.stack: list[_Node | None] = []     # None: an element outside the entries
        self.nodes: list[_Node] = []
        self._local: dict[str, str] = {}        # expat name -> local name
        self._attr_key: dict[str, str] = {}     # expat attribute name -> key in _Node.attrs
        self._plain: set[str] = set()           # attribute names that are their own key

    def local_name(self, name: str) -> str:
        local = self._local.get(name)
        if local is None:
            pair = name.split()                 # "uri local prefix", "uri local" or "local"
            if len(pair) == 1:
                local = name
            elif len(pair) == 3:
                local = pair[1]
            else:
                _, local = pair
            self._local[name] = local
        return local

    def attr_key(self, name: str) -> str:
        key = self._attr_key.get(name)
        if key is None:
            pair = name.split()
            if len(pair) == 1:
                key = name
                self._plain.add(name)
            else:
                auri, key = pair[0], pair[1]
                if auri == _XML_NS and key == "lang":
                    key = "xml:lang"
            self._attr_key[name] = key
        return key

    def handlers(self):
        """expat's start, end and character handlers (closures: a handler runs per element)."""
        stack, doc = self.stack, [self.nodes]   # doc[0]: the nodes of the tree being built
        parser, local_names, attr_keys = self.parser, self._local, self._attr_key
        local_name, attr_key = self.local_name, self.attr_key
        plain, on_entry = self._plain, self.on_entry

        def start(name, attrs):
            if not plain.issuperset(attrs):     # a name in a namespace: keyed by its local name
                attrs = {(attr_keys.get(a) or attr_key(a)): v for a, v in attrs.items()}
            node = _Node(local_names.get(name) or local_name(name), attrs,
                         parser.CurrentLineNumber)
            parent = stack[-1] if stack else None
            if not stack:
                self.root = node
            if parent is None and on_entry is not None:
                if node.tag not in _ENTRIES:
                    stack.append(None)          # outside the entries: not kept
                    return
                doc[0] = []                     # an entry: a tree of its own
            nodes = node.doc = doc[0]
            node.index = len(nodes)
            nodes.append(node)
            if parent is not None:
                parent.children.append(node)
                parent.parts.append("")        # text after this child goes to a new part
            stack.append(node)

        def end(name):
            node = stack.pop()
            if node is not None:
                node.end = len(node.doc)
                if on_entry is not None and (not stack or stack[-1] is None):
                    on_entry(node, self.root)
                    node.doc.clear()            # the nodes refer to it: free them now

        def characters(content):
            node = stack[-1] if stack else None
            if node is not None:
                parts = node.parts
                if parts:
                    parts[-1] += content
                else:
                    parts.append(content)

        return start, end, characters


def _refuse_entity(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
    from defusedxml.common import EntitiesForbidden

    raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)


def _refuse_unparsed_entity(name, base, sysid, pubid, notation_name):
    from defusedxml.common import EntitiesForbidden

    raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)


def _refuse_external(context, base, sysid, pubid):
    from defusedxml.common import ExternalReferenceForbidden

    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def _parse_xml(data: bytes, path: str, on_entry=None) -> _Node:
    """The element tree of ``data``, read by expat as defusedxml's SAX reader reads it: entity
    declarations and external entity references refused, and the external DTD subset never
    asked for (TBX 2008 files name ``TBXcoreStructV02.dtd`` in their DOCTYPE, which is neither
    needed nor fetched); the same errors, lines and texts, without the SAX layer's cost. With
    ``on_entry``, each entry is given to it as read, and the root is returned without children
    (see :class:`_TreeBuilder`)."""
    from defusedxml import DefusedXmlException
    from xml.parsers import expat

    parser = expat.ParserCreate(None, " ")
    parser.namespace_prefixes = True
    parser.buffer_text = True
    handler = _TreeBuilder(parser, on_entry)
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = \
        handler.handlers()
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_unparsed_entity
    parser.ExternalEntityRefHandler = _refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise UsageError(f"{path}:{exc.lineno}: not well-formed XML: "
                         f"{expat.ErrorString(exc.code)}") from None
    except DefusedXmlException as exc:
        raise UsageError(f"{path}:{parser.ErrorLineNumber}: refused unsafe XML "
                         f"({type(exc).__name__}: entity declarations and external references "
                         "are not allowed)") from None
    if handler.root is None:
        raise UsageError(f"{path}:1: empty XML document")
    return handler.root


def _status_in(below: list[_Node]) -> tuple[str | None, str | None]:
    """(status, raw value) from the data categories under a term group (``below``: its
    descendants in document order)."""
    for child in below:
        kind = child.attrs.get("type", "") if child.tag in ("termNote", "admin", "descrip") \
            else child.tag
        if kind in ("administrativeStatus", "normativeAuthorization"):
            raw = child.text()
            return parse_status(raw), raw
    return None, None


def _verified_in(below: list[_Node]) -> bool:
    return not any(child.text().lower().startswith("unverified") for child in below
                   if child.tag == "note")


def _term_admin(below: list[_Node]) -> tuple[str, str]:
    """(source, note) of a term group: ``<admin type="source">`` and the first ``<note>`` that
    is not the unverified flag."""
    source = note = ""
    for child in below:
        if child.tag == "admin" and child.attrs.get("type") == "source" and not source:
            source = child.text()
        elif child.tag == "note" and not note and child.text().lower() != "unverified":
            note = child.text()
    return source, note


def _read_group(b: _Builder, group: _Node, concept: Concept, lang: str) -> None:
    """The term of a term group (tig, ntig, termSec), or its problem."""
    cid = concept.id
    below = list(group.iter())
    term_nodes = [t for t in below if t.tag == "term"]
    if not term_nodes:
        b.problem("error", "term group without a <term>", group.line, cid)
        return
    text = " ".join(term_nodes[0].itertext().split())
    if not text:
        b.problem("error", "empty term", term_nodes[0].line, cid)
        return
    status, raw = _status_in(below)
    if raw is not None and status is None:
        b.problem("warning", f"unknown term status {raw!r} (read as admitted)", group.line, cid)
        status = ADMITTED
    source, note = _term_admin(below)
    concept.terms.append(Term(
        text=text, language=lang, status=status or PREFERRED,
        verified=_verified_in(below), concept_id=cid, status_given=raw is not None,
        note=note, line=term_nodes[0].line, path=b.path, source=source))


def _load_tbx(data: bytes, path: str) -> _Builder:
    """The concepts of a TBX file, each entry read as soon as its end is parsed (the whole
    document is never held as a tree)."""
    b = _Builder(path)
    reader = _EntryReader(b, path)
    root = _parse_xml(data, path, reader.read)
    if root.tag not in ("martif", "tbx"):
        raise UsageError(f"{path}:{root.line}: not a TBX file (root element <{root.tag}>, "
                         "expected <martif> or <tbx>)")
    if reader.n == 0:
        b.problem("warning", "no termEntry/conceptEntry found", root.line)
    return b


class _EntryReader:
    """Reads the concepts of one entry (and of the entries nested in it) as it is parsed."""

    def __init__(self, b: _Builder, path: str):
        self.b, self.path = b, path
        self.n = 0                                # entries read, in document order
        self.default_lang: str | None = None

    def read(self, entry: _Node, root: _Node) -> None:
        self.default_lang = root.attrs.get("xml:lang")
        for e in [entry, *entry.iter(*_ENTRIES)]:
            self.n += 1
            self.b.concepts.append(self.concept(e))

    def concept(self, entry: _Node) -> Concept:
        b, path = self.b, self.path
        cid = entry.attrs.get("id") or f"{Path(path).stem}-{self.n}"
        concept = Concept(cid, line=entry.line, path=path)
        for child in entry.children:
            if child.tag in ("langSet", "langSec"):
                continue
            kind = child.attrs.get("type") or child.tag
            if kind == "subjectField":
                concept.subject = child.text()
            elif kind == "source":
                concept.source = child.text()
            elif kind in ("note", "definition") and not concept.note:
                concept.note = child.text()
        for lang_node in entry.iter("langSet", "langSec"):
            raw_lang = lang_node.attrs.get("xml:lang") or lang_node.attrs.get("lang") \
                or self.default_lang
            lang = b.language(raw_lang, lang_node.line, cid)
            if lang is None:
                continue
            groups = [g for g in lang_node.iter("tig", "ntig", "termSec")]
            if not groups:               # loose <term> elements directly in the language section
                groups = [_Node("tig", {}, t.line, [t]) for t in lang_node.children
                          if t.tag == "term"]
            for group in groups:
                _read_group(b, group, concept, lang)
        return concept
