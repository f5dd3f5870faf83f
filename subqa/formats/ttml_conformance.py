"""TTML delivery conformance: what a delivery specification rejects in a document that
players still read. Each problem is a P008 (format-conformance) diagnostic with
``data.reason``; the sources:

lang-missing, lang-invalid   TTML1 §7.1.1 (``xml:lang`` is required on ``tt``), XML 1.0 §2.12 and
                             BCP 47 (RFC 5646) for the value; Netflix Timed Text Style Guide
                             (the language of every delivered file is declared)
id-attribute                 TTML1 §7.2.1 (elements are identified by ``xml:id``; a plain
                             ``id`` is an unknown attribute, so references to it do not resolve)
xml-id-malformed             xml:id Recommendation §4 (the value is an NCName)
xml-id-duplicate             xml:id Recommendation §4 (unique in the document)
frame-rate                   Netflix TTML delivery requirements: ``ttp:frameRate`` ×
                             ``ttp:frameRateMultiplier`` is one of 23.976, 24, 25, 29.97, 30, 50,
                             59.94, 60 (TTML1 §6.2.4, §6.2.5); frame-based times with no declared
                             rate (TTML1 §6.2.4 then assumes 30)
time-base                    TTML1 §6.2.11 and §6.2.3: ``ttp:timeBase`` media, or smpte with a
                             declared ``ttp:dropMode``; IMSC1 §6.10 prohibits clock
foreign-attribute            TTML1 §4 and §5.2: an attribute in no namespace that TTML does not
                             define, or in a namespace outside the TTML family (TTML, IMSC,
                             EBU-TT, SMPTE-TT); one finding per attribute name
draft-namespace              TTML1 §5.2: the document uses a 2004-2006 draft namespace (DFXP
                             drafts) instead of http://www.w3.org/ns/ttml

The Netflix IMSC 1.1 Text Profile ("IMSC 1.1 Netflix Text", designator
https://www.netflix.com/ns/imsc1.1/text/1, Netflix Partner Help Center article 360053755033):
checked only when the document declares it, in ``ttp:contentProfiles`` (the way the profile
asks for: "encouraged in the ttp:contentProfiles attribute"), ``ttp:profile`` or a
``<ttp:profile use="...">`` element. subqa's default profile is already called netflix, so a
``--profile netflix`` trigger could not tell a user's request from the default; a document
that does not declare the designator gets none of these. Only what the published texts say
is rejected ("Prohibited") is checked, not what they say "should not be used":

netflix-language             the profile's disclaimer 2 and the Netflix delivery specification
                             ("IMSC1.1 (.xml) - for Japanese subtitles only"): ``xml:lang`` on
                             ``tt`` is not Japanese
netflix-time-base            Netflix delivery specification, frame-rate requirements: "IMSC1.1
                             documents must only use Media-Time" (``ttp:timeBase`` other than
                             media; replaces time-base for such documents)
netflix-animation            the profile's feature table: #animation and #animation-version-2
                             prohibited (``<set>``, ``<animate>``, the ``animate`` attribute)
netflix-bidi                 the profile's feature table: #bidi and #bidi-version-2 "only
                             permitted for right to left languages, prohibited otherwise"
                             (``tts:direction``, ``tts:unicodeBidi``, ``tts:bidi`` where the
                             language in scope is not written right to left)
netflix-image                Netflix delivery specification ("Raster image-based subtitles will
                             not be accepted") and IMSC 1.1 Text Profile (#image prohibited):
                             ``<image>``, ``smpte:backgroundImage``, ``tts:backgroundImage``
"""
from __future__ import annotations

import functools
import re
from fractions import Fraction

from ..model import Diagnostic

XML = "http://www.w3.org/XML/1998/namespace"
TT = "http://www.w3.org/ns/ttml"
ALLOWED_FPS = {Fraction(24000, 1001): "23.976", Fraction(24): "24", Fraction(25): "25",
               Fraction(30000, 1001): "29.97", Fraction(30): "30", Fraction(50): "50",
               Fraction(60000, 1001): "59.94", Fraction(60): "60"}
_TTML_FAMILY = (
    TT, "http://www.w3.org/ns/ttml#", "http://www.w3.org/ns/ttml/profile/",
    "http://www.w3.org/ns/ttml/feature", "http://www.w3.org/2006/10/ttaf1",
    "http://www.w3.org/2006/04/ttaf1", "http://www.w3.org/2004/11/ttaf1",
    "urn:ebu:tt:", "http://www.smpte-ra.org/schemas/2052-1/", XML,
)
_TTML_ATTRIBUTES = frozenset({"begin", "end", "dur", "region", "style", "timeContainer",
                              "condition", "animate", "agent", "role",
                              "src", "type", "encoding", "format", "length",  # TTML2 image, data
                              "use", "value"})  # ttp:profile use=, ttp:feature value= (§6.1)
_NCNAME = re.compile(r"[^\W\d][\w.\-]*", re.UNICODE)


def declared_language(root) -> str | None:
    """The normalised ``xml:lang`` of ``tt`` when it is a valid tag, else None."""
    from ..langtags import normalize

    raw = root.get(f"{{{XML}}}lang")
    return normalize(raw) if raw and _valid_tag(raw) else None


