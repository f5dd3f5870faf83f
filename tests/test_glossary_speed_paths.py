"""The fast paths of reading term bases give what the plain ones gave.

The TBX reader runs expat directly and keeps the document's nodes in one list (descendants are a
slice of it); the reference here is the reader it replaced, defusedxml's SAX expat reader
building a tree walked recursively. Both must give the same concepts, terms, problems, lines and
error messages on every file, well-formed or not."""
from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from subqa.glossary import _builder_data, load_glossary, to_tbx
from subqa.glossary.model import ADMITTED, PREFERRED, Concept, Term
from subqa.glossary.reading import _Builder, parse_status
from subqa.glossary.tbx_reader import _load_tbx, _parse_xml
from subqa.model import UsageError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "glossary"
_XML_NS = "http://www.w3.org/XML/1998/namespace"


# -- the reference: the SAX reader and the recursive walk it replaced --------------------------
class _RefNode:
    def __init__(self, tag, attrs, line, children=None):
        self.tag, self.attrs, self.line = tag, attrs, line
        self.children = children if children is not None else []
        self.parts: list[str] = []

    def text(self):
        return "".join(self.parts).strip()

    def itertext(self):
        out = list(self.parts[:1])
        for child in self.children:
            out.append(child.itertext())
        out.extend(self.parts[1:])
        return "".join(out)

    def iter(self, *tags):
        for child in self.children:
            if not tags or child.tag in tags:
                yield child
            yield from child.iter(*tags)


def _ref_parse(data: bytes, path: str) -> _RefNode:
    from xml.parsers import expat
    from xml.sax import SAXParseException
    from xml.sax.handler import ContentHandler, feature_namespaces

    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    class Handler(ContentHandler):
        def __init__(self):
            super().__init__()
            self.root, self.stack, self.locator = None, [], None

        def setDocumentLocator(self, locator):
            self.locator = locator

        def startElementNS(self, name, qname, attrs):
            values = {}
            for (auri, alocal), value in attrs.items():
                values["xml:lang" if (auri == _XML_NS and alocal == "lang") else alocal] = value
            node = _RefNode(name[1], values, self.locator.getLineNumber())
            if self.stack:
                self.stack[-1].children.append(node)
                self.stack[-1].parts.append("")
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

    class Parser(DefusedExpatParser):
        def reset(self):
            super().reset()
            self._parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    handler = Handler()
    parser = Parser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as exc:
        raise UsageError(f"{path}:{exc.getLineNumber()}: not well-formed XML: "
                         f"{exc.getMessage()}") from None
    except DefusedXmlException as exc:
        raise UsageError(f"{path}:{handler.locator.getLineNumber()}: refused unsafe XML "
                         f"({type(exc).__name__}: entity declarations and external references "
                         "are not allowed)") from None
    if handler.root is None:
        raise UsageError(f"{path}:1: empty XML document")
    return handler.root


def _ref_status(node):
    for child in node.iter():
        kind = child.attrs.get("type", "") if child.tag in ("termNote", "admin", "descrip") \
            else child.tag
        if kind in ("administrativeStatus", "normativeAuthorization"):
            raw = child.text()
            return parse_status(raw), raw
    return None, None


def _ref_admin(node):
    source = note = ""
    for child in node.iter("admin", "note"):
        if child.tag == "admin" and child.attrs.get("type") == "source" and not source:
            source = child.text()
        elif child.tag == "note" and not note and child.text().lower() != "unverified":
            note = child.text()
    return source, note


def _ref_group(b, group, concept, lang):
    cid = concept.id
    term_nodes = list(group.iter("term"))
    if not term_nodes:
        b.problem("error", "term group without a <term>", group.line, cid)
        return
    text = " ".join(term_nodes[0].itertext().split())
    if not text:
        b.problem("error", "empty term", term_nodes[0].line, cid)
        return
    status, raw = _ref_status(group)
    if raw is not None and status is None:
        b.problem("warning", f"unknown term status {raw!r} (read as admitted)", group.line, cid)
        status = ADMITTED
    source, note = _ref_admin(group)
    verified = not any(c.text().lower().startswith("unverified") for c in group.iter("note"))
    concept.terms.append(Term(text=text, language=lang, status=status or PREFERRED,
                              verified=verified, concept_id=cid, status_given=raw is not None,
                              note=note, line=term_nodes[0].line, path=b.path, source=source))


def _ref_load(data: bytes, path: str) -> _Builder:
    root = _ref_parse(data, path)
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
            groups = list(lang_node.iter("tig", "ntig", "termSec"))
            if not groups:
                groups = [_RefNode("tig", {}, t.line, [t]) for t in lang_node.children
                          if t.tag == "term"]
            for group in groups:
                _ref_group(b, group, concept, lang)
        b.concepts.append(concept)
    if n == 0:
        b.problem("warning", "no termEntry/conceptEntry found", root.line)
    return b


# -- comparing --------------------------------------------------------------------------------
def _shape(node):
    return (node.tag, list(node.attrs.items()), node.line, node.parts,
            [_shape(c) for c in node.children])


