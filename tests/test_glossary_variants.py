"""Real spellings match the intended concept of the seed glossary, near misses do not (issue 12):
Uzbek apostrophe variants, Cyrillic/Latin look-alikes (Kazakh ХХІ, Жiбек), ZWNJ or a space in
Persian compounds, Arabic hamza forms and tatweel, Russian ё/е, dashes, commas and quotation
marks inside names; a sentence break inside a name, or another word that looks alike, is no
match. The cases are data: tests/data/glossary/variants.tsv."""
from __future__ import annotations

from pathlib import Path

import pytest
from trackkit import glossary_cases

from subqa.glossary import load_glossary

DATA = Path(__file__).parent / "data" / "glossary" / "variants.tsv"
SEED = load_glossary(None)


CASES = glossary_cases(DATA)


def test_the_set_is_large_enough():
    assert sum(c[0] == "match" for c in CASES) >= 60
    assert sum(c[0] == "miss" for c in CASES) >= 60
    assert {c[2] for c in CASES} <= {c.id for c in SEED.concepts}


@pytest.mark.parametrize("expect,language,concept,text", CASES)
def test_variant(expect, language, concept, text):
    found = {m.term.concept_id for m in SEED.find(text, language, overlapping=True)}
    assert (concept in found) == (expect == "match"), found
