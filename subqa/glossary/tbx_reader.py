"""Reading TBX 2008 (``martif``) and TBX v3 (``tbx``) term bases through defusedxml (entity
declarations and external references refused, never expanded)."""
from __future__ import annotations

import io
from pathlib import Path

from ..model import UsageError
from .model import ADMITTED, PREFERRED, Concept, Term
from .reading import _Builder, parse_status

_XML_NS = "http://www.w3.org/XML/1998/namespace"


class _Node:
    """An XML element: local name, attributes, line, children, text parts around them."""

    __slots__ = ("tag", "attrs", "line", "children", "parts")

    def __init__(self, tag: str, attrs: dict[str, str], line: int,
                 children: list["_Node"] | None = None, parts: list[str] | None = None):
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children = children if children is not None else []
        self.parts = parts if parts is not None else []

    def text(self) -> str:
        return "".join(self.parts).strip()

    def itertext(self) -> str:
        out = list(self.parts[:1])
        for child in self.children:
            out.append(child.itertext())
        out.extend(self.parts[1:])
        return "".join(out)

    def iter(self, *tags: str):
        for child in self.children:
            if not tags or child.tag in tags:
                yield child
            yield from child.iter(*tags)


def _tree_handler():
    """A SAX handler that builds a small tree of local names with line numbers. The XML machinery
    is imported only when a TBX file is actually parsed (the seed glossary is read from CSV)."""
    from xml.sax.handler import ContentHandler

    class _TreeHandler(ContentHandler):
        """Builds a small tree of local names with line numbers (SAX through defusedxml)."""

        def __init__(self):
            super().__init__()
            self.root: _Node | None = None
            self.stack: list[_Node] = []
            self.locator = None

        def setDocumentLocator(self, locator):
            self.locator = locator

        def startElementNS(self, name, qname, attrs):
            uri, local = name
            values = {}
            for (auri, alocal), value in attrs.items():
                values["xml:lang" if (auri == _XML_NS and alocal == "lang") else alocal] = value
            node = _Node(local, values, self.locator.getLineNumber() if self.locator else 0)
            if self.stack:
                parent = self.stack[-1]
                parent.children.append(node)
                parent.parts.append("")            # text after this child goes to a new part
            else:
                self.root = node
            self.stack.append(node)

        def endElementNS(self, name, qname):
            self.stack.pop()

        def characters(self, content):
            if self.stack:
                node = self.stack[-1]
                if not node.parts:
                    node.parts.append("")
                node.parts[-1] += content

    return _TreeHandler()


def _parse_xml(data: bytes, path: str) -> _Node:
    from defusedxml import DefusedXmlException
    from xml.sax import SAXParseException

    from defusedxml.expatreader import DefusedExpatParser
    from xml.parsers import expat
    from xml.sax.handler import feature_namespaces

    class _Parser(DefusedExpatParser):
        """defusedxml's SAX parser (entity declarations and external entities refused) that
        also never asks for the external DTD subset: TBX 2008 files name
        ``TBXcoreStructV02.dtd`` in their DOCTYPE, which is neither needed nor fetched."""

        def reset(self):
            super().reset()
            self._parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    handler = _tree_handler()
    parser = _Parser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as exc:
        raise UsageError(f"{path}:{exc.getLineNumber()}: not well-formed XML: "
                         f"{exc.getMessage()}") from None
    except DefusedXmlException as exc:
        line = handler.locator.getLineNumber() if handler.locator else "?"
        raise UsageError(f"{path}:{line}: refused unsafe XML ({type(exc).__name__}: "
                         "entity declarations and external references are not allowed)") from None
    if handler.root is None:
        raise UsageError(f"{path}:1: empty XML document")
    return handler.root


def _status_in(node: _Node) -> tuple[str | None, str | None]:
    """(status, raw value) from the data categories directly under a term group."""
    for child in node.iter():
        kind = child.attrs.get("type", "") if child.tag in ("termNote", "admin", "descrip") \
            else child.tag
        if kind in ("administrativeStatus", "normativeAuthorization"):
            raw = child.text()
            return parse_status(raw), raw
    return None, None


def _verified_in(node: _Node) -> bool:
    return not any(child.text().lower().startswith("unverified") for child in node.iter("note"))


def _term_admin(node: _Node) -> tuple[str, str]:
    """(source, note) of a term group: ``<admin type="source">`` and the first ``<note>`` that
    is not the unverified flag."""
    source = note = ""
    for child in node.iter("admin", "note"):
        if child.tag == "admin" and child.attrs.get("type") == "source" and not source:
            source = child.text()
        elif child.tag == "note" and not note and child.text().lower() != "unverified":
            note = child.text()
    return source, note


def _load_tbx(data: bytes, path: str) -> _Builder:
    root = _parse_xml(data, path)
    b = _Builder(path)
    if root.tag not in ("martif", "tbx"):
        raise UsageError(f"{path}:{root.line}: not a TBX file (root element <{root.tag}>, "
                         "expected <martif> or <tbx>)")
    default_lang = root.attrs.get("xml:lang")
    n = 0
    for entry in root.iter("termEntry", "conceptEntry"):
        n += 1
        cid = entry.attrs.get("id") or f"{Path(path).stem}-{n}"
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
                or default_lang
            lang = b.language(raw_lang, lang_node.line, cid)
            if lang is None:
                continue
            groups = [g for g in lang_node.iter("tig", "ntig", "termSec")]
            if not groups:               # loose <term> elements directly in the language section
                groups = [_Node("tig", {}, t.line, [t]) for t in lang_node.children
                          if t.tag == "term"]
            for group in groups:
                term_nodes = list(group.iter("term"))
                if not term_nodes:
                    b.problem("error", "term group without a <term>", group.line, cid)
                    continue
                text = " ".join(term_nodes[0].itertext().split())
                if not text:
                    b.problem("error", "empty term", term_nodes[0].line, cid)
                    continue
                status, raw = _status_in(group)
                if raw is not None and status is None:
                    b.problem("warning", f"unknown term status {raw!r} (read as admitted)",
                              group.line, cid)
                    status = ADMITTED
                source, note = _term_admin(group)
                concept.terms.append(Term(
                    text=text, language=lang, status=status or PREFERRED,
                    verified=_verified_in(group), concept_id=cid, status_given=raw is not None,
                    note=note, line=term_nodes[0].line, path=path, source=source))
        b.concepts.append(concept)
    if n == 0:
        b.problem("warning", "no termEntry/conceptEntry found", root.line)
    return b
