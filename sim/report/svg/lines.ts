/**
 * A line chart of several series over a shared x axis (time series of an agent run, a metric against
 * a grid parameter, an empirical distribution function). Series with few points get a marker with a
 * <title> at each point; long series are thinned to at most `maxPoints` vertices, keeping the first and
 * last and each bucket's extremes so that spikes survive.
 */
import { axes, areaOf, legend, legendRows, openSvg, px, type FrameOptions, type LegendItem } from "./frame.js";
import { esc, fmt } from "./format.js";
import type { Scale } from "./scale.js";

export interface Series {
  label: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** A colour class (s0…s7) or an explicit colour. */
  cls?: string;
  color?: string;
  dash?: boolean;
  /** Draw as a step function (for an ECDF). */
  step?: boolean;
}

export interface VLine {
  x: number;
  label: string;
}

export interface LineOptions {
  frame: Omit<FrameOptions, "kind">;
  x: Scale;
  y: Scale;
  labels: { x: string; y: string };
  series: Series[];
  /** Markers with <title> on every point when a series has at most this many (default 40). */
  markersUpTo?: number;
  maxPoints?: number;
  /** Labelled vertical reference lines (quantiles). */
  vlines?: VLine[];
  /** Unit for hover titles, e.g. "wealth units". */
  yUnit?: string;
  /** Ticks of the x axis instead of the scale's (categorical axes: no zero line is emphasised). */
  xTicks?: { value: number; label: string }[];
  /** How hover titles write an x value (default: the number). */
  xLabelOf?: (x: number) => string;
}

/** Indexes to draw: all when few; else first, last, and each bucket's min and max (in order). */
export function thin(ys: ArrayLike<number>, maxPoints: number): number[] {
  const n = ys.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const out: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const lo = 1 + Math.floor((b * (n - 2)) / buckets);
    const hi = 1 + Math.floor(((b + 1) * (n - 2)) / buckets);
    if (hi <= lo) continue;
    let iMin = lo;
    let iMax = lo;
    for (let i = lo; i < hi; i++) {
      if (ys[i]! < ys[iMin]!) iMin = i;
      if (ys[i]! > ys[iMax]!) iMax = i;
    }
    if (iMin === iMax) out.push(iMin);
    else out.push(Math.min(iMin, iMax), Math.max(iMin, iMax));
  }
  out.push(n - 1);
  return out;
}

export function lineChart(o: LineOptions): string {
  const a = areaOf(o.frame);
  const maxPoints = o.maxPoints ?? 1200;
  const markersUpTo = o.markersUpTo ?? 40;
  const total = o.series.reduce((s, r) => s + r.xs.length, 0);
  const out: string[] = [openSvg({ ...o.frame, kind: "lines", data: { ...(o.frame.data ?? {}), series: o.series.length, points: total } })];
  out.push(axes(o.x, o.y, a, o.labels, { xTicks: o.xTicks, xPlain: o.xTicks !== undefined }));
  (o.vlines ?? []).forEach((v, k) => {
    const p = o.x.map(v.x);
    out.push(`<line class="vref" x1="${px(p)}" x2="${px(p)}" y1="${a.y0}" y2="${a.y1}"/><text class="vlab" x="${px(p + 3)}" y="${a.y0 + 10 + 11 * k}">${esc(v.label)}</text>`);
  });
  const xText = o.xLabelOf ?? ((x: number) => fmt(x));
  o.series.forEach((s) => {
    const idx = thin(s.ys, maxPoints);
    const d: string[] = [];
    let prevY: number | undefined;
    for (const i of idx) {
      if (!Number.isFinite(s.ys[i]!) || !Number.isFinite(s.xs[i]!)) {
        prevY = undefined;
        continue;
      }
      const X = px(o.x.map(s.xs[i]!));
      const Y = px(o.y.map(s.ys[i]!));
      if (prevY === undefined) d.push(`M${X} ${Y}`);
      else if (s.step) d.push(`H${X}V${Y}`);
      else d.push(`L${X} ${Y}`);
      prevY = s.ys[i]!;
    }
    const style = s.color ? ` style="--c:${esc(s.color)}"` : "";
    out.push(`<path class="ln ${esc(s.cls ?? "")}${s.dash ? " dash" : ""}"${style} data-n="${s.xs.length}" d="${d.join("")}"><title>${esc(s.label)}</title></path>`);
    if (s.xs.length <= markersUpTo) {
      for (let i = 0; i < s.xs.length; i++) {
        if (!Number.isFinite(s.ys[i]!)) continue;
        out.push(
          `<circle class="pt ${esc(s.cls ?? "")}"${style} cx="${px(o.x.map(s.xs[i]!))}" cy="${px(o.y.map(s.ys[i]!))}" r="3.5">` +
            `<title>${esc(`${s.label}: ${o.labels.x} ${xText(s.xs[i]!)} → ${fmt(s.ys[i]!)}${o.yUnit ? " " + o.yUnit : ""}`)}</title></circle>`,
        );
      }
    }
  });
  const items: LegendItem[] = o.series.map((s) => ({ label: s.label, cls: s.cls, color: s.color, shape: s.dash ? "dash" : "line" }));
  const rows = legendRows(items, o.frame.width - a.x0 - 8);
  out.push(legend(items, a.x0, o.frame.height - 4 - 14 * (rows - 1), o.frame.width - a.x0 - 8));
  out.push(`</svg>`);
  return out.join("");
}