def _outcome(load, data: bytes):
    try:
        return "ok", _builder_data(load(data, "/x/terms.tbx"))
    except UsageError as exc:
        return "error", str(exc)


def assert_same(data: bytes):
    assert _outcome(_load_tbx, data) == _outcome(_ref_load, data)
    try:
        ref = _ref_parse(data, "t.tbx")
    except UsageError:
        return
    assert _shape(_parse_xml(data, "t.tbx")) == _shape(ref)


def test_the_reference_sees_a_difference():
    """The comparison can fail: a changed line or text is told apart."""
    a = b'<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec><term>Kashgar' \
        b'</term></termSec></langSec></conceptEntry></body></text></tbx>'
    assert _outcome(_ref_load, a) != _outcome(_ref_load, a.replace(b"<langSec", b"\n<langSec"))
    assert _outcome(_load_tbx, a) != _outcome(_ref_load, a.replace(b"Kashgar", b"Kashi"))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.tbx")) + [ROOT / "seeds" / "glossary.tbx"],
                         ids=lambda p: p.name)
def test_shipped_and_test_files(path):
    assert_same(path.read_bytes())


def test_written_glossaries():
    g = load_glossary(None)
    data = to_tbx(g).encode("utf-8")
    assert_same(data)
    assert_same(data.replace(b"<termSec>", b"<termSec\n  >").replace(b'xml:lang="', b'\n xml:lang="'))
    assert_same(data.replace(b"\n", b"\r\n"))


EDGE = [
    b"",
    b"   ",
    b"<martif/>",
    b"<other><termEntry/></other>",
    b"<?xml version='1.0' encoding='utf-16'?><martif/>".decode().encode("utf-16"),
    b"\xef\xbb\xbf<martif xml:lang='EN'><text><body><termEntry><langSet><tig><term>a</term>"
    b"</tig></langSet></termEntry></body></text></martif>",
    b"<tbx><conceptEntry><langSec xml:lang='en'><term>loose <hi>one</hi></term>"
    b"<term>two</term></langSec></conceptEntry></tbx>",
    b"<tbx><conceptEntry><langSec xml:lang='en'><termSec><term><hi>A</hi>B<!-- c -->C"
    b"<![CDATA[<D>]]>&amp;&#65;</term><termNote type='administrativeStatus'>odd</termNote>"
    b"<note>Unverified by anyone</note><admin type='source'>src</admin><note>n</note>"
    b"</termSec><termSec/><termSec><term>  </term></termSec></langSec>"
    b"<langSec xml:lang='!!'><termSec><term>x</term></termSec></langSec>"
    b"<langSec xml:lang='qqq'><termSec><term>y</term></termSec></langSec>"
    b"<langSec><termSec><term>z</term></termSec></langSec>"
    b"<descrip type='subjectField'>s</descrip><admin type='source'>so</admin>"
    b"<note>n1</note><descrip type='definition'>d</descrip>"
    b"<conceptEntry id='inner'><langSec xml:lang='en'><termSec><term>nested</term></termSec>"
    b"</langSec></conceptEntry></conceptEntry></tbx>",
    b"<t:tbx xmlns:t='urn:t' xmlns:a='urn:a' xmlns:b='urn:b'><t:conceptEntry a:id='1' b:id='2'>"
    b"<t:langSec a:lang='fr'><t:termSec><t:term>x</t:term><a:administrativeStatus>"
    b"deprecatedTerm-admn-sts</a:administrativeStatus></t:termSec></t:langSec>"
    b"</t:conceptEntry></t:tbx>",
    b"<tbx><conceptEntry><langSec xml:lang='en'><termSec><term>x</term></termSec></langSec>"
    b"</conceptEntry>",
    b"<tbx><a:b/></tbx>",
    b"<tbx>&undefined;</tbx>",
    b"<tbx>\x01</tbx>",
    b"<tbx></tbz>",
    b"<!DOCTYPE martif SYSTEM 'TBXcoreStructV02.dtd'><martif>&ext;</martif>",
    b"<!DOCTYPE martif [<!ENTITY e 'x'>]><martif>&e;</martif>",
    b"<!DOCTYPE martif [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><martif>&e;</martif>",
    b"<!DOCTYPE martif [<!ENTITY e SYSTEM 'x' NDATA n>]><martif/>",
    b"<!DOCTYPE martif [<!ATTLIST termEntry id CDATA 'dflt'>]><martif><termEntry/></martif>",
    b"<!--" + b"x\n" * 40000 + b"--><!DOCTYPE martif [<!ENTITY e 'x'>]><martif/>",
    b"<martif>" + b"<termEntry>\n</termEntry>" * 30000 + b"<bad",
]


@pytest.mark.parametrize("data", EDGE, ids=range(len(EDGE)))
def test_edge_cases(data):
    assert_same(data)


