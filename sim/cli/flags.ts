/**
 * The command lines of the sim CLIs: one tokenizer of argv (`--name value`, `--name=value`, boolean flags,
 * `--switch NAME=VALUE`, bare arguments, -h/--help) and typed validators, every problem collected in
 * argv order so that a command line with several mistakes is answered with all of them at once.
 *
 * The defaults are the wording of `npm run sim`; each CLI passes the few messages and rules it words
 * differently, so that every message stays as its users know it.
 */
import { readFileSync } from "node:fs";
import { SweepInputError } from "../sweep/errors.js";

/** A bad command line (or --params file) in the CLIs that say "command line:" and a list. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The problems whose wording differs between the CLIs. */
export interface FlagMessages {
  /** A bare argument where none is taken (or a single-dash one, where bare arguments are not taken). */
  unexpected(arg: string): string;
  /** An option that is not known: its name (without "--" and "=value") and the argument as given. */
  unknown(name: string, arg: string, known: readonly string[]): string;
  /** A value flag without its value. */
  missing(name: string): string;
  /** A value flag given again: the value kept so far and the new one. */
  twice(name: string, before: string, value: string): string;
}

export const DEFAULT_MESSAGES: FlagMessages = {
  unexpected: (arg) => `unexpected argument "${arg}"; every option is a --flag`,
  unknown: (name, _arg, known) => `unknown option --${name} (known: ${known.map((f) => "--" + f).join(", ")})`,
  missing: (name) => `--${name} needs a value`,
  twice: (name, before, value) => `--${name} is given twice (${before} and ${value}); give it once`,
};

export interface FlagSpec {
  /** Flags that take a value: `--name value` (when the next argument does not start with "--") or `--name=value`. */
  values?: readonly string[];
  /** Flags that take none. */
  booleans?: readonly string[];
  /** `--name=x` for a boolean: "problem" says "--name takes no value" (and counts the flag as given); "unknown" is an unknown option. Default "problem". */
  booleanValue?: "problem" | "unknown";
  /** The value flag `switch` takes NAME=VALUE, repeatable ("true"/"false" become booleans): the example its problem shows, and whether a name may be given once only (else the last wins). */
  switches?: { example: string; once?: boolean };
  /** Collect bare arguments as positionals (then an argument starting with "-" is an unknown option); otherwise each is a problem. */
  positionals?: boolean;
  /** A value flag given twice keeps its first or its last value (default "last"). */
  keep?: "first" | "last";
  /** After an unknown `--name` (no "="), skip the next argument when it does not start with "--": it was most likely the unknown flag's value. */
  skipUnknownValue?: boolean;
  /** A value flag always takes the next argument; a value starting with "--" counts as missing. */
  greedyValues?: boolean;
  messages?: Partial<FlagMessages>;
}

/** A tokenized command line, the problems found so far, and the validators that add to them. */
export class ParsedArgs {
  /** -h or --help was given. */
  help = false;
  readonly values = new Map<string, string>();
  readonly booleans = new Set<string>();
  readonly positionals: string[] = [];
  /** `--switch NAME=VALUE` overrides in the order given ("true"/"false" as booleans). */
  readonly switches: Record<string, string | boolean> = {};
  /** Every problem, in the order found. */
  readonly problems: string[] = [];

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Whether the boolean flag was given. */
  flag(name: string): boolean {
    return this.booleans.has(name);
  }

  /**
   * The value of --name as an integer from min to max (digits only); the default when it is absent or
   * not such an integer, in which case the problem says "--name TEXT: expected an integer from MIN to MAX".
   */
  int(name: string, min: number, max: number): number | undefined;
  int(name: string, min: number, max: number, dflt: number): number;
  int(name: string, min: number, max: number, dflt?: number): number | undefined {
    const text = this.values.get(name);
    if (text === undefined) return dflt;
    const v = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(v) || v < min || v > max) {
      this.problems.push(`--${name} ${text}: expected an integer from ${min} to ${max}`);
      return dflt;
    }
    return v;
  }
}

/** Tokenizes argv by `spec`; never throws: what is wrong is in `problems`. */
export function parseArgv(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const values = spec.values ?? [];
  const booleans = spec.booleans ?? [];
  const known = [...values, ...booleans];
  const msg: FlagMessages = { ...DEFAULT_MESSAGES, ...spec.messages };
  const out = new ParsedArgs();
  const problems = out.problems;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") {
      out.help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      if (!spec.positionals) problems.push(msg.unexpected(arg));
      else if (arg.startsWith("-")) problems.push(msg.unknown(arg.slice(1), arg, known));
      else out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const next = argv[i + 1];
    if (booleans.includes(name) && (eq < 0 || spec.booleanValue !== "unknown")) {
      if (eq >= 0) problems.push(`--${name} takes no value`);
      out.booleans.add(name);
      continue;
    }
    if (!values.includes(name)) {
      problems.push(msg.unknown(name, arg, known));
      if (spec.skipUnknownValue && eq < 0 && next !== undefined && !next.startsWith("--")) i++;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (spec.greedyValues) value = argv[++i];
    else if (next !== undefined && !next.startsWith("--")) value = argv[++i];
    if (value === undefined || value === "" || (spec.greedyValues && value.startsWith("--"))) {
      problems.push(msg.missing(name));
      continue;
    }
    if (name === "switch" && spec.switches) {
      const m = /^([A-Za-z]+)=(.+)$/.exec(value);
      if (!m) problems.push(`--switch ${value}: expected NAME=VALUE, for example --switch ${spec.switches.example}`);
      else if (spec.switches.once && Object.hasOwn(out.switches, m[1]!)) problems.push(`--switch ${m[1]} is given twice; give it once`);
      else out.switches[m[1]!] = m[2] === "true" ? true : m[2] === "false" ? false : m[2]!;
      continue;
    }
    const before = out.values.get(name);
    if (before !== undefined) {
      problems.push(msg.twice(name, before, value));
      if (spec.keep === "first") continue;
    }
    out.values.set(name, value);
  }
  return out;
}

/**
 * The start of a CLI's main: `parse` the command line; "help" prints `help` (exit code 0), a usage
 * error (`isUsageError`) prints its message and "Run with --help for usage." (exit code 2).
 * Returns what `parse` returned, or the exit code.
 */
export function readCommandLine<T extends object>(parse: () => T | "help", help: string, isUsageError: (e: unknown) => e is Error): T | number {
  try {
    const flags = parse();
    if (flags !== "help") return flags;
    process.stdout.write(help + "\n");
    return 0;
  } catch (e) {
    if (!isUsageError(e)) throw e;
    process.stderr.write(`${e.message}\n\nRun with --help for usage.\n`);
    return 2;
  }
}

/** Runs a CLI's main; a SweepInputError (bad command line or input folder) prints its message: exit code 2. */
export async function exitOnInputError(main: () => Promise<number>): Promise<number> {
  try {
    return await main();
  } catch (e) {
    if (!(e instanceof SweepInputError)) throw e;
    process.stderr.write(e.message + "\n");
    return 2;
  }
}

/** The JSON object of a --params FILE (a UsageError says what is wrong with the file). */
export function readParamsFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`--params ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--params ${path}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    throw new UsageError(`--params ${path}: expected a JSON object of parameter values, such as {"lambda_komp": 1.2, "n_pools": 3}`);
  }
  return obj as Record<string, unknown>;
}
