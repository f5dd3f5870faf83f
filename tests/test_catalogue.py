"""`subqa report`: shards merged into one roll-up equal to one run over everything; per
language, per rule, worst files first; trends against a previous run; one self-contained HTML
page where each file links to its section; bad input is exit 2."""
import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from subqa.catalogue import load_catalogue
from subqa.catalogue.render import render_html, to_dict
from subqa.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def check(tmp_path, name, *paths, fmt="jsonl", extra=()):
    out = tmp_path / name
    r = CliRunner().invoke(cli, ["check", *map(str, paths), "--no-config", "-j", "1",
                                 "--format", f"{fmt}:{out}", *extra])
    assert r.exit_code in (0, 1), r.output
    return out


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("shards")
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".srt", ".vtt", ".ass", ".ttml"))
    half = len(files) // 2
    return (check(tmp, "a.jsonl", *files[:half]), check(tmp, "b.json", *files[half:], fmt="json"),
            check(tmp, "all.json", *files, fmt="json"))


def test_shards_merge_into_the_roll_up_of_one_run(shards):
    a, b, whole = shards
    cat = load_catalogue([a, b])
    summary = json.loads(whole.read_text(encoding="utf-8"))["summary"]
    totals = cat.totals()
    for key in ("files", "cues", "findings", "errors", "warnings", "infos"):
        assert totals[key] == summary[key]
    assert {c: r["findings"] for c, r in cat.by_code().items()} == summary["by_code"]


def test_worst_files_first_and_per_language(shards):
    a, b, _ = shards
    data = to_dict(load_catalogue([a, b]))
    keys = [(-f["errors"], -f["warnings"], -f["infos"], f["path"]) for f in data["files"]]
    assert keys == sorted(keys)
    assert data["by_language"]["ru"]["files"] == 1
    assert sum(r["files"] for r in data["by_language"].values()) == data["totals"]["files"]
    for f in data["files"]:
        assert sum(f["by_code"].values()) == f["findings"]
        assert len(f["first_findings"]) == min(10, f["findings"])


def test_a_later_input_replaces_the_same_file(shards, tmp_path):
    a, _b, _ = shards
    again = check(tmp_path, "again.jsonl", *[json.loads(line)["path"] for line in
                                             a.read_text(encoding="utf-8").splitlines()[:-1]],
                  extra=("--select", "T"))
    cat = load_catalogue([a, again])
    assert cat.replaced == len(a.read_text(encoding="utf-8").splitlines()) - 1
    assert all(code.startswith("T") for code in cat.by_code())


def test_trends_against_a_previous_run(shards, tmp_path):
    a, b, _ = shards
    before = check(tmp_path, "before.jsonl", *[json.loads(line)["path"] for line in
                                               a.read_text(encoding="utf-8").splitlines()[:-1]],
                   extra=("--select", "T"))
    now, prev = load_catalogue([a, b]), load_catalogue([before])
    trend = now.trend(prev)
    assert trend["removed"] == [] and len(trend["added"]) == len(now.files) - len(prev.files)
    assert all(c["now"] - c["before"] == c["change"] for c in trend["by_code"].values())
    assert trend["totals"]["findings"]["change"] == (now.totals()["findings"]
                                                     - prev.totals()["findings"])
    r = CliRunner().invoke(cli, ["report", str(a), str(b), "--previous", str(before)])
    assert r.exit_code == 0 and "since the previous run: findings +" in r.output


def test_html_is_one_self_contained_page_linking_each_file_to_its_section(shards, tmp_path):
    a, b, _ = shards
    out = tmp_path / "cat" / "index.html"
    r = CliRunner().invoke(cli, ["report", str(a), str(b), "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    links = re.findall(r'href="#(f\d+)"', page)
    ids = re.findall(r'<section class="file" id="(f\d+)"', page)
    assert sorted(set(links)) == sorted(ids) and len(ids) == len(load_catalogue([a, b]).files)
    assert not re.search(r'(src|href)="(https?:)?//', page)     # nothing fetched
    assert "<script" not in page


def test_paths_and_messages_are_escaped(tmp_path):
    bad = {"path": "<b>x</b>.srt", "format": "srt", "language": "en", "cues": 1,
           "findings": [{"code": "P001", "name": "malformed-block", "severity": "error",
                         "message": "<script>alert(1)</script>", "line": 1}]}
    (tmp_path / "r.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    page = render_html(load_catalogue([tmp_path / "r.jsonl"]))
    assert "<script>" not in page and "&lt;b&gt;x&lt;/b&gt;.srt" in page


@pytest.mark.parametrize("content", ["not json\n", "[1, 2]\n", '{"neither": 1}\n',
                                     '{\n  "files": 3\n}\n'])
def test_a_file_that_is_not_results_is_exit_2(tmp_path, content, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    from subqa.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(bad)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("subqa: error: ") and "Traceback" not in err


def test_ten_thousand_files_roll_up_quickly(tmp_path):
    lines = []
    for n in range(10_000):
        findings = [{"code": c, "name": "x", "severity": s, "message": f"m{n}", "line": n % 50}
                    for c, s in (("T005", "warning"), ("R001", "error"))[: n % 3]]
        lines.append(json.dumps({"path": f"cat/{n:05}.en.srt", "format": "srt",
                                 "language": ("en", "ru", "ar")[n % 3], "cues": 40,
                                 "findings": findings * (n % 7)}))
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.monotonic()
    page = render_html(load_catalogue([path]))
    assert time.monotonic() - start < 20
    assert page.count('<section class="file"') == 10_000
    assert len(page) < 40_000_000
