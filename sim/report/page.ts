/**
 * The HTML page around the charts: one self-contained file (inline CSS, inline SVG, a few lines of
 * inline script for the copy buttons; nothing fetched), a contents list, tables and code blocks.
 */
import { esc } from "./svg/format.js";

export interface Section {
  id: string;
  title: string;
  html: string;
}

export interface PageOptions {
  title: string;
  /** Lines under the title: what was run, where from. */
  facts: string[];
  /** Warnings shown prominently (partial sweep, changed model, …). */
  warnings?: string[];
  sections: Section[];
  /** Who made the page, for the footer. */
  generator: string;
}

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];

const CSS = `
:root{--fg:#1d1d1f;--muted:#5f6368;--line:#d9d9de;--bg:#fff;--soft:#f5f6f8;--warn:#fff4e5;--warnline:#e69f00}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 28px 12px;border-bottom:1px solid var(--line);background:var(--soft)}
header h1{margin:0 0 6px;font-size:22px}
header p{margin:2px 0;color:var(--muted)}
nav{padding:8px 28px;border-bottom:1px solid var(--line);font-size:13px}
nav a{margin-right:14px;color:#0b57d0;text-decoration:none}
nav a:hover{text-decoration:underline}
main{padding:8px 28px 40px;max-width:1320px}
section{margin-top:26px}
h2{font-size:18px;margin:0 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
p.note,.note{color:var(--muted);font-size:13px;max-width:980px}
.warn{background:var(--warn);border-left:4px solid var(--warnline);padding:8px 12px;margin:10px 0;max-width:980px}
table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}
th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
tr:hover td{background:#fafbfc}
.grid-figs{display:flex;flex-wrap:wrap;gap:10px 14px}
figure{margin:0;display:table}
figcaption{display:table-caption;caption-side:bottom}
figcaption{font-size:12px;color:var(--muted);max-width:640px}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre.cmd{background:#f6f8fa;border:1px solid var(--line);padding:6px 8px;margin:4px 0;white-space:pre-wrap;word-break:break-all;max-width:1100px}
button.copy{font-size:11px;margin-left:6px;cursor:pointer}
footer{padding:14px 28px;color:var(--muted);font-size:12px;border-top:1px solid var(--line)}
.chart{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:11px;overflow:visible;background:#fff}
.chart .ttl{font-size:12px;font-weight:600;fill:var(--fg)}
.chart .grid{stroke:#ececef;stroke-width:1}
.chart .grid.zero{stroke:#8a8a8f}
.chart .frame{fill:none;stroke:#b9b9bf}
.chart .tk{fill:#55575c;font-size:10px}
.chart .al{fill:#222;font-size:11px}
.chart .lg{fill:#333;font-size:10.5px}
.chart .rl{fill:#222;font-size:11px}
.chart .rv{fill:#333;font-size:10.5px;font-variant-numeric:tabular-nums}
.chart .pts{fill:none;stroke:var(--c);stroke-linecap:round;stroke-width:3.2}
.chart .pts.rest{stroke-opacity:.32}
.chart .pts.sp{stroke-opacity:.9}
.rest{--c:#0072B2}.sp{--c:#D55E00}
.s0{--c:${PALETTE[0]}}.s1{--c:${PALETTE[1]}}.s2{--c:${PALETTE[2]}}.s3{--c:${PALETTE[3]}}.s4{--c:${PALETTE[4]}}.s5{--c:${PALETTE[5]}}.s6{--c:${PALETTE[6]}}.s7{--c:#999}
.b0{--c:#a6c8e6}.b1{--c:#0b4f8a}
.chart .sw{fill:var(--c);stroke:var(--c)}
.chart .sw.line,.chart .sw.dash{stroke-width:2.5;fill:none}
.chart .sw.dash{stroke-dasharray:4 2}
.chart .sw.ring{fill:none;stroke:#000;stroke-width:1.5}
.chart .sw.whisker{stroke:#000;stroke-width:1.5}
.chart .sw.empty,.chart .cell.empty{fill:#f1f1f3;stroke:#d0d0d5}
.chart .mark circle{fill:none;stroke:#000;stroke-width:1.6}
.chart .mark:hover circle{stroke-width:3}
.chart .tag{font-size:10px;fill:#000;paint-order:stroke;stroke:#fff;stroke-width:3px}
.chart .bar{fill:var(--c)}
.chart .whisker{stroke:#000;stroke-width:1.3}
.chart .ln{fill:none;stroke:var(--c);stroke-width:1.8;stroke-linejoin:round}
.chart .ln.dash{stroke-dasharray:5 3;stroke-width:1.6}
.chart .pt{fill:var(--c);stroke:#fff;stroke-width:1}
.chart .vref{stroke:#444;stroke-dasharray:3 3}
.chart .vlab{font-size:10px;fill:#333}
.chart .cv{font-size:10px;fill:#fff}
.chart .cv.dark{fill:#111}
.chart .cell:hover{stroke:#000;stroke-width:1.5}
@media print{nav,button.copy{display:none}}
`;

const SCRIPT = `
document.querySelectorAll("button.copy").forEach(function(b){b.addEventListener("click",function(){
  var t=document.getElementById(b.getAttribute("data-for"));if(!t)return;
  var done=function(){b.textContent="copied";setTimeout(function(){b.textContent="copy"},1500)};
  if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(t.textContent).then(done,function(){})}
});});
`;

export function page(o: PageOptions): string {
  const nav = o.sections.map((s) => `<a href="#${esc(s.id)}">${esc(s.title)}</a>`).join("");
  const warnings = (o.warnings ?? []).map((w) => `<div class="warn" role="note">${w}</div>`).join("");
  const body = o.sections.map((s) => `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>${s.html}</section>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${esc(o.title)}</h1>${o.facts.map((f) => `<p>${f}</p>`).join("")}</header>
<nav aria-label="Contents">${nav}</nav>
<main>${warnings}
${body}
</main>
<footer>${esc(o.generator)} · one self-contained file: charts are inline SVG, nothing is fetched.</footer>
<script>${SCRIPT}</script>
</body></html>
`;
}

export interface Column {
  head: string;
  /** Right-aligned, tabular figures. */
  num?: boolean;
  /** Hover text for the header. */
  title?: string;
}

/** A table; cells are HTML (escape text before passing it). */
export function table(cols: Column[], rows: string[][], caption?: string, cls = ""): string {
  const head = cols.map((c) => `<th${c.num ? ' class="num"' : ""}${c.title ? ` title="${esc(c.title)}"` : ""} scope="col">${esc(c.head)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td${cols[i]?.num ? ' class="num"' : ""}>${cell}</td>`).join("")}</tr>`).join("");
  return `<table${cls ? ` class="${cls}"` : ""}>${caption ? `<caption class="note">${caption}</caption>` : ""}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

let cmdCounter = 0;
/** A shell command in a code block with a copy button. */
export function commandBlock(command: string): string {
  const id = `cmd${++cmdCounter}`;
  return `<pre class="cmd"><code id="${id}">${esc(command)}</code></pre><button class="copy" type="button" data-for="${id}">copy</button>`;
}

/** A figure with a caption. */
export function figure(svg: string, caption?: string): string {
  return `<figure>${svg}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
}
