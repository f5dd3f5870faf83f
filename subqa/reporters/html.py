"""HTML report: one self-contained page (inline CSS and JS, nothing fetched) for people.

A summary across files (counts per severity, per file and per rule), then for each file: its
header (path, format, language, encoding, cues), a timeline of the cues coloured by the worst
finding on each cue, a reading-speed chart (characters per second per cue against the profile's
limit for the file's language: the measures R003 published in ``FileResult.reading_speeds``),
and the findings table with the cue text. It renders; it loads no profile and counts nothing.
Every piece of text from a file or a path is HTML-escaped; the output is deterministic (no dates,
no random ids) and built in one pass of string pieces joined once.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter

from .. import __version__
from ..model import Finding, Severity, format_timecode
from ..report import FileResult, Report
from ..checks import all_rules
from .html_assets import CSS, JS

# Controls (other than tab, LF, CR) and lone surrogates: replaced so the page stays valid UTF-8.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

WIDTH = 1000          # drawing width of charts (SVG user units)
LEFT = 64             # left margin for axis labels
RIGHT = 28            # right margin (room for the last tick label)
LANE_H = 14           # timeline: height of one lane (two lanes per row: overlaps go below)
ROW_H = 2 * LANE_H + 20
MAX_ROWS = 12
ONE_ROW_MS = 180_000  # tracks up to 3 minutes get one row; longer ones rows of a fixed span
_SPANS = (60_000, 120_000, 300_000, 600_000, 900_000, 1_200_000, 1_800_000, 3_600_000)
_TICKS = (1000, 2000, 5000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 180_000, 300_000,
          600_000)
CHART_H = 170
CLIP_BAND = 18        # reading speed: room above the plot for the values of clipped bars
LABEL_CHAR_W = 6.4    # estimated width of one character of an 11-unit chart label
LABEL_GAP = 6
TOOLTIP_CHARS = 160


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


# Nothing fetched, and only the report's own style sheet and script run (by their hashes): even
# if some text got past the escaping, an injected <script>, event handler (onerror=...),
# javascript: URL or <style> would not run.
CSP = (f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(JS)}; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def esc(value: object) -> str:
    return html.escape(_UNSAFE.sub("\ufffd", str(value)), quote=True)


def _n(value: float) -> str:
    """A coordinate with at most two decimals, without trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _clock(ms: int) -> str:
    """01:02:03 for tick labels (no milliseconds)."""
    return format_timecode(ms)[:-4]


def _plain(lines, limit: int = TOOLTIP_CHARS) -> str:
    """Cue lines as one short line for a tooltip."""
    flat = " / ".join(ln.strip() for ln in lines if ln.strip())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _file_id(i: int) -> str:
    return f"file-{i}"


def _worst_by_cue(findings: list[Finding]) -> dict[int, Severity]:
    worst: dict[int, Severity] = {}
    for f in findings:
        if f.cue is not None and (f.cue not in worst or f.severity > worst[f.cue]):
            worst[f.cue] = f.severity
    return worst


