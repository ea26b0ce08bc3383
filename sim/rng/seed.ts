/**
 * Run seeds. A sweep's run i with master seed m runs with seed `deriveRunSeed(m, i)`, so any run of
 * any sweep replays alone from (m, i) with `npm run sim -- --seed <m> --run <i>`.
 *
 * @example deriveRunSeed(42, 7) === "42/7"
 */
export function deriveRunSeed(masterSeed: number | string, runIndex: number): string {
  if (!Number.isInteger(runIndex) || runIndex < 0) {
    throw new RangeError(`run index must be a non-negative integer, got ${runIndex}`);
  }
  return `${masterSeed}/${runIndex}`;
}
