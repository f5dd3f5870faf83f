"""The README is what users read first: keep its catalog and option list true."""
import re
from pathlib import Path

from subqa.cli import cli
from subqa.rules import all_rules

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_catalog_with_its_name_and_severity():
    for rule in all_rules():
        row = re.search(rf"^\| {rule.code} \| ([a-z0-9-]+) \| (\w+) \|", README, re.M)
        assert row, f"{rule.code} missing from the README rule table"
        assert row.group(1) == rule.name and row.group(2) == rule.severity.label


def test_every_check_option_is_documented():
    check = cli.commands["check"]
    for param in check.params:
        for opt in param.opts:
            if opt.startswith("--") and opt not in ("--help",):
                assert opt in README, f"{opt} is not mentioned in the README"


def test_quick_start_commands_are_the_ones_ci_runs():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in README and "python -m pytest -q" in ci
    assert "subqa check samples/" in README and 'subqa check "$repo/samples"' in ci
