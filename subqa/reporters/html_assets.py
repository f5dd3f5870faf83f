"""The stylesheet and script inlined into the HTML report (no network: nothing is fetched)."""

CSS = """
:root {
  --error: #c62828; --warning: #d98e04; --info: #2f6fd0; --ok: #9aa7b4; --over: #e0a100;
  --ink: #1d2430; --muted: #5b6675; --line: #dde3ea; --bg: #ffffff; --panel: #f5f7fa;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
       "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1320px; margin: 0 auto; padding: 20px 28px 60px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 6px; word-break: break-all; }
h3 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); text-transform: uppercase;
     letter-spacing: .04em; }
a { color: var(--info); }
.meta { color: var(--muted); margin: 0 0 8px; }
.verdict { font-weight: 600; padding: 1px 8px; border-radius: 10px; color: #fff; }
.verdict.pass { background: #2e7d32; } .verdict.fail { background: var(--error); }
.cards { display: flex; gap: 10px; flex-wrap: wrap; margin: 14px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
        padding: 8px 16px; min-width: 110px; }
.card b { display: block; font-size: 22px; }
.card.error b { color: var(--error); } .card.warning b { color: var(--warning); }
.card.info b { color: var(--info); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
         vertical-align: top; }
td { overflow-wrap: anywhere; }
td.num, td.time, td.sev-cell { overflow-wrap: normal; white-space: nowrap; }
td.rule { overflow-wrap: normal; white-space: nowrap; }
td.msg { min-width: 9em; }
th { background: var(--panel); font-weight: 600; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; min-width: 58px; text-align: center; border-radius: 3px;
       color: #fff; font-size: 12px; padding: 0 6px; white-space: nowrap; overflow-wrap: normal; }
.sev.error { background: var(--error); } .sev.warning { background: var(--warning); }
.sev.info { background: var(--info); }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
.rule-name { color: var(--muted); }
td.cue-text { background: #fbfbf8; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas,
              monospace; font-size: 13px; }
/* The cue's own lines, never soft-wrapped: the block's min-content width is its longest line
   (up to the cap), so the table gives it that width; a longer line scrolls sideways. */
td.cue-text .lines { white-space: pre; overflow-wrap: normal; overflow-x: auto; max-width: 48ch;
                     unicode-bidi: plaintext; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; font-size: 12px; }
tr.finding:target td { background: #fff4c2; }
/* a linked finding lands below the table's sticky header, not under it */
tr.finding { scroll-margin-top: 3em; }
section.file { border-top: 2px solid var(--line); margin-top: 30px; }
.file-notes { list-style: none; padding: 0; margin: 6px 0; }
.file-notes li { margin: 2px 0; }
.chart { width: 100%; height: auto; display: block; background: var(--panel);
         border: 1px solid var(--line); border-radius: 4px; }
.chart text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.chart .axis { stroke: #b9c3ce; stroke-width: 1; }
.chart .grid { stroke: #e2e7ed; stroke-width: 1; }
.chart .limit { stroke: var(--error); stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart text.limit-label { fill: var(--error); font-weight: 600; }
.chart .clip-mark { fill: var(--ink); }
.chart text.clip-label { fill: var(--ink); font-weight: 600; }
.c-ok { fill: var(--ok); } .c-info { fill: var(--info); } .c-warning { fill: var(--warning); }
.c-error { fill: var(--error); } .c-over { fill: var(--over); } .c-unchecked { fill: #cfd6de; }
.chart a rect:hover, .chart rect:hover { stroke: var(--ink); stroke-width: 1; }
.legend { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
.legend i.k-error { background: var(--error); } .legend i.k-warning { background: var(--warning); }
.legend i.k-info { background: var(--info); } .legend i.k-ok { background: var(--ok); }
.legend i.k-over { background: var(--over); } .legend i.k-unchecked { background: #cfd6de; }
.legend i { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px;
            vertical-align: -1px; border-radius: 2px; }
.filters { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
           padding: 6px 12px; margin: 10px 0; }
.filters label { margin-right: 14px; }
.empty { color: var(--muted); font-style: italic; }
"""

JS = """
(function () {
  function apply() {
    var hide = {};
    document.querySelectorAll('input.sev-toggle').forEach(function (c) {
      if (!c.checked) { hide[c.value] = true; }
    });
    var code = document.getElementById('code-filter').value;
    document.querySelectorAll('tr.finding').forEach(function (tr) {
      tr.hidden = !!hide[tr.dataset.sev] || (code !== '' && tr.dataset.code !== code);
    });
  }
  document.querySelectorAll('input.sev-toggle, #code-filter').forEach(function (el) {
    el.addEventListener('change', apply);
  });
})();
"""