def declared_fps(root) -> float | None:
    """The frame rate the document declares (``ttp:frameRate`` × multiplier), or None."""
    fps = _frame_rate(root, _ttp(root))
    return None if fps is None else round(float(fps), 3)


def _ttp(root) -> str:
    ns = root.tag[1:].split("}", 1)[0]
    return TT + "#parameter" if ns == TT else ns + "#parameter"


def _frame_rate(root, ttp: str) -> Fraction | None:
    rate = root.get(f"{{{ttp}}}frameRate")
    if rate is None or not rate.strip().isdigit() or int(rate) == 0:
        return None
    mult = (root.get(f"{{{ttp}}}frameRateMultiplier") or "1 1").split()
    if len(mult) != 2 or not all(m.isdigit() for m in mult) or int(mult[1]) == 0:
        return Fraction(int(rate))
    return Fraction(int(rate)) * Fraction(int(mult[0]), int(mult[1]))


def _valid_tag(raw: str) -> bool:
    import langcodes

    try:
        return langcodes.tag_is_valid(raw)
    except Exception:          # pragma: no cover - langcodes refuses what is not a tag
        return False


def _p008(reason: str, message: str, line: int | None, **data) -> Diagnostic:
    return Diagnostic("P008", message, line, {"reason": reason, **data})


def conformance(root, ns: str, doc) -> list[Diagnostic]:
    """Every P008 diagnostic for the document (``doc``: what the reader learnt of it)."""
    line = doc.line
    netflix = NETFLIX_PROFILE in declared_profiles(root)
    return (_language(root, line) + _ids(root, line) + _frame_rate_checks(root, doc)
            + ([] if netflix else _time_base(root, line)) + _foreign_attributes(root, line)
            + _draft(root, ns, line) + (_netflix(root, line) if netflix else []))


def _language(root, line) -> list[Diagnostic]:
    raw = root.get(f"{{{XML}}}lang")
    if raw is None or not raw.strip():
        what = "missing" if raw is None else "empty"
        return [_p008("lang-missing", f"xml:lang is {what} on <tt>: the document does not "
                      "declare its language", line(root))]
    if not _valid_tag(raw.strip()):
        return [_p008("lang-invalid", f"xml:lang {raw[:40]!r} on <tt> is not a valid BCP 47 "
                      "language tag", line(root), value=raw[:100])]
    return []


def _ids(root, line) -> list[Diagnostic]:
    out, seen = [], {}
    plain_id = [el for el in root.iter() if isinstance(el.tag, str) and el.get("id") is not None
                and el.tag.startswith("{" + root.tag[1:].split("}", 1)[0] + "}")]
    if plain_id:
        out.append(_p008("id-attribute", f"{len(plain_id)} element(s) use 'id' instead of "
                         "'xml:id' (first <" + plain_id[0].tag.rsplit("}", 1)[-1] + ">)",
                         line(plain_id[0]), count=len(plain_id)))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        value = el.get(f"{{{XML}}}id")
        if value is None:
            continue
        if not _NCNAME.fullmatch(value):
            out.append(_p008("xml-id-malformed", f"xml:id {value[:40]!r} is not an XML name "
                             "(NCName: a letter or '_' first, no spaces or ':')", line(el),
                             value=value[:100]))
        elif value in seen:
            out.append(_p008("xml-id-duplicate", f"xml:id {value[:40]!r} is used again (first "
                             f"on line {seen[value]})", line(el), value=value[:100],
                             first_line=seen[value]))
        else:
            seen[value] = line(el)
    return out


def _frame_rate_checks(root, doc) -> list[Diagnostic]:
    line = doc.line
    ttp = _ttp(root)
    fps = _frame_rate(root, ttp)
    if fps is None:
        if root.get(f"{{{ttp}}}frameRate") is not None:
            return [_p008("frame-rate", f"ttp:frameRate {root.get(f'{{{ttp}}}frameRate')!r} "
                          "is not a positive whole number", line(root))]
        if doc.frame_based:
            return [_p008("frame-rate", "frame-based times with no ttp:frameRate (TTML then "
                          "assumes 30 frames per second)", line(root))]
        return []
    if fps in ALLOWED_FPS:
        return []
    return [_p008("frame-rate", f"frame rate {float(fps):.3f} (ttp:frameRate × "
                  "ttp:frameRateMultiplier) is not one of " + ", ".join(ALLOWED_FPS.values()),
                  line(root), fps=round(float(fps), 3))]


def _time_base(root, line) -> list[Diagnostic]:
    ttp = _ttp(root)
    base = root.get(f"{{{ttp}}}timeBase")
    if base is None or base == "media":
        return []
    if base == "smpte" and root.get(f"{{{ttp}}}dropMode") in ("nonDrop", "dropNTSC"):
        return []
    if base == "smpte":
        drop = root.get(f"{{{ttp}}}dropMode")
        why = ("no ttp:dropMode is declared" if drop is None
               else f"ttp:dropMode {drop[:20]!r} is not nonDrop or dropNTSC")
        return [_p008("time-base", f"ttp:timeBase smpte but {why}", line(root))]
    return [_p008("time-base", f"ttp:timeBase {base[:20]!r}: deliveries use media (or smpte "
                  "with ttp:dropMode); times were read as media time", line(root),
                  value=base[:40])]


