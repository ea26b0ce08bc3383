/**
 * `npm run coverage`: runs the whole test suite (Mocha and Solidity) with Hardhat's coverage, then prints
 * line coverage (Hardhat's lcov) and branch coverage (branches.ts, from the statement hits Hardhat saves)
 * of contracts/ without contracts/mocks/, and fails below the thresholds.
 *
 *   npm run coverage                 # run the tests with coverage, then report
 *   npm run coverage -- --report     # report on the data of the last run only
 *
 * The coverage build goes to coverage/artifacts and coverage/cache (hardhat.coverage.config.ts), so the
 * instrumented bytecode never replaces the project's artifacts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { measureBranches, type Branch, type StatementMeta } from "./branches.js";

export const LINE_THRESHOLD = 95;
export const BRANCH_THRESHOLD = 90;
const SOLC_VERSION = "0.8.28";
const ROOT = resolve(fileURLToPath(import.meta.url), "..", "..", "..");
const COVERAGE = join(ROOT, "coverage");

/** Counted sources: contracts/**.sol, mocks excluded (interfaces have no statements and add nothing). */
function countedSources(): string[] {
  const out: string[] = [];
  (function walk(dir: string) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (relative(ROOT, p) !== join("contracts", "mocks")) walk(p);
      } else if (e.name.endsWith(".sol")) out.push(relative(ROOT, p));
    }
  })(join(ROOT, "contracts"));
  return out.sort();
}

/** Line hits per file from Hardhat's lcov.info. */
function readLcov(): Map<string, { found: number; hit: number; missed: number[] }> {
  const file = join(COVERAGE, "lcov.info");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run coverage\` without --report first`);
  const out = new Map<string, { found: number; hit: number; missed: number[] }>();
  let cur: { found: number; hit: number; missed: number[] } | undefined;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("SF:")) {
      cur = { found: 0, hit: 0, missed: [] };
      out.set(line.slice(3), cur);
    } else if (line.startsWith("DA:") && cur) {
      const [ln, count] = line.slice(3).split(",").map(Number);
      cur.found++;
      if (count! > 0) cur.hit++;
      else cur.missed.push(ln!);
    }
  }
  return out;
}

/** Statement hits summed over every test run's saved data (coverage/data/<run>/*.json). */
function readHits(): Map<string, number> {
  const hits = new Map<string, number>();
  const dataDir = join(COVERAGE, "data");
  if (!existsSync(dataDir)) throw new Error(`${dataDir} is missing: run \`npm run coverage\` without --report first`);
  for (const run of readdirSync(dataDir)) {
    for (const f of readdirSync(join(dataDir, run))) {
      const data = JSON.parse(readFileSync(join(dataDir, run, f), "utf8")) as Record<string, number>;
      for (const [tag, n] of Object.entries(data)) hits.set(tag, (hits.get(tag) ?? 0) + n);
    }
  }
  return hits;
}

/** The statements EDR instruments in `file` (the same call Hardhat makes, so the same tags). */
function statementsOf(file: string, content: string): StatementMeta[] {
  const edr = createRequire(import.meta.url)("@nomicfoundation/edr") as {
    addStatementCoverageInstrumentation: (src: string, id: string, v: string) => {
      metadata: { kind: string; tag: Uint8Array; startUtf16: number; endUtf16: number }[];
    };
  };
  const { metadata } = edr.addStatementCoverageInstrumentation(content, `project/${file}`, SOLC_VERSION);
  return metadata
    .filter((m) => m.kind === "statement")
    .map((m) => ({ tag: Buffer.from(m.tag).toString("hex"), startUtf16: m.startUtf16, endUtf16: m.endUtf16 }));
}

const pct = (hit: number, found: number): number => (found === 0 ? 100 : (100 * hit) / found);

