import { PARAM_SPEC_BY_NAME, PARAM_NAMES, defaultParams, type ModelParams, type ParamName } from "./definitions.js";

/** A parameter set that cannot be run, with every problem found and what to change. */
export class ParamsError extends Error {
  override name = "ParamsError";
  constructor(
    /** Where the values came from (a file path, "--params", a CSV row). */
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: invalid parameters\n  - ${problems.join("\n  - ")}`);
  }
}

const isParamName = (k: string): k is ParamName => Object.hasOwn(PARAM_SPEC_BY_NAME, k);

/** Problems with one value of one parameter, or [] when it is acceptable. */
export function checkParamValue(name: ParamName, value: unknown): string[] {
  const spec = PARAM_SPEC_BY_NAME[name];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return [`${name}: expected a finite number, got ${JSON.stringify(value)}`];
  }
  const problems: string[] = [];
  if (spec.integer && !Number.isInteger(value)) problems.push(`${name}: expected an integer, got ${value}`);
  const [lo, hi] = spec.domain;
  if (value < lo || value > hi) problems.push(`${name}: ${value} is outside its domain [${lo}, ${hi}]`);
  return problems;
}

/** Cross-parameter rules that single values cannot express. */
function checkRelations(p: ModelParams): string[] {
  const problems: string[] = [];
  if (p.capital_low > p.capital_high) {
    problems.push(`capital_low (${p.capital_low}) must not exceed capital_high (${p.capital_high})`);
  }
  return problems;
}

/**
 * Merge `overrides` onto the defaults and validate the result. Unknown keys, non-numbers, values
 * outside a parameter's domain and inconsistent pairs are all reported at once.
 *
 * @example
 * const p = resolveParams({ lambda_komp: 1.2, n_pools: 3 }, "p.json");
 */
export function resolveParams(overrides: Record<string, unknown>, source: string, base: ModelParams = defaultParams()): ModelParams {
  const problems: string[] = [];
  const out: ModelParams = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (!isParamName(key)) {
      problems.push(`unknown parameter "${key}" (known: ${PARAM_NAMES.join(", ")})`);
      continue;
    }
    const p = checkParamValue(key, value);
    if (p.length > 0) problems.push(...p);
    else out[key] = value as number;
  }
  if (problems.length === 0) problems.push(...checkRelations(out));
  if (problems.length > 0) throw new ParamsError(source, problems);
  return out;
}
