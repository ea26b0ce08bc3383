/**
 * Sensitivity of an output to each input: partial rank correlation coefficients (PRCC, Marino et al.
 * 2008): rank-transform every input and the output; for input j, regress (least squares with an
 * intercept) rank(x_j) and rank(y) on the ranks of the other inputs; PRCC_j is the Pearson correlation
 * of the two residuals. It measures a monotone effect of x_j with the other inputs held fixed (linearly
 * in their ranks), which the plain correlation does not when the design's inputs are correlated.
 */
import { orthonormalBasis, pearson, ranks, residuals } from "./rank.js";

export interface Input {
  name: string;
  values: ArrayLike<number>;
}

export interface PrccResult {
  name: string;
  /** Partial rank correlation with the output; null when the output or this input never varies. */
  prcc: number | null;
  /** Approximate 95% interval of PRCC (Fisher z, standard error 1/√(n − 3 − controls)); null when undefined. */
  interval: [number, number] | null;
}

/** z of the two-sided 95% normal interval. */
export const Z95 = 1.959963984540054;

/**
 * Fisher-z interval of a (partial) correlation r from n pairs with `controls` variables held fixed.
 *
 * @example fisherInterval(0.5, 103, 0) // tanh(atanh(0.5) ± 1.96/10)
 */
export function fisherInterval(r: number, n: number, controls: number, z = Z95): [number, number] | null {
  const df = n - 3 - controls;
  if (df <= 0) return null;
  if (Math.abs(r) >= 1) return [r, r];
  const c = Math.atanh(r);
  const h = z / Math.sqrt(df);
  return [Math.tanh(c - h), Math.tanh(c + h)];
}

/**
 * PRCC of y with every input. Inputs that never vary get null (they carry no information and are
 * left out of the other inputs' regressions).
 *
 * @example
 * prcc([{ name: "a", values: a }, { name: "b", values: b }], y) // [{ name: "a", prcc, interval }, …]
 */
export function prcc(inputs: readonly Input[], y: ArrayLike<number>): PrccResult[] {
  const n = y.length;
  for (const inp of inputs) {
    if (inp.values.length !== n) throw new RangeError(`prcc: input ${inp.name} has ${inp.values.length} values, the output ${n}`);
  }
  const ry = ranks(y);
  const varies = (v: ArrayLike<number>): boolean => {
    for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return true;
    return false;
  };
  const yVaries = varies(y);
  const ranked = inputs.map((inp) => (varies(inp.values) ? ranks(inp.values) : null));
  const used = ranked.filter((r): r is Float64Array => r !== null);
  return inputs.map((inp, j) => {
    const rx = ranked[j];
    if (!rx || !yVaries || n < 3) return { name: inp.name, prcc: null, interval: null };
    const others = ranked.filter((r, k): r is Float64Array => k !== j && r !== null);
    const basis = orthonormalBasis(others);
    const r = pearson(residuals(rx, basis), residuals(ry, basis));
    return { name: inp.name, prcc: r, interval: r === null ? null : fisherInterval(r, n, used.length - 1) };
  });
}
