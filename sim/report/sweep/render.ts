/**
 * The sweep report: one HTML page from a loaded sweep and its analysis.
 */
import type { ParamName } from "../../params/index.js";
import { commandBlock, figure, page, table, type Section } from "../page.js";
import { correlationBars } from "../svg/bars.js";
import { corr, esc, fmt, pct } from "../svg/format.js";
import { heatmap } from "../svg/heatmap.js";
import { legendRows } from "../svg/frame.js";
import { lineChart, type Series } from "../svg/lines.js";
import { linearScale, symlogScale, type Scale } from "../svg/scale.js";
import { scatter, type ScatterMark } from "../svg/scatter.js";
import { paramDescription, paramLabel, PARAM_UNITS } from "../units.js";
import type { Proportion } from "../stats/risk.js";
import { HEATMAP_BINS, HEATMAP_PAIRS, type LevelTable, type Output, type SweepAnalysis } from "./analysis.js";
import type { SweepData } from "./data.js";
import { replayBlocker, replayCommand } from "./replay.js";

export interface SweepReportOptions {
  /** The model's code changed since the sweep ran (the replay commands then run the current model). */
  modelChanged?: { files: string[] } | null;
  /** Plot at most this many points per scatter (a deterministic, evenly spaced subset beyond). */
  maxScatterPoints?: number;
  /** Title override (the study names its sweeps). */
  title?: string;
  /** A paragraph about what this sweep is for (HTML). */
  intro?: string;
}

const WU = "wealth units";

/** A symmetric-log scale when the values span several orders of magnitude, else a linear one with zero. */
export function moneyScale(values: ArrayLike<number>, range: [number, number]): Scale {
  let lo = Infinity;
  let hi = -Infinity;
  const abs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    abs.push(Math.abs(v));
  }
  if (abs.length === 0) return linearScale([0, 1], range, { zero: true, nice: true });
  abs.sort((a, b) => a - b);
  const typical = abs[Math.floor(abs.length / 2)]!;
  const biggest = abs[abs.length - 1]!;
  if (typical > 0 && biggest / typical > 50) return symlogScale([lo, hi], range, 1);
  return linearScale([lo, hi], range, { zero: true, nice: true });
}

function countScale(values: ArrayLike<number>, range: [number, number]): Scale {
  let hi = 0;
  for (let i = 0; i < values.length; i++) hi = Math.max(hi, values[i]!);
  return linearScale([0, hi === 0 ? 1 : hi], range, { zero: true, nice: true });
}

function proportionText(p: Proportion | null): string {
  if (!p || p.estimate === null) return "—";
  return `${pct(p.estimate)} <span class="note">(${p.count} of ${p.n}; 95% CI ${pct(p.interval![0])}–${pct(p.interval![1])})</span>`;
}

/** Evenly spaced rows, at most max of them (all when fewer). */
function subsample(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.floor((k * n) / max));
}

export function renderSweepReport(d: SweepData, a: SweepAnalysis, opts: SweepReportOptions = {}): string {
  const f = a.findings;
  const id = d.manifest?.identity;
  const horizon = a.risk.horizon;
  const horizonText = horizon !== null ? `step ${horizon.toLocaleString("en-US")}` : "the end of each run (steps unknown: no sweep.json)";
  const runsText = `${a.n.toLocaleString("en-US")} runs${horizon !== null ? ` of ${horizon.toLocaleString("en-US")} steps` : ""}`;
  const facts: string[] = [
    `${esc(runsText)}${id ? ` · master seed ${esc(id.masterSeed)} · readings <b>${esc(id.readings)}</b>${id.switches && Object.keys(id.switches).length ? ` with ${esc(JSON.stringify(id.switches))}` : ""}` : ""}`,
    `design: ${esc(d.manifest?.design?.summary ?? "unknown (no sweep.json)")} · folder <code>${esc(d.folder)}</code>`,
  ];
  if (d.manifest?.command) facts.push(`made by <code>${esc(d.manifest.command)}</code>`);

  const warnings: string[] = [];
  if (f.source.complete === false) warnings.push(`<b>Partial sweep:</b> ${f.source.runs} of the design's ${f.source.plannedRuns} runs are in results.csv (the sweep is running or was interrupted). Every figure is of the runs so far.`);
  if (d.tornBytes > 0) warnings.push(`A torn last line (${d.tornBytes} bytes, a run being written) was left out.`);
  if (opts.modelChanged) {
    warnings.push(
      `<b>The model's code has changed since this sweep ran</b> (${esc(opts.modelChanged.files.join(", ") || "package versions")}). The replay commands below run the current model and may print other metrics than the sweep's.`,
    );
  }
  const blocker = replayBlocker(d);
  if (blocker) warnings.push(`No replay commands: ${esc(blocker)}.`);

  const sections: Section[] = [];
  if (opts.intro) sections.push({ id: "about-sweep", title: "What this sweep is", html: opts.intro });
  sections.push(findingsSection(a));
  sections.push(riskSection(d, a, horizonText));
  sections.push(sensitivitySection(a));
  sections.push(regionSection(a));
  if (a.levels.length > 0) sections.push(levelsSection(a));
  const marks = markIndex(a);
  const rows = subsample(a.n, opts.maxScatterPoints ?? 5000);
  sections.push(scatterSection(d, a, "flips", rows, marks, horizonText));
  sections.push(scatterSection(d, a, "total_pool_profit", rows, marks, horizonText));
  sections.push(namedSection(d, a));
  sections.push(provenanceSection(d));

  return page({
    title: opts.title ?? `Sweep report — ${d.folder}`,
    facts,
    warnings,
    sections,
    generator: `npm run report (sim/report) from ${d.folder}`,
  });
}

