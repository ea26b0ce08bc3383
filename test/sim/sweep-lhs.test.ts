import { expect } from "chai";
import { LatinHypercube } from "../../sim/sweep/lhs.js";
import { generatedDesign } from "../../sim/sweep/design-generated.js";
import { validateDesign, type DesignRow } from "../../sim/sweep/design.js";
import { ProblemList } from "../../sim/sweep/errors.js";
import { studySpace, type Space } from "../../sim/sweep/space.js";
import { PARAM_SPEC_BY_NAME, SWEPT_PARAMS } from "../../sim/params/index.js";

function points(n: number, d: number, seed: string): number[][] {
  const out: number[][] = [];
  for (const p of new LatinHypercube(n, d, seed).points()) out.push([...p]); // the generator reuses its array
  return out;
}

async function rowsOf(space: Space, n: number, seed: string): Promise<DesignRow[]> {
  const design = generatedDesign({ space, points: n, masterSeed: seed, info: { kind: "lhs", summary: "test" } });
  const problems = new ProblemList();
  const out: DesignRow[] = [];
  for await (const r of design.rows(problems)) out.push(r);
  expect(problems.total, problems.listed.join("\n")).to.equal(0);
  return out;
}

describe("sweep: Latin hypercube", () => {
  it("puts exactly one point in each of the n strata of every dimension", () => {
    const n = 97;
    const d = 17;
    const pts = points(n, d, "7");
    expect(pts).to.have.length(n);
    for (let j = 0; j < d; j++) {
      const strata = pts.map((p) => Math.floor(p[j]! * n)).sort((a, b) => a - b);
      expect(strata).to.deep.equal([...Array(n).keys()], `dimension ${j}`);
    }
  });

  it("stays in [0, 1) and is a pure function of the seed", () => {
    const a = points(50, 5, "42");
    for (const p of a) for (const x of p) expect(x).to.be.at.least(0).and.below(1);
    expect(points(50, 5, "42")).to.deep.equal(a);
    expect(points(50, 5, "43")).to.not.deep.equal(a);
  });

  it("pairs the dimensions at random (no two dimensions share their permutation)", () => {
    const lhs = new LatinHypercube(200, 17, "1");
    const keys = new Set(lhs.permutations.map((p) => p.join(",")));
    expect(keys.size).to.equal(17);
  });

  it("scales the study design to the 17 ranges, one point per stratum of each range, n_pools in {1, 2, 3}", async () => {
    const n = 300;
    const rows = await rowsOf(studySpace(), n, "42");
    expect(rows.map((r) => r.runIndex)).to.deep.equal([...Array(n).keys()]);
    for (const name of SWEPT_PARAMS) {
      const [lo, hi] = PARAM_SPEC_BY_NAME[name].studyRange!;
      const vals = rows.map((r) => r.params[name]);
      for (const v of vals) expect(v).to.be.at.least(lo).and.at.most(hi);
      const strata = vals.map((v) => Math.min(n - 1, Math.floor(((v - lo) / (hi - lo)) * n))).sort((a, b) => a - b);
      // floating point may move a value across a stratum edge by one ulp; allow at most one such case
      const misses = strata.filter((s, i) => s !== i).length;
      expect(misses, name).to.be.at.most(2);
    }
    const pools = rows.map((r) => r.params.n_pools);
    for (const k of [1, 2, 3]) {
      const share = pools.filter((p) => p === k).length / n;
      expect(share, `n_pools = ${k}`).to.be.within(0.25, 0.42);
    }
    expect(pools.every((p) => [1, 2, 3].includes(p))).to.equal(true);
    // the constants keep their defaults
    expect(rows.every((r) => r.params.n_agents === 200 && r.params.subscription_fee === 0)).to.equal(true);
  });

  it("draws n_pools independently of the hypercube (changing a range leaves it unchanged)", async () => {
    const a = await rowsOf(studySpace(), 40, "9");
    const space = studySpace();
    space.lambda_komp = { kind: "range", lo: 1, hi: 1.5 };
    const b = await rowsOf(space, 40, "9");
    expect(b.map((r) => r.params.n_pools)).to.deep.equal(a.map((r) => r.params.n_pools));
    expect(b.map((r) => r.params.theta_sell)).to.deep.equal(a.map((r) => r.params.theta_sell));
    for (const r of b) expect(r.params.lambda_komp).to.be.within(1, 1.5);
  });

  it("crosses a grid with the hypercube: every cell sees the same points, cells interleave", async () => {
    const space = studySpace();
    space.mandatory_insurance_frac = { kind: "grid", values: [0, 0.05, 0.1] };
    space.n_pools = { kind: "grid", values: [1, 3] };
    const rows = await rowsOf(space, 4, "5");
    expect(rows).to.have.length(4 * 6);
    rows.forEach((r, i) => {
      const cell = i % 6;
      expect(r.runIndex).to.equal(i);
      expect(r.params.mandatory_insurance_frac).to.equal([0, 0.05, 0.1][Math.floor(cell / 2)]);
      expect(r.params.n_pools).to.equal([1, 3][cell % 2]);
      expect(r.params.lambda_komp).to.equal(rows[Math.floor(i / 6) * 6]!.params.lambda_komp);
    });
    const lk = new Set(rows.map((r) => r.params.lambda_komp));
    expect(lk.size).to.equal(4);
  });

  it("runs a grid alone as its full factorial (replicates when asked)", async () => {
    const space: Space = { ...studySpace() };
    for (const name of SWEPT_PARAMS) space[name] = { kind: "fixed", value: PARAM_SPEC_BY_NAME[name].default };
    space.n_pools = { kind: "grid", values: [1, 2, 3] };
    space.theta_sell = { kind: "grid", values: [0.5, 0.8] };
    const one = await rowsOf(space, 1, "1");
    expect(one.map((r) => [r.params.theta_sell, r.params.n_pools])).to.deep.equal([
      [0.5, 1], [0.5, 2], [0.5, 3], [0.8, 1], [0.8, 2], [0.8, 3],
    ]);
    const two = await rowsOf(space, 2, "1");
    expect(two).to.have.length(12);
    expect(two.slice(6).map((r) => r.params)).to.deep.equal(one.map((r) => r.params));
  });

  it("hashes the rows: same seed, same hash; another seed, another hash", async () => {
    const h = async (seed: string) =>
      (await validateDesign(generatedDesign({ space: studySpace(), points: 30, masterSeed: seed, info: { kind: "lhs", summary: "" } }), "t")).rowsSha256;
    expect(await h("3")).to.equal(await h("3"));
    expect(await h("3")).to.not.equal(await h("4"));
  });
});
