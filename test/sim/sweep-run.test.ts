import { expect } from "chai";
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { csvDesign } from "../../sim/sweep/design-csv.js";
import { generatedDesign } from "../../sim/sweep/design-generated.js";
import { SweepInputError } from "../../sim/sweep/errors.js";
import { readManifest } from "../../sim/sweep/manifest.js";
import { Progress } from "../../sim/sweep/progress.js";
import { resultsColumns } from "../../sim/sweep/results-file.js";
import { RunFailedError, runSweep, type SweepOptions } from "../../sim/sweep/run-sweep.js";
import { studySpace } from "../../sim/sweep/space.js";
import { TSX_LOADER } from "../helpers/run-script.js";

const TOY_MODEL = resolve("test/sim/sweep-fixtures/toy-model.ts");
/** tsx's loader, so that the child is one node process (the tsx CLI would run the sweep in a grandchild). */
const root = mkdtempSync(join(tmpdir(), "sweep-run-"));
let n = 0;
const folder = (name: string) => join(root, `${name}-${n++}`);

function lhs(runs: number, seed = "42") {
  return generatedDesign({ space: studySpace(), points: runs, masterSeed: seed, info: { kind: "lhs", summary: `test LHS of ${runs}` } });
}

async function sweep(out: string, over: Partial<SweepOptions> & { runs?: number } = {}) {
  const { runs = 24, ...rest } = over;
  return runSweep({
    out,
    design: lhs(runs, rest.masterSeed ?? "42"),
    steps: 40,
    masterSeed: "42",
    readings: "study",
    workers: 2,
    modelPath: TOY_MODEL,
    command: "test",
    progress: { quiet: true },
    log: () => {},
    ...rest,
  });
}

const results = (out: string) => readFileSync(join(out, "results.csv"), "utf8");

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

