/**
 * The agent-run report: every pool's capital, premiums and fees, claims and investment income per step,
 * the insured count, flips and the Gini over time — the chain's curve (solid) with the model's (dashed)
 * — the step-by-step agreement, the market's activity, and the commands that reproduce the run.
 */
import { PARAM_NAMES } from "../../params/index.js";
import { commandBlock, figure, page, table, type Section } from "../page.js";
import { esc, fmt, pct } from "../svg/format.js";
import { legendRows, type LegendItem } from "../svg/frame.js";
import { lineChart, type Series } from "../svg/lines.js";
import { linearScale, logScale, type Scale } from "../svg/scale.js";
import { shellQuote } from "../sweep/replay.js";
import { perStep, relativeDifferences, type AgentData } from "./data.js";

const WU = "wealth units";

function finiteRange(series: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i]!;
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

interface ChartSpec {
  title: string;
  desc: string;
  yLabel: string;
  series: Series[];
  width?: number;
  /** A y scale other than linear-from-zero. */
  y?: (range: [number, number]) => Scale;
  unit?: string;
}

function chart(d: AgentData, c: ChartSpec): string {
  const width = c.width ?? 296;
  const items: LegendItem[] = c.series.map((s) => ({ label: s.label, cls: s.cls, shape: s.dash ? "dash" : "line" }));
  const margin = { top: 24, right: 12, bottom: 44 + 14 * legendRows(items, width - 70), left: 62 };
  const height = 170 + margin.bottom;
  const x = linearScale([0, Math.max(1, d.n - 1)], [margin.left, width - margin.right], { ticks: 5 });
  const range: [number, number] = [height - margin.bottom, margin.top];
  const y = c.y ? c.y(range) : linearScale(finiteRange(c.series.map((s) => s.ys)), range, { zero: true, nice: true, ticks: 4 });
  return lineChart({ frame: { width, height, margin, title: c.title, desc: c.desc }, x, y, labels: { x: "step (epoch)", y: c.yLabel }, series: c.series, markersUpTo: 0, yUnit: c.unit });
}

/** Chain solid, model dashed, for one column pair. */
function pair(d: AgentData, chainCol: string, modelCol: string, transform: (v: Float64Array) => Float64Array = (v) => v, cls = "s0"): Series[] {
  const steps = d.col.get("step")!;
  const c = d.col.get(chainCol);
  const m = d.col.get(modelCol);
  const out: Series[] = [];
  if (c) out.push({ label: "chain", xs: steps, ys: transform(c), cls });
  if (m && m.some((v) => !Number.isNaN(v))) out.push({ label: "model", xs: steps, ys: transform(m), cls: "s1", dash: true });
  return out;
}

