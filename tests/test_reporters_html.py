"""The HTML report, read back with the standard library's HTML parser."""
import html
from html.parser import HTMLParser

import pytest

from subqa.model import Severity
from subqa.reporters import html as html_report
from test_reporters_kit import (EVIL, baseline_report, film_report, measured, samples_report,
                                sample_report)


class Page(HTMLParser):
    """Elements (tag, attrs, path of open classes), text by enclosing tag, ids."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.texts: list[tuple[str, str]] = []
        self.stack: list[str] = []
        self.scripts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "input", "img"):           # void elements never close
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        parent = self.stack[-1] if self.stack else ""
        self.texts.append((parent, data))
        if parent == "script":
            self.scripts.append(data)

    def all(self, tag, **attrs):
        return [a for t, a in self.elements if t == tag
                and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def text(self) -> str:
        return "".join(d for _, d in self.texts)


@pytest.fixture(scope="module")
def page_text():
    return html_report.render(sample_report())


@pytest.fixture(scope="module")
def page(page_text):
    return Page(page_text)


def test_subtitle_text_is_escaped(page_text, page):
    assert "<script>alert(1)</script>" not in page_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_text
    assert len(page.all("script")) == 1                   # only the report's own script
    cells = [d for p, d in page.texts if p == "div" and "alert(1)" in d]
    assert cells and cells[0].startswith("<script>alert(1)</script> & \"quotes\"")
    assert "\x01" not in page_text and "\x1b" not in page_text


def test_hostile_path_is_escaped():
    report = sample_report()
    report.files[1].path = 'x"><img src=x onerror=alert(1)>.srt'
    text = html_report.render(report)
    assert "<img" not in text
    assert not Page(text).all("img")


def test_self_contained(page_text, page):
    assert not [a for _, a in page.elements if "src" in a]       # nothing loaded
    hrefs = [a["href"] for _, a in page.elements if "href" in a]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert "@import" not in page_text and "url(" not in page_text
    assert "http://" not in page_text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page_text


def test_every_link_has_a_target(page):
    ids = {a["id"] for _, a in page.elements if "id" in a}
    targets = {a["href"][1:] for _, a in page.elements if a.get("href", "").startswith("#")}
    assert targets and targets <= ids
    assert {"file-1", "file-2", "file-3", "file-1-cue-2", "file-1-cue-3"} <= ids


def test_summary_counts(page):
    cards = [d for p, d in page.texts if p == "b"]
    # profile, then the cards: files, cues, errors, warnings, info
    assert cards[:6] == ["netflix", "3", "6", "2", "1", "2"]
    codes = [a["value"] for a in page.all("option") if a.get("value")]
    assert codes == ["P001", "P002", "R003", "R004", "T001"]


def test_findings_table_rows(page):
    rows = page.all("tr", class_="finding")
    assert len(rows) == 5
    assert [(r["data-sev"], r["data-code"]) for r in rows] == [
        ("info", "P002"), ("error", "T001"), ("warning", "R003"), ("info", "R004"),
        ("error", "P001")]
    assert "no findings" in page.text()


def timeline_rects(text: str, file_no: int) -> list[str]:
    """Classes of the timeline rects of one file section, in order."""
    section = text.split(f'id="file-{file_no}"')[1].split("</section>")[0]
    svg = section.split('class="chart timeline"')[1].split("</svg>")[0]
    return [a["class"] for t, a in Page("<svg " + svg + "</svg>").elements if t == "rect"]


def test_timeline_colours_each_cue_by_its_worst_finding(page_text):
    assert timeline_rects(page_text, 1) == ["c-ok", "c-error", "c-warning", "c-info"]
    assert timeline_rects(page_text, 2) == ["c-ok", "c-ok"]


def test_timeline_colour_follows_severity_change():
    report = sample_report()
    res = report.files[0]
    res.findings = [f.replace(severity=Severity.ERROR) if f.code == "R004" else f
                    for f in res.findings]
    assert timeline_rects(html_report.render(report), 1)[3] == "c-error"


def speed_bars(text: str, file_no: int) -> list[tuple[str, float]]:
    section = text.split(f'id="file-{file_no}"')[1].split("</section>")[0]
    svg = section.split('class="chart speed"')[1].split("</svg>")[0]
    return [(a["class"], float(a["height"])) for t, a in Page("<svg " + svg + "</svg>").elements
            if t == "rect"]


def test_reading_speed_chart_against_the_language_limit(page_text):
    bars = speed_bars(page_text, 1)
    assert len(bars) == 4
    assert bars[2][0] == "c-warning"                 # the R003 cue, coloured by its finding
    assert bars[2][1] > max(h for _, h in bars[:2] + bars[3:])
    assert "limit 20 cps" in page_text               # netflix, en (English USA guide: 20)
    ru = page_text.split('id="file-2"')[1]
    assert "limit 17 cps" in ru.split("</section>")[0]


def test_cps_counts_half_width_for_cjk():
    report = film_report(3)
    res = report.files[0]
    res.language = "zh-Hans"
    text = html_report.render(measured(report))
    assert "limit 9 cps" in text and "half-width characters count 0.5" in text
    # "Line 1 of the film, said slowly" + "and clearly." = 43 ASCII chars -> 21.5 in 2500 ms
    assert "8.6 characters per second (21.5 characters in 2500 ms)" in text


def test_over_limit_bar_without_a_finding_is_marked():
    report = film_report(4)
    report.files[0].findings = []                   # e.g. R003 ignored by --ignore
    report.files[0].language = "ja"                  # netflix: 4 cps in Japanese
    assert {c for c, _ in speed_bars(html_report.render(measured(report)), 1)} == {"c-over"}


def test_file_without_track_or_limit():
    from dataclasses import replace

    report = sample_report()
    res = report.files[0]
    res.reading_speeds = replace(res.reading_speeds, limit=None)   # a profile without one
    text = html_report.render(report)
    assert "cue data not available" in text
    assert "profile netflix sets no reading-speed limit: no limit drawn" in text
    assert "no WEBVTT header" in text               # its file-level finding is listed


def test_the_reporter_renders_the_published_speeds_and_measures_nothing():
    report = sample_report()
    report.files[1].reading_speeds = None           # built without them: nothing re-derived
    section = html_report.render(report).split('id="file-2"')[1].split("</section>")[0]
    assert "reading speeds not measured" in section and 'class="chart speed"' not in section
    assert 'class="chart timeline"' in section


def test_empty_cues_still_draw():
    report = film_report(3)
    res = report.files[0]
    res.track = res.track.replace(cues=tuple(
        c.replace(lines=("",)) for c in res.track.cues))
    assert len(speed_bars(html_report.render(measured(report)), 1)) == 3


def test_no_files():
    assert "no files were checked" in html_report.render(sample_report().__class__(
        files=[], profile="netflix"))


def test_film_size_grows_linearly():
    small = html_report.render(film_report(750))
    large = html_report.render(film_report(1500))
    assert len(large) < 2_000_000                      # about 1 MB for 1,500 cues, 500 findings
    assert 1.8 < len(large) / len(small) < 2.2
    page = Page(large)
    assert len(page.all("tr", class_="finding")) == 500
    assert len(page.all("rect")) >= 3000                # a timeline and a speed bar per cue
    assert large == html_report.render(film_report(1500))


def test_samples_render():
    report = samples_report()
    text = html_report.render(report)
    page = Page(text)
    assert len(page.all("section", class_="file")) == len(report.files)
    assert len(page.all("tr", class_="finding")) == len(report.findings)
    assert EVIL not in text


@pytest.mark.parametrize("duration", [1, 4000, 63_000, 180_000, 181_000, 600_000, 3_600_000,
                                      6_060_000, 8_100_000, 14_400_000, 60_000_000])
def test_timeline_rows_and_ticks(duration):
    span, tick = html_report._span(duration)
    rows = -(-duration // span)
    assert 1 <= rows <= html_report.MAX_ROWS
    assert span % tick == 0 and 2 <= span // tick <= 8
    if duration <= html_report.ONE_ROW_MS:
        assert rows == 1


def test_limit_from_the_profile_each_file_was_checked_with(tmp_path):
    """The speeds a check publishes are measured under each file's own profile (its
    configuration's), and the chart names that profile."""
    import subqa

    custom = tmp_path / "studio.toml"
    custom.write_text('[profile]\nname = "studio"\nextends = "netflix"\n'
                      '[lang.en]\nchars_per_second = 11\n', encoding="utf-8")
    srt = "1\n00:00:01,000 --> 00:00:03,000\nHello there.\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "film.en.srt").write_text(srt, encoding="utf-8")
    (tmp_path / "b" / "film.ru.srt").write_text(srt, encoding="utf-8")
    (tmp_path / "a" / "subqa.toml").write_text(f'profile = "{custom.as_posix()}"\n',
                                               encoding="utf-8")
    (tmp_path / "b" / "subqa.toml").write_text('profile = "netflix-children"\n',
                                               encoding="utf-8")
    report = subqa.check([tmp_path / "a", tmp_path / "b"], keep_tracks=True, jobs=1)
    text = html_report.render(report)
    first, second = text.split('id="file-2"')
    assert "limit 11 cps" in first and "profile <b>studio</b> for en" in first
    assert "limit 13 cps" in second.split("</section>")[0]     # children's, Russian: template