export function report(): boolean {
  const lcov = readLcov();
  const hits = readHits();
  const rows: string[] = [];
  let linesFound = 0;
  let linesHit = 0;
  let branchesFound = 0;
  let branchesHit = 0;
  const unmeasured: Record<string, number> = {};
  const missedBranches: string[] = [];
  let matchedFiles = 0;
  for (const file of countedSources()) {
    const content = readFileSync(join(ROOT, file), "utf8");
    const statements = statementsOf(file, content);
    if (statements.length === 0) continue; // interfaces, errors and types only
    const l = lcov.get(file);
    if (!l) throw new Error(`${file} has statements but no line data in coverage/lcov.info: was it compiled with coverage?`);
    if (statements.some((s) => hits.has(s.tag))) matchedFiles++;
    const { branches, unmeasured: u } = measureBranches(content, `project/${file}`, statements, hits);
    for (const [k, n] of Object.entries(u)) unmeasured[k] = (unmeasured[k] ?? 0) + n;
    const bHit = branches.filter((b: Branch) => b.covered).length;
    for (const b of branches) if (!b.covered) missedBranches.push(`${file}:${b.line} ${b.kind}`);
    linesFound += l.found;
    linesHit += l.hit;
    branchesFound += branches.length;
    branchesHit += bHit;
    rows.push(
      `${file.padEnd(46)}${pct(l.hit, l.found).toFixed(2).padStart(8)}${`${l.hit}/${l.found}`.padStart(10)}` +
        `${pct(bHit, branches.length).toFixed(2).padStart(10)}${`${bHit}/${branches.length}`.padStart(10)}`,
    );
  }
  if (matchedFiles === 0) {
    throw new Error("no statement tag of contracts/ appears in coverage/data: the instrumentation does not match this EDR version's");
  }
  const lines = pct(linesHit, linesFound);
  const branches = pct(branchesHit, branchesFound);
  console.log(`\nCoverage of contracts/ (mocks excluded)`);
  console.log(`${"file".padEnd(46)}${"lines %".padStart(8)}${"lines".padStart(10)}${"branch %".padStart(10)}${"branches".padStart(10)}`);
  for (const r of rows) console.log(r);
  console.log(
    `${"total".padEnd(46)}${lines.toFixed(2).padStart(8)}${`${linesHit}/${linesFound}`.padStart(10)}` +
      `${branches.toFixed(2).padStart(10)}${`${branchesHit}/${branchesFound}`.padStart(10)}`,
  );
  if (missedBranches.length > 0) console.log(`branches not covered: ${missedBranches.join(", ")}`);
  console.log(
    `branches counted: both sides of every if, every try/catch clause (test/coverage/branches.ts); not measured: ` +
      Object.entries(unmeasured).map(([k, n]) => `${n} ${k}`).join(", "),
  );
  const ok = lines >= LINE_THRESHOLD && branches >= BRANCH_THRESHOLD;
  console.log(
    `lines ${lines.toFixed(2)}% (threshold ${LINE_THRESHOLD}%), branches ${branches.toFixed(2)}% (threshold ${BRANCH_THRESHOLD}%): ` +
      (ok ? "ok" : "BELOW THRESHOLD"),
  );
  return ok;
}

export function main(args: string[]): number {
  const unknown = args.filter((a) => a !== "--report");
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown[0]}: use \`npm run coverage\` or \`npm run coverage -- --report\``);
    return 2;
  }
  let testsFailed = false;
  if (!args.includes("--report")) {
    const hardhat = join(ROOT, "node_modules", ".bin", "hardhat");
    // A normal build first keeps typechain-types/ (imported by some tests) current and uninstrumented.
    const build = spawnSync(hardhat, ["build"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) {
      console.error(`hardhat build failed (exit ${build.status ?? build.signal})`);
      return 1;
    }
    const argv = ["--config", "hardhat.coverage.config.ts", "test", "--coverage", "--no-typechain"];
    const run = spawnSync(hardhat, argv, { cwd: ROOT, stdio: "inherit" });
    // A failing test still leaves the data of everything that ran: report it, then fail.
    testsFailed = run.status !== 0;
    if (testsFailed) console.error(`hardhat ${argv.join(" ")} failed (exit ${run.status ?? run.signal}): figures below, then failure`);
  }
  const ok = report();
  if (testsFailed) console.error("coverage: the test run failed");
  return ok && !testsFailed ? 0 : 1;
}

// Mocha loads every .ts file under test/: run only when invoked as a script.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
