/**
 * The branch measure of `npm run coverage` (branches.ts) on a small contract whose statements EDR instruments
 * exactly as in a coverage run, with hit counts set by hand: each rule of the measure, and what it does not count.
 */
import { expect } from "chai";
import { createRequire } from "node:module";
import { measureBranches, type StatementMeta } from "./branches.js";

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

contract T {
    uint256 x;

    function f(uint256 a) external {
        if (a == 0) revert(); // line 8: no else, terminating body
        if (a == 1) {
            x = 1;
        } else {
            x = 2;
        }
        if (a == 2) x = 3;
        else if (a == 3) x = 4;
        x = a > 5 ? 1 : 2;
        if (a == 9) x = 9;
        for (uint256 i = 0; i < a && i < 3; ++i) x += i;
    }
}
`;
const NAME = "project/contracts/T.sol";

function statements(): StatementMeta[] {
  const edr = createRequire(import.meta.url)("@nomicfoundation/edr") as {
    addStatementCoverageInstrumentation: (s: string, id: string, v: string) => {
      metadata: { kind: string; tag: Uint8Array; startUtf16: number; endUtf16: number }[];
    };
  };
  return edr
    .addStatementCoverageInstrumentation(SOURCE, NAME, "0.8.28")
    .metadata.filter((m) => m.kind === "statement")
    .map((m) => ({ tag: Buffer.from(m.tag).toString("hex"), startUtf16: m.startUtf16, endUtf16: m.endUtf16 }));
}

/** Tag of the statement whose code starts with `text`. */
function tag(all: StatementMeta[], text: string): string {
  const found = all.filter((s) => SOURCE.slice(s.startUtf16, s.endUtf16).trimStart().startsWith(text));
  if (found.length !== 1) throw new Error(`${found.length} statements start with "${text}"`);
  return found[0]!.tag;
}

describe("coverage: branch measure (test/coverage/branches.ts)", function () {
  const all = statements();
  const hits = (pairs: [string, number][]) => new Map(pairs.map(([t, n]) => [tag(all, t), n]));
  const covered = (h: Map<string, number>) =>
    measureBranches(SOURCE, NAME, all, h).branches.map((b) => `${b.line} ${b.kind} ${b.covered ? "+" : "-"}`);

  it("counts both sides of every if (else-if included) and lists what it does not measure", function () {
    const { branches, unmeasured } = measureBranches(SOURCE, NAME, all, new Map());
    expect(branches.map((b) => `${b.line} ${b.kind}`)).to.deep.equal(["8 if", "8 else", "9 if", "9 else", "14 if", "14 else", "15 if", "15 else", "17 if", "17 else"]);
    expect(branches.every((b) => !b.covered)).to.equal(true);
    expect(unmeasured).to.deep.equal({ "?: conditional": 1, "loop condition": 1, "&& operand pair": 1 });
  });

  it("an if without else: taken when its body ran; not taken only when the if ran more often than its body", function () {
    expect(covered(hits([["if (a == 0)", 3], ["revert()", 1]])).slice(0, 2)).to.deep.equal(["8 if +", "8 else +"]);
    expect(covered(hits([["if (a == 0)", 2], ["revert()", 2]])).slice(0, 2)).to.deep.equal(["8 if +", "8 else -"]);
    expect(covered(hits([["if (a == 0)", 2]])).slice(0, 2)).to.deep.equal(["8 if -", "8 else +"]);
  });

  it("an if without else whose body always leaves the block: not taken when the next statement ran", function () {
    // Same counts for the if and its revert (as when both sides ran in every batch), and the statement after it ran.
    expect(covered(hits([["if (a == 0)", 2], ["revert()", 2], ["if (a == 1)", 1]])).slice(0, 2)).to.deep.equal(["8 if +", "8 else +"]);
    // The body of the if at line 17 does not leave the block: the next statement proves nothing.
    expect(covered(hits([["if (a == 9)", 2], ["x = 9", 2], ["for (", 2]])).slice(8)).to.deep.equal(["17 if +", "17 else -"]);
  });

  it("an if with else (a block, or another if): each side by its first statement", function () {
    expect(covered(hits([["if (a == 1)", 1], ["x = 2", 1]])).slice(2, 4)).to.deep.equal(["9 if -", "9 else +"]);
    expect(covered(hits([["if (a == 1)", 1], ["x = 1", 1]])).slice(2, 4)).to.deep.equal(["9 if +", "9 else -"]);
    expect(covered(hits([["if (a == 2)", 4], ["if (a == 3)", 4], ["x = 4", 1]])).slice(4, 8)).to.deep.equal(["14 if -", "14 else +", "15 if +", "15 else +"]);
  });
});