def test_timeline_tooltips_show_the_screen_text(page):
    titles = [d for p, d in page.texts if p == "title" and d.startswith("cue ")]
    assert titles[1].startswith("cue 2 00:00:02.500 --> 00:00:05.000 [T001]: alert(1) & ")
    assert "<script>" not in titles[1]                 # tags stripped, as on screen
    assert titles[3].endswith(": Two short / lines.")


def test_baseline_note():
    text = html_report.render(baseline_report())
    assert "baseline: 7 known findings not shown; 2 baseline entries no longer found" in text
    assert "films/&lt;old&gt;.srt" in text
    assert "baseline:" not in html_report.render(sample_report())


def test_script_hooks_exist(page_text, page):
    script = page.scripts[0]
    assert "input.sev-toggle" in script and "#code-filter" in script and "tr.finding" in script
    assert len(page.all("input", class_="sev-toggle")) == 3
    assert len(page.all("select", id="code-filter")) == 1
    assert all("data-sev" in a and "data-code" in a for a in page.all("tr", class_="finding"))


def test_whole_file_findings_are_listed_above_the_charts(page):
    notes = "".join(d for p, d in page.texts if p == "li")
    assert notes.strip() == "non-utf8-encoding: decoded as cp1252"  # P001 has a line: table only
    assert len(page.all("ul", class_="file-notes")) == 1