@functools.lru_cache(maxsize=256)
def _in_family(ns: str) -> bool:
    return any(ns.startswith(prefix) for prefix in _TTML_FAMILY)


def _foreign_attributes(root, line) -> list[Diagnostic]:
    first: dict[str, tuple[int, int]] = {}
    for el in root.iter():
        if not isinstance(el.tag, str) or not _in_family(el.tag[1:].split("}", 1)[0]):
            continue                       # metadata in a foreign vocabulary is allowed
        for name in el.attrib:
            if name.startswith("{"):
                if _in_family(name[1:].split("}", 1)[0]):
                    continue
            elif name in _TTML_ATTRIBUTES or name == "id":
                continue
            at, count = first.get(name, (None, 0))
            first[name] = (line(el) if at is None else at, count + 1)
    return [_p008("foreign-attribute", f"attribute {_shown(name)} is not a TTML attribute "
                  f"({count} use(s))", at, attribute=_shown(name), count=count)
            for name, (at, count) in sorted(first.items(), key=lambda kv: kv[1][0])]


def _shown(name: str) -> str:
    if name.startswith("{"):
        ns, local = name[1:].split("}", 1)
        return f"{local} ({ns})"
    return name


def _draft(root, ns: str, line) -> list[Diagnostic]:
    if ns == TT:
        return []
    return [_p008("draft-namespace", f"the document uses the draft namespace {ns}, not "
                  f"{TT}; strict TTML readers reject it", line(root), namespace=ns)]


NETFLIX_PROFILE = "https://www.netflix.com/ns/imsc1.1/text/1"
_SMPTE_TT = "http://www.smpte-ra.org/schemas/2052-1/2010/smpte-tt"
_RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand",
                          "Samr", "Mend"})


def declared_profiles(root) -> set[str]:
    """The profile designators the document declares: ``ttp:contentProfiles`` and
    ``ttp:profile`` on ``tt`` and the ``use`` of ``ttp:profile`` elements."""
    ttp = _ttp(root)
    found = set()
    for name in ("contentProfiles", "profile"):
        found.update((root.get(f"{{{ttp}}}{name}") or "").split())
    for el in root.iter(f"{{{ttp}}}profile"):
        found.update((el.get("use") or "").split())
    return found


def _netflix(root, line) -> list[Diagnostic]:
    ns = root.tag[1:].split("}", 1)[0]
    tts = ns + "#styling"
    out = []
    lang = (root.get(f"{{{XML}}}lang") or "").strip()
    if not lang.lower().startswith("ja") or lang[2:3] not in ("", "-"):
        out.append(_p008("netflix-language", f"Netflix accepts IMSC 1.1 for Japanese only; "
                         f"xml:lang is {lang[:40]!r}", line(root), value=lang[:100]))
    base = root.get(f"{{{_ttp(root)}}}timeBase")
    if base not in (None, "media"):
        out.append(_p008("netflix-time-base", f"ttp:timeBase {base[:20]!r}: Netflix IMSC 1.1 "
                         "documents must use media time", line(root), value=base[:40]))
    features = {
        "netflix-animation": ("animation (<set>, <animate>, animate=)", lambda el: (
            el.tag in (f"{{{ns}}}set", f"{{{ns}}}animate") or el.get("animate") is not None)),
        "netflix-bidi": ("bidirectional-text styling (tts:direction, tts:unicodeBidi) in text "
                         "that is not in a right-to-left language", lambda el: any(
                             el.get(f"{{{tts}}}{a}") is not None
                             for a in ("direction", "unicodeBidi", "bidi"))
                         and not _right_to_left(el)),
        "netflix-image": ("images (<image>, backgroundImage)", lambda el: (
            el.tag == f"{{{ns}}}image" or el.get(f"{{{_SMPTE_TT}}}backgroundImage") is not None
            or el.get(f"{{{tts}}}backgroundImage") is not None)),
    }
    for reason, (what, test) in features.items():
        hits = [el for el in root.iter() if isinstance(el.tag, str) and test(el)]
        if hits:
            out.append(_p008(reason, f"the Netflix IMSC 1.1 Text Profile prohibits {what}: "
                             f"{len(hits)} use(s), first <{hits[0].tag.rsplit('}', 1)[-1]}>",
                             line(hits[0]), count=len(hits)))
    return out


def _right_to_left(el) -> bool:
    """Whether the language in scope at ``el`` (the nearest ``xml:lang``) is written right to
    left."""
    import langcodes

    while el is not None and el.get(f"{{{XML}}}lang") is None:
        el = el.getparent()
    tag = "" if el is None else el.get(f"{{{XML}}}lang").strip()
    if not tag or not _valid_tag(tag):
        return False
    return langcodes.Language.get(tag).maximize().script in _RTL_SCRIPTS
