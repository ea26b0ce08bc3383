/**
 * The sweep engine with the real model (sim/model/run.ts): few runs, few steps.
 */
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { analyzeResults } from "../../sim/analysis/findings.js";
import { METRIC_NAMES } from "../../sim/model/api.js";
import { runModel } from "../../sim/model/run.js";
import { PARAM_NAMES, resolveParams } from "../../sim/params/index.js";
import { deriveRunSeed } from "../../sim/rng/seed.js";
import { csvDesign } from "../../sim/sweep/design-csv.js";
import { generatedDesign } from "../../sim/sweep/design-generated.js";
import { runSweep, type SweepOptions } from "../../sim/sweep/run-sweep.js";
import { studySpace } from "../../sim/sweep/space.js";

const REFERENCE = resolve("../shared/reference/study-design-2000.csv");
const root = mkdtempSync(join(tmpdir(), "sweep-model-"));

async function sweep(name: string, over: Partial<SweepOptions>) {
  const out = join(root, name);
  await runSweep({
    out,
    design: generatedDesign({ space: studySpace(), points: 6, masterSeed: "42", info: { kind: "lhs", summary: "LHS 6" } }),
    steps: 60,
    masterSeed: "42",
    readings: "study",
    workers: 2,
    command: "test",
    progress: { quiet: true },
    log: () => {},
    ...over,
  });
  return readFileSync(join(out, "results.csv"), "utf8");
}

describe("sweep: with the real model", function () {
  this.timeout(120_000);

  it("runs the reference design's first rows, byte-identical on 1 and 2 workers, and analyses them", async function () {
    if (!existsSync(REFERENCE)) this.skip();
    const design = () => csvDesign({ path: REFERENCE, displayPath: "study-design-2000.csv", limit: 8 });
    const two = await sweep("ref2", { design: await design(), workers: 2 });
    const one = await sweep("ref1", { design: await design(), workers: 1 });
    expect(one).to.equal(two);
    const lines = two.trimEnd().split("\n");
    expect(lines).to.have.length(9);
    const f = await analyzeResults(join(root, "ref2"));
    expect(f.summary.runs).to.equal(8);
    expect(f.source).to.include({ plannedRuns: 8, complete: true, steps: 60 });
  });

  it("writes exactly what runModel returns for (params, deriveRunSeed(master, i), steps)", async () => {
    const text = await sweep("lhs", { readings: "protocol" });
    const header = text.split("\n")[0]!.split(",");
    const row = text.split("\n")[3]!.split(","); // run 2
    const params = resolveParams(
      Object.fromEntries(PARAM_NAMES.map((p) => [p, Number(row[header.indexOf(p)])])),
      "row",
    );
    expect(row[1]).to.equal(deriveRunSeed("42", 2));
    const direct = runModel(params, { seed: deriveRunSeed("42", 2), steps: 60, readings: "protocol" });
    for (const m of METRIC_NAMES) expect(Number(row[header.indexOf(m)]), m).to.equal(direct.metrics[m]);
  });

  it("passes reading switches to every run and records them in the manifest", async () => {
    const switches = { bankruptBuys: false, poolOrder: "shuffled" } as const;
    const text = await sweep("switches", { switches });
    const header = text.split("\n")[0]!.split(",");
    const row = text.split("\n")[2]!.split(","); // run 1
    const params = resolveParams(Object.fromEntries(PARAM_NAMES.map((p) => [p, Number(row[header.indexOf(p)])])), "row");
    const direct = runModel(params, { seed: deriveRunSeed("42", 1), steps: 60, readings: "study", switches });
    for (const m of METRIC_NAMES) expect(Number(row[header.indexOf(m)]), m).to.equal(direct.metrics[m]);
    const manifest = JSON.parse(readFileSync(join(root, "switches", "sweep.json"), "utf8"));
    expect(manifest.identity.switches).to.deep.equal(switches);
    const f = await analyzeResults(join(root, "switches"));
    expect(f.source.readings).to.equal('study {"bankruptBuys":false,"poolOrder":"shuffled"}');
  });
});