export function renderAgentReport(d: AgentData): string {
  const s = d.summary;
  const steps = d.col.get("step")!;
  const checked = s.check?.enabled === true;
  const facts = [
    `<b>${esc(s.status)}</b> · ${s.agents} agent wallets · ${s.pools} pools · ${s.stepsRun} of ${s.steps} steps · seed ${esc(s.seed)} (run seed ${esc(s.runSeed)}) · readings ${esc(s.readings ?? "protocol")} · ${esc(s.network ?? "?")} chain`,
    `parameters: ${esc(s.paramsSource ?? "?")} · folder <code>${esc(d.folder)}</code> · made by <code>${esc(s.command)}</code>`,
  ];
  const warnings: string[] = [];
  if (s.status === "diverged") warnings.push(`<b>The chain diverged from the model</b>: ${esc(s.check?.firstDivergenceText ?? "see the summary")}. The run stopped at that step.`);
  if (s.status === "failed") warnings.push(`<b>The run failed</b>: ${esc(s.error ?? "see the summary")}.`);
  if (!checked) warnings.push("The model was not run alongside (--no-check): only the chain's curves are drawn.");
  if (s.stepsRun < s.steps) warnings.push(`Only ${s.stepsRun} of ${s.steps} steps ran.`);

  const sections: Section[] = [];
  sections.push(agreementSection(d));

  // Pools: one row of charts per pool.
  const poolRows: string[] = [];
  for (let q = 0; q < d.nPools; q++) {
    const cols: ChartSpec[] = [
      { title: `Pool ${q}: capital`, desc: `Pool ${q}'s capital after each step, chain and model.`, yLabel: `capital (${WU})`, series: pair(d, `capital_chain_${q}`, `capital_model_${q}`), unit: WU },
      {
        title: `Pool ${q}: premiums and fees per step`,
        desc: `Premiums and subscription fees pool ${q} collected in each step, chain and model.`,
        yLabel: `per step (${WU})`,
        series: [
          ...pair(d, `premiums_chain_${q}`, `premiums_model_${q}`, perStep).map((x) => ({ ...x, label: `premiums, ${x.label}` })),
          ...pair(d, `subscriptions_chain_${q}`, `subscriptions_model_${q}`, perStep, "s2").map((x) => ({ ...x, label: `fees, ${x.label}`, cls: x.dash ? "s4" : "s2" })),
        ],
        unit: WU,
      },
      { title: `Pool ${q}: claims per step`, desc: `Claims pool ${q} paid in each step, chain and model.`, yLabel: `per step (${WU})`, series: pair(d, `claims_chain_${q}`, `claims_model_${q}`, perStep), unit: WU },
      { title: `Pool ${q}: investment income per step`, desc: `Return-stream income pool ${q} received in each step, chain and model.`, yLabel: `per step (${WU})`, series: pair(d, `investment_income_chain_${q}`, `investment_income_model_${q}`, perStep), unit: WU },
    ];
    const bankrupt = d.col.get(`bankrupt_chain_${q}`);
    const b = bankrupt ? bankrupt.findIndex((v) => v === 1) : -1;
    poolRows.push(`<h3>Pool ${q}${b >= 0 ? ` — bankrupt from step ${steps[b]}` : ""}</h3><div class="grid-figs">${cols.map((c) => figure(chart(d, c))).join("")}</div>`);
  }
  sections.push({
    id: "pools",
    title: "Pools, step by step",
    html:
      `<p class="note">Solid: the chain (read from the contracts after each step); dashed: the model run alongside on the same parameters, seed and environment. Where they agree the dashed line lies on the solid one. ` +
      `Capital is the level after the step; premiums, fees, claims and investment income are the amounts of each step (the differences of the cumulative columns of steps.csv).</p>` +
      poolRows.join(""),
  });

  const runCharts: ChartSpec[] = [
    { title: "Insured agents", desc: "Non-flipped agents covered by a solvent pool in each step, chain and model.", yLabel: "agents", series: pair(d, "insured_chain", "insured_model") },
    { title: "Flips", desc: "Agents flipped so far (the environment's, which chain and model share).", yLabel: "agents flipped", series: [{ label: "flips (shared environment)", xs: steps, ys: d.col.get("flips")!, cls: "s5" }] },
    {
      title: "Gini of wealth",
      desc: "Gini coefficient of the non-flipped agents' wealth after each step, chain and model.",
      yLabel: "Gini (0–1)",
      series: pair(d, "gini_chain", "gini_model"),
      y: (r) => linearScale([0, 1], r, { ticks: 5 }),
    },
  ];
  sections.push({
    id: "population",
    title: "Insured, flips and inequality",
    html: `<p class="note">The Gini axis spans its whole range, 0 (equal) to 1.</p><div class="grid-figs">${runCharts.map((c) => figure(chart(d, c))).join("")}</div>`,
  });

  const activity: ChartSpec[] = [
    {
      title: "Market and losses per step",
      desc: "New listings, secrets sold and losses in each step.",
      yLabel: "count per step",
      series: [
        { label: "new listings", xs: steps, ys: d.col.get("new_listings") ?? new Float64Array(d.n), cls: "s0" },
        { label: "sold", xs: steps, ys: d.col.get("sold") ?? new Float64Array(d.n), cls: "s2" },
        { label: "losses", xs: steps, ys: d.col.get("losses") ?? new Float64Array(d.n), cls: "s5" },
      ],
      width: 470,
    },
    {
      title: "Transactions per step",
      desc: "Transactions mined in each step (all senders).",
      yLabel: "transactions",
      series: [{ label: "transactions", xs: steps, ys: d.col.get("txs") ?? new Float64Array(d.n), cls: "s0" }],
      width: 470,
    },
  ];
  sections.push({ id: "activity", title: "Market and chain activity", html: `<div class="grid-figs">${activity.map((c) => figure(chart(d, c))).join("")}</div>` + countsTable(d) });
  sections.push(metricsSection(d));
  sections.push(reproduceSection(d));
  return page({ title: `Agent run — ${d.folder}`, facts, warnings, sections, generator: `npm run report (sim/report) from ${d.folder}` });
}

