/** Escaping and number formatting for the HTML and SVG the reports write. */

/** Text safe inside HTML/SVG elements and double-quoted attributes. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const MINUS = "\u2212";

/** A signed number with a real minus sign (typographic, and what screen readers read as minus). */
function signed(s: string): string {
  return s.startsWith("-") ? MINUS + s.slice(1) : s;
}

/**
 * A number for a table: `digits` significant digits, grouped thousands, no exponent for everyday
 * magnitudes, a real minus sign.
 *
 * @example fmt(-3318.77) // "−3,319"   fmt(0.000168) // "0.000168"   fmt(5236336) // "5,236,336"
 */
export function fmt(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e12 || abs < 1e-6) return signed(x.toExponential(digits - 1).replace(/\.?0+e/, "e"));
  if (abs >= 10 ** digits) return signed(Math.round(x).toLocaleString("en-US"));
  const v = Number(x.toPrecision(digits));
  return signed(v.toLocaleString("en-US", { maximumFractionDigits: 20, maximumSignificantDigits: digits }));
}

/** A share as a percentage with one decimal: 0.1862 → "18.6%". */
export function pct(x: number | null | undefined, decimals = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  return signed((100 * x).toFixed(decimals)) + "%";
}

/** A correlation with a sign and three decimals: "+0.349", "−0.022". */
export function corr(r: number | null | undefined): string {
  if (r === null || r === undefined) return "—";
  const s = Math.abs(r).toFixed(3);
  return (r < 0 && Number(s) !== 0 ? MINUS : r > 0 && Number(s) !== 0 ? "+" : "") + s;
}

/**
 * A short axis label: 1,500 → "1.5k", 2e6 → "2M", 0.00015 → "0.00015".
 *
 * @example tick(-10000) // "−10k"
 */
export function tick(x: number): string {
  if (x === 0) return "0";
  const abs = Math.abs(x);
  const trim = (v: number): string => String(Number(v.toPrecision(6)));
  let s: string;
  if (abs >= 1e9) s = trim(x / 1e9) + "G";
  else if (abs >= 1e6) s = trim(x / 1e6) + "M";
  else if (abs >= 1e4) s = trim(x / 1e3) + "k";
  else s = trim(x);
  return signed(s);
}
