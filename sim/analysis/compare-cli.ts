/**
 * npx tsx sim/analysis/compare-cli.ts [--study] [--spread] [--split] [--json] [LABEL=]FOLDER …
 *
 * The findings of several sweeps side by side (Markdown tables), for sim/REPRODUCTION.md.
 */
import { existsSync } from "node:fs";
import { analyzeResults } from "./findings.js";
import { engineeringSplit, formatComparison, formatSpread, formatSplit, spread, type Column } from "./compare.js";
import { SweepInputError, didYouMean } from "../sweep/errors.js";
import { exitOnInputError, parseArgv } from "../cli/flags.js";

const HELP = `The findings of several sweeps side by side, as Markdown tables.

Usage:
  npx tsx sim/analysis/compare-cli.ts --study ref=results/ref literal=results/other
  npx tsx sim/analysis/compare-cli.ts --spread --study results/seed1 results/seed2 results/seed3
  npx tsx sim/analysis/compare-cli.ts --split results/ref

Each argument is a sweep's results folder, optionally labelled (LABEL=FOLDER; the label defaults to
the folder's name; both may contain "=").
  (default)  every figure the study states, one column per sweep
  --study    add the study's values as the first column
  --spread   instead: mean, sample sd, min and max of every figure over the sweeps (replicates)
  --split    also: the runs split by value_multiplier_eng + eng_productivity_factor < 5 (no pool can
             ever buy an engineering secret, sim/MODEL.md fact 5) or >= 5
  --json     print the computed values as JSON instead of tables`;

const FLAGS = ["--study", "--spread", "--split", "--json", "--help"];

async function main(): Promise<number> {
  const args = parseArgv(process.argv.slice(2), {
    booleans: FLAGS.map((f) => f.slice(2)),
    booleanValue: "unknown",
    positionals: true,
    messages: { unknown: (_name, arg) => `unknown option ${arg}${didYouMean(arg, FLAGS)}` },
  });
  if (args.help) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const flags = new Set(FLAGS.filter((f) => args.flag(f.slice(2))));
  // each unknown option once, however often it is given
  const problems = [...new Set(args.problems)];
  const targets = args.positionals
    .map((a) => {
      // LABEL=FOLDER, where both may contain "=" (e.g. ask=fixed=results/sw-ask=fixed): an argument
      // that exists is a folder; else the first "=" after which an existing path follows ends the label.
      let eq = -1;
      if (!existsSync(a)) {
        for (let i = a.indexOf("="); i > 0; i = a.indexOf("=", i + 1)) {
          if (existsSync(a.slice(i + 1))) {
            eq = i;
            break;
          }
        }
      }
      const path = eq > 0 ? a.slice(eq + 1) : a;
      const label = eq > 0 ? a.slice(0, eq) : path.replace(/\/+$/, "").split("/").pop()!;
      return { label, path };
    });
  if (targets.length === 0) problems.push("give at least one results folder (the --out of npm run sweep)");
  if (flags.has("--spread") && targets.length < 2) problems.push("--spread needs at least two results folders (replicate sweeps)");
  if (problems.length > 0) throw new SweepInputError("command line", problems, { consequence: "nothing was compared" });
  const columns: Column[] = [];
  for (const t of targets) columns.push({ label: t.label, findings: await analyzeResults(t.path) });
  const splits = flags.has("--split") ? await Promise.all(targets.map(async (t) => ({ label: t.label, split: await engineeringSplit(t.path) }))) : [];
  const study = flags.has("--study");
  if (flags.has("--json")) {
    const figures = flags.has("--spread")
      ? spread(columns).map((s) => ({ figure: s.figure.key, study: s.figure.study ?? null, n: s.n, mean: s.mean, sd: s.sd, min: s.min, max: s.max }))
      : columns.map((c) => ({ label: c.label, folder: c.findings.source.folder, values: Object.fromEntries(spread([c]).map((s) => [s.figure.key, s.mean])) }));
    process.stdout.write(JSON.stringify({ figures, ...(splits.length > 0 ? { splits } : {}) }, null, 2) + "\n");
    return 0;
  }
  const out: string[] = [];
  out.push(flags.has("--spread") ? formatSpread(spread(columns), { study }) : formatComparison(columns, { study }));
  if (splits.length > 0) out.push("", formatSplit(splits));
  const sources = columns.map((c) => `  ${c.label}: ${c.findings.source.folder} — ${c.findings.summary.runs} runs, seed ${c.findings.source.masterSeed ?? "?"}, readings ${c.findings.source.readings ?? "?"}${c.findings.source.complete === false ? " (PARTIAL)" : ""}`);
  out.push("", "sweeps:", ...sources);
  process.stdout.write(out.join("\n") + "\n");
  return 0;
}

process.exitCode = await exitOnInputError(main);
