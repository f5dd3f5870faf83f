"""The README is what users read first: keep its catalog and option list true."""
import re
from pathlib import Path

from subqa.cli import cli
from subqa.checks import all_rules

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


ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def help_text(*argv) -> str:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, [*argv, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_check_help_names_every_reader_extension_from_the_registry():
    from subqa.formats import READERS

    text = help_text("check")
    for reader in READERS:
        assert reader.title in text
        for ext in reader.extensions + reader.sniffed_extensions:
            assert ext in text, ext


def test_format_help_names_every_reporter_from_the_registry():
    from subqa.reporters import FORMATS

    text = help_text("check").split("--format FORMAT[:PATH]")[1].split("--output")[0]
    for name in FORMATS:
        assert name in text, name


def test_the_architecture_names_files_that_exist():
    paths = set(re.findall(r"`((?:subqa|tests|rules|docs)/[\w./]+\.(?:py|toml|md))`",
                           ARCHITECTURE))
    paths |= set(re.findall(r"`(\.pre-commit-hooks\.yaml)`", ARCHITECTURE))
    assert len(paths) > 10
    missing = [p for p in paths if "CODE" not in p and "NAME" not in p and "stl" not in p
               and not (ROOT / p).exists()]
    assert not missing


def test_the_layout_and_the_architecture_name_the_three_registries():
    layout = README.split("## Layout", 1)[1]
    for where in ("subqa/formats/__init__.py", "subqa/checks/__init__.py",
                  "subqa/reporters/__init__.py"):
        assert where in layout and where in ARCHITECTURE
    for table in ("READERS", "all_rules()", "REPORTERS"):
        assert table in ARCHITECTURE
    assert "docs/architecture.md" in layout


def test_the_registry_tables_say_what_the_architecture_says():
    from subqa.formats import Reader
    from subqa.reporters import Reporter

    assert "name, title, extensions, sniffer, parse function" in ARCHITECTURE
    assert [f for f in Reader.__dataclass_fields__] == [
        "name", "title", "extensions", "sniff", "parse", "sniffed_extensions"]
    assert [f for f in Reporter.__dataclass_fields__] == ["name", "module", "tracks", "fixes",
                                                          "fix_regions"]
