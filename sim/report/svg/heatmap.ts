/**
 * A heat map of a share per cell of two binned parameters, on a fixed 0–100% colour scale (viridis:
 * perceptually uniform, readable in grey and by colour-blind readers). Every cell carries its share as
 * text and, on hover, its counts; empty cells are marked as such, not coloured as 0%.
 */
import { legend, openSvg, px, type Area } from "./frame.js";
import { esc, fmt, pct } from "./format.js";
import type { CellGrid } from "../stats/cells.js";

const VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];

/** The viridis colour of t in [0, 1] (linear between ten stops). */
export function viridis(t: number): string {
  const u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  const ch = (s: string, k: number) => parseInt(s.slice(1 + 2 * k, 3 + 2 * k), 16);
  const mix = [0, 1, 2].map((k) => Math.round(ch(a, k) + f * (ch(b, k) - ch(a, k))));
  return "#" + mix.map((v) => v.toString(16).padStart(2, "0")).join("");
}

export interface HeatmapOptions {
  title: string;
  desc: string;
  grid: CellGrid;
  xName: string;
  yName: string;
  /** What the share is of: "safe and profitable". */
  what: string;
}

export function heatmap(o: HeatmapOptions): string {
  const g = o.grid;
  const width = 470;
  const height = 390;
  const margin = { top: 24, right: 70, bottom: 78, left: 96 };
  const a: Area = { x0: margin.left, x1: width - margin.right, y0: margin.top, y1: height - margin.bottom };
  const cw = (a.x1 - a.x0) / g.bx.bins;
  const ch = (a.y1 - a.y0) / g.by.bins;
  let runs = 0;
  for (const col of g.count) for (const c of col) runs += c;
  const out: string[] = [openSvg({ width, height, margin, title: o.title, desc: o.desc, kind: "heatmap", data: { cells: g.bx.bins * g.by.bins, runs } })];
  const f3 = (x: number) => fmt(x, 3);
  for (let i = 0; i < g.bx.bins; i++) {
    for (let j = 0; j < g.by.bins; j++) {
      const n = g.count[i]![j]!;
      const h = g.hits[i]![j]!;
      const x = a.x0 + i * cw;
      const y = a.y1 - (j + 1) * ch; // low values at the bottom
      const where = `${o.xName} ${g.bx.label(i, f3)}, ${o.yName} ${g.by.label(j, f3)}`;
      if (n === 0) {
        out.push(`<rect class="cell empty" x="${px(x)}" y="${px(y)}" width="${px(cw)}" height="${px(ch)}"><title>${esc(`${where}: no runs`)}</title></rect>`);
        continue;
      }
      const share = h / n;
      out.push(
        `<rect class="cell" x="${px(x)}" y="${px(y)}" width="${px(cw)}" height="${px(ch)}" fill="${viridis(share)}" data-share="${share}" data-n="${n}">` +
          `<title>${esc(`${where}: ${h} of ${n} runs ${o.what} (${pct(share)})`)}</title></rect>`,
      );
      if (cw >= 26 && ch >= 14) {
        out.push(`<text class="cv${share > 0.6 ? " dark" : ""}" x="${px(x + cw / 2)}" y="${px(y + ch / 2 + 3.5)}" text-anchor="middle">${Math.round(100 * share)}</text>`);
      }
    }
  }
  out.push(`<rect class="frame" x="${a.x0}" y="${a.y0}" width="${px(a.x1 - a.x0)}" height="${px(a.y1 - a.y0)}"/>`);
  // axis ticks: bin edges (or levels)
  const xTicks = g.bx.kind === "edges" ? g.bx.edges.map((v, i) => ({ p: a.x0 + i * cw, v })) : g.bx.levels.map((v, i) => ({ p: a.x0 + (i + 0.5) * cw, v }));
  const yTicks = g.by.kind === "edges" ? g.by.edges.map((v, j) => ({ p: a.y1 - j * ch, v })) : g.by.levels.map((v, j) => ({ p: a.y1 - (j + 0.5) * ch, v }));
  xTicks.forEach((t, k) => {
    if (g.bx.kind === "edges" && k % 2 === 1 && xTicks.length > 7) return;
    out.push(`<text class="tk" x="${px(t.p)}" y="${a.y1 + 13}" text-anchor="middle">${esc(f3(t.v))}</text>`);
  });
  yTicks.forEach((t) => out.push(`<text class="tk" x="${a.x0 - 4}" y="${px(t.p + 3.5)}" text-anchor="end">${esc(f3(t.v))}</text>`));
  out.push(`<text class="al" x="${px((a.x0 + a.x1) / 2)}" y="${a.y1 + 28}" text-anchor="middle">${esc(o.xName)}</text>`);
  out.push(`<text class="al" transform="translate(${a.x0 - 58} ${px((a.y0 + a.y1) / 2)}) rotate(-90)" text-anchor="middle">${esc(o.yName)}</text>`);
  // colour bar
  const bx = a.x1 + 14;
  const steps = 20;
  for (let s = 0; s < steps; s++) {
    const h = (a.y1 - a.y0) / steps;
    out.push(`<rect x="${bx}" y="${px(a.y1 - (s + 1) * h)}" width="12" height="${px(h + 0.5)}" fill="${viridis((s + 0.5) / steps)}"/>`);
  }
  for (const v of [0, 0.5, 1]) out.push(`<text class="tk" x="${bx + 16}" y="${px(a.y1 - v * (a.y1 - a.y0) + 3.5)}">${v * 100}%</text>`);
  out.push(legend([{ label: `cell: % of its runs ${o.what}`, shape: "square", color: viridis(0.7) }, { label: "no runs", shape: "square", cls: "empty" }], a.x0, height - 24));
  out.push(`<text class="lg" x="${a.x0}" y="${height - 6}">${esc(`${runs} runs in ${g.bx.bins} × ${g.by.bins} cells`)}</text>`);
  out.push(`</svg>`);
  return out.join("");
}
