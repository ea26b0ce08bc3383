/**
 * Runs one of the repository's TypeScript entry points (a CLI under sim/) in a child Node process through
 * tsx, as its npm script does, so that a test sees its exit code, stdout and stderr.
 * (Mocha loads every .ts file under test/; this one declares no tests.)
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** tsx's loader, for `node --import` (also for tests that `spawn` a script themselves). */
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** `node --import tsx <script> <args>`, synchronously, output as UTF-8 text. */
export function runScript(script: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--import", TSX_LOADER, script, ...args], { encoding: "utf8", ...options });
}
