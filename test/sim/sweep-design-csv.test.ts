import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { csvDesign } from "../../sim/sweep/design-csv.js";
import { validateDesign, type DesignRow } from "../../sim/sweep/design.js";
import { ProblemList, SweepInputError } from "../../sim/sweep/errors.js";
import { runSweep } from "../../sim/sweep/run-sweep.js";
import { SWEPT_PARAMS, defaultParams } from "../../sim/params/index.js";

const REFERENCE = resolve("../shared/reference/study-design-2000.csv");
const TOY_MODEL = resolve("test/sim/sweep-fixtures/toy-model.ts");
const dir = mkdtempSync(join(tmpdir(), "sweep-design-"));
let n = 0;
function file(text: string): string {
  const p = join(dir, `d${n++}.csv`);
  writeFileSync(p, text);
  return p;
}

async function rows(path: string, opts: { fixed?: Record<string, number>; limit?: number } = {}): Promise<DesignRow[]> {
  const design = await csvDesign({ path, displayPath: "d.csv", configPath: "c.json", ...opts });
  const problems = new ProblemList();
  const out: DesignRow[] = [];
  for await (const r of design.rows(problems)) out.push(r);
  if (!problems.empty) throw new SweepInputError("d.csv", problems.listed, { total: problems.total });
  return out;
}

async function problemsOf(text: string, opts: { fixed?: Record<string, number>; limit?: number } = {}): Promise<SweepInputError> {
  try {
    const design = await csvDesign({ path: file(text), displayPath: "d.csv", configPath: "c.json", ...opts });
    await validateDesign(design, "d.csv");
  } catch (e) {
    expect(e).to.be.instanceOf(SweepInputError);
    return e as SweepInputError;
  }
  throw new Error("expected the design to be rejected");
}