describe("sweep: running", function () {
  this.timeout(60_000);

  it("writes one row per run in run-index order, with the run seed, every parameter and every metric", async () => {
    const out = folder("basic");
    const o = await sweep(out);
    expect(o.status).to.equal("complete");
    const lines = results(out).trimEnd().split("\n");
    expect(lines[0]).to.equal(resultsColumns().join(","));
    expect(lines).to.have.length(25);
    lines.slice(1).forEach((l, i) => {
      const f = l.split(",");
      expect(f).to.have.length(resultsColumns().length);
      expect(f[0]).to.equal(String(i));
      expect(f[1]).to.equal(`42/${i}`);
    });
  });

  it("gives the same bytes for the same seed, and for 1 and 2 workers", async () => {
    const a = folder("w2");
    const b = folder("w2again");
    const c = folder("w1");
    await sweep(a, { workers: 2 });
    await sweep(b, { workers: 2 });
    await sweep(c, { workers: 1 });
    expect(results(b)).to.equal(results(a));
    expect(results(c)).to.equal(results(a));
    const d = folder("seed7");
    await sweep(d, { masterSeed: "7" });
    expect(results(d)).to.not.equal(results(a));
  });

  it("writes the manifest first and records each session", async () => {
    const out = folder("manifest");
    await sweep(out);
    const m = readManifest(out);
    expect(m.identity).to.include({ format: "ingenesist-sweep/1", masterSeed: "42", steps: 40, readings: "study", runs: 24 });
    expect(m.identity.designSha256).to.match(/^[0-9a-f]{64}$/);
    expect(m.identity.columns).to.deep.equal(resultsColumns());
    expect(m.model.module).to.equal("test/sim/sweep-fixtures/toy-model.ts");
    expect(Object.keys(m.model.fingerprint.files)).to.include("test/sim/sweep-fixtures/toy-model.ts");
    expect(m.model.fingerprint.packages).to.have.property("seedrandom");
    expect(m.versions.node).to.equal(process.version);
    expect(m.sessions).to.have.length(1);
    expect(m.sessions[0]).to.include({ status: "complete", runsAtStart: 0, runsAtEnd: 24, workers: 2 });
    const again = await sweep(out);
    expect(again.status).to.equal("already-complete");
    expect(readManifest(out).sessions).to.have.length(2);
  });

  it("refuses a folder that holds another sweep, and leaves it unchanged", async () => {
    const out = folder("other");
    await sweep(out);
    const before = results(out);
    const manifestBefore = readFileSync(join(out, "sweep.json"), "utf8");
    const e1 = await rejection(sweep(out, { masterSeed: "43" }));
    expect(e1).to.be.instanceOf(SweepInputError);
    expect(e1.message).to.contain("nothing was run and the folder is unchanged");
    expect(e1.message).to.contain("this folder holds a different sweep (test)");
    expect(e1.message).to.contain("master seed: 42 there, --seed 43 now");
    expect(e1.message).to.contain("choose another --out folder");
    const e2 = await rejection(sweep(out, { steps: 41 }));
    expect(e2.message).to.contain("steps: 40 there, --steps 41 now");
    const e3 = await rejection(sweep(out, { runs: 25 }));
    expect(e3.message).to.match(/design: 24 runs \(test LHS of 24, rows sha256 [0-9a-f]{12}…\) there, 25 runs/);
    const e4 = await rejection(sweep(out, { readings: "protocol" }));
    expect(e4.message).to.contain("readings: study there, --readings protocol now");
    const e5 = await rejection(sweep(out, { switches: { bankruptBuys: false } }));
    expect(e5.message).to.contain('reading switches: {} there, {"bankruptBuys":false} now');
    expect(results(out)).to.equal(before);
    expect(readFileSync(join(out, "sweep.json"), "utf8")).to.equal(manifestBefore);
  });

  it("refuses a non-empty folder without a manifest", async () => {
    const out = folder("busy");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine");
    const e = await rejection(sweep(out));
    expect(e.message).to.contain("the folder is not empty and has no sweep.json; choose a new or empty --out folder");
  });

  it("stops at a run that throws, keeps the runs before it, and retries it on rerun", async () => {
    const out = folder("fail");
    const csv = join(root, "fail.csv");
    writeFileSync(csv, "subscription_fee\n0\n1\n2\n13\n4\n");
    const design = async () => csvDesign({ path: csv, displayPath: "fail.csv" });
    const e = await rejection(sweep(out, { design: await design(), workers: 1 }));
    expect(e).to.be.instanceOf(RunFailedError);
    expect((e as RunFailedError).runIndex).to.equal(3);
    expect(e.message).to.contain("run 3 (seed 42/3) failed in the model");
    expect(e.message).to.contain("subscription_fee 13 is unlucky");
    expect(results(out).trimEnd().split("\n")).to.have.length(4); // header + runs 0..2
    expect(readManifest(out).sessions[0]).to.include({ status: "failed", runsAtEnd: 3 });
    const again = await rejection(sweep(out, { design: await design(), workers: 1 }));
    expect((again as RunFailedError).runIndex).to.equal(3);
  });

  it("stops cleanly when interrupted and continues to the same bytes", async () => {
    const whole = folder("whole");
    await sweep(whole, { runs: 60, steps: 2000 });
    const out = folder("interrupted");
    const abort = new AbortController();
    let seen = 0;
    const stream = { isTTY: false, write: (s: string) => ((seen += s.split("\n").length - 1), seen >= 3 && abort.abort(), true) };
    const first = await sweep(out, { runs: 60, steps: 2000, signal: abort.signal, progress: { stream, intervalMs: 0 } });
    expect(first.status).to.equal("interrupted");
    expect(first.runsWritten).to.be.within(1, 59);
    expect(readManifest(out).sessions[0]!.status).to.equal("interrupted");
    const second = await sweep(out, { runs: 60, steps: 2000 });
    expect(second.status).to.equal("complete");
    expect(second.runsAtStart).to.equal(first.runsWritten);
    expect(results(out)).to.equal(results(whole));
  });

  it("resumes after SIGKILL (and a torn last line) without losing or repeating a run", async () => {
    const args = ["--runs", "40", "--steps", "20000", "--seed", "3", "--model", TOY_MODEL, "--quiet"];
    const reference = folder("ref");
    await sweep(reference, { runs: 40, steps: 20000, masterSeed: "3", design: lhs(40, "3") });
    const out = folder("killed");
    const child = spawn(process.execPath, ["--import", TSX_LOADER, "sim/cli/sweep.ts", ...args, "--out", out], { stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on("exit", (_code, sig) => r(sig)));
    const csv = join(out, "results.csv");
    const rows = () => (existsSync(csv) ? readFileSync(csv, "utf8").split("\n").length - 2 : -1);
    const deadline = Date.now() + 30_000;
    while (rows() < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    expect(await exited).to.equal("SIGKILL");
    const done = rows();
    expect(done, "the kill should land mid-sweep").to.be.within(4, 39);
    expect(readManifest(out).sessions[0]!.status).to.equal("running");
    // tear the last row, as a kill during a write would
    const size = statSync(csv).size;
    truncateSync(csv, size - 7);
    const notes: string[] = [];
    const o = await sweep(out, { runs: 40, steps: 20000, masterSeed: "3", design: lhs(40, "3"), log: (m) => notes.push(m) });
    expect(o.status).to.equal("complete");
    expect(o.runsAtStart).to.equal(done - 1);
    expect(notes.join("\n")).to.match(/cut a torn last line \(\d+ bytes\)/);
    expect(results(out)).to.equal(results(reference));
    const sessions = readManifest(out).sessions;
    expect(sessions.map((s) => s.status)).to.deep.equal(["killed", "complete"]);
  });

  it("lets one process at a time write to a folder; takes over the lock of a killed one", async () => {
    const out = folder("locked");
    await sweep(out, { runs: 4 });
    writeFileSync(join(out, "sweep.lock"), JSON.stringify({ pid: process.ppid, host: hostname(), since: "then" }));
    const e = await rejection(sweep(out, { runs: 4 }));
    expect(e.message).to.contain(`another sweep (pid ${process.ppid}, since then) is writing to this folder`);
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => dead.on("exit", r));
    writeFileSync(join(out, "sweep.lock"), JSON.stringify({ pid: dead.pid, host: hostname(), since: "then" }));
    expect((await sweep(out, { runs: 4 })).status).to.equal("already-complete");
    expect(existsSync(join(out, "sweep.lock"))).to.equal(false);
  });

  it("reports a model module that cannot run before touching the folder", async () => {
    const out = folder("nomodel");
    const bad = join(root, "not-a-model.ts");
    writeFileSync(bad, "export const x = 1;\n");
    const e = await rejection(sweep(out, { modelPath: bad }));
    expect(e.message).to.contain(`model: 1 problem; nothing was run\n  - ${bad} does not export a runModel function`);
    const e2 = await rejection(sweep(out, { modelPath: join(root, "absent.ts") }));
    expect(e2.message).to.contain("absent.ts does not exist");
    expect(existsSync(out)).to.equal(false);
  });

  it("refuses to continue a results file that was edited", async () => {
    const out = folder("edited");
    await sweep(out, { runs: 6 });
    const text = results(out).split("\n");
    text[3] = text[3]!.replace(/^2,42\/2,[^,]+/, "2,42/2,0.9");
    writeFileSync(join(out, "results.csv"), text.slice(0, 4).join("\n") + "\n");
    const e = await rejection(sweep(out, { runs: 6 }));
    expect(e.message).to.contain("the last row does not match run 2 of the design");
    appendFileSync(join(out, "results.csv"), "oops,1\n");
    const e2 = await rejection(sweep(out, { runs: 6 }));
    expect(e2.message).to.contain("line 5: not a complete results row (2 fields, expected");
  });

  it("prints progress lines with runs done/total, agent-steps/s and an ETA", () => {
    const lines: string[] = [];
    const p = new Progress({ total: 10, already: 4, stream: { write: (s: string) => (lines.push(s), true) }, intervalMs: 0 });
    p.tick(1000);
    p.tick(1000);
    p.finish();
    expect(lines[0]).to.match(/^runs 5\/10 \(50\.0%\) +\S+ runs\/s +\S+ agent-steps\/s +elapsed 0:00 +ETA \S+\n$/);
    expect(lines.at(-1)).to.match(/^runs 6\/10 \(60\.0%\)/);
    const tty: string[] = [];
    const q = new Progress({ total: 2, already: 0, stream: { isTTY: true, write: (s: string) => (tty.push(s), true) } });
    q.tick(5);
    q.finish();
    expect(tty[0]).to.match(/^\r\x1b\[2Kruns 1\/2/);
    expect(tty.at(-1)).to.match(/^\r\x1b\[2Kruns 1\/2 .*\n$/);
  });
});
