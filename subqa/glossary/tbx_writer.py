"""Writing a glossary as TBX v3 (TBX-Basic dialect, DCA style), deterministic."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .model import ADMITTED, DEPRECATED, PREFERRED, SUPERSEDED, Term

if TYPE_CHECKING:
    from .termbase import Glossary


_TBX_STATUS = {PREFERRED: "preferredTerm-admn-sts", ADMITTED: "admittedTerm-admn-sts",
               DEPRECATED: "deprecatedTerm-admn-sts", SUPERSEDED: "supersededTerm-admn-sts"}


def escape(data: str) -> str:
    """XML character data escaped as ``xml.sax.saxutils.escape`` does (``&``, ``<``, ``>``);
    local, because importing saxutils pulls in urllib.request, http.client and ssl."""
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(data: str) -> str:
    """An attribute value escaped and quoted as ``xml.sax.saxutils.quoteattr`` does."""
    data = escape(data).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' in data:
        if "'" in data:
            return '"%s"' % data.replace('"', "&quot;")
        return "'%s'" % data
    return '"%s"' % data


def to_tbx(glossary: Glossary, *, title: str = "") -> str:
    """The glossary as TBX v3 (TBX-Basic dialect, DCA style), deterministic."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">',
           "  <tbxHeader>", "    <fileDesc>", "      <sourceDesc>",
           f"        <p>{escape(title)}</p>", "      </sourceDesc>", "    </fileDesc>",
           "  </tbxHeader>", "  <text>", "    <body>"]
    for c in glossary.concepts:
        out.append(f"      <conceptEntry id={quoteattr(c.id)}>")
        if c.subject:
            out.append(f'        <descrip type="subjectField">{escape(c.subject)}</descrip>')
        if c.source:
            out.append(f'        <admin type="source">{escape(c.source)}</admin>')
        if c.note:
            out.append(f"        <note>{escape(c.note)}</note>")
        langs: dict[str, list[Term]] = {}
        for t in c.terms:
            langs.setdefault(t.language, []).append(t)
        for lang, terms in langs.items():
            out.append(f"        <langSec xml:lang={quoteattr(lang)}>")
            for t in terms:
                out.append("          <termSec>")
                out.append(f"            <term>{escape(t.text)}</term>")
                out.append('            <termNote type="administrativeStatus">'
                           f'{_TBX_STATUS[t.status]}</termNote>')
                if t.source:
                    out.append(f'            <admin type="source">{escape(t.source)}</admin>')
                if not t.verified:
                    out.append("            <note>unverified</note>")
                if t.note:
                    out.append(f"            <note>{escape(t.note)}</note>")
                out.append("          </termSec>")
            out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)