function findingsSection(a: SweepAnalysis): Section {
  const s = a.findings.summary;
  const share = (x: { count: number; fraction: number }) => [`${x.count.toLocaleString("en-US")} / ${s.runs.toLocaleString("en-US")}`, pct(x.fraction)];
  const summary = table(
    [{ head: "finding" }, { head: "runs", num: true }, { head: "share or value", num: true }],
    [
      ["zero flips (safe)", ...share(s.zeroFlips)],
      ["profitable (pool profit > 0)", ...share(s.profitable)],
      ["safe and profitable", ...share(s.safeAndProfitable)],
      ["median flips", "", fmt(s.medianFlips, 6)],
      ["median pool profit", "", `${fmt(s.medianProfit, 6)} ${WU}`],
      ["max pool profit", "", `${fmt(s.maxProfit, 7)} ${WU}`],
    ],
  );
  const varying = a.findings.parameters.filter((p) => p.constant === undefined);
  const params = table(
    [
      { head: "parameter" },
      { head: "r (flips)", num: true, title: "Pearson correlation with flips over all runs" },
      { head: "r (profit)", num: true, title: "Pearson correlation with total pool profit" },
      { head: "mean, safe & profitable", num: true },
      { head: "mean, the rest", num: true },
      { head: "unit" },
    ],
    varying.map((p) => [
      `<span title="${esc(paramDescription(p.name))}">${esc(p.name)}</span>`,
      corr(p.correlation.flips),
      corr(p.correlation.profit),
      fmt(p.mean.safeAndProfitable),
      fmt(p.mean.rest),
      esc(PARAM_UNITS[p.name]),
    ]),
  );
  const constant = a.constant.length
    ? `<p class="note">The same in every run (no correlation): ${a.constant.map((c) => `${esc(c.name)} = ${fmt(c.value, 6)}`).join(", ")}.</p>`
    : "";
  const notes = new Set<string>();
  for (const p of varying) for (const n of p.notes ?? []) notes.add(n);
  return {
    id: "findings",
    title: "Findings",
    html:
      `<p class="note">The study's findings table, computed by sim/analysis (the same code and definitions as <code>npm run analyze</code>): ` +
      `safe = ${esc(a.findings.definitions.safe)}, profitable = ${esc(a.findings.definitions.profitable)}; ${esc(a.findings.definitions.correlation)}.</p>` +
      summary +
      params +
      constant +
      [...notes].map((n) => `<p class="note">Note: ${esc(n)}.</p>`).join(""),
  };
}

