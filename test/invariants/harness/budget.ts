/**
 * The fuzzing budget, from environment variables (documented in test/invariants/README.md):
 *
 *   FUZZ_PROFILE       ci (default: inside `npm test`) | deep (`npm run test:deep`)
 *   FUZZ_RUNS          runs (command sequences), each on a fresh snapshot of the deployed system
 *   FUZZ_COMMANDS      most commands per run
 *   FUZZ_SEED          fast-check seed (a 32-bit integer); default: a fresh one, printed
 *   FUZZ_PATH          replay path printed by a failure (needs FUZZ_SEED): replays exactly that run
 *   FUZZ_REPLAY        the commands' replay path printed with it (fast-check's `replayPath`)
 *   FUZZ_MIN_COMMANDS  fail unless at least this many commands ran (the soak's floor)
 *   FUZZ_RECORD        1 (default): a failure writes its shrunk commands to test/invariants/regressions/
 */

export interface Budget {
  profile: "ci" | "deep";
  runs: number;
  maxCommands: number;
  seed: number;
  /** True when FUZZ_SEED was given (a replay, or a fixed CI seed). */
  seedGiven: boolean;
  path?: string;
  /** fast-check's `replayPath` for `fc.commands`, printed with a failure. */
  replayPath?: string;
  minCommands: number;
  record: boolean;
}

export class BudgetError extends Error {
  constructor(variable: string, value: string, want: string) {
    super(`${variable}="${value}" is not valid: ${want}`);
    this.name = "BudgetError";
  }
}

const PROFILES = {
  ci: { runs: 60, maxCommands: 80, minCommands: 0 },
  deep: { runs: 2800, maxCommands: 120, minCommands: 100_000 },
} as const;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new BudgetError(name, raw, `an integer in [${min}, ${max}]`);
  return v;
}

/** Reads and validates the budget; throws a BudgetError saying what to fix. */
export function readBudget(env: NodeJS.ProcessEnv = process.env): Budget {
  const profileRaw = env.FUZZ_PROFILE ?? "ci";
  if (profileRaw !== "ci" && profileRaw !== "deep") throw new BudgetError("FUZZ_PROFILE", profileRaw, 'either "ci" or "deep"');
  const d = PROFILES[profileRaw];
  const seedGiven = env.FUZZ_SEED !== undefined && env.FUZZ_SEED !== "";
  const seed = int(env, "FUZZ_SEED", (Date.now() ^ (Math.random() * 0x100000000)) | 0, -0x80000000, 0x7fffffff);
  const path = env.FUZZ_PATH === "" ? undefined : env.FUZZ_PATH;
  if (path !== undefined) {
    if (!/^\d+(:\d+)*$/.test(path)) throw new BudgetError("FUZZ_PATH", path, 'a replay path such as "12:0:3" as printed by a failure');
    if (!seedGiven) throw new BudgetError("FUZZ_PATH", path, "a replay path needs the FUZZ_SEED it was printed with");
  }
  const replayPath = env.FUZZ_REPLAY === "" ? undefined : env.FUZZ_REPLAY;
  if (replayPath !== undefined && path === undefined) {
    throw new BudgetError("FUZZ_REPLAY", replayPath, "a commands replay path goes with the FUZZ_SEED and FUZZ_PATH printed beside it");
  }
  const record = env.FUZZ_RECORD ?? "1";
  if (record !== "0" && record !== "1") throw new BudgetError("FUZZ_RECORD", record, "0 or 1");
  return {
    profile: profileRaw,
    runs: int(env, "FUZZ_RUNS", d.runs, 1, 10_000_000),
    maxCommands: int(env, "FUZZ_COMMANDS", d.maxCommands, 1, 100_000),
    seed,
    seedGiven,
    path,
    replayPath,
    minCommands: int(env, "FUZZ_MIN_COMMANDS", d.minCommands, 0, 1_000_000_000),
    record: record === "1",
  };
}
