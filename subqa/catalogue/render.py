"""The catalogue roll-up as text, JSON or one self-contained HTML page (no script, no network;
each file's section is laid out only when scrolled to, so 10,000 files open fast)."""
from __future__ import annotations

import html
import json
from typing import Any

from .model import SHOWN, Catalogue, FileEntry

VERSION = 1


def to_dict(cat: Catalogue, previous: Catalogue | None = None) -> dict[str, Any]:
    trend = cat.trend(previous) if previous is not None else None
    changes = trend["file_changes"] if trend else {}
    out: dict[str, Any] = {
        "version": VERSION,
        "inputs": cat.inputs,
        "previous": previous.inputs if previous is not None else None,
        "totals": cat.totals(),
        "by_code": cat.by_code(),
        "by_language": cat.by_language(),
        "files": [_file_dict(f, changes) for f in cat.worst_first()],
    }
    if trend is not None:
        out["trend"] = trend
    return out


def _file_dict(f: FileEntry, changes: dict) -> dict[str, Any]:
    out = {"path": f.path, "language": f.language, "format": f.format, "cues": f.cues,
           "findings": f.total, "errors": f.errors, "warnings": f.warnings, "infos": f.infos,
           "by_code": dict(sorted(f.codes.items())), "first_findings": f.shown}
    if f.path in changes:
        out["change"] = changes[f.path]
    return out


def render_json(cat: Catalogue, previous: Catalogue | None = None) -> str:
    return json.dumps(to_dict(cat, previous), ensure_ascii=False, indent=1) + "\n"


def _signed(n: int) -> str:
    return f"{n:+d}" if n else "0"


def render_text(cat: Catalogue, previous: Catalogue | None = None, top: int = 20) -> str:
    t = cat.totals()
    lines = [f"subqa catalogue: {t['files']} files, {t['cues']} cues, {t['findings']} findings "
             f"({t['errors']} errors, {t['warnings']} warnings, {t['infos']} infos); "
             f"{t['files_with_errors']} files with errors, {t['clean_files']} clean"]
    if cat.replaced:
        lines.append(f"{cat.replaced} files were in more than one input: the later result is used")
    if previous is not None:
        tr = cat.trend(previous)
        tt = tr["totals"]
        lines.append(f"since the previous run: findings {_signed(tt['findings']['change'])}, "
                     f"errors {_signed(tt['errors']['change'])}, files "
                     f"{_signed(tt['files']['change'])} ({len(tr['added'])} added, "
                     f"{len(tr['removed'])} removed); {len(tr['fixed'])} fixed, "
                     f"{len(tr['newly_failing'])} newly failing")
        for code, c in tr["by_code"].items():
            lines.append(f"  {code:<5} {c['before']:>7} -> {c['now']:<7} ({_signed(c['change'])})")
    lines += ["", "by language:", f"  {'language':<12} {'files':>6} {'cues':>8} {'errors':>7} "
              f"{'warnings':>8} {'infos':>6}"]
    for lang, row in cat.by_language().items():
        lines.append(f"  {lang:<12} {row['files']:>6} {row['cues']:>8} {row['errors']:>7} "
                     f"{row['warnings']:>8} {row['infos']:>6}")
    lines += ["", "by rule:"]
    for code, row in sorted(cat.by_code().items(), key=lambda kv: (-kv[1]["findings"], kv[0])):
        lines.append(f"  {code:<5} {row['name']:<28} {row['findings']:>7} findings in "
                     f"{row['files']} files")
    worst = cat.worst_first()[:top]
    lines += ["", f"worst files ({len(worst)} of {t['files']}):"]
    for f in worst:
        codes = ", ".join(f"{c} {n}" for c, n in f.codes.most_common(5))
        lines.append(f"  {f.errors:>5} E {f.warnings:>5} W {f.infos:>5} I  {f.path}"
                     + (f"  ({codes})" if codes else ""))
    return "\n".join(lines) + "\n"