function riskSection(d: SweepData, a: SweepAnalysis, horizonText: string): Section {
  const r = a.risk;
  const q = (p: number) => r.quantiles.find((x) => x.p === p)!;
  const qText = (p: number) => {
    const x = q(p);
    if (x.value === null) return "—";
    const ci = x.interval
      ? ` <span class="note">(95% CI ${fmt(x.interval.lower)} to ${fmt(x.interval.upper)}: order statistics ${x.interval.lowerRank} and ${x.interval.upperRank}, coverage ${pct(x.interval.coverage)})</span>`
      : ` <span class="note">(too few runs for a distribution-free 95% interval)</span>`;
    return `${fmt(x.value, 6)} ${WU}${ci}`;
  };
  const rows: string[][] = [];
  if (r.anyBankrupt) rows.push([`P(at least one pool bankrupt at ${esc(horizonText)})`, proportionText(r.anyBankrupt)]);
  if (r.allBankrupt) rows.push([`P(every pool bankrupt at ${esc(horizonText)})`, proportionText(r.allBankrupt)]);
  if (r.poolsBankrupt) rows.push(["pools bankrupt / pools run", `${r.poolsBankrupt.count} / ${r.poolsBankrupt.pools} = ${pct(r.poolsBankrupt.count / r.poolsBankrupt.pools)} <span class="note">(pools of one run are not independent: no interval)</span>`]);
  rows.push(["P(pool profit < 0)", proportionText(r.loss)]);
  rows.push(["1st percentile of pool profit", qText(0.01)]);
  rows.push(["5th percentile of pool profit (VaR95)", qText(0.05)]);
  rows.push(["expected shortfall, worst 5% (mean of the worst ⌈0.05·n⌉ runs)", `${fmt(r.expectedShortfall5, 6)} ${WU}`]);
  rows.push(["median pool profit", qText(0.5)]);
  const profit = d.col.get("total_pool_profit")!;
  const sortedProfit = Float64Array.from(profit).sort();
  const ys = Float64Array.from(sortedProfit, (_, i) => (i + 1) / sortedProfit.length);
  const width = 640;
  const x = moneyScale(sortedProfit, [64, width - 16]);
  const y = linearScale([0, 1], [236, 24], { ticks: 5 });
  const vlines = [0.01, 0.05, 0.5].filter((p) => q(p).value !== null).map((p) => ({ x: q(p).value!, label: p === 0.5 ? "median" : `P${p * 100}` }));
  const ecdf = lineChart({
    frame: { width, height: 290, margin: { top: 24, right: 16, bottom: 54, left: 64 }, title: `Distribution of pool profit at ${horizonText}`, desc: `Empirical cumulative distribution of total pool profit over ${a.n} runs, with the 1st and 5th percentiles and the median marked.` },
    x,
    y,
    labels: { x: `total pool profit at ${horizonText} (${WU})`, y: "share of runs with profit ≤ x" },
    series: [{ label: "empirical distribution of pool profit", xs: sortedProfit, ys, cls: "s0", step: true }],
    vlines,
    markersUpTo: 0,
  });
  return {
    id: "risk",
    title: `Risk at ${horizonText}`,
    html:
      `<p class="note">Horizon: every figure is of the state at the end of the runs, ${esc(horizonText)} (one step is one epoch on chain). ` +
      `Probabilities are shares of this sweep's runs, so they average over its design's parameter distribution and the run seeds; ` +
      `intervals: Wilson score intervals for shares, distribution-free order-statistic intervals for percentiles (exact binomial ranks). ` +
      `Percentiles interpolate linearly between order statistics (numpy's default). Pool profit is the sum over a run's pools of final capital − initial capital.</p>` +
      table([{ head: "risk figure" }, { head: "value", num: true }], rows) +
      figure(ecdf, "The step curve is the share of runs whose profit is at most the value on the x axis; dashed lines mark P1, P5 (VaR95) and the median."),
  };
}