function agreementSection(d: AgentData): Section {
  const s = d.summary;
  const c = s.check;
  if (!c?.enabled) return { id: "agreement", title: "Chain and model", html: `<p class="warn">Not checked: the run was made with --no-check.</p>` };
  const rel = relativeDifferences(d);
  const steps = d.col.get("step")!;
  let worst = 0;
  for (const v of rel) if (Number.isFinite(v)) worst = Math.max(worst, v);
  const tol = c.tolerance?.relative ?? 1e-9;
  const hiDecade = Math.max(-6, Math.ceil(Math.log10(Math.max(worst, tol) * 10)));
  const loDecade = -18;
  const width = 640;
  const margin = { top: 24, right: 16, bottom: 58, left: 62 };
  const height = 250;
  const y = logScale(loDecade, hiDecade, [height - margin.bottom, margin.top]);
  const x = linearScale([0, Math.max(1, d.n - 1)], [margin.left, width - margin.right], { ticks: 6 });
  const exact = Array.from(rel).filter((v) => v === 0).length;
  const svg = lineChart({
    frame: { width, height, margin, title: "Largest relative difference, chain vs model, per step", desc: "The largest relative difference between the chain's and the model's money fields and Gini in each step, on a log scale, with the tolerance." },
    x,
    y,
    labels: { x: "step (epoch)", y: "relative difference" },
    series: [
      { label: "largest relative difference", xs: steps, ys: rel, cls: "s0" },
      { label: `tolerance ${tol.toExponential(0)}`, xs: [0, Math.max(1, d.n - 1)], ys: [tol, tol], cls: "s5", dash: true },
    ],
    markersUpTo: 0,
  });
  const rows = [
    ["steps that agreed", `${c.stepsAgreed} of ${c.stepsCompared}`],
    ["fields that agreed", `${(c.fieldsAgreed ?? 0).toLocaleString("en-US")} of ${(c.fieldsCompared ?? 0).toLocaleString("en-US")}`],
    ["largest relative difference", `${c.largestRelativeDifference?.toExponential(2) ?? "—"} (${esc(c.largestRelativeDifferenceAt ?? "")})`],
    ["first divergence", esc(c.firstDivergenceText ?? "none")],
    ["book verifications (balances and cover against the chain)", String(c.bookVerifications ?? "—")],
  ];
  return {
    id: "agreement",
    title: "Chain and model",
    html:
      table([{ head: "check" }, { head: "result" }], rows) +
      figure(svg, `Money fields of every pool (capital, premiums, fees, claims, purchase cost, investment income, eng capital, loading) and the Gini, from steps.csv. Steps where every field agreed exactly (${exact} of ${d.n}) are drawn at 1e${loDecade}.`) +
      (c.tolerance?.statement ? `<p class="note"><b>Tolerance.</b> ${esc(c.tolerance.statement)}</p>` : ""),
  };
}

function countsTable(d: AgentData): string {
  const c = d.summary.counts ?? {};
  const t = d.summary.throughput ?? {};
  const rows = [
    ...Object.entries(c).map(([k, v]) => [esc(k), fmt(v, 7)]),
    ["transactions", fmt(t.transactions ?? null, 7)],
    ["of them from agents' wallets", fmt(t.agentTransactions ?? null, 7)],
    ["blocks", fmt(t.blocks ?? null, 7)],
    ["transactions per second (steps only)", fmt(t.transactionsPerSecond ?? null, 4)],
    ["set-up seconds", fmt(t.setupSeconds ?? null, 3)],
    ["total seconds", fmt(t.totalSeconds ?? null, 3)],
  ];
  return table([{ head: "count" }, { head: "value", num: true }], rows);
}

function metricsSection(d: AgentData): Section {
  const chain = d.summary.metrics?.chain ?? null;
  const model = d.summary.metrics?.model ?? null;
  if (!chain) return { id: "metrics", title: "Metrics at the end", html: `<p class="note">No step ran.</p>` };
  const rows = Object.keys(chain).map((k) => {
    const a = chain[k]!;
    const b = model?.[k];
    const diff = b === undefined ? "—" : a === b ? "0" : Math.max(Math.abs(a), Math.abs(b)) > 0 ? (Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b))).toExponential(1) : "0";
    return [esc(k), fmt(a, 8), b === undefined ? "—" : fmt(b, 8), diff];
  });
  const params = PARAM_NAMES.filter((p) => d.summary.params[p] !== undefined).map((p) => [esc(p), fmt(d.summary.params[p]!, 6)]);
  return {
    id: "metrics",
    title: "Metrics at the end",
    html:
      `<p class="note">The model's RunMetrics of both sides after the last step (summary.json). insurance_penetration: ${pct(chain.insurance_penetration ?? null)} on chain.</p>` +
      table([{ head: "metric" }, { head: "chain", num: true }, { head: "model", num: true }, { head: "relative difference", num: true }], rows) +
      `<h3>Parameters</h3>` +
      table([{ head: "parameter" }, { head: "value", num: true }], params),
  };
}

/** The model's side of the run, alone: `npm run sim` with the run's resolved parameters. */
export function modelReplayCommand(d: AgentData): string {
  const s = d.summary;
  const slash = s.runSeed.lastIndexOf("/");
  const run = slash >= 0 ? s.runSeed.slice(slash + 1) : "0";
  const params = Object.fromEntries(PARAM_NAMES.filter((p) => s.params[p] !== undefined).map((p) => [p, s.params[p]]));
  const flags = ["--seed", s.seed, "--run", run, "--steps", String(s.stepsRun), "--readings", s.readings ?? "protocol", "--params", "/dev/stdin"];
  return `echo ${shellQuote(JSON.stringify(params))} | npm run sim -- ${flags.map(shellQuote).join(" ")}`;
}

function reproduceSection(d: AgentData): Section {
  return {
    id: "reproduce",
    title: "Reproduce",
    html:
      `<p class="note">The run (from the repository root; the chain is fresh and the run replays to the wei):</p>` +
      commandBlock(d.summary.command) +
      `<p class="note">The model's side alone (prints the model column of "Metrics at the end"):</p>` +
      commandBlock(modelReplayCommand(d)),
  };
}
