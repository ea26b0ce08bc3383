/**
 * Opens a fresh in-process chain for a contract test file (`network.create()`), and keeps chai's own
 * `closeTo` / `approximately` for plain numbers.
 *
 * Why: hardhat-ethers-chai-matchers (3.0.11) installs its matchers into the process-wide chai on the first
 * network connection, and its `closeTo` converts the arguments to bigint whenever the expected value is a JS
 * number, so `expect(1.4).to.be.closeTo(1.4, 1e-12)` throws "1.4 is not an integer" — in every test file of
 * the `npm test` process (the model's float tests included), not only in the one that connected. For plain
 * numbers this restores chai's check |actual − expected| ≤ delta; bigints still go to the plugin.
 */
import * as chai from "chai";
import { network } from "hardhat";

let installed = false;

/**
 * Installs the numeric `closeTo` / `approximately` (once per process). Call it after the first
 * `network.create()` of the process — the plugin installs its matchers then, over this one. The agent tests
 * call it directly (their harness opens its own chains); the contract tests get it from `createNetwork`.
 */
export function keepNumericCloseTo(): void {
  if (installed) return;
  installed = true;
  for (const name of ["closeTo", "approximately"]) {
    chai.Assertion.overwriteMethod(name, function (_super: (...args: unknown[]) => unknown) {
      return function (this: Chai.AssertionStatic, expected: unknown, delta: unknown, message?: string) {
        const actual: unknown = chai.util.flag(this, "object");
        if (typeof actual === "number" && typeof expected === "number" && typeof delta === "number") {
          if (message !== undefined) chai.util.flag(this, "message", message);
          this.assert(
            Math.abs(actual - expected) <= delta,
            `expected #{this} to be close to ${expected} +/- ${delta}`,
            `expected #{this} not to be close to ${expected} +/- ${delta}`,
            expected,
            actual,
          );
          return;
        }
        return _super.apply(this, [expected, delta, message]);
      };
    });
  }
}

/** `network.create()`, then keep chai's numeric `closeTo` (see above). */
export async function createNetwork() {
  const connection = await network.create();
  keepNumericCloseTo();
  return connection;
}
