"""Term bases: loading (TBX 2008 and TBX v3, CSV/TSV), validation, and term matching.

Formats read
------------
* TBX 2008 (``martif/text/body/termEntry/langSet/tig|ntig``) and TBX v3
  (``tbx/text/body/conceptEntry/langSec/termSec``), data categories as attributes
  (``<termNote type="administrativeStatus">``) or as elements (``<basic:administrativeStatus>``).
  Status comes from ``administrativeStatus`` (``preferredTerm-admn-sts``, ``admittedTerm-admn-sts``,
  ``deprecatedTerm-admn-sts``, ``supersededTerm-admn-sts``) or ``normativeAuthorization``
  (``preferredTerm``, ...). A term-level ``<note>`` starting with "unverified" marks a rendering
  nobody has checked. XML is parsed by expat as defusedxml's reader parses it: entity
  declarations and external references are refused, never expanded.
* CSV/TSV with language codes as column headers (one concept per row, several terms in a cell
  separated by ``|``, each optionally followed by flags in brackets: ``OBOR [deprecated]``,
  ``Кашгар [admitted, unverified]``; without a flag the first term of a cell is preferred and
  the others admitted) plus optional ``id``, ``section``/``source``, ``subject``, ``note``
  columns (concept level); or the long form, one term per row, with ``concept, language, term[,
  status, verified, source, note]`` columns, where ``source`` is the term's evidence (where its
  form is attested) and the concept's own fields come from ``section``, ``subject`` and
  ``concept_note`` (the first non-empty value of the concept's rows).

Matching
--------
``Glossary.find(lines, language)`` finds term occurrences in one cue (lines joined, so a term may
span a line break) with the language's :mod:`subqa.stemming` rules. Words are looked up through
an index of every term's first word forms (hash lookups per text word, never a scan over the
glossary); Chinese, Japanese and Thai go through an index by first character. By default the
leftmost-longest non-overlapping matches are returned; ``overlapping=True`` returns every match
(used to ask "does this concept occur at all").

Where each piece is
-------------------
``model``        Term, Concept, Problem, TermMatch, statuses, language_compatible
``termbase``     Glossary (concepts, find, find_many)
``matcher``      Matcher: one language's terms compiled and found in a text
``inflection``   inflected forms of term words (rules/lang/morphology.toml ``inflection``)
``reading``      what the readers share (statuses, flags, language columns, the builder)
``tbx_reader``   TBX 2008 / TBX v3;  ``csv_reader``  CSV/TSV, wide and long
``loading``      load_glossary, the seed glossary and its cache entry
``validation``   validate (content problems);  ``summary``  what ``subqa glossary`` prints
``tbx_writer``   to_tbx
Word forms, normalisation and folding are :mod:`subqa.stemming`.
"""
from __future__ import annotations

from .csv_reader import _decode, _load_csv, _load_long, _parse_cell_term  # noqa: F401
from .loading import (_builder_data, _builder_from, _load_one, _read_one, seed_sources,  # noqa: F401
                      load_glossary, seed_glossary_paths)
from .matcher import Matcher, _Compiled  # noqa: F401
from .model import (ACCEPTED, ADMITTED, DEPRECATED, PREFERRED, REJECTED, SUPERSEDED,  # noqa: F401
                    Concept, Problem, Term, TermMatch, language_compatible)
from .reading import _META_COLUMNS, _STATUS_WORDS, _VERIFY_WORDS, _Builder, parse_status  # noqa: F401
from .summary import glossary_summary, glossary_summary_dict, summary_json  # noqa: F401
from .tbx_reader import _load_tbx, _parse_xml  # noqa: F401
from .tbx_writer import escape, quoteattr, to_tbx  # noqa: F401
from .termbase import Glossary  # noqa: F401
from .validation import validate  # noqa: F401
