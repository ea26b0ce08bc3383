/**
 * Two-parameter cells: bin two inputs, take the share of runs with a property in each cell, and
 * measure how much of the property's variation the cells explain (ε², the adjusted η² of a one-way
 * analysis of variance over the cells). The heat maps show the pairs with the largest ε².
 */

export interface Binning {
  /** Bin edges (length bins + 1) for a continuous input; the distinct values for a few-valued one. */
  kind: "edges" | "levels";
  edges: number[];
  levels: number[];
  bins: number;
  /** The bin of each value. */
  index(v: number): number;
  /** Label of bin b. */
  label(b: number, fmt: (x: number) => string): string;
}

/** At most this many distinct values: one bin per value (n_pools, grid parameters). */
export const MAX_LEVELS = 12;

/** Distinct values in ascending order, or null when there are more than `max`. */
export function distinctValues(values: ArrayLike<number>, max = MAX_LEVELS): number[] | null {
  const set = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    set.add(values[i]!);
    if (set.size > max) return null;
  }
  return [...set].sort((a, b) => a - b);
}

/**
 * Equal-width bins over [min, max] (the last bin closed), or one bin per value when there are at
 * most MAX_LEVELS distinct values.
 */
export function binning(values: ArrayLike<number>, bins: number): Binning {
  const levels = distinctValues(values);
  if (levels) {
    const pos = new Map(levels.map((v, i) => [v, i]));
    return {
      kind: "levels",
      edges: [],
      levels,
      bins: levels.length,
      index: (v) => pos.get(v) ?? -1,
      label: (b, fmt) => fmt(levels[b]!),
    };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  const w = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * w));
  return {
    kind: "edges",
    edges,
    levels: [],
    bins,
    index: (v) => (v >= hi ? bins - 1 : Math.max(0, Math.floor((v - lo) / w))),
    label: (b, fmt) => `${fmt(edges[b]!)}–${fmt(edges[b + 1]!)}`,
  };
}

export interface CellGrid {
  bx: Binning;
  by: Binning;
  /** Runs per cell, [ix][iy]. */
  count: number[][];
  /** Runs with the property per cell. */
  hits: number[][];
  /** ε² = (SS_between − (cells − 1)·MS_within) / SS_total over the non-empty cells; null when the property never varies. */
  epsilon2: number | null;
}

/** Cells of two inputs with the share of `flag` (1/0) in each. */
export function cellGrid(x: ArrayLike<number>, y: ArrayLike<number>, flag: ArrayLike<number>, bins = 8): CellGrid {
  const bx = binning(x, bins);
  const by = binning(y, bins);
  const count = Array.from({ length: bx.bins }, () => new Array<number>(by.bins).fill(0));
  const hits = Array.from({ length: bx.bins }, () => new Array<number>(by.bins).fill(0));
  const n = flag.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = bx.index(x[i]!);
    const b = by.index(y[i]!);
    count[a]![b]!++;
    hits[a]![b]! += flag[i]!;
    total += flag[i]!;
  }
  // One-way ANOVA of a 0/1 variable over the cells.
  const mean = total / n;
  const ssTotal = total * (1 - mean) * (1 - mean) + (n - total) * mean * mean;
  let ssBetween = 0;
  let cells = 0;
  for (let a = 0; a < bx.bins; a++) {
    for (let b = 0; b < by.bins; b++) {
      const c = count[a]![b]!;
      if (c === 0) continue;
      cells++;
      const m = hits[a]![b]! / c;
      ssBetween += c * (m - mean) * (m - mean);
    }
  }
  let epsilon2: number | null = null;
  if (ssTotal > 0 && n > cells) {
    const msWithin = (ssTotal - ssBetween) / (n - cells);
    epsilon2 = (ssBetween - (cells - 1) * msWithin) / ssTotal;
  }
  return { bx, by, count, hits, epsilon2 };
}