describe("sweep: design CSVs", () => {
  it("runs the reference design as it is: 2000 rows, its run indices, its values", async function () {
    if (!existsSync(REFERENCE)) this.skip();
    const r = await rows(REFERENCE);
    expect(r).to.have.length(2000);
    expect(r.map((x) => x.runIndex)).to.deep.equal([...Array(2000).keys()]);
    const [header, first] = readFileSync(REFERENCE, "utf8").split("\n");
    const cols = header!.split(",");
    const vals = first!.split(",").map(Number);
    expect(cols).to.deep.equal(["run_index", ...SWEPT_PARAMS, "n_pools"]);
    cols.slice(1).forEach((c, i) => expect(r[0]!.params[c as keyof DesignRow["params"]]).to.equal(vals[i + 1]));
    expect(r[0]!.params.n_agents).to.equal(200);
  });

  it("numbers rows from 0 without run_index; fills missing parameters from the config, then the defaults", async () => {
    const r = await rows(file("lambda_komp,n_pools\r\n1.25,3\r\n\r\n2,1\r\n"), { fixed: { theta_sell: 0.7 } });
    expect(r.map((x) => x.runIndex)).to.deep.equal([0, 1]);
    expect(r[1]!.params).to.deep.equal({ ...defaultParams(), lambda_komp: 2, n_pools: 1, theta_sell: 0.7 });
  });

  it("accepts quoted fields, a BOM, gaps in run_index, a pandas index column, and ignores seed and metric columns", async () => {
    const text = `\uFEFF,run_index,"lambda_komp",seed,flips\n0,3,"1.5",x,9\n1,10,2,y,8\n`;
    const design = await csvDesign({ path: file(text), displayPath: "d.csv" });
    const problems = new ProblemList();
    const out: DesignRow[] = [];
    for await (const r of design.rows(problems)) out.push(r);
    expect(problems.listed).to.deep.equal([]);
    expect(out.map((x) => [x.runIndex, x.params.lambda_komp])).to.deep.equal([[3, 1.5], [10, 2]]);
    expect(design.info.ignoredColumns).to.deep.equal(["(unnamed index column)", "seed", "flips"]);
  });

  it("runs a sweep's own results.csv as a design (same rows, same design hash)", async () => {
    const out = join(dir, "own");
    await runSweep({
      out, design: await csvDesign({ path: file("run_index,lambda_komp,n_pools\n0,1,1\n5,2,3\n"), displayPath: "d.csv" }),
      steps: 3, masterSeed: "1", readings: "study", workers: 1, modelPath: TOY_MODEL, command: "test", progress: { quiet: true }, log: () => {},
    });
    const a = await validateDesign(await csvDesign({ path: file("run_index,lambda_komp,n_pools\n0,1,1\n5,2,3\n"), displayPath: "d.csv" }), "d");
    const b = await validateDesign(await csvDesign({ path: join(out, "results.csv"), displayPath: "r.csv" }), "r");
    expect(b.rowsSha256).to.equal(a.rowsSha256);
  });

  it("runs only the first N rows with a limit, and refuses a limit beyond the design", async () => {
    expect((await rows(file("lambda_komp\n1\n2\n3\n"), { limit: 2 })).length).to.equal(2);
    const e = await problemsOf("lambda_komp\n1\n2\n", { limit: 5 });
    expect(e.message).to.contain("--runs 5 asks for more rows than the design has (2)");
  });

  it("says what is wrong with the header: unknown, repeated, unnamed, and config-fixed columns", async () => {
    const e = await problemsOf("run_index,lamda_komp,n_pools,n_pools,,theta_sell,colour\n0,1,2,2,3,0.6,red\n", { fixed: { theta_sell: 0.6 } });
    expect(e.message).to.contain('line 1 (header), column 2: unknown column "lamda_komp" (did you mean "lambda_komp"?)');
    expect(e.message).to.contain('line 1 (header), column 4: "n_pools" repeats column 3; keep one of them');
    expect(e.message).to.contain("line 1 (header), column 5: the column has no name");
    expect(e.message).to.contain("line 1 (header), column 6: theta_sell is both a design column and fixed in c.json");
    expect(e.message).to.contain('column 7: unknown column "colour"; rename it to a parameter or remove it (parameters: lambda_komp,');
    expect(e.total).to.equal(5);
  });

  it("says what is wrong with each cell, with its line and column", async () => {
    const e = await problemsOf(
      [
        "run_index,lambda_komp,n_pools,p_loss,capital_low,capital_high",
        "0,abc,2,0.01,100,2000",
        "1,1.5,,0.01,100,2000",
        "2,1.5,2.5,0.01,100,2000",
        "3,1.5,2,1.5,100,2000",
        "4,1.5,2,0.01,3000,2000",
        "5,1.5,2,0.01",
        "4,1.5,2,0.01,100,2000",
        "-1,1.5,2,0.01,100,2000",
        '7,"1.5,2,0.01,100,2000',
        "8,0x10,2,0.01,100,2000",
      ].join("\n"),
    );
    const m = e.message;
    expect(m).to.contain('line 2, column lambda_komp: "abc" is not a number; write a decimal number');
    expect(m).to.contain("line 3, column n_pools: empty; write a decimal number (remove the column to use the default 2)");
    expect(m).to.contain("line 4, column n_pools: expected an integer, got 2.5");
    expect(m).to.contain("line 5, column p_loss: 1.5 is outside its domain [0, 1]");
    expect(m).to.contain("line 6: capital_low (3000) must not exceed capital_high (2000)");
    expect(m).to.contain("line 7: 4 fields where the header has 6");
    expect(m).to.contain("line 8, column run_index: run index 4 does not follow 4 (line 6); run indices must be unique and increasing");
    expect(m).to.contain('line 9, column run_index: "-1" is not a run index; write a non-negative integer');
    expect(m).to.contain("line 10: unterminated quoted field");
    expect(m).to.contain('line 11, column lambda_komp: "0x10" is not a number');
    expect(e.total).to.equal(10);
  });

  it("refuses an empty file and a header without rows", async () => {
    expect((await problemsOf("")).message).to.contain("the file is empty");
    expect((await problemsOf("lambda_komp\n")).message).to.contain("the file has a header but no rows");
    expect((await problemsOf("run_index,seed\n0,x\n")).message).to.contain("no parameter columns");
  });

  it("runs nothing and creates no folder when the design is invalid", async () => {
    const out = join(dir, "never");
    let err: unknown;
    try {
      await runSweep({
        out, design: await csvDesign({ path: file("lambda_komp\n1\nx\n"), displayPath: "d.csv" }),
        steps: 3, masterSeed: "1", readings: "study", workers: 1, modelPath: TOY_MODEL, command: "test", progress: { quiet: true }, log: () => {},
      });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(SweepInputError);
    expect((err as Error).message).to.match(/^d\.csv: 1 problem; nothing was run\n {2}- line 3, column lambda_komp/);
    expect(existsSync(out)).to.equal(false);
  });

  it("says when the file is missing", async () => {
    let err: unknown;
    try {
      await csvDesign({ path: join(dir, "missing.csv"), displayPath: "missing.csv" });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).to.equal("missing.csv: 1 problem; nothing was run\n  - cannot read the design: no such file");
  });
});