function sensitivitySection(a: SweepAnalysis): Section {
  const parts: string[] = [];
  parts.push(
    `<p class="note">For each metric, parameters are ranked by |PRCC|, the partial rank correlation coefficient: every parameter and the metric are rank-transformed; ` +
      `the ranks of the parameter and of the metric are each regressed (least squares with an intercept) on the ranks of all the other varying parameters; ` +
      `PRCC is the correlation of the two residuals — a monotone effect of the parameter with the others held fixed. ` +
      `Pearson r is the plain correlation (the findings table's). The whisker is an approximate 95% interval of PRCC (Fisher z, standard error 1/√(n − 3 − k) with k = ${Math.max(0, a.varying.length - 1)} parameters held fixed): a whisker that crosses 0 is not distinguishable from no effect. With ${2 * a.varying.length} intervals on this page, about one in twenty excludes 0 by chance alone, so a short bar whose whisker barely clears 0 is weak evidence.</p>`,
  );
  const figs: string[] = [];
  const tables: string[] = [];
  for (const out of ["flips", "total_pool_profit"] as Output[]) {
    const rows = [...a.sensitivity[out]].sort((p, q) => Math.abs(q.prcc ?? 0) - Math.abs(p.prcc ?? 0));
    const name = out === "flips" ? "flips" : "pool profit";
    figs.push(
      figure(
        correlationBars({
          title: `Sensitivity of ${name}`,
          desc: `Pearson correlation and PRCC of each parameter with ${name}, sorted by the absolute PRCC.`,
          rows: rows.map((r) => ({ label: r.name, values: [r.pearson, r.prcc], interval: r.interval })),
          series: ["Pearson r", "PRCC"],
          xLabel: `correlation with ${name} (−1 to 1)`,
        }),
      ),
    );
    tables.push(
      `<h3>${esc(name)}</h3>` +
        table(
          [{ head: "rank", num: true }, { head: "parameter" }, { head: "PRCC", num: true }, { head: "95% interval", num: true }, { head: "Pearson r", num: true }],
          rows.map((r, k) => [String(k + 1), esc(r.name), corr(r.prcc), r.interval ? `${corr(r.interval[0])} to ${corr(r.interval[1])}` : "—", corr(r.pearson)]),
        ),
    );
  }
  for (const out of ["flips", "total_pool_profit"] as Output[]) {
    if (a.sensitivity[out].every((r) => r.prcc === null)) parts.push(`<p class="warn">${out === "flips" ? "Flips" : "Pool profit"} ${a.n > 1 ? "is the same in every run" : "has one run"}: no correlation is defined, so its bars are empty.</p>`);
  }
  parts.push(`<div class="grid-figs">${figs.join("")}</div>`);
  parts.push(`<div class="grid-figs">${tables.map((t) => `<div>${t}</div>`).join("")}</div>`);
  return { id: "sensitivity", title: "Sensitivity ranking", html: parts.join("") };
}

function regionSection(a: SweepAnalysis): Section {
  const parts: string[] = [];
  parts.push(
    `<p class="note">Each map bins two parameters into ${HEATMAP_BINS} equal-width intervals each (one column per value for a parameter with at most 12 values) and colours each cell by the share of its runs that are safe (0 flips) and profitable (profit &gt; 0), on a fixed 0–100% scale; the number in a cell is that percentage, and hovering shows the counts. ` +
      `<b>How the pairs are chosen:</b> for every pair of varying parameters, ε² — the share of the variance of the safe-and-profitable indicator explained by the pair's cells, adjusted for the number of cells (one-way ANOVA: (SS<sub>between</sub> − (cells − 1)·MS<sub>within</sub>) / SS<sub>total</sub>) — and the ${HEATMAP_PAIRS} pairs with the largest ε² are mapped${a.heatmaps.some((h) => h.why.startsWith("the study")) ? ", with the study's pair (lambda_komp × eng_productivity_factor) added" : ""}. ` +
      `The other parameters vary across each cell as the design has them, so a cell's share averages over them.</p>`,
  );
  if (a.heatmapNote) parts.push(`<p class="warn">${esc(a.heatmapNote)}.</p>`);
  const figs = a.heatmaps.map((h) =>
    figure(
      heatmap({
        title: `Safe and profitable: ${h.a} × ${h.b}`,
        desc: `Share of runs that are safe and profitable in each cell of ${h.a} and ${h.b}.`,
        grid: h.grid,
        xName: paramLabel(h.a),
        yName: paramLabel(h.b),
        what: "safe and profitable",
      }),
      `${esc(h.why)}: ε² = ${h.epsilon2 === null ? "—" : h.epsilon2.toFixed(3)}.`,
    ),
  );
  parts.push(`<div class="grid-figs">${figs.join("")}</div>`);
  if (a.pairs.length > 0 && !a.heatmapNote) {
    parts.push(
      `<h3>The strongest pairs</h3>` +
        table(
          [{ head: "rank", num: true }, { head: "pair" }, { head: "ε²", num: true }],
          a.pairs.slice(0, 10).map((p, k) => [String(k + 1), `${esc(p.a)} × ${esc(p.b)}`, p.epsilon2 === null ? "—" : p.epsilon2.toFixed(3)]),
          `The ten pairs of ${a.pairs.length} with the largest ε² (an ε² near 0 or below: the cells explain no more than chance).`,
        ),
    );
  }
  return { id: "region", title: "Safe-and-profitable region", html: parts.join("") };
}

