"""The HTML report in a real browser: headless Chromium from the system's packages, driven by
Selenium with the driver and browser paths given explicitly (Selenium Manager never runs, nothing
is downloaded; the page is a local file and makes no request).

The report is made by the real command (`subqa check FILE --format html:PATH`) from an SRT file
with a hostile name, two-line cues (one line of 42 characters) and hostile cue text, and looked
at in a 1,024 px wide window: each cue shows its own line breaks and no others, severity badges
stay on one line, the severity filters hide what they name, timeline and chart links reach the
findings of their cue, and no piece of subtitle text or file name becomes markup or script.

Skipped, saying what is missing, where Chromium, its driver or Selenium is not installed
(`apt-get install chromium chromium-driver`, as .ci/run does; `pip install -e '.[test]'`).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from subqa.cli import cli

WIDTH = 1024
LINE_42 = "This subtitle line is exactly forty-two ch"
LONG_LINE = "A line far too long for any guide, " * 3
HOSTILE_NAME = 'film "><img src=x onerror="window.__pwned = 9">.en.srt'
HOSTILE_CUES = [
    ("<script>window.__pwned = 1</script>", "second line of cue three"),
    ('"><img src=x onerror="window.__pwned = 2">', "</style><b>not bold</b>"),
    ("</script><svg onload=\"window.__pwned = 3\">", "<!-- ]]> &lt;i&gt;"),
    ('<a href="javascript:window.__pwned = 4">link</a>', "sep\u2028arator"),
]


def _find(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


def _browser():
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed: pip install -e '.[test]'")
    from selenium.webdriver.chrome.service import Service

    binary = _find("chromium", "chromium-browser", "/usr/lib/chromium/chromium")
    driver = _find("chromedriver", "/usr/lib/chromium/chromedriver", "/usr/bin/chromedriver")
    missing = [what for what, path in (("chromium", binary), ("chromium-driver", driver))
               if path is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed: the HTML browser tests need them "
                    f"(Debian: apt-get install -y chromium chromium-driver; .ci/run installs "
                    f"them when it can)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDTH},800", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--hide-scrollbars"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        browser = webdriver.Chrome(service=Service(driver), options=options)
    except Exception as exc:                    # a browser that cannot start here
        pytest.skip(f"chromium ({binary}) with {driver} could not start: "
                    f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    return browser


def _srt(cues: list[tuple[int, int, tuple[str, ...]]]) -> str:
    def tc(ms: int) -> str:
        return f"00:{ms // 60000:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"
    return "\n".join(f"{i}\n{tc(a)} --> {tc(b)}\n" + "\n".join(lines) + "\n"
                     for i, (a, b, lines) in enumerate(cues, 1))


CUES = [
    # an over-fast two-line cue with a 42-character line: R003 (warning), a link in both charts
    (1000, 2500, (LINE_42, "and a second, shorter line.")),
    # two short lines that fit on one: R004 (info)
    (4000, 7000, ("Short one,", "and another.")),
    # overlaps the cue before it: T001 (error)
    (6500, 9000, ("Overlapping cue,", "two lines.")),
    # far too fast: its bar goes above the chart's top
    (10_000, 10_300, ("Much too fast to read,", "a second line.")),
] + [(12_000 + i * 3000, 12_000 + i * 3000 + 1200, lines)    # hostile text, over-fast: R003
     for i, lines in enumerate(HOSTILE_CUES)] + [
    # a line far over any limit (R001): it must not wrap either (its block scrolls sideways)
    (25_000, 31_000, (LONG_LINE, "and a short one.")),
] + [(32_000 + i * 3000, 34_000 + i * 3000, (f"Filler cue {i},", "short.")) for i in range(12)]


@pytest.fixture(scope="module")
def browser():
    b = _browser()
    yield b
    b.quit()


@pytest.fixture(scope="module")
def report_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    srt = folder / HOSTILE_NAME
    srt.write_text(_srt(CUES), encoding="utf-8")
    out = folder / "report.html"
    result = CliRunner().invoke(cli, ["check", str(srt), "--format", f"html:{out}", "-j", "1"])
    assert result.exit_code in (0, 1), result.output
    return out.as_uri()


@pytest.fixture()
def page(browser, report_url):
    browser.get(report_url)
    assert browser.execute_script("return window.innerWidth") == WIDTH
    return browser


LINE_BOXES = """
const el = arguments[0], range = document.createRange();
range.selectNodeContents(el.firstElementChild || el);
const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                     .map(r => Math.round(r.top)));
const box = el.firstElementChild || el;
return [el.textContent, tops.size, box.scrollWidth <= box.clientWidth];
"""


def test_each_cue_shows_its_own_line_breaks_and_no_others(page):
    blocks = [td for td in page.find_elements("css selector", "td.cue-text")
              if td.get_attribute("textContent")]
    assert len(blocks) >= len(CUES)
    seen = set()
    for block in blocks:
        text, boxes, fits = page.execute_script(LINE_BOXES, block)
        assert boxes == len(text.split("\n")), (text, boxes)
        seen.add(text)
        if LINE_42 in text:
            assert fits, "the 42-character line does not fit its cell"
    assert f"{LINE_42}\nand a second, shorter line." in seen
    assert "Short one,\nand another." in seen


def test_severity_badges_stay_on_one_line(page):
    _badges_on_one_line(page)
    # and still so at their narrowest (a smaller window, a zoom, other fonts): every table
    # squeezed, and each badge given only its min-content width
    page.execute_script("document.querySelectorAll('table').forEach(t => t.style.width = '10px');"
                        "document.querySelectorAll('.sev').forEach(e => e.style.width = 'min-content')")
    _badges_on_one_line(page)


def _badges_on_one_line(page):
    heights = page.execute_script(
        "return [...document.querySelectorAll('.sev')].map(e => "
        "[e.textContent, e.getClientRects().length, e.getBoundingClientRect().height, "
        " parseFloat(getComputedStyle(e).lineHeight) || 20])")
    assert {t for t, *_ in heights} == {"error", "warning", "info"}
    for text, rects, height, line in heights:
        assert rects == 1 and height < 1.5 * line, (text, height)


def _shown(page, sev: str) -> list[bool]:
    return [tr.is_displayed() for tr in
            page.find_elements("css selector", f'tr.finding[data-sev="{sev}"]')]


def test_severity_filters_hide_the_findings_of_that_severity(page):
    assert all(_shown(page, "warning")) and all(_shown(page, "error")) and all(_shown(page, "info"))
    page.find_element("css selector", 'input.sev-toggle[value="warning"]').click()
    assert _shown(page, "warning") and not any(_shown(page, "warning"))
    assert all(_shown(page, "error")) and all(_shown(page, "info"))
    page.find_element("css selector", 'input.sev-toggle[value="info"]').click()
    assert not any(_shown(page, "info")) and all(_shown(page, "error"))
    page.find_element("css selector", 'input.sev-toggle[value="warning"]').click()
    assert all(_shown(page, "warning")) and not any(_shown(page, "info"))
    from selenium.webdriver.support.ui import Select
    Select(page.find_element("css selector", "#code-filter")).select_by_value("T001")
    visible = [tr.get_attribute("data-code") for tr in
               page.find_elements("css selector", "tr.finding") if tr.is_displayed()]
    assert visible == ["T001"]


def _follow(page, link) -> str:
    href = link.get_dom_attribute("href")
    target = href.rsplit("#", 1)[1]
    page.execute_script("window.scrollTo(0, 0)")
    link.find_element("css selector", "rect").click()
    assert page.execute_script("return location.hash") == "#" + target
    row = page.find_element("id", target)
    top, bottom, inner, header, targeted, colour = page.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "const th = arguments[0].closest('table').querySelector('th').getBoundingClientRect();"
        "return [r.top, r.bottom, innerHeight, th.bottom, arguments[0].matches(':target'),"
        " getComputedStyle(arguments[0].cells[0]).backgroundColor]", row)
    # in view, and not hidden under the table's sticky header row
    assert header - 0.5 <= top and bottom <= inner, (top, bottom, header, inner)
    assert targeted and colour == "rgb(255, 244, 194)"       # highlighted
    return target


def test_timeline_marks_lead_to_the_findings_of_their_cue(page):
    links = page.find_elements("css selector", "svg.timeline a")
    assert len(links) >= 4
    reached = [_follow(page, link) for link in links[:3]]
    assert reached == ["file-1-cue-1", "file-1-cue-2", "file-1-cue-3"]
    row = page.find_element("id", "file-1-cue-3")
    assert row.find_elements("css selector", "td.num")[1].text == "3"     # the cue column


def test_reading_speed_bars_lead_to_their_finding_and_the_clipped_one_shows_its_value(page):
    links = page.find_elements("css selector", "svg.speed a")
    assert _follow(page, links[0]) == "file-1-cue-1"
    labels = [t.text for t in page.find_elements("css selector", "svg.speed text.clip-label")]
    assert labels and labels[0].endswith(" cps")
    assert len(page.find_elements("css selector", "svg.speed .clip-mark")) >= 1


def test_hostile_cue_text_and_file_name_stay_text(page):
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text
    state = page.execute_script(
        "return [typeof window.__pwned, document.querySelectorAll('img').length,"
        " document.querySelectorAll('img[onerror], [onload], [onerror]').length,"
        " document.querySelectorAll('script').length,"
        " document.querySelectorAll('style').length,"
        " document.querySelectorAll('td.cue-text b, td.cue-text a, td.cue-text svg').length,"
        " [...document.querySelectorAll('a[href]')].filter(a =>"
        "    !a.getAttribute('href').startsWith('#')).length]")
    assert state == ["undefined", 0, 0, 1, 1, 0, 0]
    assert page.find_element("css selector", "section.file h2").text.endswith(HOSTILE_NAME)
    shown = "\n".join(e.get_attribute("textContent") for e in
                      page.find_elements("css selector", "td.cue-text"))
    for first, second in HOSTILE_CUES:
        assert first in shown and second in shown
    errors = [e["message"] for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []                      # no script error, no blocked style or script
