import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { fixedValuesForDesign, loadConfig, spaceFromConfig } from "../../sim/sweep/config.js";
import { generatedDesign } from "../../sim/sweep/design-generated.js";
import { validateDesign } from "../../sim/sweep/design.js";
import { SweepInputError } from "../../sim/sweep/errors.js";

const dir = mkdtempSync(join(tmpdir(), "sweep-config-"));
let n = 0;
function file(text: string): string {
  const p = join(dir, `c${n++}.json`);
  writeFileSync(p, text);
  return p;
}
const json = (o: unknown) => file(JSON.stringify(o, null, 2));

/** The error's message, checking that loading fails with a SweepInputError. */
function errorOf(path: string): SweepInputError {
  try {
    loadConfig(path, "c.json");
  } catch (e) {
    expect(e).to.be.instanceOf(SweepInputError);
    return e as SweepInputError;
  }
  throw new Error("expected the config to be rejected");
}
const msg = (o: unknown) => errorOf(typeof o === "string" ? o : json(o)).message;

describe("sweep: config files", () => {
  it("reads ranges, grids and fixed values in table order", () => {
    const c = loadConfig(
      json({
        description: "focus",
        parameters: { n_pools: 2, lambda_komp: { range: [1, 1.5] }, mandatory_insurance_frac: { grid: [0, 0.05] } },
      }),
    );
    expect(Object.keys(c.axes)).to.deep.equal(["lambda_komp", "mandatory_insurance_frac", "n_pools"]);
    expect(c.axes.lambda_komp).to.deep.equal({ kind: "range", lo: 1, hi: 1.5 });
    expect(c.axes.mandatory_insurance_frac).to.deep.equal({ kind: "grid", values: [0, 0.05] });
    expect(c.axes.n_pools).to.deep.equal({ kind: "fixed", value: 2 });
    expect(c.sha256).to.match(/^[0-9a-f]{64}$/);
    const space = spaceFromConfig(c);
    expect(space.theta_sell).to.deep.equal({ kind: "range", lo: 0.5, hi: 0.8 }); // untouched: study range
    expect(space.n_agents).to.deep.equal({ kind: "fixed", value: 200 });
  });

  it("says when the file is missing", () => {
    expect(msg(join(dir, "nope.json"))).to.contain("c.json").and.contain("cannot read the config file: no such file");
  });

  it("gives the line and column of a JSON syntax error", () => {
    const m = msg(file('{\n  "parameters": {\n    "lambda_komp": 1,\n  }\n}'));
    expect(m).to.match(/line 4, column 3: not valid JSON/);
  });

  it("rejects a top level that is not an object, unknown keys and a missing parameters object", () => {
    expect(msg(file("[1, 2]"))).to.contain("expected a JSON object");
    const m = msg({ paramters: {}, lambda_komp: 1 });
    expect(m).to.contain('unknown key "paramters" (did you mean "parameters"?)');
    expect(m).to.contain('unknown key "lambda_komp" (parameters go inside "parameters")');
    expect(m).to.contain('missing "parameters"');
    expect(errorOf(json({ paramters: {}, lambda_komp: 1 })).total).to.equal(3);
  });

  it("names an unknown parameter with its line and the closest known name", () => {
    const m = msg(file('{\n  "parameters": {\n    "lamda_komp": 1\n  }\n}'));
    expect(m).to.contain('line 3, parameters.lamda_komp: unknown parameter (did you mean "lambda_komp"?)');
  });

  it("refuses a bare list (range or grid?) and objects of the wrong shape", () => {
    expect(msg({ parameters: { lambda_komp: [1, 2] } })).to.contain(
      'parameters.lambda_komp: a bare list is ambiguous; write {"range": [1,2]} for a range or {"grid": [1,2]} for listed values',
    );
    expect(msg({ parameters: { lambda_komp: { min: 1, max: 2 } } })).to.contain('got an object with keys ["min","max"]');
    expect(msg({ parameters: { lambda_komp: "1.5" } })).to.contain('parameters.lambda_komp: expected a number (fixed)');
    expect(msg({ parameters: { lambda_komp: { range: [1] } } })).to.contain("parameters.lambda_komp.range: expected [low, high], got [1]");
  });

  it("checks ranges: order, width, domain, integers", () => {
    expect(msg({ parameters: { lambda_komp: { range: [2, 1] } } })).to.contain("low end 2 is above high end 1; write [1, 2]");
    expect(msg({ parameters: { lambda_komp: { range: [1, 1] } } })).to.contain("both ends are 1; write 1 to fix the value");
    expect(msg({ parameters: { f_hunters: { range: [0.5, 1.5] } } })).to.contain("parameters.f_hunters: high end: 1.5 is outside its domain [0, 1]");
    expect(msg({ parameters: { n_pools: { range: [1, 2.5] } } })).to.contain("parameters.n_pools: high end: expected an integer, got 2.5");
  });

  it("checks grids: non-empty, valid values, no repeats", () => {
    expect(msg({ parameters: { n_pools: { grid: [] } } })).to.contain("parameters.n_pools.grid: expected a non-empty list of values");
    expect(msg({ parameters: { n_pools: { grid: [1, 0] } } })).to.contain("parameters.n_pools: value 2: 0 is outside its domain [1, 16]");
    expect(msg({ parameters: { theta_sell: { grid: [0.5, 0.6, 0.5] } } })).to.contain("theta_sell.grid: 0.5 is listed twice");
  });

  it("checks fixed values against the parameter's domain", () => {
    expect(msg({ parameters: { p_loss: 2 } })).to.contain("parameters.p_loss: 2 is outside its domain [0, 1]");
    expect(msg({ parameters: { n_agents: 10.5 } })).to.contain("parameters.n_agents: expected an integer, got 10.5");
  });

  it("reports every problem at once", () => {
    const e = errorOf(json({ parameters: { p_loss: 2, lambda_komp: [1, 2], bogus: 1 } }));
    expect(e.total).to.equal(3);
    expect(e.message).to.match(/^c\.json: 3 problems; nothing was run/);
  });

  it("with --design, allows only fixed values", () => {
    const c = loadConfig(json({ parameters: { n_pools: 2, lambda_komp: { range: [1, 2] } } }), "c.json");
    expect(() => fixedValuesForDesign(c)).to.throw(SweepInputError, /parameters\.lambda_komp: a range has no meaning with --design/);
    expect(fixedValuesForDesign(loadConfig(json({ parameters: { n_pools: 2 } })))).to.deep.equal({ n_pools: 2 });
  });

  it("rejects ranges whose combinations break a rule between parameters, naming the runs", async () => {
    const c = loadConfig(json({ parameters: { capital_low: { range: [100, 3000] }, capital_high: { range: [2000, 2500] } } }), "c.json");
    const design = generatedDesign({ space: spaceFromConfig(c), points: 50, masterSeed: "1", info: { kind: "config", summary: "" } });
    let err: unknown;
    try {
      await validateDesign(design, "c.json");
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(SweepInputError);
    expect((err as Error).message).to.match(/run \d+: capital_low \([\d.]+\) must not exceed capital_high \([\d.]+\); narrow the ranges/);
  });

  it("accepts the example in sim/sweep/README.md, which gives the runs it says", async () => {
    const readme = readFileSync("sim/sweep/README.md", "utf8");
    const example = /```json\n([\s\S]*?)```/.exec(readme)![1]!;
    const c = loadConfig(file(example), "example.json");
    const design = generatedDesign({ space: spaceFromConfig(c), points: 200, masterSeed: "1", info: { kind: "config", summary: "" } });
    expect((await validateDesign(design, "example")).runs).to.equal(1600);
    expect(readme).to.contain("`--runs 200` with the file above gives 200 × 8 = 1600 runs");
  });
});
