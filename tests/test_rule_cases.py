"""The rule cases (tests/rules/<CODE>.toml, read by subqa.rule_cases): each case's track gives
exactly the findings it expects from its rule. One parametrised test runs them all."""
from __future__ import annotations

from pathlib import Path

import pytest

from subqa.cli import main
from subqa.rule_cases import case_file, first_pair, load_cases, run_case
from subqa.checks import all_rules

CASES_DIR = Path(__file__).resolve().parent / "rules"
FILES = sorted(CASES_DIR.glob("*.toml"))
CASES = [case for path in FILES for case in load_cases(path)]
# the families whose every rule has a case file (the others are tested in their own modules)
COVERED = ("T", "R", "F")


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}: {c.name}" for c in CASES])
def test_case(case):
    found = run_case(case)
    assert [(f.code, f.cue) for f in found] == list(case.expect), [f.message for f in found]
    for piece, finding in zip(case.messages, found, strict=bool(case.messages)):
        assert piece in finding.message


def test_every_case_file_names_a_rule_and_holds_a_pass_and_a_fail():
    codes = {r.code for r in all_rules()}
    for path in FILES:
        assert path.stem in codes, f"{path.name}: no rule {path.stem}"
        cases = load_cases(path)
        assert any(c.passes for c in cases) and any(not c.passes for c in cases), path.name
        assert all(code == path.stem for c in cases for code, _ in c.expect), path.name


def test_every_rule_of_the_covered_families_has_a_case_file():
    missing = [r.code for r in all_rules()
               if r.code.startswith(COVERED) and case_file(r.code) is None]
    assert not missing


def test_r004_at_exactly_the_limit_is_a_case():
    """The boundary a mutation (<= to <) survived before the cases existed."""
    names = [c.name for c in load_cases(CASES_DIR / "R004.toml")]
    assert any("exactly the limit" in n for n in names)


def test_a_malformed_case_is_named(tmp_path):
    bad = tmp_path / "T001.toml"
    bad.write_text('[[case]]\nname = "no track"\nexpect = []\n', encoding="utf-8")
    with pytest.raises(ValueError, match="case 1 \\(no track\\)"):
        load_cases(bad)
    bad.write_text('[[case]]\nname = "x"\ntrack = ""\nexpect = []\nlanguage = "en"\n',
                   encoding="utf-8")
    with pytest.raises(ValueError, match="unknown key"):
        load_cases(bad)


def rules_output(capsys, *argv) -> str:
    try:
        main(["rules", *argv])
    except SystemExit as exc:
        assert exc.code in (0, None)
    return capsys.readouterr().out


def test_subqa_rules_code_shows_the_first_pass_and_fail_pair(capsys):
    passing, failing = first_pair("R004")
    out = rules_output(capsys, "R004")
    assert "This track passes:" in out and "This track fails (R004 on cue 1):" in out
    assert out.index("This track passes:") < out.index("This track fails")
    for case in (passing, failing):
        for line in case.track.strip().splitlines():
            assert f"    {line}\n" in out


def test_an_example_names_what_its_case_sets():
    from subqa.rule_cases import describe

    case = next(c for c in load_cases(CASES_DIR / "T004.toml") if c.profile)
    assert describe(case).startswith("  (max_duration_ms = 5000)\n    1\n")


def test_a_rule_without_a_case_file_shows_no_example(capsys):
    assert case_file("X001") is None
    out = rules_output(capsys, "X001")
    assert "This track passes" not in out and "X001 untranslated-cue" in out
