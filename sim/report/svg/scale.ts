/**
 * Scales from data to pixels: linear (with "nice" round ticks) and symmetric-log (for heavy-tailed,
 * signed quantities such as pool profit, which runs from about −10⁴ to 10⁷ in the study).
 */
import { tick } from "./format.js";

export interface Tick {
  value: number;
  label: string;
}

export interface Scale {
  kind: "linear" | "symlog" | "log";
  /** The data interval shown, [low, high]. */
  domain: [number, number];
  /** The pixel interval it maps to (reversed for y axes). */
  range: [number, number];
  map(v: number): number;
  ticks(): Tick[];
  /** How the axis says its scale, for labels: "" (linear), "symmetric log scale" or "log scale". */
  note: string;
}

/** 1, 2 or 5 × 10^k, the smallest at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const f = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return f * p;
}

/** Round ticks inside [lo, hi], about `target` of them. */
export function linearTicks(lo: number, hi: number, target = 5): number[] {
  if (lo === hi) return [lo];
  const step = niceStep((hi - lo) / target);
  const first = Math.ceil(lo / step - 1e-9) * step;
  const out: number[] = [];
  for (let v = first; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

export interface LinearOptions {
  /** Extend the domain outwards to round ticks. */
  nice?: boolean;
  /** Always include zero in the domain (bars, counts, money that can be zero). */
  zero?: boolean;
  ticks?: number;
}

/**
 * A linear scale. A degenerate domain (every value equal) is widened by one unit each side (or by
 * 10% of the value) so the points sit in the middle; all zeros with `zero` give [0, 1].
 *
 * @example linearScale([0, 10], [0, 100]).map(2.5) // 25
 */
export function linearScale(domain: [number, number], range: [number, number], opts: LinearOptions = {}): Scale {
  let [lo, hi] = domain;
  if (opts.zero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) {
    if (lo === 0 && opts.zero) hi = 1; // all zero: show 0 at the bottom, not a negative half
    else {
      const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
  }
  const target = opts.ticks ?? 5;
  if (opts.nice) {
    const step = niceStep((hi - lo) / target);
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
  }
  const [r0, r1] = range;
  const k = (r1 - r0) / (hi - lo);
  return {
    kind: "linear",
    domain: [lo, hi],
    range,
    map: (v) => r0 + (v - lo) * k,
    ticks: () => linearTicks(lo, hi, target).map((value) => ({ value, label: tick(value) })),
    note: "",
  };
}

/** sign(v)·log10(1 + |v|/c): linear near 0 (|v| ≲ c), logarithmic beyond. */
export function symlog(v: number, c: number): number {
  return Math.sign(v) * Math.log10(1 + Math.abs(v) / c);
}

/**
 * A symmetric-log scale: zero in the middle of its own linear band, powers of ten beyond, both signs.
 * The domain always includes 0, so the sign of every value is visible.
 *
 * @example symlogScale([-5000, 5e6], [200, 0]).ticks().map(t => t.label) // ["−1k", "0", "1k", …, "1M"]
 */
export function symlogScale(domain: [number, number], range: [number, number], c = 1): Scale {
  const lo = Math.min(0, domain[0]);
  const hi = Math.max(0, domain[1]);
  // the domain in transformed units, out to the next power of ten
  const t0 = lo < 0 ? -Math.ceil(symlog(-lo, c) - 1e-9) : 0;
  const t1 = hi > 0 ? Math.ceil(symlog(hi, c) - 1e-9) : 0;
  const a = t0 === t1 ? -1 : t0;
  const b = t0 === t1 ? 1 : t1;
  const [r0, r1] = range;
  const k = (r1 - r0) / (b - a);
  const inv = (t: number): number => Math.sign(t) * c * (10 ** Math.abs(t) - 1);
  return {
    kind: "symlog",
    domain: [inv(a), inv(b)],
    range,
    map: (v) => r0 + (symlog(v, c) - a) * k,
    ticks: () => {
      const decades = b - a;
      const every = decades > 8 ? 2 : 1;
      const out: Tick[] = [];
      for (let t = a; t <= b; t++) {
        if (t !== 0 && t % every !== 0) continue;
        const v = t === 0 ? 0 : Math.sign(t) * c * 10 ** Math.abs(t);
        out.push({ value: v, label: tick(v) });
      }
      return out;
    },
    note: "symmetric log scale",
  };
}

/**
 * A base-10 logarithmic scale over [10^lo, 10^hi] (whole decades), for small positive quantities such
 * as relative differences. Values at or below the floor are drawn at the floor (the caller says so).
 *
 * @example logScale(-18, -6, [200, 0]).map(1e-12) // 100
 */
export function logScale(loDecade: number, hiDecade: number, range: [number, number]): Scale {
  const [r0, r1] = range;
  const k = (r1 - r0) / (hiDecade - loDecade);
  return {
    kind: "log",
    domain: [10 ** loDecade, 10 ** hiDecade],
    range,
    map: (v) => r0 + (Math.max(loDecade, Math.min(hiDecade, v > 0 ? Math.log10(v) : loDecade)) - loDecade) * k,
    ticks: () => {
      const out: Tick[] = [];
      const every = hiDecade - loDecade > 8 ? 3 : 1;
      for (let d = loDecade; d <= hiDecade; d++) if ((d - loDecade) % every === 0) out.push({ value: 10 ** d, label: `1e${d}` });
      return out;
    },
    note: "log scale",
  };
}
