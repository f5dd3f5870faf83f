"""Reading CSV/TSV term bases: the wide form (one concept per row, a column per language) and the
long form (one term per row)."""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..model import UsageError
from .model import ADMITTED, PREFERRED, Concept, Term
from .reading import _META_COLUMNS, _VERIFY_WORDS, _Builder, parse_status

_FLAGS = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
# synonyms in one cell: "|" or a new line, and ";" unless ";" separates the columns
_CELL_SPLIT = {",": re.compile(r"\s*[|;\n]\s*"), "\t": re.compile(r"\s*[|;\n]\s*"),
               ";": re.compile(r"\s*[|\n]\s*")}


def _parse_cell_term(raw: str) -> tuple[str, str | None, bool | None, list[str]]:
    """``'OBOR [deprecated, unverified]'`` -> ('OBOR', 'deprecated', False, [])."""
    status = verified = None
    unknown: list[str] = []
    text = raw.strip()
    m = _FLAGS.search(text)
    if m:
        text = text[:m.start()].strip()
        for flag in (f.strip() for f in m.group(1).split(",")):
            if not flag:
                continue
            if parse_status(flag):
                status = parse_status(flag)
            elif flag.lower() in _VERIFY_WORDS:
                verified = _VERIFY_WORDS[flag.lower()]
            else:
                unknown.append(flag)
    return text, status, verified, unknown


def _decode(data: bytes, path: str) -> str:
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    for enc in ("utf-8-sig", "utf-16") if utf16 else ("utf-8-sig",):
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            err = f"{path}:{line}: not UTF-8 text ({exc.reason}); save the glossary as UTF-8"
    raise UsageError(err)


def _load_csv(data: bytes, path: str) -> _Builder:
    import csv                  # here: a check taking the seed glossary from the cache needs none
    text = _decode(data, path)
    first = text.split("\n", 1)[0]
    if path.lower().endswith((".tsv", ".tab")) or "\t" in first:
        delimiter = "\t"
    elif first.count(";") > first.count(","):
        delimiter = ";"
    else:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    b = _Builder(path)
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError(f"{path}:1: empty glossary file") from None
    except csv.Error as exc:
        raise UsageError(f"{path}:1: {exc}") from None
    names = [h.strip() for h in header]
    lowered = [h.lower() for h in names]
    if "term" in lowered and any(x in lowered for x in ("language", "lang", "locale")):
        return _load_long(reader, names, b)
    columns: list[tuple[int, str, str]] = []      # (index, kind, language or meta)
    for i, name in enumerate(names):
        meta = _META_COLUMNS.get(name.lower().replace(" ", "_"))
        if meta:
            columns.append((i, "meta", meta))
            continue
        if not name:
            continue
        lang = b.language(name, 1, None)
        if lang:
            columns.append((i, "lang", lang))
    if not any(kind == "lang" for _, kind, _ in columns):
        raise UsageError(f"{path}:1: no language columns in the header (expected codes such as "
                         "en, zh-Hans, ru)")
    n = 0
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            n += 1
            values = {meta: row[i].strip() for i, kind, meta in columns
                      if kind == "meta" and i < len(row)}
            cid = values.get("id") or f"{Path(path).stem}-{n}"
            concept = Concept(cid, source=values.get("source", ""),
                              subject=values.get("subject", ""), note=values.get("note", ""),
                              line=line, path=path)
            for i, kind, lang in columns:
                if kind != "lang" or i >= len(row) or not row[i].strip():
                    continue
                parsed = [_parse_cell_term(p) for p in _CELL_SPLIT[delimiter].split(row[i])
                          if p.strip()]
                explicit_preferred = any(s == PREFERRED for _, s, _, _ in parsed)
                seen_default = False
                for term_text, status, verified, unknown in parsed:
                    for flag in unknown:
                        b.problem("warning", f"unknown flag [{flag}] on {term_text!r}", line, cid)
                    if not term_text:
                        b.problem("error", f"empty term in column {lang}", line, cid)
                        continue
                    given = status is not None
                    if status is None:
                        status = ADMITTED if (explicit_preferred or seen_default) else PREFERRED
                        seen_default = True
                    concept.terms.append(Term(term_text, lang, status, verified is not False, cid,
                                              given, line=line, path=path))
            b.concepts.append(concept)
    except csv.Error as exc:
        raise UsageError(f"{path}:{reader.line_num}: {exc}") from None
    return b


def _load_long(reader, names: list[str], b: _Builder) -> _Builder:
    idx = {n.lower(): i for i, n in enumerate(names)}

    def at(*keys: str) -> tuple[int, ...]:
        """The positions of the columns named ``keys`` (in that order) that the header has."""
        return tuple(idx[k] for k in keys if k in idx)

    def col(row: list[str], positions: tuple[int, ...]) -> str:
        """The first of ``positions`` that the row reaches, stripped ("" when none)."""
        for i in positions:
            if i < len(row):
                return row[i].strip()
        return ""

    (concept_at, section_at, subject_at, concept_note_at, language_at, term_at, status_at,
     verified_at, note_at, source_at) = (
        at("concept", "concept_id", "id"), at("section"), at("subject"), at("concept_note"),
        at("language", "lang", "locale"), at("term"), at("status"),
        at("verified", "confidence"), at("note"), at("source"))
    concepts: dict[str, Concept] = {}
    for row in reader:
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        cid = col(row, concept_at) or f"{Path(b.path).stem}-{line}"
        concept = concepts.get(cid)
        if concept is None:
            concept = concepts[cid] = Concept(cid, line=line, path=b.path)
        # the concept's own fields: the first non-empty value among its rows
        concept.source = concept.source or col(row, section_at)
        concept.subject = concept.subject or col(row, subject_at)
        concept.note = concept.note or col(row, concept_note_at)
        lang = b.language(col(row, language_at), line, cid)
        text = col(row, term_at)
        if lang is None:
            continue
        if not text:
            b.problem("error", "empty term", line, cid)
            continue
        raw_status = col(row, status_at)
        status = parse_status(raw_status) if raw_status else None
        if raw_status and status is None:
            b.problem("warning", f"unknown term status {raw_status!r} (read as admitted)",
                      line, cid)
            status = ADMITTED
        verified = col(row, verified_at).lower() not in ("unverified", "no", "false", "0")
        concept.terms.append(Term(text, lang, status or PREFERRED, verified, cid, bool(raw_status),
                                  note=col(row, note_at), line=line, path=b.path,
                                  source=col(row, source_at)))
    b.concepts.extend(concepts.values())
    return b
