/**
 * The named sets of readings of the specification's ambiguities. Every switch and why each set
 * chooses its value: sim/MODEL.md "Readings".
 */
import type { ReadingSwitches, ReadingsName } from "./api.js";

export const READINGS: Readonly<Record<ReadingsName, Readonly<ReadingSwitches>>> = {
  /** The literal text and pseudo-code of the specification (issue 3's list). */
  study: {
    poolOrder: "fixed",
    bankruptBuys: true,
    cover: "sticky",
    flipRule: "threshold",
    purgeEngineering: false,
    ask: "redraw",
    lossWealth: "stepStart",
  },
  /** What the contracts do (ARCHITECTURE.md "Protocol semantics"). */
  protocol: {
    poolOrder: "fair",
    bankruptBuys: false,
    cover: "perStep",
    flipRule: "threshold",
    purgeEngineering: false,
    ask: "redraw",
    lossWealth: "stepStart",
  },
};

export const READINGS_NAMES = Object.keys(READINGS) as ReadingsName[];

const CHOICES: { readonly [K in keyof ReadingSwitches]: readonly ReadingSwitches[K][] } = {
  poolOrder: ["fixed", "shuffled", "fair"],
  bankruptBuys: [true, false],
  cover: ["sticky", "perStep"],
  flipRule: ["threshold", "proportional"],
  purgeEngineering: [false, true],
  ask: ["redraw", "fixed"],
  lossWealth: ["stepStart", "afterPremium"],
};

export const SWITCH_NAMES = Object.keys(CHOICES) as (keyof ReadingSwitches)[];

/** A reading name or switch value that does not exist, with the accepted values. */
export class ReadingsError extends Error {
  override name = "ReadingsError";
}

/**
 * The switches of a named set with `overrides` applied, validated.
 *
 * @example resolveReadings("study", { poolOrder: "shuffled" }).bankruptBuys === true
 */
export function resolveReadings(name: string = "study", overrides: Record<string, unknown> = {}): ReadingSwitches {
  if (!Object.hasOwn(READINGS, name)) {
    throw new ReadingsError(`unknown readings "${name}" (known: ${READINGS_NAMES.join(", ")})`);
  }
  const out: ReadingSwitches = { ...READINGS[name as ReadingsName] };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(CHOICES, key)) {
      problems.push(`unknown switch "${key}" (known: ${SWITCH_NAMES.join(", ")})`);
      continue;
    }
    const choices = CHOICES[key as keyof ReadingSwitches] as readonly unknown[];
    if (!choices.includes(value)) {
      problems.push(`switch ${key}: ${JSON.stringify(value)} is not one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`);
      continue;
    }
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  if (problems.length > 0) throw new ReadingsError(problems.join("; "));
  return out;
}
