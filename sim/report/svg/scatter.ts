/**
 * A scatter plot light enough for thousands of points: each group of points is ONE <path> of
 * zero-length segments ("m dx dy h0", whole pixels, relative to the previous point) drawn with round
 * caps, so a 2000-point plot costs ~15 kB. Runs worth naming (best, worst, …) are drawn on top as separate marks with a <title>.
 */
import { axes, areaOf, legend, openSvg, type FrameOptions, type LegendItem } from "./frame.js";
import { esc } from "./format.js";
import type { Scale } from "./scale.js";

export interface ScatterGroup {
  /** Indexes of the points in this group. */
  members: ArrayLike<number>;
  label: string;
  /** CSS class of the group's colour. */
  cls: string;
}

export interface ScatterMark {
  index: number;
  /** Shown on hover (the <title>). */
  title: string;
  /** Short text next to the mark. */
  tag?: string;
}

export interface ScatterOptions {
  frame: Omit<FrameOptions, "kind">;
  x: Scale;
  y: Scale;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  labels: { x: string; y: string };
  groups: ScatterGroup[];
  marks?: ScatterMark[];
  /** Horizontal jitter in pixels (few-valued x), deterministic per point index. */
  jitter?: number;
  /** The y scale's note ("symmetric log scale") is said in the title or caption, not on the axis. */
  yNoteElsewhere?: boolean;
}

/** A deterministic value in [−1, 1) from an integer (for jitter; no random stream needed). */
export function hashUnit(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 2 ** 32) * 2 - 1;
}

export function scatter(o: ScatterOptions): string {
  const a = areaOf(o.frame);
  const n = o.xs.length;
  const pos = (i: number): [number, number] => {
    const jx = o.jitter ? o.jitter * hashUnit(i) : 0;
    return [Math.round(o.x.map(o.xs[i]!) + jx), Math.round(o.y.map(o.ys[i]!))];
  };
  const out: string[] = [openSvg({ ...o.frame, kind: "scatter", data: { ...(o.frame.data ?? {}), points: n } })];
  out.push(axes(o.x, o.y, a, o.labels, { yNoteElsewhere: o.yNoteElsewhere }));
  for (const g of o.groups) {
    // Points left to right, each a relative move from the last ("m dx dy h0"): short numbers.
    const pts = Array.from(g.members, (i) => pos(i)).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    const d: string[] = [];
    let cx = 0;
    let cy = 0;
    pts.forEach(([x, y], k) => {
      d.push(k === 0 ? `M${x} ${y}h0` : `m${x - cx}${y - cy < 0 ? "" : " "}${y - cy}h0`);
      cx = x;
      cy = y;
    });
    out.push(`<path class="pts ${esc(g.cls)}" data-n="${g.members.length}" d="${d.join("")}"/>`);
  }
  for (const m of o.marks ?? []) {
    const [x, y] = pos(m.index);
    out.push(`<g class="mark"><circle cx="${x}" cy="${y}" r="5"><title>${esc(m.title)}</title></circle>`);
    if (m.tag) out.push(`<text class="tag" x="${x + 7}" y="${y + 3}">${esc(m.tag)}</text>`);
    out.push(`</g>`);
  }
  const items: LegendItem[] = o.groups.map((g) => ({ label: g.label, cls: g.cls }));
  if ((o.marks ?? []).length > 0) items.push({ label: "named", shape: "ring" });
  out.push(legend(items, a.x0, o.frame.height - 4));
  out.push(`</svg>`);
  return out.join("");
}