# ---------------------------------------------------------------- issue 10: report fixes

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    "'><svg onload=\"window.__pwned = 3\">",
    "</style><script>window.__pwned = 4</script>",
    "</script><script>window.__pwned = 5</script>",
    "</title><img src=x onerror=alert(6)>",
    "javascript:window.__pwned = 7",
    "<a href=\"javascript:alert(8)\">link</a>",
    "line\u2028separator\u2029para <!-- comment --> ]]> &amp; &#60;b&#62;",
    "{\"json\": \"</script>\"}",
]


def hostile_report():
    """The sample report with hostile text in every piece that comes from a file or the user:
    cue text, path, source path, format, language, encoding, profile, rule message."""
    from test_reporters_kit import mkcue, mkfinding
    from subqa.model import Track
    from subqa.report import FileResult, Report

    path = "films/" + HOSTILE[1] + ".en.srt"
    cues = tuple(mkcue(i, i * 3000, i * 3000 + 2000, text, "second line")
                 for i, text in enumerate(HOSTILE, 1))
    findings = [mkfinding(path, "R002", "too-many-lines", Severity.WARNING,
                          "message " + text, cue) for cue, text in zip(cues, HOSTILE)]
    findings.append(mkfinding(path, "P002", "non-utf8-encoding", Severity.INFO,
                              "decoded as " + HOSTILE[3]))
    track = Track(path=path, format="srt", cues=cues, encoding=HOSTILE[4], language="en")
    res = FileResult(path=path, format=HOSTILE[5], language=HOSTILE[6], encoding=HOSTILE[4],
                     cues=len(cues), findings=findings, language_origin=HOSTILE[0],
                     track=track)
    res.source = HOSTILE[2]
    return Report(files=[res], profile=HOSTILE[7])


def test_hostile_text_everywhere_stays_text():
    text = html_report.render(hostile_report())
    page = Page(text)
    assert len(page.all("script")) == 1 and page.scripts == [html_report.JS]
    assert not page.all("img") and not page.all("svg", onload="window.__pwned = 3")
    assert not [a for _, a in page.elements if any(k.startswith("on") for k in a)]
    assert not [a for _, a in page.elements if "style" in a]
    assert all(a["href"].startswith("#") for _, a in page.elements if "href" in a)
    assert text.count("<style>") == 1 and text.count("</style>") == 1
    assert text.count("<script>") == 1 and text.count("</script>") == 1
    shown = page.text()
    for hostile in HOSTILE[:8]:
        assert hostile in shown                       # shown verbatim, as characters
    assert "\u2028" in shown and "&amp;amp;" in text  # kept, and "&amp;" shows as typed


def cue_blocks(text: str) -> list[str]:
    """The cue text blocks of the findings tables, as shown (entities decoded)."""
    import html
    import re
    return [html.unescape(m) for m in re.findall(r'<div class="lines" dir="auto">(.*?)</div>',
                                                  text, flags=re.S)]


