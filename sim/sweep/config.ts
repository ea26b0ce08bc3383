/**
 * Sweep config files (JSON): ranges, fixed values and grids over the model's parameters.
 * The format is documented with an example in ./README.md.
 *
 * {
 *   "description": "optional text",
 *   "parameters": {
 *     "lambda_komp": { "range": [1.0, 1.5] },
 *     "mandatory_insurance_frac": { "grid": [0, 0.03, 0.1] },
 *     "n_pools": 2
 *   }
 * }
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { PARAM_NAMES, PARAM_SPEC_BY_NAME, checkParamValue, type ParamName } from "../params/index.js";
import { ProblemList, SweepInputError, didYouMean } from "./errors.js";
import { studySpace, type Axis, type Space } from "./space.js";

export interface SweepConfig {
  /** The file as given on the command line. */
  path: string;
  /** sha256 of the file's bytes. */
  sha256: string;
  description?: string;
  /** The parameters the file sets, in table order. */
  axes: Partial<Record<ParamName, Axis>>;
}

const TOP_KEYS = ["parameters", "description", "$comment", "comment"] as const;
const FORMS = `a number (fixed), {"range": [low, high]} or {"grid": [v1, v2, …]}`;

const isParamName = (k: string): k is ParamName => Object.hasOwn(PARAM_SPEC_BY_NAME, k);

/** "line N" of the first occurrence of `"key"` after `from`, for messages. */
function lineOf(text: string, key: string, from = 0): string {
  const at = text.indexOf(JSON.stringify(key), from);
  if (at < 0) return "";
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return `line ${line}, `;
}

function jsonErrorWhere(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return "";
  const pos = Number(m[1]);
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}: `;
}

const show = (v: unknown): string => (JSON.stringify(v) ?? String(v)).slice(0, 80);

function checkAxis(name: ParamName, value: unknown, at: string, problems: ProblemList): Axis | undefined {
  const here = `${at}parameters.${name}`;
  const valueProblems = (v: unknown, what: string): boolean => {
    const p = checkParamValue(name, v);
    for (const msg of p) problems.add(`${here}: ${what}${msg.slice(name.length + 2)}`);
    return p.length === 0;
  };
  if (typeof value === "number") {
    return valueProblems(value, "") ? { kind: "fixed", value } : undefined;
  }
  if (Array.isArray(value)) {
    problems.add(`${here}: a bare list is ambiguous; write {"range": ${show(value)}} for a range or {"grid": ${show(value)}} for listed values`);
    return undefined;
  }
  if (value === null || typeof value !== "object") {
    problems.add(`${here}: expected ${FORMS}, got ${show(value)}`);
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== "range" && keys[0] !== "grid")) {
    problems.add(`${here}: expected ${FORMS}, got an object with keys ${show(keys)}`);
    return undefined;
  }
  if (keys[0] === "range") {
    const r = (value as { range: unknown }).range;
    if (!Array.isArray(r) || r.length !== 2) {
      problems.add(`${here}.range: expected [low, high], got ${show(r)}`);
      return undefined;
    }
    const okLo = valueProblems(r[0], "low end: ");
    const okHi = valueProblems(r[1], "high end: ");
    if (!okLo || !okHi) return undefined;
    const [lo, hi] = r as [number, number];
    if (lo > hi) {
      problems.add(`${here}.range: low end ${lo} is above high end ${hi}; write [${hi}, ${lo}]`);
      return undefined;
    }
    if (lo === hi) {
      problems.add(`${here}.range: both ends are ${lo}; write ${lo} to fix the value`);
      return undefined;
    }
    return { kind: "range", lo, hi };
  }
  const g = (value as { grid: unknown }).grid;
  if (!Array.isArray(g) || g.length === 0) {
    problems.add(`${here}.grid: expected a non-empty list of values, got ${show(g)}`);
    return undefined;
  }
  let ok = true;
  g.forEach((v, i) => {
    ok = valueProblems(v, `value ${i + 1}: `) && ok;
  });
  if (!ok) return undefined;
  const values = g as number[];
  const dup = values.find((v, i) => values.indexOf(v) !== i);
  if (dup !== undefined) {
    problems.add(`${here}.grid: ${dup} is listed twice; list each value once`);
    return undefined;
  }
  return { kind: "grid", values };
}

/** Read and validate a config file. Throws SweepInputError listing every problem. */
export function loadConfig(path: string, displayPath = path): SweepConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a folder, not a file" : err.message;
    throw new SweepInputError(displayPath, [`cannot read the config file: ${why}`]);
  }
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    throw new SweepInputError(displayPath, [`${jsonErrorWhere(text, msg)}not valid JSON (${msg})`]);
  }
  const problems = new ProblemList();
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    problems.add(`expected a JSON object like {"parameters": {"lambda_komp": {"range": [1, 1.5]}}}, got ${show(json)}`);
    problems.throwIfAny(displayPath);
  }
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      const hint = isParamName(key) ? ` (parameters go inside "parameters")` : didYouMean(key, TOP_KEYS);
      problems.add(`${lineOf(text, key)}unknown key "${key}"${hint}; allowed: ${TOP_KEYS.join(", ")}`);
    }
  }
  if (obj.description !== undefined && typeof obj.description !== "string") {
    problems.add(`${lineOf(text, "description")}description: expected a string`);
  }
  const axes: Partial<Record<ParamName, Axis>> = {};
  const params = obj.parameters;
  if (params === undefined) {
    problems.add(`missing "parameters": add {"parameters": {…}} with the ranges, grids or fixed values to use`);
  } else if (params === null || typeof params !== "object" || Array.isArray(params)) {
    problems.add(`${lineOf(text, "parameters")}parameters: expected an object mapping parameter names to ${FORMS}`);
  } else {
    const from = text.indexOf('"parameters"');
    for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
      const at = lineOf(text, name, from);
      if (!isParamName(name)) {
        const hint = didYouMean(name, PARAM_NAMES);
        problems.add(`${at}parameters.${name}: unknown parameter${hint || `; known: ${PARAM_NAMES.join(", ")}`}`);
        continue;
      }
      const axis = checkAxis(name, value, at, problems);
      if (axis) axes[name] = axis;
    }
  }
  problems.throwIfAny(displayPath);
  const ordered: Partial<Record<ParamName, Axis>> = {};
  for (const name of PARAM_NAMES) if (axes[name]) ordered[name] = axes[name];
  return {
    path: displayPath,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    description: obj.description as string | undefined,
    axes: ordered,
  };
}

/** The study's space with the config's axes applied. */
export function spaceFromConfig(config: SweepConfig | undefined): Space {
  const space = studySpace();
  if (config) for (const [name, axis] of Object.entries(config.axes) as [ParamName, Axis][]) space[name] = axis;
  return space;
}

/** Fixed values of a config used with a design CSV; ranges and grids there are an error. */
export function fixedValuesForDesign(config: SweepConfig): Partial<Record<ParamName, number>> {
  const problems = new ProblemList();
  const fixed: Partial<Record<ParamName, number>> = {};
  for (const [name, axis] of Object.entries(config.axes) as [ParamName, Axis][]) {
    if (axis.kind === "fixed") fixed[name] = axis.value;
    else {
      problems.add(
        `parameters.${name}: a ${axis.kind} has no meaning with --design (the design's rows give the values); ` +
          `fix a value, or put ${name} in the design CSV as a column`,
      );
    }
  }
  problems.throwIfAny(config.path);
  return fixed;
}
