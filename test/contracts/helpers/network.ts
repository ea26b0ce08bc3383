/**
 * Opens a fresh in-process chain for a contract test file (`network.create()`), and keeps chai's own
 * `closeTo` / `approximately` for plain numbers on top of the chai-matchers plugin's (test/setup/numeric-close-to.ts).
 */
import { network } from "hardhat";
import { keepNumericCloseTo } from "../../setup/numeric-close-to.js";

export { keepNumericCloseTo };

/** `network.create()`, then keep chai's numeric `closeTo` (see above). */
export async function createNetwork() {
  const connection = await network.create();
  keepNumericCloseTo();
  return connection;
}
