/**
 * Horizontal bars on a fixed [−1, 1] axis (correlations), one row per item, up to two bars per row,
 * with an optional interval whisker on the second. The axis is never cropped to the data, so a bar's
 * length is its correlation.
 */
import { axes, legend, openSvg, px, type Area } from "./frame.js";
import { corr, esc } from "./format.js";
import { linearScale } from "./scale.js";

export interface BarRow {
  label: string;
  /** Up to two values (null: undefined, drawn as nothing with "—"). */
  values: (number | null)[];
  /** Interval of the last value. */
  interval?: [number, number] | null;
}

export interface BarOptions {
  title: string;
  desc: string;
  rows: BarRow[];
  /** Names of the values, in order (legend). */
  series: string[];
  xLabel: string;
  width?: number;
}

export function correlationBars(o: BarOptions): string {
  const rowH = 22;
  const width = o.width ?? 560;
  const margin = { top: 24, right: 64, bottom: 56, left: 190 };
  const height = margin.top + margin.bottom + rowH * o.rows.length;
  const a: Area = { x0: margin.left, x1: width - margin.right, y0: margin.top, y1: height - margin.bottom };
  const x = linearScale([-1, 1], [a.x0, a.x1], { ticks: 4 });
  const out: string[] = [openSvg({ width, height, margin, title: o.title, desc: o.desc, kind: "bars", data: { rows: o.rows.length } })];
  out.push(axes(x, null, a, { x: o.xLabel, y: "" }));
  const nSeries = o.series.length;
  const barH = (rowH - 6) / nSeries;
  o.rows.forEach((r, k) => {
    const top = a.y0 + k * rowH + 3;
    out.push(`<text class="rl" x="${a.x0 - 6}" y="${px(top + rowH / 2)}" text-anchor="end">${esc(r.label)}</text>`);
    r.values.forEach((v, s) => {
      if (v === null) return;
      const x0 = x.map(0);
      const x1 = x.map(v);
      const y = top + s * barH;
      out.push(
        `<rect class="bar b${s}" x="${px(Math.min(x0, x1))}" y="${px(y)}" width="${px(Math.max(0.5, Math.abs(x1 - x0)))}" height="${px(barH - 1)}" data-value="${v}">` +
          `<title>${esc(`${r.label}: ${o.series[s]} ${corr(v)}`)}${s === nSeries - 1 && r.interval ? esc(` (95% interval ${corr(r.interval[0])} to ${corr(r.interval[1])})`) : ""}</title></rect>`,
      );
      if (s === nSeries - 1 && r.interval) {
        const wy = y + (barH - 1) / 2;
        out.push(`<line class="whisker" x1="${px(x.map(r.interval[0]))}" x2="${px(x.map(r.interval[1]))}" y1="${px(wy)}" y2="${px(wy)}"/>`);
      }
    });
    const last = r.values[r.values.length - 1];
    out.push(`<text class="rv" x="${a.x1 + 6}" y="${px(top + rowH / 2)}">${esc(corr(last ?? null))}</text>`);
  });
  out.push(legend([...o.series.map((s, i) => ({ label: s, cls: `b${i}`, shape: "square" as const })), { label: "95% interval", shape: "line", cls: "whisker" }], a.x0, height - 6));
  out.push(`</svg>`);
  return out.join("");
}
