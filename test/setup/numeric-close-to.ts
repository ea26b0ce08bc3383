/**
 * Chai's own `closeTo` / `approximately` for plain numbers, kept on top of hardhat-ethers-chai-matchers'.
 *
 * Why: hardhat-ethers-chai-matchers (3.0.11) installs its matchers into the process-wide chai on the first
 * network connection, and its `closeTo` converts the arguments to bigint whenever the expected value is a JS
 * number, so `expect(1.4).to.be.closeTo(1.4, 1e-12)` throws "1.4 is not an integer" — in every test file of
 * the `npm test` process (the model's float tests included), not only in the one that connected. For plain
 * numbers this restores chai's check |actual − expected| ≤ delta; bigints still go to the plugin.
 * No import of hardhat here: hardhat.config.ts imports this module for its root hook.
 */
import * as chai from "chai";

const NAMES = ["closeTo", "approximately"] as const;
/** The methods this module last installed, to see whether the plugin has since installed over them. */
const ours = new Map<string, unknown>();
const current = (name: string): unknown => (chai.Assertion.prototype as unknown as Record<string, unknown>)[name];

/**
 * Installs the numeric `closeTo` / `approximately` over whatever is there, unless it is already on top.
 * The plugin installs its matchers once per process, on the first network connection, which may come
 * after this ran (a test that opens a chain midway): so it is called after every `network.create()` of
 * `createNetwork`, by the agent tests after their harness opens its chains, and by a root `beforeEach`
 * hook before every test (`numericCloseToHooks`, in hardhat.config.ts), whatever files share the run.
 */
export function keepNumericCloseTo(): void {
  if (NAMES.every((name) => ours.has(name) && current(name) === ours.get(name))) return;
  for (const name of NAMES) {
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
    ours.set(name, current(name));
  }
}

/** Mocha root hooks (hardhat.config.ts, `test.mocha.rootHooks`): the numeric `closeTo` before every test. */
export const numericCloseToHooks = {
  beforeEach(): void {
    keepNumericCloseTo();
  },
};