CSS = """
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,
sans-serif;color:#1d2430}main{max-width:1320px;margin:0 auto;padding:20px 28px 60px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px}
h3{font-size:15px;margin:0 0 4px;word-break:break-all}.meta{color:#5b6675}
a{color:#2f6fd0}table{border-collapse:collapse;margin:6px 0 10px}
th,td{border-bottom:1px solid #dde3ea;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f5f7fa;position:sticky;top:0}td.n,th.n{text-align:right;
font-variant-numeric:tabular-nums}.e{color:#c62828;font-weight:600}.w{color:#d98e04}
.i{color:#2f6fd0}.up{color:#c62828}.down{color:#2e7d32}.codes{color:#5b6675;font-size:12px}
.cards{display:flex;gap:10px;flex-wrap:wrap;margin:14px 0}.card{background:#f5f7fa;
border:1px solid #dde3ea;border-radius:6px;padding:8px 16px}.card b{display:block;font-size:22px}
section.file{content-visibility:auto;contain-intrinsic-size:auto 220px;
border-top:1px solid #dde3ea;padding:10px 0}
.matrix td.n{min-width:3em}.z{color:#c0c7d0}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _num(n: int, cls: str = "") -> str:
    if not n:
        return '<td class="n z">0</td>'
    return f'<td class="n {cls}">{n}</td>' if cls else f'<td class="n">{n}</td>'


def _change(n: int | None) -> str:
    if not n:
        return '<td class="n z">·</td>'
    return f'<td class="n {"up" if n > 0 else "down"}">{n:+d}</td>'


def render_html(cat: Catalogue, previous: Catalogue | None = None) -> str:
    """One self-contained page: the totals, the trend against ``previous``, the rules, the
    languages × rules table, the files worst first, then a section per file."""
    trend = cat.trend(previous) if previous is not None else None
    by_code = cat.by_code()
    codes = sorted(by_code, key=lambda c: (-by_code[c]["findings"], c))
    worst = cat.worst_first()
    out = _html_head(cat, previous, trend)
    out += _html_trend(cat, previous, trend) if trend else []
    out += _html_rules(by_code, codes)
    out += _html_languages(cat, by_code, codes)
    out += _html_files(worst, trend)
    for n, f in enumerate(worst):
        out += _html_file_section(n, f)
    out.append("</main></body></html>\n")
    return "\n".join(out)


def _html_head(cat: Catalogue, previous: Catalogue | None, trend: dict | None) -> list[str]:
    t = cat.totals()
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>subqa catalogue: {t['files']} files</title><style>{CSS}</style></head>",
           '<body><main id="top"><h1>subqa catalogue</h1>',
           f'<p class="meta">from {_e(", ".join(cat.inputs))}'
           + (f"; compared with {_e(', '.join(previous.inputs))}" if previous else "") + "</p>",
           '<div class="cards">']
    for key, label in (("files", "files"), ("cues", "cues"), ("errors", "errors"),
                       ("warnings", "warnings"), ("infos", "infos"),
                       ("files_with_errors", "files with errors"), ("clean_files", "clean files")):
        delta = ""
        if trend:
            ch = trend["totals"][key]["change"]
            delta = f' <span class="{"up" if ch > 0 else "down"}">{ch:+d}</span>' if ch else ""
        out.append(f'<div class="card"><b>{t[key]}</b>{label}{delta}</div>')
    out.append("</div>")
    if cat.replaced:
        out.append(f'<p class="meta">{cat.replaced} files were in more than one input: the later '
                   "result is used.</p>")
    return out


def _html_trend(cat: Catalogue, previous: Catalogue, trend: dict) -> list[str]:
    out = ["<h2>Since the previous run</h2><p>"
           f"{len(trend['added'])} files added, {len(trend['removed'])} removed, "
           f"{len(trend['fixed'])} fixed (no more errors), "
           f"{len(trend['newly_failing'])} newly failing.</p>"]
    if trend["by_code"]:
        out.append('<table><tr><th>rule</th><th class="n">before</th><th class="n">now</th>'
                   '<th class="n">change</th></tr>')
        for code, c in trend["by_code"].items():
            name = cat.names.get(code) or previous.names.get(code, "")
            out.append(f"<tr><td>{_e(code)} {_e(name)}"
                       f"</td>{_num(c['before'])}{_num(c['now'])}{_change(c['change'])}</tr>")
        out.append("</table>")
    return out


def _html_rules(by_code: dict, codes: list[str]) -> list[str]:
    out = ['<h2>Rules</h2><table><tr><th>rule</th><th>severity</th>'
           '<th class="n">findings</th><th class="n">files</th></tr>']
    for code in codes:
        row = by_code[code]
        out.append(f"<tr><td><b>{_e(code)}</b> {_e(row['name'])}</td><td>{_e(row['severity'])}"
                   f"</td>{_num(row['findings'])}{_num(row['files'])}</tr>")
    out.append("</table>")
    return out


def _html_languages(cat: Catalogue, by_code: dict, codes: list[str]) -> list[str]:
    out = ['<h2>Languages × rules</h2><table class="matrix"><tr><th>language</th>'
           '<th class="n">files</th><th class="n">cues</th><th class="n">errors</th>'
           '<th class="n">warnings</th><th class="n">infos</th>'
           + "".join(f'<th class="n" title="{_e(by_code[c]["name"])}">{_e(c)}</th>'
                     for c in codes) + "</tr>"]
    for lang, row in cat.by_language().items():
        out.append(f"<tr><td>{_e(lang)}</td>{_num(row['files'])}{_num(row['cues'])}"
                   f"{_num(row['errors'], 'e')}{_num(row['warnings'], 'w')}"
                   f"{_num(row['infos'], 'i')}"
                   + "".join(_num(row["by_code"].get(c, 0)) for c in codes) + "</tr>")
    out.append("</table>")
    return out


def _html_files(worst: list, trend: dict | None) -> list[str]:
    changes = trend["file_changes"] if trend else {}
    out = [f"<h2>Files, worst first ({len(worst)})</h2><table><tr><th>file</th>"
           '<th>language</th><th class="n">cues</th><th class="n">errors</th>'
           '<th class="n">warnings</th><th class="n">infos</th>'
           + ('<th class="n">change</th>' if trend else "") + "<th>rules</th></tr>"]
    for n, f in enumerate(worst):
        rules = " ".join(f"{_e(c)}&nbsp;{k}" for c, k in sorted(f.codes.items()))
        out.append(f'<tr><td><a href="#f{n}">{_e(f.path)}</a></td><td>{_e(f.language or "")}'
                   f"</td>{_num(f.cues)}{_num(f.errors, 'e')}{_num(f.warnings, 'w')}"
                   f"{_num(f.infos, 'i')}" + (_change(changes.get(f.path)) if trend else "")
                   + f'<td class="codes">{rules}</td></tr>')
    out.append("</table><h2>Each file</h2>")
    return out


def _html_file_section(n: int, f) -> list[str]:
    out = [f'<section class="file" id="f{n}"><h3>{_e(f.path)}</h3><p class="meta">'
           f"{_e(f.format)} · {_e(f.language or 'language unknown')} · {f.cues} cues · "
           f'<span class="e">{f.errors} errors</span> · <span class="w">{f.warnings} '
           f'warnings</span> · <span class="i">{f.infos} infos</span> · '
           '<a href="#top">top</a></p>']
    if f.shown:
        out.append("<table><tr><th>line</th><th>rule</th><th>severity</th><th>message</th>"
                   "</tr>")
        for x in f.shown:
            out.append(f'<tr><td class="n">{_e(x["line"] if x["line"] is not None else "")}'
                       f"</td><td>{_e(x['code'])}</td><td>{_e(x['severity'])}</td>"
                       f"<td>{_e(x['message'])}</td></tr>")
        out.append("</table>")
        if f.total > len(f.shown):
            out.append(f'<p class="meta">the first {SHOWN} of {f.total} findings; the '
                       "file's own report has them all</p>")
    out.append("</section>")
    return out


RENDERERS = {"text": render_text, "json": render_json, "html": render_html}