function levelsSection(a: SweepAnalysis): Section {
  const parts: string[] = [
    `<p class="note">Parameters with at most 12 distinct values (grid parameters, n_pools): the findings per value. P5 is the 5th percentile of pool profit. ` +
      `When every other parameter point appears once at each value (a config's grids crossed with one Latin hypercube), the runs are paired, and the paired columns compare each value with the first, point by point (the run seeds still differ).</p>`,
  ];
  for (const t of a.levels) parts.push(levelBlock(t));
  return { id: "levels", title: "By parameter value", html: parts.join("") };
}

function levelBlock(t: LevelTable): string {
  const cols = [
    { head: t.name, num: true },
    { head: "runs", num: true },
    { head: "safe", num: true },
    { head: "profitable", num: true },
    { head: "safe & profitable", num: true },
    { head: "mean flips", num: true },
    { head: "median profit", num: true },
    { head: "P5 profit", num: true },
    { head: "P(any pool bankrupt)", num: true },
    { head: "mean premiums + fees", num: true },
    { head: "mean penetration", num: true },
  ];
  if (t.paired) cols.push({ head: `median Δprofit vs ${t.rows[0]!.value}`, num: true }, { head: "runs where profit rose", num: true }, { head: "mean Δflips", num: true });
  const rows = t.rows.map((r) => {
    const cells = [
      fmt(r.value, 6),
      String(r.runs),
      pct(r.safe),
      pct(r.profitable),
      pct(r.safeAndProfitable),
      fmt(r.meanFlips, 3),
      fmt(r.medianProfit, 5),
      fmt(r.p5Profit, 5),
      r.anyBankrupt ? `${pct(r.anyBankrupt.estimate)} <span class="note">(${pct(r.anyBankrupt.interval![0])}–${pct(r.anyBankrupt.interval![1])})</span>` : "—",
      fmt(r.meanPremiums, 5),
      r.meanPenetration === null ? "—" : pct(r.meanPenetration),
    ];
    if (t.paired) cells.push(r.paired ? fmt(r.paired.medianProfitChange, 4) : "(base)", r.paired ? pct(r.paired.profitRose) : "", r.paired ? fmt(r.paired.meanFlipsChange, 3) : "");
    return cells;
  });
  const out = [`<h3>${esc(paramLabel(t.name))}</h3>`, table(cols, rows)];
  if (t.rows.length >= 2) {
    const idx = t.rows.map((_, i) => i);
    const xTicks = t.rows.map((r, i) => ({ value: i, label: fmt(r.value, 4) }));
    const x = linearScale([-0.3, t.rows.length - 0.7], [60, 400]);
    const labelOf = (v: number) => fmt(t.rows[Math.round(v)]?.value ?? v, 6);
    const shares: Series[] = [
      { label: "safe", xs: idx, ys: t.rows.map((r) => 100 * r.safe), cls: "s0" },
      { label: "profitable", xs: idx, ys: t.rows.map((r) => 100 * r.profitable), cls: "s1" },
      { label: "safe & profitable", xs: idx, ys: t.rows.map((r) => 100 * r.safeAndProfitable), cls: "s5" },
    ];
    const c1 = lineChart({
      frame: { width: 420, height: 280, margin: { top: 24, right: 20, bottom: 54, left: 60 }, title: `Shares of runs by ${t.name}`, desc: `Share of runs safe, profitable, and both, at each value of ${t.name}.` },
      x,
      y: linearScale([0, 100], [226, 24]),
      xTicks,
      xLabelOf: labelOf,
      labels: { x: `${t.name} (values equally spaced)`, y: "% of runs" },
      series: shares,
      yUnit: "%",
    });
    const money: Series[] = [
      { label: "median profit", xs: idx, ys: t.rows.map((r) => r.medianProfit), cls: "s0" },
      { label: "P5 profit", xs: idx, ys: t.rows.map((r) => r.p5Profit ?? Number.NaN), cls: "s5", dash: true },
    ];
    const all = money.flatMap((s) => Array.from(s.ys).filter(Number.isFinite));
    const c2 = lineChart({
      frame: { width: 420, height: 280, margin: { top: 24, right: 20, bottom: 54, left: 60 }, title: `Pool profit by ${t.name}`, desc: `Median and 5th percentile of pool profit at each value of ${t.name}.` },
      x,
      y: moneyScale(all, [226, 24]),
      xTicks,
      xLabelOf: labelOf,
      labels: { x: `${t.name} (values equally spaced)`, y: `pool profit (${WU})` },
      series: money,
      yUnit: WU,
    });
    out.push(`<div class="grid-figs">${figure(c1)}${figure(c2)}</div>`);
  }
  return out.join("");
}

