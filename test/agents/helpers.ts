/**
 * Shared by the agent-based tests. The harness opens its own chains (`network.create`), which makes
 * hardhat-ethers-chai-matchers install its matchers process-wide; its `closeTo` rejects plain numbers,
 * so this restores chai's own check for numbers (as test/contracts/helpers/network.ts does for the
 * contract tests) — the model's float tests share the process.
 */
import * as chai from "chai";

let installed = false;

export function keepNumericCloseTo(): void {
  if (installed) return;
  installed = true;
  for (const name of ["closeTo", "approximately"]) {
    chai.Assertion.overwriteMethod(name, function (_super: (...args: unknown[]) => unknown) {
      return function (this: Chai.AssertionStatic, expected: unknown, delta: unknown, message?: string) {
        const actual: unknown = chai.util.flag(this, "object");
        if (typeof actual === "number" && typeof expected === "number" && typeof delta === "number") {
          if (message !== undefined) chai.util.flag(this, "message", message);
          this.assert(Math.abs(actual - expected) <= delta, `expected #{this} to be close to ${expected} +/- ${delta}`, `expected #{this} not to be close to ${expected} +/- ${delta}`, expected, actual);
          return;
        }
        return _super.apply(this, [expected, delta, message]);
      };
    });
  }
}