def test_near_miss_plain_text_is_not_mangled():
    report = film_report(2)
    assert cue_blocks(html_report.render(report))[0] == "Line 1 of the film, said slowly\nand clearly."


def test_cue_text_keeps_its_own_line_breaks_in_a_block_that_never_wraps(page_text):
    blocks = cue_blocks(page_text)
    assert len(blocks) == 3                             # the three findings that have a cue
    assert blocks[2] == "Two short\nlines."
    css = html_report.CSS
    rule = css.split("td.cue-text .lines {")[1].split("}")[0]
    assert "white-space: pre;" in rule and "max-width: 48ch" in rule
    assert "pre-wrap" not in css                       # no soft wrap anywhere in cue text


def test_severity_badges_never_break():
    css = html_report.CSS
    sev = css.split(".sev {")[1].split("}")[0]
    assert "white-space: nowrap" in sev and "overflow-wrap: normal" in sev
    cell_rule = next(ln for ln in css.splitlines() if "td.sev-cell" in ln)
    assert "white-space: nowrap" in cell_rule


def test_content_security_policy_allows_only_the_reports_own_style_and_script(page_text):
    import base64
    import hashlib

    def digest(s):
        return base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()

    csp = page_text.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert f"script-src 'sha256-{digest(html_report.JS)}'" in csp
    assert f"style-src 'sha256-{digest(html_report.CSS)}'" in csp
    assert f"<style>{html_report.CSS}</style>" in page_text
    assert f"<script>{html_report.JS}</script>" in page_text


def speed_svg(text: str, file_no: int = 1) -> str:
    section = text.split(f'id="file-{file_no}"')[1].split("</section>")[0]
    return section.split('class="chart speed"')[1].split("</svg>")[0]


def fast_report(durations):
    """film_report whose cues last the given durations (43 characters each)."""
    report = film_report(len(durations))
    res = report.files[0]
    res.track = res.track.replace(cues=tuple(
        c.replace(end_ms=c.start_ms + d) for c, d in zip(res.track.cues, durations)))
    res.findings = []
    return measured(report)


def test_bars_above_the_top_are_marked_with_their_value():
    # 43 characters: 2500 ms is 17.2 cps, 500 ms is 86 cps, above the top (3 x 20 = 60)
    text = html_report.render(fast_report([2500] * 5 + [500] + [2500] * 5))
    svg = speed_svg(text)
    labels = [d for p, d in Page("<svg " + svg + "</svg>").texts if p == "text"]
    assert "86 cps" in labels
    assert svg.count('class="clip-mark"') == 1
    assert "the bar is cut at the chart's top (60)" in html.unescape(svg)
    assert "a bar cut at the chart's top (60 cps)" in html.unescape(text)
    assert 'viewBox="0 0 1092 188"' in text            # a band above the plot for the label


def test_bars_within_the_top_have_no_mark():
    text = html_report.render(fast_report([2500] * 5 + [1000] + [2500] * 5))   # 43 cps < 60
    svg = speed_svg(text)
    assert "clip-mark" not in svg and "clip-label" not in svg and "cut at" not in text
    assert 'viewBox="0 0 1092 170"' in text


def test_neighbouring_clipped_bars_share_one_label_naming_the_highest():
    text = html_report.render(fast_report([2500] * 5 + [500, 400, 250] + [2500] * 40))
    svg = speed_svg(text)
    labels = [d for p, d in Page("<svg " + svg + "</svg>").texts if p == "text"]
    assert "3 bars, up to 172 cps" in labels
    assert svg.count('class="clip-mark"') == 3


def test_clip_labels_never_overlap_nor_pass_the_right_edge():
    right = 1090.0
    bars = [(64 + x * 7.5, 100 + x) for x in range(0, 136, 3)]
    labels = html_report._clip_labels(bars, right)
    spans = []
    for x, anchor, text in labels:
        w = html_report._label_width(text)
        spans.append((x, x + w) if anchor == "start" else (x - w, x))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(end <= right for _, end in spans)
    named = sum(int(t.split()[0]) if "bars" in t else 1 for _, _, t in labels)
    assert named == len(bars)                          # every clipped bar is in one label
    # a lone bar at the right edge is right-aligned there
    assert html_report._clip_labels([(1080.0, 31.4)], right) == [(right, "end", "31 cps")]
    assert html_report._clip_labels([(100.0, 31.4)], right) == [(96.0, "start", "31 cps")]