/** Named runs by row, for the scatter marks. */
function markIndex(a: SweepAnalysis): Map<number, { tag: string; role: string }> {
  return new Map(a.named.map((n) => [n.row, { tag: n.tag, role: n.role }]));
}

function scatterSection(d: SweepData, a: SweepAnalysis, out: Output, rows: number[], marks: Map<number, { tag: string; role: string }>, horizonText: string): Section {
  const ys = d.col.get(out)!;
  const name = out === "flips" ? "flips" : "pool profit";
  const yLabel = out === "flips" ? `flips (agents)` : `pool profit (${WU})`;
  const order = [...a.sensitivity[out]].sort((p, q) => Math.abs(q.prcc ?? 0) - Math.abs(p.prcc ?? 0)).map((s) => s.name);
  const width = 300;
  const height = 236;
  const margin = { top: 22, right: 10, bottom: 50, left: 54 };
  const yScale = out === "flips" ? countScale(ys, [height - margin.bottom, margin.top]) : moneyScale(ys, [height - margin.bottom, margin.top]);
  const sp = rows.filter((r) => a.safeAndProfitable[r] === 1);
  const rest = rows.filter((r) => a.safeAndProfitable[r] === 0);
  const figs = order.map((p: ParamName) => {
    const xs = d.col.get(p)!;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < xs.length; i++) {
      lo = Math.min(lo, xs[i]!);
      hi = Math.max(hi, xs[i]!);
    }
    const few = a.levels.find((l) => l.name === p);
    const pad = few ? (hi - lo) / (few.rows.length * 2 || 1) : 0;
    const x = linearScale([lo - pad, hi + pad], [margin.left, width - margin.right], { ticks: 4 });
    const jitter = few ? Math.min(12, ((width - margin.left - margin.right) / few.rows.length) * 0.18) : 0;
    const markList: ScatterMark[] = [...marks.entries()].map(([r, m]) => ({ index: r, tag: "", title: `run ${d.runIndex[r]} (${m.role}): ${p} ${fmt(xs[r]!)}, flips ${fmt(d.col.get("flips")![r]!)}, profit ${fmt(d.col.get("total_pool_profit")![r]!, 6)} ${WU}` }));
    const s = a.sensitivity[out].find((q) => q.name === p)!;
    return figure(
      scatter({
        frame: { width, height, margin, title: `${name}${yScale.kind === "symlog" ? " (symlog)" : ""} vs ${p}`, desc: `Scatter plot of ${name} against ${p} over ${rows.length} runs; safe-and-profitable runs in orange.`, data: { param: p, metric: out } },
        x,
        y: yScale,
        xs,
        ys,
        labels: { x: paramLabel(p), y: yLabel },
        groups: [
          { members: rest, label: "other", cls: "rest" },
          { members: sp, label: "safe & profitable", cls: "sp" },
        ],
        marks: markList,
        jitter,
        yNoteElsewhere: true,
      }),
      `PRCC ${corr(s.prcc)}, r ${corr(s.pearson)}${few ? "; points jittered sideways within their value" : ""}`,
    );
  });
  const sub = rows.length < a.n ? ` ${rows.length.toLocaleString("en-US")} of the ${a.n.toLocaleString("en-US")} runs are plotted (every ${(a.n / rows.length).toFixed(1)}th, evenly spaced); every statistic uses all runs.` : "";
  return {
    id: out === "flips" ? "scatter-flips" : "scatter-profit",
    title: `${name[0]!.toUpperCase()}${name.slice(1)} against each parameter`,
    html:
      `<p class="note">One point per run; parameters in order of |PRCC| with ${name}. Orange: the ${sp.length.toLocaleString("en-US")} safe-and-profitable runs; blue: the other ${rest.length.toLocaleString("en-US")} (translucent: darker where they pile up). Black rings are the named runs (hover for which; the table below gives their replay commands).` +
      (out === "total_pool_profit" && yScale.kind === "symlog" ? " Profit spans several orders of magnitude, so its axis is symmetric-logarithmic: sign(x)·log10(1 + |x|); the dark line is zero." : "") +
      (out === "flips" ? " Many runs have 0 flips: they overlap on the bottom line." : "") +
      sub +
      `</p><div class="grid-figs">${figs.join("")}</div>`,
  };
}

