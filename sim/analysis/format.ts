/** The findings as a plain-text table. */
import type { Findings, ParameterFindings } from "./findings.js";

const pct = (x: number): string => (100 * x).toFixed(1) + "%";

/** A number in at most `digits` significant digits, without exponent for everyday magnitudes. */
export function formatValue(x: number | null, digits = 4): string {
  if (x === null) return "—";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e7 || abs < 1e-4) return x.toExponential(digits - 1);
  if (abs >= 10 ** digits) return Math.round(x).toString();
  return Number(x.toPrecision(digits)).toString();
}

const r3 = (r: number | null): string => (r === null ? "undefined" : (r >= 0 ? " " : "") + r.toFixed(3));

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

export function formatFindings(f: Findings): string {
  const s = f.summary;
  const out: string[] = [];
  const src = f.source;
  const facts = [
    `${s.runs} run${s.runs === 1 ? "" : "s"}`,
    src.steps !== null ? `${src.steps} steps` : undefined,
    src.masterSeed !== null ? `seed ${src.masterSeed}` : undefined,
    src.readings !== null ? `readings ${src.readings}` : undefined,
  ].filter(Boolean);
  out.push(`Findings — ${src.results} (${facts.join(", ")})`);
  if (src.design) out.push(`design: ${src.design}`);
  if (src.complete === false) {
    out.push(`PARTIAL: ${s.runs} of the design's ${src.plannedRuns} runs (the sweep is running or was interrupted)`);
  }
  if (src.tornBytes) out.push(`note: left out a torn last line (${src.tornBytes} bytes)`);
  out.push("");
  const row = (label: string, count: string, value: string) => `  ${pad(label, 30)}${pad(count, 14, true)}${pad(value, 12, true)}`;
  out.push(row("runs with zero flips (safe)", `${s.zeroFlips.count} / ${s.runs}`, pct(s.zeroFlips.fraction)));
  out.push(row("profitable (profit > 0)", `${s.profitable.count} / ${s.runs}`, pct(s.profitable.fraction)));
  out.push(row("safe and profitable", `${s.safeAndProfitable.count} / ${s.runs}`, pct(s.safeAndProfitable.fraction)));
  out.push(row("median flips", "", formatValue(s.medianFlips, 6)));
  out.push(row("median profit", "", formatValue(s.medianProfit, 6)));
  out.push(row("max profit", "", formatValue(s.maxProfit, 6)));
  out.push("");

  const varying = f.parameters.filter((p) => p.constant === undefined);
  const constant = f.parameters.filter((p) => p.constant !== undefined);
  const w = Math.max(9, ...varying.map((p) => p.name.length)) + 2;
  out.push(
    `  ${pad("parameter", w)}${pad("r(flips)", 11, true)}${pad("r(profit)", 11, true)}${pad("mean safe&prof", 17, true)}${pad("mean rest", 12, true)}`,
  );
  for (const p of varying) {
    out.push(
      `  ${pad(p.name, w)}${pad(r3(p.correlation.flips), 11, true)}${pad(r3(p.correlation.profit), 11, true)}` +
        `${pad(formatValue(p.mean.safeAndProfitable), 17, true)}${pad(formatValue(p.mean.rest), 12, true)}`,
    );
  }
  const notes = new Set<string>();
  for (const p of varying) for (const n of p.notes ?? []) notes.add(n.startsWith("correlation with") || n.startsWith("no safe") || n.startsWith("every run") ? n : `${p.name}: ${n}`);
  if (constant.length > 0) {
    out.push("");
    out.push(
      `  the same in every run (correlations undefined): ${constant.map((p: ParameterFindings) => `${p.name} = ${formatValue(p.constant ?? null, 6)}`).join(", ")}`,
    );
  }
  if (notes.size > 0) {
    out.push("");
    for (const n of notes) out.push(`  note: ${n}`);
  }
  return out.join("\n") + "\n";
}
