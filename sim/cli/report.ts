/**
 * npm run report -- <results folder> [--out report.html]
 *
 * One self-contained HTML page from a sweep folder or an agent-run folder.
 */
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { buildReport } from "../report/index.js";
import { SweepInputError, didYouMean } from "../sweep/errors.js";
import { parseArgv } from "./flags.js";

const HELP = `Turn a results folder into one self-contained HTML page (inline SVG charts; opens without a network).

Usage:
  npm run report -- results/ref                      writes results/ref/report.html
  npm run report -- results/ref --out ref.html       writes ref.html

The folder is a sweep's (--out of npm run sweep: results.csv, sweep.json) or an agent run's (--out of
npm run agents). A sweep's page: the findings table, risk figures at the run length (bankruptcy with
Wilson intervals, VaR95, 1st percentile), the sensitivity ranking (Pearson and PRCC), heat maps of the
safe-and-profitable region, scatter plots of flips and profit against every parameter, and the command
that replays every run it names.

Options:
  --out FILE   the page to write (an .html file; its folder is created); default <folder>/report.html
  -h, --help   this help`;

interface Flags {
  folder: string;
  out: string;
}

function parseFlags(argv: string[]): Flags | "help" {
  const args = parseArgv(argv, {
    values: ["out"],
    positionals: true,
    greedyValues: true,
    keep: "first",
    messages: {
      unknown: (_name, arg) => `unknown option ${arg}${didYouMean(arg, ["--out", "--help"])}`,
      missing: () => "--out needs a file name, for example --out report.html",
    },
  });
  if (args.help) return "help";
  const { problems, positionals: positional } = args;
  const out = args.get("out");
  if (positional.length === 0) problems.push("give a results folder, for example: npm run report -- results/ref");
  if (positional.length > 1) problems.push(`give one results folder, got ${positional.length}: ${positional.join(" ")}`);
  if (out !== undefined) {
    if (![".html", ".htm"].includes(extname(out).toLowerCase())) problems.push(`--out ${out}: name an .html file (the report is one HTML page)`);
    else if (existsSync(out) && statSync(out).isDirectory()) problems.push(`--out ${out} is a folder; name the .html file to write`);
  }
  if (problems.length > 0) throw new SweepInputError("command line", problems, { consequence: "no report was written" });
  const folder = positional[0]!;
  return { folder, out: out ?? join(folder, "report.html") };
}

async function main(): Promise<number> {
  let flags: Flags | "help";
  try {
    flags = parseFlags(process.argv.slice(2));
    if (flags === "help") {
      process.stdout.write(HELP + "\n");
      return 0;
    }
    const t0 = performance.now();
    const report = await buildReport(flags.folder);
    mkdirSync(dirname(resolve(flags.out)), { recursive: true });
    writeFileSync(flags.out + ".tmp", report.html);
    renameSync(flags.out + ".tmp", flags.out);
    const kb = Buffer.byteLength(report.html) / 1024;
    process.stdout.write(`${report.summary}\nwritten: ${flags.out} (${kb.toFixed(0)} kB, ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    return 0;
  } catch (e) {
    if (e instanceof SweepInputError) {
      process.stderr.write(`${e.message}\n\nRun with --help for usage.\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main();