function namedSection(d: SweepData, a: SweepAnalysis): Section {
  const flips = d.col.get("flips")!;
  const profit = d.col.get("total_pool_profit")!;
  const bankrupt = d.col.get("bankrupt_pools");
  const pools = d.col.get("n_pools");
  const top = [...a.sensitivity.total_pool_profit].sort((p, q) => Math.abs(q.prcc ?? 0) - Math.abs(p.prcc ?? 0)).slice(0, 3).map((s) => s.name);
  const parts: string[] = [
    `<p class="note">Every run shown by name in this report, with the command that replays it alone from the repository root: the run's parameters (exact, from results.csv) go in as JSON on standard input, and the sweep's master seed, run index, steps and readings as flags; <code>npm run sim</code> prints the run's metrics, which equal its row.</p>`,
  ];
  for (const nr of a.named) {
    const r = nr.row;
    const replay = replayCommand(d, r);
    const facts = [
      `flips ${fmt(flips[r]!)}`,
      `pool profit ${fmt(profit[r]!, 7)} ${WU}`,
      bankrupt && pools ? `${bankrupt[r]} of ${pools[r]} pools bankrupt` : "",
      ...top.map((p) => `${p} ${fmt(d.col.get(p)![r]!)}`),
    ].filter(Boolean);
    parts.push(
      `<h3>Run ${d.runIndex[r]} — ${esc(nr.role)}</h3><p class="note">${esc(nr.why[0]!.toUpperCase() + nr.why.slice(1))}. ${esc(facts.join(" · "))}.</p>` +
        (replay.command !== null ? commandBlock(replay.command) : `<p class="warn">No replay command: ${esc(replay.reason)}.</p>`),
    );
  }
  return { id: "runs", title: "Named runs and how to replay them", html: parts.join("") };
}

function provenanceSection(d: SweepData): Section {
  const m = d.manifest;
  if (!m) return { id: "provenance", title: "About this sweep", html: `<p class="note">No sweep.json in the folder: the command, seed, steps and versions are unknown.</p>` };
  const rows: string[][] = [
    ["command", `<code>${esc(m.command)}</code>`],
    ["design", esc(m.design?.summary ?? "—") + (m.design?.fileSha256 ? ` <span class="note">(file sha256 ${esc(m.design.fileSha256.slice(0, 16))}…)</span>` : "")],
    ["runs planned", String(m.identity.runs)],
    ["master seed", esc(m.identity.masterSeed)],
    ["steps per run", String(m.identity.steps)],
    ["readings", esc(m.identity.readings) + (m.identity.switches ? ` with ${esc(JSON.stringify(m.identity.switches))}` : "")],
    ["model", `${esc(m.model?.module ?? "?")} <span class="note">(code sha256 ${esc(m.identity.modelSha256.slice(0, 16))}…)</span>`],
    ["versions", esc(`ingenesist ${m.versions?.ingenesist}, Node ${m.versions?.node}, ${m.versions?.platform}, git ${m.versions?.git ? m.versions.git.commit.slice(0, 10) + (m.versions.git.dirty ? " (with uncommitted changes)" : "") : "unknown"}`)],
    ["created", esc(m.createdAt)],
  ];
  const sessions = table(
    [{ head: "session" }, { head: "started" }, { head: "status" }, { head: "runs", num: true }, { head: "seconds", num: true }, { head: "agent-steps/s", num: true }, { head: "workers", num: true }],
    m.sessions.map((s, i) => [String(i + 1), esc(s.startedAt), esc(s.status), `${s.runsAtStart} → ${s.runsAtEnd ?? "?"}`, fmt(s.seconds ?? null, 4), fmt(s.agentStepsPerSecond ?? null, 3), String(s.workers)]),
  );
  return {
    id: "provenance",
    title: "About this sweep",
    html: table([{ head: "" }, { head: "" }], rows) + `<h3>Sessions</h3>` + sessions + `<p class="note">Rerun the sweep (it resumes, or says there is nothing to do):</p>` + commandBlock(m.command) + `<p class="note">The findings table as text:</p>` + commandBlock(`npm run analyze -- ${d.folder}`),
  };
}