def test_random_documents():
    """Seeded random TBX-like documents: nesting, namespaces, attributes across lines, text
    around children, comments and broken markup."""
    rng = random.Random(17)
    tags = ["termEntry", "conceptEntry", "langSet", "langSec", "tig", "ntig", "termSec", "term",
            "termNote", "note", "admin", "descrip", "hi", "x:termNote"]
    attrs = ["type='administrativeStatus'", "type='source'", "xml:lang='en'", "lang='ru'",
             "id='c'", "x:type='source'", "type='subjectField'"]
    texts = ["", " ", "\n  ", "Kashgar", "preferredTerm-admn-sts", "unverified", "deprecated",
             "a &amp; b", "<!-- c -->", "<![CDATA[x]]>", "\r\n"]

    def element(depth):
        tag = rng.choice(tags)
        attr = "".join(rng.choice(["", " ", "\n "]) + " " + rng.choice(attrs)
                       for _ in range(rng.randint(0, 2)) if rng.random() < 0.7)
        attr = " ".join(dict.fromkeys(attr.split(" ")))
        body = "".join(rng.choice(texts) + (element(depth + 1) if depth < 5 and rng.random() < 0.6
                                            else "") for _ in range(rng.randint(0, 3)))
        return f"<{tag}{attr}>{body}</{tag}>"

    for _ in range(300):
        doc = (f"<{rng.choice(['martif', 'tbx'])} xmlns:x='urn:x' xml:lang='en'>"
               + "".join(element(0) for _ in range(rng.randint(0, 4))) + "</tbx>")
        doc = doc.replace("</tbx>", "</martif>", 1) if doc.startswith("<martif") else doc
        data = doc.encode("utf-8")
        if rng.random() < 0.1:
            data = data[:rng.randint(0, len(data))]
        assert_same(data)


# -- matching: the short ways give what the long ones gave -------------------------------------
def _cases() -> list[tuple[str, str]]:
    import csv

    out = []
    for name in ("inflected.tsv", "variants.tsv"):
        with (DATA / name).open(encoding="utf-8") as f:
            rows = [line for line in f if not line.startswith("#")]
        out += [(r["language"], r["text"]) for r in
                csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return out


def _texts(glossary, language: str, rng: random.Random) -> list[str]:
    """Lines with the glossary's terms of ``language`` (as written, cased, inflected-looking,
    across a line break), the test cases of that language, and plain dialogue."""
    terms = [t.text for t in glossary.terms() if t.language.split("-")[0] == language]
    filler = ["the", "road", "and", "we", "go", "Kashgar's", "belts", "I", "ı", "naïve", "--",
              "\"", ",", "roads.", "initiative", "silk", "OBOR", "обор", "пояс", "yol"]
    out = [text for lang, text in _cases() if lang.split("-")[0] == language]
    for _ in range(300):
        words = rng.sample(filler, 4)
        if terms and rng.random() < 0.7:
            term = rng.choice(terms)
            term = rng.choice([term, term.upper(), term.lower(), term + "s", term + "ом",
                               term.replace(" ", "\n", 1)])
            words.insert(rng.randint(0, 4), term)
        out.append(" ".join(words))
    return out


def _found(matches):
    return [(m.term.concept_id, m.term.text, m.start, m.end, m.surface, m.quality)
            for m in matches]


LANGUAGES = ["en", "ar", "ru", "kk", "ky", "uz", "tr", "fa", "ug", "ur", "zh-Hans"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_ascii_short_way(language):
    """Matcher.find's short way for ASCII text finds what the general way finds."""
    g = load_glossary(None)
    rng = random.Random(language)
    for text in _texts(g, language, rng):
        for overlapping in (False, True):
            fast = _found(g.matchers(language)[0].find(text, overlapping=overlapping))
            general = g.matchers(language)[0]
            words, general._ascii_words = general._ascii_words, None
            try:
                slow = _found(general.find(text, overlapping=overlapping))
            finally:
                general._ascii_words = words
            assert fast == slow, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_find_many_is_find_per_text(language):
    g = load_glossary(None)
    texts = _texts(g, language, random.Random(language))
    lines = [t.split("\n") for t in texts]
    assert [_found(f) for f in g.find_many(lines, language)] == \
        [_found(g.find(t, language)) for t in lines]
    assert [_found(f) for f in g.find_many(texts, None)] == [_found(g.find(t, None)) for t in texts]


@pytest.mark.parametrize("language", ["ru", "kk", "uz", "tr", "ar", "en"])
def test_later_keys(language, monkeypatch):
    """A term's further words keyed when first asked match as keyed at once."""
    from subqa.glossary import Glossary, Matcher

    concepts = load_glossary(None).concepts
    lazy = Glossary(concepts)
    monkeypatch.setattr(Matcher, "later_keys", False)
    eager = Glossary(concepts)
    eager.matchers(language)
    monkeypatch.undo()
    lazy.matchers(language)
    if language != "en":
        assert any(c._later for b in lazy.matchers(language)[0]._first.values() for c in b)
    assert not any(c._later for b in eager.matchers(language)[0]._first.values() for c in b)
    for text in _texts(lazy, language, random.Random(language)):
        for overlapping in (False, True):
            assert _found(lazy.find(text, language, overlapping=overlapping)) == \
                _found(eager.find(text, language, overlapping=overlapping)), text