def _codes_by_cue(findings: list[Finding]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in findings:
        if f.cue is not None and f.code not in out.setdefault(f.cue, []):
            out[f.cue].append(f.code)
    return out


# ---------------------------------------------------------------- summary

def _summary(report: Report, out: list[str]) -> None:
    s = report.summary()
    failing = s["exit_code"] != 0
    fail_on = report.fail_on.label if report.fail_on is not None else "never"
    out.append(f'<h1>subqa report</h1><p class="meta">profile <b>{esc(report.profile)}</b> · '
               f'subqa {esc(__version__)} · fails on {esc(fail_on)} · '
               f'<span class="verdict {"fail" if failing else "pass"}">'
               f'{"FAIL" if failing else "PASS"} (exit {s["exit_code"]})</span></p>')
    out.append('<div class="cards">')
    for label, key, cls in (("files", "files", ""), ("cues", "cues", ""),
                            ("errors", "errors", "error"), ("warnings", "warnings", "warning"),
                            ("info", "infos", "info")):
        out.append(f'<div class="card {cls}"><b>{s[key]}</b>{label}</div>')
    out.append("</div>")
    baseline = getattr(report, "baseline", None)
    if baseline is not None:
        gone = sum(e["count"] for e in baseline.stale)
        out.append(f'<p class="baseline">baseline: {baseline.suppressed} known finding'
                   f'{"" if baseline.suppressed == 1 else "s"} not shown; {gone} baseline '
                   f'entr{"y" if gone == 1 else "ies"} no longer found</p>')
        if baseline.stale:
            out.append('<details><summary>baseline entries no longer found</summary><ul>')
            out.extend(f'<li>{esc(e["path"])} <span class="code">{esc(e["code"])}</span> '
                       f'{esc(e["fingerprint"])} ×{e["count"]}</li>' for e in baseline.stale)
            out.append("</ul></details>")

    out.append('<h2>Files</h2><table class="files"><thead><tr><th>File</th><th>Format</th>'
               '<th>Language</th><th>Encoding</th><th class="num">Cues</th>'
               '<th class="num">Errors</th><th class="num">Warnings</th><th class="num">Info</th>'
               '</tr></thead><tbody>')
    for i, res in enumerate(report.files, 1):
        sev = Counter(f.severity for f in res.findings)
        out.append(
            f'<tr><td><a href="#{_file_id(i)}">{esc(res.path)}</a></td><td>{esc(res.format)}</td>'
            f'<td>{esc(res.language or "unknown")}</td><td>{esc(res.encoding)}</td>'
            f'<td class="num">{res.cues}</td>'
            + "".join(f'<td class="num">{sev.get(x, 0) or ""}</td>' for x in SEVERITIES)
            + "</tr>")
    out.append("</tbody></table>")

    if s["by_code"]:
        catalog = {r.code: r for r in all_rules()}
        names = {f.code: f.name for f in report.findings}
        worst: dict[str, Severity] = {}
        for f in report.findings:
            worst[f.code] = max(worst.get(f.code, f.severity), f.severity)
        out.append('<h2>Findings by rule</h2><table class="codes"><thead><tr><th>Rule</th>'
                   '<th>Severity</th><th class="num">Count</th><th>What it checks</th>'
                   '</tr></thead><tbody>')
        for code, count in s["by_code"].items():
            rule = catalog.get(code)
            label = worst[code].label
            out.append(f'<tr><td><span class="code">{esc(code)}</span> '
                       f'<span class="rule-name">{esc(names[code])}</span></td>'
                       f'<td><span class="sev {label}">{label}</span></td>'
                       f'<td class="num">{count}</td>'
                       f'<td>{esc(rule.summary) if rule else ""}</td></tr>')
        out.append("</tbody></table>")

        out.append('<div class="filters">Show: ')
        for sev in SEVERITIES:
            out.append(f'<label><input type="checkbox" class="sev-toggle" value="{sev.label}" '
                       f'checked> {sev.label}</label>')
        out.append('<label>rule <select id="code-filter"><option value="">all</option>')
        for code in s["by_code"]:
            out.append(f'<option value="{esc(code)}">{esc(code)} {esc(names[code])}</option>')
        out.append("</select></label></div>")


# ---------------------------------------------------------------- timeline

def _span(duration: int) -> tuple[int, int]:
    """(row span, tick step) in ms: one row for a short track, else the smallest span that fits
    the track in a few rows (6 up to an hour, MAX_ROWS beyond)."""
    if duration <= ONE_ROW_MS:
        tick = next(t for t in _TICKS if -(-duration // t) <= 8)
        return max(5000, -(-duration // tick) * tick), tick
    rows = 6 if duration <= 3_600_000 else MAX_ROWS
    span = next((s for s in _SPANS if duration <= s * rows),
                -(-duration // MAX_ROWS // 600_000) * 600_000)
    tick = next((t for t in _TICKS if span % t == 0 and span // t <= 8), span // 6)
    return span, tick


def _timeline(fid: str, cues, findings: list[Finding], out: list[str]) -> None:
    worst = _worst_by_cue(findings)
    codes = _codes_by_cue(findings)
    end_ms = max(max(c.end_ms, c.start_ms) for c in cues)
    start_ms = min(0, min(c.start_ms for c in cues))
    span, tick = _span(max(1, end_ms - start_ms))
    rows = max(1, -(-(end_ms - start_ms) // span))
    height = rows * ROW_H + 4
    scale = WIDTH / span
    out.append(f'<svg class="chart timeline" viewBox="0 0 {LEFT + WIDTH + RIGHT} {height}" '
               f'role="img" aria-label="timeline of {len(cues)} cues">')
    for r in range(rows):
        y = r * ROW_H + 4
        base = start_ms + r * span
        out.append(f'<text x="{LEFT - 6}" y="{y + LANE_H}" text-anchor="end">{_clock(base)}</text>')
        axis_y = y + 2 * LANE_H + 3
        out.append(f'<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{LEFT + WIDTH}" '
                   f'y2="{axis_y}"/>')
        for t in range(tick, span + 1, tick):
            x = _n(LEFT + t * scale)
            out.append(f'<line class="axis" x1="{x}" y1="{axis_y}" x2="{x}" y2="{axis_y + 4}"/>'
                       f'<text x="{x}" y="{axis_y + 14}" text-anchor="middle">'
                       f'{_clock(base + t)}</text>')
    lane_end = [None, None]             # end time of the last cue drawn in each lane
    for cue in cues:
        begin, finish = cue.start_ms, max(cue.end_ms, cue.start_ms)
        lane = 1 if lane_end[0] is not None and begin < lane_end[0] else 0
        lane_end[lane] = finish if lane_end[lane] is None else max(lane_end[lane], finish)
        sev = worst.get(cue.index)
        cls = f"c-{sev.label}" if sev else "c-ok"
        tip = f"cue {cue.index} {format_timecode(cue.start_ms)} --> {format_timecode(cue.end_ms)}"
        if cue.index in codes:
            tip += " [" + ", ".join(codes[cue.index]) + "]"
        title = f"<title>{esc(tip + ': ' + _plain(cue.plain_lines))}</title>"
        pieces = []
        t = begin
        while True:                     # a cue that crosses a row boundary continues below
            r = min(rows - 1, (t - start_ms) // span)
            row_end = start_ms + (r + 1) * span
            piece_end = min(finish, row_end)
            x = LEFT + (t - start_ms - r * span) * scale
            w = max(1.5, (piece_end - t) * scale - 0.6)
            y = r * ROW_H + 4 + lane * LANE_H
            pieces.append(f'<rect class="{cls}" x="{_n(x)}" y="{y}" width="{_n(w)}" '
                          f'height="{LANE_H - 2}">{title}</rect>')
            if finish <= row_end or r == rows - 1:
                break
            t = row_end
        if sev:
            out.append(f'<a href="#{fid}-cue-{cue.index}">{"".join(pieces)}</a>')
        else:
            out.extend(pieces)
    out.append("</svg>")
    out.append('<p class="legend">colour = worst finding on the cue:'
               '<i class="k-error"></i>error'
               '<i class="k-warning"></i>warning'
               '<i class="k-info"></i>info'
               '<i class="k-ok"></i>no finding'
               ' · overlapping cues are drawn in the lower lane · click a coloured cue for its '
               'findings</p>')


# ---------------------------------------------------------------- reading speed

def _clip_label(values: list[float]) -> str:
    top = max(values)
    if len(values) == 1:
        return f"{top:.0f} cps"
    return f"{len(values)} bars, up to {top:.0f} cps"


def _label_width(text: str) -> float:
    return len(text) * LABEL_CHAR_W


def _clip_labels(bars: list[tuple[float, float]], right: float) -> list[tuple[float, str, str]]:
    """Labels for the bars cut at the chart's top: (x, text-anchor, text) for each group of
    bars (x centre, characters per second, in x order) whose labels would overlap. A label
    starts at its group's first bar and names the value (the highest one for a group); labels
    never overlap one another and never pass ``right``."""
    groups: list[list[tuple[float, float]]] = []
    for x, cps in bars:
        if groups:
            first = groups[-1][0][0]
            end = first + _label_width(_clip_label([v for _, v in groups[-1]]))
            if x - 4 < end + LABEL_GAP:
                groups[-1].append((x, cps))
                continue
        groups.append([(x, cps)])
    # Only the last label can pass the right edge; it is then right-aligned there, after
    # joining the group before it when the two would overlap.
    while len(groups) > 1:
        last = _label_width(_clip_label([v for _, v in groups[-1]]))
        before = groups[-2][0][0] - 4 + _label_width(_clip_label([v for _, v in groups[-2]]))
        if groups[-1][0][0] - 4 + last <= right or right - last >= before + LABEL_GAP:
            break
        groups[-2].extend(groups.pop())
    labels = []
    for group in groups:
        text = _clip_label([v for _, v in group])
        x = group[0][0] - 4
        labels.append((x, "start", text) if x + _label_width(text) <= right
                      else (right, "end", text))
    return labels


def _speed_chart(fid: str, res: FileResult, out: list[str]) -> None:
    speeds = res.reading_speeds
    if speeds is None:
        out.append('<p class="empty">reading speeds not measured</p>')
        return
    profile_name, limit = speeds.profile, speeds.limit
    weight, min_chars = speeds.half_width_weight, speeds.min_chars
    r003 = {f.cue: f.severity for f in res.findings if f.code == "R003" and f.cue is not None}
    points = speeds.cues
    measured = [p.cps for p in points if p is not None]
    if not measured:
        out.append('<p class="empty">no cue with a positive duration to measure</p>')
        return
    ref = limit if limit is not None and limit > 0 else max(1.0, max(measured))
    top = max(ref * 1.5, min(max(measured), ref * 3))
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if top / s <= 8)
    top = -(-top // step) * step
    clipped = [(i, p.cps) for i, p in enumerate(points) if p is not None and p.cps > top]
    band = CLIP_BAND if clipped else 0
    height = CHART_H + band
    plot_h = CHART_H - 24
    y_of = lambda v: 6 + band + plot_h * (1 - min(v, top) / top)  # noqa: E731
    n = len(points)
    slot = WIDTH / n
    bar_w = max(0.5, min(24.0, slot * 0.8))
    out.append(f'<svg class="chart speed" viewBox="0 0 {LEFT + WIDTH + RIGHT} {height}" role="img" '
               f'aria-label="reading speed per cue">')
    g = 0
    while g <= top:
        y = _n(y_of(g))
        out.append(f'<line class="grid" x1="{LEFT}" y1="{y}" x2="{LEFT + WIDTH}" y2="{y}"/>'
                   f'<text x="{LEFT - 6}" y="{_n(y_of(g) + 4)}" text-anchor="end">{g:g}</text>')
        g += step
    out.append(f'<text x="{LEFT}" y="{height - 4}">cue 1</text>'
               f'<text x="{LEFT + WIDTH}" y="{height - 4}" text-anchor="end">cue {n}</text>')
    base = y_of(0)
    centre = lambda i: LEFT + i * slot + slot / 2  # noqa: E731
    for i, p in enumerate(points):
        if p is None:
            continue
        index, chars, cps = p.index, p.chars, p.cps
        if index in r003:
            cls = f"c-{r003[index].label}"
        elif limit is not None and cps > limit and chars >= min_chars:
            cls = "c-over"
        elif chars < min_chars:
            cls = "c-unchecked"
        else:
            cls = "c-ok"
        y = y_of(cps)
        tip = (f"cue {index}: {cps:.1f} characters per second ({chars:g} characters in "
               f"{p.duration_ms} ms)")
        if cps > top:
            tip += f"; the bar is cut at the chart's top ({top:g})"
        link = index in r003
        rect = (f'<rect class="{cls}" x="{_n(centre(i) - bar_w / 2)}" '
                f'y="{_n(y)}" width="{_n(bar_w)}" height="{_n(max(0.5, base - y))}">'
                f'<title>{esc(tip)}</title></rect>')
        if cps > top:                   # an arrow on the cut end: the bar goes on above
            cx, ty = centre(i), y_of(top)
            rect += (f'<path class="clip-mark" d="M{_n(cx - 4)} {_n(ty - 1)}'
                     f'L{_n(cx)} {_n(ty - 6)}L{_n(cx + 4)} {_n(ty - 1)}Z"/>')
        out.append(f'<a href="#{fid}-cue-{index}">{rect}</a>' if link else rect)
    for x, anchor, text in _clip_labels([(centre(i), cps) for i, cps in clipped],
                                        LEFT + WIDTH + RIGHT - 2):
        out.append(f'<text class="clip-label" x="{_n(x)}" y="{_n(y_of(top) - 8)}" '
                   f'text-anchor="{anchor}">{esc(text)}</text>')
    if limit is not None:
        y = _n(y_of(limit))
        out.append(f'<line class="limit" x1="{LEFT}" y1="{y}" x2="{LEFT + WIDTH}" y2="{y}"/>'
                   f'<text class="limit-label" x="{LEFT + WIDTH - 4}" y="{_n(y_of(limit) - 4)}" '
                   f'text-anchor="end">limit {limit:g} cps</text>')
    out.append("</svg>")
    if limit is not None:
        lang = res.language or "no language"
        note = (f"limit {limit:g} characters per second from profile "
                f"<b>{esc(profile_name)}</b> for {esc(lang)}")
        if weight != 1.0:
            note += f"; half-width characters count {weight:g}"
    else:
        note = f"profile {esc(profile_name)} sets no reading-speed limit: no limit drawn"
    out.append(f'<p class="legend">{note} · bars:'
               '<i class="k-over"></i>over the limit'
               '<i class="k-ok"></i>within'
               + ('<i class="k-unchecked"></i>too short to check' if min_chars > 1 else "")
               + (f" · ▲ a bar cut at the chart's top ({top:g} cps), with its value above"
                  if clipped else "")
               + "</p>")


# ---------------------------------------------------------------- findings

def _cue_lines(text: str | None) -> str:
    """The cue text with its own line breaks and nothing else: a block that never wraps
    (``white-space: pre``), so that the lines on the page are the cue's lines, the very thing
    rules R001, R002 and R004 are about; a line wider than the block's cap scrolls sideways."""
    if text is None:
        return ""
    return f'<div class="lines" dir="auto">{esc(text)}</div>'


def _findings_table(fid: str, res: FileResult, out: list[str]) -> None:
    if not res.findings:
        out.append('<p class="empty">no findings</p>')
        return
    out.append('<table class="findings"><thead><tr><th>Rule</th><th>Severity</th>'
               '<th class="num">Line</th><th class="num">Cue</th><th>Time</th><th>Message</th>'
               '<th>Cue text</th></tr></thead><tbody>')
    anchored: set[int] = set()
    for f in res.findings:
        row_id = ""
        if f.cue is not None and f.cue not in anchored:
            anchored.add(f.cue)
            row_id = f' id="{fid}-cue-{f.cue}"'
        label = f.severity.label
        time = (f"{format_timecode(f.start_ms)}<br>{format_timecode(f.end_ms)}"
                if f.start_ms is not None else "")
        out.append(
            f'<tr class="finding"{row_id} data-sev="{label}" data-code="{esc(f.code)}">'
            f'<td class="rule"><span class="code">{esc(f.code)}</span><br>'
            f'<span class="rule-name">{esc(f.name)}</span></td>'
            f'<td class="sev-cell"><span class="sev {label}">{label}</span></td>'
            f'<td class="num">{f.line if f.line is not None else ""}</td>'
            f'<td class="num">{f.cue if f.cue is not None else ""}</td>'
            f'<td class="time">{time}</td><td class="msg">{esc(f.message)}</td>'
            f'<td class="cue-text">{_cue_lines(f.text)}</td>'
            "</tr>")
    out.append("</tbody></table>")


def _file_section(i: int, res: FileResult, out: list[str]) -> None:
    fid = _file_id(i)
    lang = res.language or "language unknown"
    if res.language_origin:
        lang += f" ({res.language_origin})"
    meta = [res.format, lang, res.encoding, f"{res.cues} cue{'' if res.cues == 1 else 's'}"]
    out.append(f'<section class="file" id="{fid}"><h2>{esc(res.path)}</h2>'
               f'<p class="meta">{" · ".join(esc(m) for m in meta)}'
               + (f" · source {esc(res.source)}" if res.source else "") + "</p>")
    file_level = [f for f in res.findings if f.cue is None and f.line is None]
    if file_level:
        out.append('<ul class="file-notes">')
        for f in file_level:
            out.append(f'<li><span class="sev {f.severity.label}">{f.severity.label}</span> '
                       f'<span class="code">{esc(f.code)}</span> {esc(f.name)}: '
                       f'{esc(f.message)}</li>')
        out.append("</ul>")
    cues = getattr(res.track, "cues", None)
    if cues:
        out.append("<h3>Timeline</h3>")
        _timeline(fid, cues, res.findings, out)
        out.append("<h3>Reading speed</h3>")
        _speed_chart(fid, res, out)
    elif res.track is None:
        out.append('<p class="empty">cue data not available for the charts</p>')
    else:
        out.append('<p class="empty">no cues</p>')
    out.append(f"<h3>Findings ({len(res.findings)})</h3>")
    _findings_table(fid, res, out)
    out.append("</section>")


def render(report: Report) -> str:
    out: list[str] = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>subqa report ({len(report.files)} file{'' if len(report.files) == 1 else 's'})"
        f"</title><style>{CSS}</style></head><body><main>"]
    _summary(report, out)
    for i, res in enumerate(report.files, 1):
        _file_section(i, res, out)
    if not report.files:
        out.append('<p class="empty">no files were checked</p>')
    out.append(f"</main><script>{JS}</script></body></html>\n")
    return "\n".join(out)
