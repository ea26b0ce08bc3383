/**
 * The frame every chart shares: an accessible <svg> (role img, <title> and <desc>), a visible title,
 * grid lines, tick labels, and axis labels with units (and the scale, when it is not linear).
 */
import { esc } from "./format.js";
import type { Scale } from "./scale.js";

export interface Area {
  /** Pixel bounds of the plotting area. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface FrameOptions {
  width: number;
  height: number;
  /** Margins around the plotting area. */
  margin: { top: number; right: number; bottom: number; left: number };
  title: string;
  /** One or two sentences for screen readers: what the chart shows. */
  desc: string;
  /** Extra class on the <svg> (the tests find charts by it). */
  kind: string;
  /** data-* attributes on the <svg>. */
  data?: Record<string, string | number>;
}

export function areaOf(o: Pick<FrameOptions, "width" | "height" | "margin">): Area {
  return { x0: o.margin.left, x1: o.width - o.margin.right, y0: o.margin.top, y1: o.height - o.margin.bottom };
}

let counter = 0;
/** A document-unique id prefix (charts reference their own <title> and <desc>). */
export function uid(prefix: string): string {
  counter++;
  return `${prefix}${counter}`;
}

/** Round a pixel coordinate to 0.1 px (enough for lines; scatter points use whole pixels). */
export const px = (v: number): string => String(Math.round(v * 10) / 10);

export function openSvg(o: FrameOptions): string {
  const id = uid("c");
  const data = Object.entries(o.data ?? {})
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join("");
  return (
    `<svg class="chart ${esc(o.kind)}" viewBox="0 0 ${o.width} ${o.height}" width="${o.width}" height="${o.height}" ` +
    `role="img" aria-labelledby="${id}t ${id}d"${data} xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}t">${esc(o.title)}</title><desc id="${id}d">${esc(o.desc)}</desc>` +
    `<text class="ttl" x="6" y="14">${esc(o.title)}</text>`
  );
}

export interface AxisLabels {
  x: string;
  y: string;
}

/** Grid, ticks and axis labels. The scale's note ("symmetric log scale") is added to its label. */
export function axes(
  x: Scale | null,
  y: Scale | null,
  a: Area,
  labels: AxisLabels,
  o: { xTicks?: { value: number; label: string }[]; yTicks?: { value: number; label: string }[]; /** Leave the scale's note off the y label (said elsewhere). */ yNoteElsewhere?: boolean; /** No dark zero line on x (categorical axes). */ xPlain?: boolean } = {},
): string {
  const out: string[] = [`<g class="axes">`];
  if (y) {
    for (const t of o.yTicks ?? y.ticks()) {
      const py = y.map(t.value);
      if (py < a.y0 - 0.5 || py > a.y1 + 0.5) continue;
      out.push(`<line class="grid${t.value === 0 ? " zero" : ""}" x1="${a.x0}" x2="${a.x1}" y1="${px(py)}" y2="${px(py)}"/>`);
      out.push(`<text class="tk" x="${a.x0 - 4}" y="${px(py + 3.5)}" text-anchor="end">${esc(t.label)}</text>`);
    }
  }
  if (x) {
    for (const t of o.xTicks ?? x.ticks()) {
      const p = x.map(t.value);
      if (p < a.x0 - 0.5 || p > a.x1 + 0.5) continue;
      out.push(`<line class="grid${t.value === 0 && !o.xPlain ? " zero" : ""}" y1="${a.y0}" y2="${a.y1}" x1="${px(p)}" x2="${px(p)}"/>`);
      out.push(`<text class="tk" x="${px(p)}" y="${a.y1 + 13}" text-anchor="middle">${esc(t.label)}</text>`);
    }
  }
  out.push(`<rect class="frame" x="${a.x0}" y="${a.y0}" width="${px(a.x1 - a.x0)}" height="${px(a.y1 - a.y0)}"/>`);
  const xl = labels.x + (x?.note ? ` (${x.note})` : "");
  const yl = labels.y + (y?.note && !o.yNoteElsewhere ? ` (${y.note})` : "");
  out.push(`<text class="al" x="${px((a.x0 + a.x1) / 2)}" y="${a.y1 + 28}" text-anchor="middle">${esc(xl)}</text>`);
  const cy = (a.y0 + a.y1) / 2;
  out.push(`<text class="al" transform="translate(${a.x0 - 40} ${px(cy)}) rotate(-90)" text-anchor="middle">${esc(yl)}</text>`);
  out.push(`</g>`);
  return out.join("");
}

export interface LegendItem {
  label: string;
  /** A CSS class giving the swatch its colour (see page.ts), or an explicit colour. */
  cls?: string;
  color?: string;
  shape?: "dot" | "line" | "dash" | "square" | "ring";
}

/** Width in pixels a legend item takes (swatch, label, gap). */
function itemWidth(it: LegendItem): number {
  const sw = it.shape === "line" || it.shape === "dash" ? 18 : it.shape === "square" ? 14 : 12;
  return sw + it.label.length * 6.2 + 14;
}

/** Rows a legend needs within maxWidth. */
export function legendRows(items: LegendItem[], maxWidth: number): number {
  let rows = 1;
  let w = 0;
  for (const it of items) {
    const iw = itemWidth(it);
    if (w > 0 && w + iw > maxWidth) {
      rows++;
      w = 0;
    }
    w += iw;
  }
  return rows;
}

/** A legend starting at (x, y), wrapping onto lines 14 px apart when wider than maxWidth. */
export function legend(items: LegendItem[], x: number, y: number, maxWidth = Infinity): string {
  const out: string[] = [`<g class="legend">`];
  let cx = x;
  for (const it of items) {
    if (cx > x && cx - x + itemWidth(it) > maxWidth) {
      cx = x;
      y += 14;
    }
    const style = it.color ? ` style="--c:${esc(it.color)}"` : "";
    const cls = it.cls ? ` ${esc(it.cls)}` : "";
    const shape = it.shape ?? "dot";
    if (shape === "line" || shape === "dash") {
      out.push(`<line class="sw ${shape}${cls}"${style} x1="${cx}" x2="${cx + 14}" y1="${y - 4}" y2="${y - 4}"/>`);
      cx += 18;
    } else if (shape === "square") {
      out.push(`<rect class="sw sq${cls}"${style} x="${cx}" y="${y - 9}" width="10" height="10"/>`);
      cx += 14;
    } else {
      out.push(`<circle class="sw ${shape}${cls}"${style} cx="${cx + 4}" cy="${y - 4}" r="4"/>`);
      cx += 12;
    }
    out.push(`<text class="lg" x="${cx}" y="${y}">${esc(it.label)}</text>`);
    cx += it.label.length * 6.2 + 14;
  }
  out.push(`</g>`);
  return out.join("");
}
