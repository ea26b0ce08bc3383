/**
 * The study's index page: the key findings of every stage in tables, in the manner of a simulation
 * suite's "Key Results Summary" (a question, the answer in a sentence, the table), with links to each
 * stage's full report and the commands that reproduce everything. Read from the stage folders only.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FIGURES, formatFigure } from "../analysis/compare.js";
import { commandBlock, page, table, type Section } from "../report/page.js";
import { analyzeSweep, type SweepAnalysis } from "../report/sweep/analysis.js";
import { loadSweep, type SweepData } from "../report/sweep/data.js";
import { corr, esc, fmt, pct } from "../report/svg/format.js";
import { gitInfo } from "../sweep/manifest.js";
import { stageCommand, type AgentStage, type StudyPlan, type SweepStage } from "./plan.js";
import type { StudyRecord } from "./run-study.js";

interface Loaded {
  stage: SweepStage;
  d: SweepData;
  a: SweepAnalysis;
}

const WU = "wealth units";

const link = (href: string | null, text: string) => (href ? `<a href="${esc(href)}">${esc(text)}</a>` : esc(text));

function topBy(a: SweepAnalysis, out: "flips" | "total_pool_profit", k: number) {
  return [...a.sensitivity[out]].sort((p, q) => Math.abs(q.prcc ?? 0) - Math.abs(p.prcc ?? 0)).slice(0, k);
}

function riskCells(a: SweepAnalysis): string[] {
  const q5 = a.risk.quantiles.find((q) => q.p === 0.05)!;
  const b = a.risk.anyBankrupt;
  return [b ? `${pct(b.estimate)} (${pct(b.interval![0])}–${pct(b.interval![1])})` : "—", fmt(q5.value, 5)];
}

function sentenceDrivers(a: SweepAnalysis): string {
  const one = (x: { name: string; prcc: number | null }) => `${x.name} (PRCC ${corr(x.prcc)})`;
  const part = (out: "flips" | "total_pool_profit", what: string) => {
    const top = topBy(a, out, 2).filter((x) => x.prcc !== null);
    return top.length > 0 ? `${what} ${top.map(one).join(" and ")}` : `${what === "Flips are driven most by" ? "no run had a flip, so nothing drives flips here" : "profit never varies"}`;
  };
  return `${part("flips", "Flips are driven most by")}; ${part("total_pool_profit", "pool profit by")}.`.replace(/^n/, "N");
}

function refSection(l: Loaded, record: StudyRecord | null): Section {
  const f = l.a.findings;
  const s = f.summary;
  const horizon = l.a.risk.horizon;
  const rows = FIGURES.filter((fig) => fig.study !== undefined || fig.studyText !== undefined).map((fig) => [
    esc(fig.label),
    esc(fig.studyText ?? formatFigure(fig.kind, fig.study)),
    esc(formatFigure(fig.kind, fig.get(f))),
  ]);
  const [bank, var95] = riskCells(l.a);
  const html =
    `<p><b>Question:</b> ${esc(l.stage.question)}</p>` +
    `<p><b>Answer:</b> ${pct(s.zeroFlips.fraction)} of runs have no flips (the study: 59.1%), ${pct(s.profitable.fraction)} are profitable (the study: 5%) and ${pct(s.safeAndProfitable.fraction)} both (the study: 2.9%). ${esc(sentenceDrivers(l.a))} ` +
    `At step ${horizon ?? "?"}, at least one pool is bankrupt in ${bank} of runs; the 5th percentile of pool profit (VaR95) is ${var95} ${WU}.</p>` +
    (l.stage.note ? `<p class="note">${esc(l.stage.note)}</p>` : "") +
    table([{ head: "figure" }, { head: "the study states", num: true }, { head: "this sweep", num: true }], rows, "The study's stated figures (insurance-sink-study.txt, Key Findings and §10; the list in sim/analysis/compare.ts) beside this sweep's.") +
    `<p class="note">Where the figures differ, sim/MODEL.md explains which readings of the specification produce what (e.g. fact 3: voluntary cover is always affordable under the specification's formulas; fact 5: ${esc("pools never buy engineering secrets when value_multiplier_eng + eng_productivity_factor < 5")}).</p>`;
  return { id: "ref", title: l.stage.title, html: html + reportLink(l.stage, record) };
}

function focusSection(l: Loaded, ref: Loaded | null, record: StudyRecord | null): Section {
  const a = l.a;
  const cols = [{ head: "figure" }, ...(ref ? [{ head: "reference sweep", num: true }] : []), { head: "focused sweep", num: true }];
  const both = (get: (x: SweepAnalysis) => string) => [...(ref ? [get(ref.a)] : []), get(a)];
  const rows = [
    ["runs", ...both((x) => x.n.toLocaleString("en-US"))],
    ["zero flips (safe)", ...both((x) => pct(x.findings.summary.zeroFlips.fraction))],
    ["profitable", ...both((x) => pct(x.findings.summary.profitable.fraction))],
    ["safe and profitable", ...both((x) => pct(x.findings.summary.safeAndProfitable.fraction))],
    ["median flips", ...both((x) => fmt(x.findings.summary.medianFlips))],
    [`median pool profit (${WU})`, ...both((x) => fmt(x.findings.summary.medianProfit, 5))],
    ["P(any pool bankrupt at the end) (95% CI)", ...both((x) => riskCells(x)[0]!)],
    [`VaR95: 5th percentile of profit (${WU})`, ...both((x) => riskCells(x)[1]!)],
  ];
  const pair = a.heatmaps[0];
  const html =
    `<p><b>Question:</b> ${esc(l.stage.question)}</p>` +
    `<p><b>Answer:</b> ${pct(a.findings.summary.safeAndProfitable.fraction)} of the region's runs are safe and profitable${ref ? ` (${pct(ref.a.findings.summary.safeAndProfitable.fraction)} over the study's full ranges)` : ""}. ${esc(sentenceDrivers(a))}` +
    (pair ? ` Inside the region, the pair that best maps safe-and-profitable runs is ${esc(pair.a)} × ${esc(pair.b)} (ε² ${pair.epsilon2?.toFixed(3) ?? "—"}).` : "") +
    `</p>` +
    table(cols, rows) +
    `<h3>What decides it inside the region</h3>` +
    table(
      [{ head: "rank", num: true }, { head: "flips: parameter" }, { head: "PRCC", num: true }, { head: "profit: parameter" }, { head: "PRCC", num: true }],
      topBy(a, "flips", 5).map((x, k) => {
        const p = topBy(a, "total_pool_profit", 5)[k]!;
        return [String(k + 1), esc(x.name), corr(x.prcc), esc(p.name), corr(p.prcc)];
      }),
    );
  return { id: "focus", title: l.stage.title, html: html + reportLink(l.stage, record) };
}

function feeSection(l: Loaded, record: StudyRecord | null): Section {
  const t = l.a.levels.find((x) => x.name === "subscription_fee");
  const horizon = l.a.risk.horizon ?? 0;
  if (!t) return { id: "fee", title: l.stage.title, html: `<p class="warn">No subscription_fee levels in this sweep.</p>` + reportLink(l.stage, record) };
  const first = t.rows[0]!;
  const last = t.rows[t.rows.length - 1]!;
  const rows = t.rows.map((r) => [
    fmt(r.value, 4),
    fmt(r.value * horizon, 5),
    pct(r.safe),
    pct(r.profitable),
    pct(r.safeAndProfitable),
    fmt(r.meanFlips, 3),
    fmt(r.medianProfit, 5),
    r.paired ? fmt(r.paired.medianProfitChange, 4) : "(base)",
    r.paired ? pct(r.paired.profitRose) : "",
    r.anyBankrupt ? pct(r.anyBankrupt.estimate) : "—",
    r.meanPenetration === null ? "—" : pct(r.meanPenetration),
  ]);
  const html =
    `<p><b>Question:</b> ${esc(l.stage.question)}</p>` +
    `<p><b>Answer:</b> from no fee to ${fmt(last.value)} ${WU} per step, the median pool profit goes from ${fmt(first.medianProfit, 5)} to ${fmt(last.medianProfit, 5)} ${WU}` +
    (last.paired ? ` (run by run over the same parameter points: median change ${fmt(last.paired.medianProfitChange, 4)}, higher in ${pct(last.paired.profitRose)} of points)` : "") +
    `, the profitable share from ${pct(first.profitable)} to ${pct(last.profitable)}, and mean flips from ${fmt(first.meanFlips, 3)} to ${fmt(last.meanFlips, 3)}; safe and profitable: ${pct(first.safeAndProfitable)} → ${pct(last.safeAndProfitable)}.</p>` +
    `<p class="note">Fee range, in wealth units per step per mandatory member: an agent starts with about 1000 on average; over ${horizon.toLocaleString("en-US")} steps a fee f adds up to f × ${horizon.toLocaleString("en-US")} (second column), so from 0.2 per step a member pays out a mean agent's whole starting wealth within 5000 steps (wealth never rises in this model, MODEL.md fact 10, and a member who cannot pay is uncovered); 3 per step is about the expected loss of a mean agent at the midpoints of p_loss and loss_frac (0.0175 × 0.175 × 1000 ≈ 3), an actuarially fair premium. The grid is roughly geometric between 0.01 and 3. Readings: protocol (cover lasts the step it is paid for). Each fee meets the same parameter points (a config grid crossed with one Latin hypercube), so the paired columns compare fees point by point.</p>` +
    table(
      [
        { head: "fee per step", num: true },
        { head: `fee over ${horizon} steps`, num: true },
        { head: "safe", num: true },
        { head: "profitable", num: true },
        { head: "safe & profitable", num: true },
        { head: "mean flips", num: true },
        { head: "median profit", num: true },
        { head: "median Δprofit vs no fee", num: true },
        { head: "points where profit rose", num: true },
        { head: "P(any pool bankrupt)", num: true },
        { head: "mean penetration", num: true },
      ],
      rows,
    );
  return { id: "fee", title: l.stage.title, html: html + reportLink(l.stage, record) };
}

interface AgentSummary {
  status?: string;
  agents?: number;
  pools?: number;
  steps?: number;
  stepsRun?: number;
  seed?: string;
  command?: string;
  check?: { enabled?: boolean; stepsAgreed?: number; stepsCompared?: number; fieldsCompared?: number; fieldsAgreed?: number; largestRelativeDifference?: number; largestRelativeDifferenceAt?: string; firstDivergenceText?: string | null };
  metrics?: { chain?: Record<string, number> | null; model?: Record<string, number> | null };
  throughput?: { transactions?: number; transactionsPerSecond?: number; blocks?: number };
  error?: string | null;
}

function agentSection(stage: AgentStage, record: StudyRecord | null): Section {
  const path = join(stage.folder, "summary.json");
  if (!existsSync(path)) return { id: "agents", title: stage.title, html: `<p class="warn">No agent run in ${esc(stage.folder)}.</p>` + reportLink(stage, record) };
  const s = JSON.parse(readFileSync(path, "utf8")) as AgentSummary;
  const c = s.check;
  const chain = s.metrics?.chain ?? {};
  const model = s.metrics?.model ?? null;
  const metricRows = ["total_pool_profit", "total_premiums", "total_claims", "total_investment_income", "total_secret_purchases", "flips", "insured_end", "bankrupt_pools", "gini"].map((m) => [
    esc(m),
    fmt(chain[m] ?? null, 7),
    model ? fmt(model[m] ?? null, 7) : "—",
  ]);
  const agreed = c?.enabled ? `${c.stepsAgreed} of ${c.stepsCompared} steps and ${(c.fieldsAgreed ?? 0).toLocaleString("en-US")} of ${(c.fieldsCompared ?? 0).toLocaleString("en-US")} fields agreed; the largest relative difference was ${c.largestRelativeDifference?.toExponential(2)} (${esc(c.largestRelativeDifferenceAt ?? "")})` : "the model was not run alongside (--no-check)";
  const html =
    `<p><b>Question:</b> ${esc(stage.question)}</p>` +
    `<p><b>Answer:</b> ${esc(s.status ?? "?")}: ${s.agents} agent wallets, ${s.pools} pools, ${s.stepsRun} of ${s.steps} steps, ${(s.throughput?.transactions ?? 0).toLocaleString("en-US")} transactions (${fmt(s.throughput?.transactionsPerSecond ?? null, 3)} tx/s); ${agreed}.` +
    (c?.firstDivergenceText ? ` First divergence: ${esc(c.firstDivergenceText)}.` : "") +
    (s.error ? ` Error: ${esc(s.error)}.` : "") +
    `</p>` +
    table([{ head: "metric at the end" }, { head: "chain", num: true }, { head: "model", num: true }], metricRows);
  return { id: "agents", title: stage.title, html: html + reportLink(stage, record) };
}

function reportLink(stage: SweepStage | AgentStage, record: StudyRecord | null): string {
  const r = record?.stages.find((x) => x.name === stage.name);
  const href = r?.report ?? (existsSync(join(stage.folder, "report.html")) ? `${stage.name}/report.html` : null);
  return `<p>${link(href, "the full report →")} · folder <code>${esc(stage.name)}/</code></p>`;
}

export async function renderIndex(plan: StudyPlan, record: StudyRecord | null): Promise<string> {
  const loaded = new Map<string, Loaded>();
  for (const stage of plan.stages) {
    if (stage.kind !== "sweep" || !existsSync(join(stage.folder, "results.csv"))) continue;
    const d = loadSweep(stage.folder);
    loaded.set(stage.name, { stage, d, a: await analyzeSweep(d) });
  }
  const sections: Section[] = [];
  const statusRows = plan.stages.map((st) => {
    const r = record?.stages.find((x) => x.name === st.name);
    const l = loaded.get(st.name);
    const size = l ? `${l.a.n.toLocaleString("en-US")} runs × ${l.a.risk.horizon ?? "?"} steps` : st.kind === "agents" ? `${st.agents ?? "default"} agents × ${st.steps} steps` : "—";
    return [
      link(r?.report ?? null, st.title),
      esc(size),
      esc(r ? `${r.status}${r.message ? `: ${r.message}` : ""}` : "not run"),
      r ? `${r.seconds.toFixed(1)} s` : "—",
      `<code>${esc(stageCommand(st))}</code>`,
    ];
  });
  sections.push({
    id: "stages",
    title: "Stages",
    html:
      table([{ head: "stage" }, { head: "size" }, { head: "status" }, { head: "time", num: true }, { head: "command (from the repository root)" }], statusRows) +
      `<p class="note">Run it all again (completed sweeps are kept, interrupted ones resume, a finished agent run is kept):</p>` +
      commandBlock(plan.command),
  });
  const ref = loaded.get("ref") ?? null;
  if (ref) sections.push(refSection(ref, record));
  const focus = loaded.get("focus");
  if (focus) sections.push(focusSection(focus, ref, record));
  const fee = loaded.get("fee");
  if (fee) sections.push(feeSection(fee, record));
  const agents = plan.stages.find((s): s is AgentStage => s.kind === "agents");
  if (agents) sections.push(agentSection(agents, record));
  const git = gitInfo();
  return page({
    title: `Ingenesist study — key results${plan.quick ? " (quick)" : ""}`,
    facts: [
      `${plan.quick ? "<b>Quick study</b> (fewer runs and steps, a small agent run: for CI; the figures are indicative). " : ""}Made by <code>${esc(plan.command)}</code>${record?.seconds !== undefined ? ` in ${record.seconds.toFixed(0)} s` : ""}${git ? ` at git ${esc(git.commit.slice(0, 10))}${git.dirty ? " (with uncommitted changes)" : ""}` : ""}.`,
      `Pool profit and fees are in wealth units (one token on chain); a step is one epoch. Safe: no flips; profitable: pool profit &gt; 0.`,
    ],
    warnings: (record?.stages ?? []).filter((s) => s.status === "failed" || s.status === "refused" || s.status === "interrupted").map((s) => `Stage <b>${esc(s.name)}</b> ${esc(s.status)}${s.message ? `: ${esc(s.message)}` : ""}.`),
    sections,
    generator: "npm run study (sim/study)",
  });
}
