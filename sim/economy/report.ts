/**
 * Text and JSON renderings of a scenario run for the command line.
 */
import type { DayRow } from "./model.js";
import type { ScenarioResult } from "./scenarios.js";

const COLUMNS: readonly [string, number, (r: DayRow) => string][] = [
  ["day", 5, (r) => String(r.day)],
  ["agents", 7, (r) => String(r.agentsPresent)],
  ["supply", 11, (r) => r.supply.toFixed(0)],
  ["faucet", 9, (r) => r.faucet.toFixed(0)],
  ["sink", 9, (r) => r.sink.toFixed(0)],
  ["f/s", 6, (r) => (r.faucetSinkRatio === null ? "-" : r.faucetSinkRatio.toFixed(2))],
  ["infl/mo", 8, (r) => (r.inflationMonthly === null ? "-" : `${(r.inflationMonthly * 100).toFixed(1)}%`)],
  ["median", 8, (r) => r.median.toFixed(1)],
  ["gini", 6, (r) => r.gini.toFixed(3)],
  ["veloc", 6, (r) => (r.velocity === null ? "-" : r.velocity.toFixed(2))],
  ["active", 7, (r) => `${(r.activePct * 100).toFixed(0)}%`],
  ["top1%", 6, (r) => `${(r.top1Share * 100).toFixed(0)}%`],
  ["subs", 7, (r) => String(r.submissions)],
  ["backlog", 8, (r) => String(r.backlog)],
  ["cap", 4, (r) => (r.capped ? "YES" : "-")],
  ["reward", 7, (r) => r.params.validationReward!.toFixed(3)],
  ["cost(p)", 7, (r) => r.params.problemCost!.toFixed(2)],
  ["resp", 5, (r) => responseLetters(r.responses)],
];

/** Response flags as letters: I inflation, E emergency, D deflation, L liquidity, G Gini, V/v velocity low/high. */
export function responseLetters(mask: number): string {
  const m: [number, string][] = [
    [1, "I"],
    [2, "E"],
    [4, "D"],
    [8, "L"],
    [16, "G"],
    [32, "V"],
    [64, "v"],
  ];
  const s = m.filter(([b]) => mask & b).map(([, l]) => l).join("");
  return s || "-";
}

const BAND_MARK: Record<string, string> = { healthy: " ", watch: "~", warning: "!", critical: "‼" };

export function formatSeries(rows: readonly DayRow[], every: number): string {
  const head = COLUMNS.map(([n, w]) => n.padStart(w)).join(" ");
  const lines = [head];
  const last = rows[rows.length - 1];
  for (const r of rows) {
    if (r.day % every !== 0 && r !== last) continue;
    const cells = COLUMNS.map(([n, w, f]) => {
      let v = f(r);
      const key = n === "f/s" ? "faucetSinkRatio" : n === "infl/mo" ? "inflationMonthly" : n === "median" ? "median" : n === "gini" ? "gini" : n === "veloc" ? "velocity" : n === "active" ? "activePct" : null;
      if (key) v += BAND_MARK[r.bands[key as keyof DayRow["bands"]] ?? "healthy"] ?? " ";
      return v.padStart(w + (key ? 1 : 0));
    });
    lines.push(cells.join(" "));
  }
  return lines.join("\n");
}

export function formatScenario(res: ScenarioResult, every: number): string {
  const o = res.options;
  const out: string[] = [];
  out.push(`Scenario ${res.name}: ${res.title}`);
  out.push(`agents ${o.agents}, days ${o.days} after ${res.warmupDays} warm-up days, seed ${o.seed}; ${res.operations.toLocaleString("en-US")} ledger operations in ${res.seconds.toFixed(1)} s`);
  out.push("");
  out.push("Expected outcomes (design §6) — does the model agree?");
  for (const c of res.checks) {
    const mark = c.holds === null ? "N/A " : c.holds ? "HOLDS" : "FAILS";
    out.push(`  [${mark}] ${c.claim}`);
    out.push(`          criterion: ${c.criterion}`);
    out.push(`          measured:  ${c.measured}`);
  }
  out.push("");
  out.push(`Daily metrics (every ${every} days; bands: blank healthy, ~ outside healthy but unclassified by §2.4, ! warning, ‼ critical; resp = automatic responses that day: ${"I inflation, E emergency inflation, D deflation, L liquidity, G Gini, V low velocity, v high velocity"})`);
  out.push(formatSeries(res.rows, every));
  if (res.counterfactual) {
    out.push("");
    out.push("Counterfactual (no manual intervention):");
    out.push(formatSeries(res.counterfactual, every));
  }
  return out.join("\n");
}

/** JSON with bigints (none expected in rows) as strings. */
export function scenarioJson(res: ScenarioResult): string {
  return JSON.stringify(res, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}
