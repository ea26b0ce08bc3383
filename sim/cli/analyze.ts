/**
 * npm run analyze -- <results folder> [--json]
 *
 * The study's findings table from a sweep's results folder; writes <folder>/findings.json.
 */
import { writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { FINDINGS_FILE, analyzeResults } from "../analysis/findings.js";
import { formatFindings } from "../analysis/format.js";
import { SweepInputError, didYouMean } from "../sweep/errors.js";
import { exitOnInputError, parseArgv } from "./flags.js";

const HELP = `The study's findings table from a sweep's results.

Usage:
  npm run analyze -- results/ref           print the table; write results/ref/findings.json
  npm run analyze -- results/ref --json    print the JSON instead of the table

The findings: fraction of runs with zero flips, profitable (total_pool_profit > 0), both; median flips;
median and max profit; Pearson correlation of every parameter with flips and with profit; parameter
means in safe-and-profitable runs against the rest.`;

async function main(): Promise<number> {
  const args = parseArgv(process.argv.slice(2), {
    booleans: ["json"],
    booleanValue: "unknown",
    positionals: true,
    messages: { unknown: (_name, arg) => `unknown option ${arg}${didYouMean(arg, ["--json", "--help"])}` },
  });
  if (args.help) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const { problems, positionals: paths } = args;
  if (paths.length === 0) problems.push("give the results folder of a sweep (the --out of npm run sweep), e.g. npm run analyze -- results/ref");
  if (paths.length > 1) problems.push(`give one results folder, got ${paths.length}: ${paths.join(" ")}`);
  if (problems.length > 0) throw new SweepInputError("command line", problems, { consequence: "nothing was analysed" });
  const findings = await analyzeResults(paths[0]!);
  const json = JSON.stringify(findings, null, 2) + "\n";
  const target = join(findings.source.folder, FINDINGS_FILE);
  let written = true;
  try {
    writeFileSync(target + ".tmp", json);
    renameSync(target + ".tmp", target);
  } catch (e) {
    written = false;
    process.stderr.write(`warning: could not write ${target}: ${(e as Error).message}\n`);
  }
  if (args.flag("json")) process.stdout.write(json);
  else process.stdout.write(formatFindings(findings) + (written ? `\nwritten: ${target}\n` : ""));
  return 0;
}

process.exitCode = await exitOnInputError(main);
