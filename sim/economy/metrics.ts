/**
 * Health metrics (§2.4) and their bands. Computed off-chain from the ledger's state at the end of each
 * day; median, Gini and velocity are what the metrics reporter posts on-chain the next day.
 */

export type Band = "healthy" | "watch" | "warning" | "critical";
export const METRIC_KEYS = ["inflationMonthly", "median", "gini", "velocity", "activePct", "faucetSinkRatio"] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/**
 * §2.4's table, read literally. Values the table leaves unclassified (between its healthy and warning
 * ranges, or below a healthy range that has no lower warning) are "watch" (DESIGN-NOTES.md lists them).
 */
export function band(metric: MetricKey, v: number | null): Band | null {
  if (v === null || !Number.isFinite(v)) return null;
  switch (metric) {
    case "inflationMonthly":
      if (v > 0.15) return "critical";
      if (v > 0.05) return "warning";
      return v >= 0 ? "healthy" : "watch";
    case "median":
      if (v < 5 || v > 10_000) return "critical";
      if (v < 20 || v > 2_000) return "warning";
      return v >= 50 && v <= 500 ? "healthy" : "watch";
    case "gini":
      if (v > 0.65) return "critical";
      if (v > 0.5) return "warning";
      return v >= 0.3 ? "healthy" : "watch";
    case "velocity":
      if (v < 0.5 || v > 25) return "critical";
      if (v < 1 || v > 15) return "warning";
      return v >= 2 && v <= 8 ? "healthy" : "watch";
    case "activePct":
      if (v < 0.4) return "critical";
      return v <= 0.6 ? "warning" : "healthy";
    case "faucetSinkRatio":
      if (v > 1.5 || v < 0.7) return "critical";
      if (v > 1.15) return "warning";
      return v >= 0.85 ? "healthy" : "watch";
  }
}

/** Appendix A's discrete Gini over balances sorted ascending: 2·Σ i·bᵢ / (n·Σ b) − (n + 1)/n, i from 1. */
export function giniSorted(sorted: ArrayLike<number>, n: number = sorted.length): number {
  if (n === 0) return 0;
  let s = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const b = sorted[i]!;
    s += b;
    w += (i + 1) * b;
  }
  if (s <= 0) return 0;
  return (2 * w) / (n * s) - (n + 1) / n;
}

/** Median of values sorted ascending (mean of the two middle values for even n). */
export function medianSorted(sorted: ArrayLike<number>, n: number = sorted.length): number {
  if (n === 0) return 0;
  const h = n >> 1;
  return n % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/** Share of the total held by the top `fraction` of holders (sorted ascending). */
export function topShareSorted(sorted: ArrayLike<number>, n: number, fraction: number): number {
  if (n === 0) return 0;
  const k = Math.max(1, Math.round(n * fraction));
  let total = 0;
  let top = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i]!;
    if (i >= n - k) top += sorted[i]!;
  }
  return total > 0 ? top / total : 0;
}
