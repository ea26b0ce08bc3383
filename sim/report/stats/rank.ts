/**
 * Ranks, Pearson correlation and least-squares residuals: the building blocks of the sensitivity
 * ranking (sensitivity.ts). Plain arrays of numbers; nothing here knows about sweeps.
 */

/**
 * Ranks 1..n with ties given the mean of the ranks they span (the usual "average" method).
 *
 * @example ranks([10, 30, 20, 20]) // [1, 4, 2.5, 2.5]
 */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const mean = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]!] = mean;
    i = j + 1;
  }
  return out;
}

/** Pearson correlation; null when there are fewer than 2 values or a side never varies. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`pearson: ${n} x values and ${y.length} y values`);
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** A copy with the mean subtracted. */
export function centred(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i]!;
  m /= n;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i]! - m;
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * An orthonormal basis of the span of the centred columns (modified Gram–Schmidt, twice for
 * stability). Columns that are (numerically) combinations of earlier ones add nothing.
 */
export function orthonormalBasis(columns: readonly ArrayLike<number>[]): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const col of columns) {
    const v = centred(col);
    const norm0 = Math.sqrt(dot(v, v));
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        const c = dot(v, q);
        for (let i = 0; i < v.length; i++) v[i] = v[i]! - c * q[i]!;
      }
    }
    const norm = Math.sqrt(dot(v, v));
    if (norm <= 1e-10 * norm0) continue; // dependent on earlier columns
    for (let i = 0; i < v.length; i++) v[i] = v[i]! / norm;
    basis.push(v);
  }
  return basis;
}

/**
 * Residuals of the least-squares fit of y on an intercept and the columns whose (centred)
 * orthonormal basis is given: y − ȳ − Σ q (qᵀ y).
 */
export function residuals(y: ArrayLike<number>, basis: readonly Float64Array[]): Float64Array {
  const r = centred(y);
  for (const q of basis) {
    const c = dot(r, q);
    for (let i = 0; i < r.length; i++) r[i] = r[i]! - c * q[i]!;
  }
  return r;
}
