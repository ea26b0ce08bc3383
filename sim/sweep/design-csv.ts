/**
 * Design CSVs: one row per run, one column per parameter (header row first), as made by any tool.
 *
 * - Columns named after parameters give their values; a parameter without a column takes the
 *   config's fixed value or its default.
 * - `run_index` (optional) gives each row's run index: non-negative integers, strictly increasing
 *   (gaps allowed). Without it the run index is the row number, starting at 0.
 * - Ignored columns: `seed` and the model's metric columns (so a results.csv runs as a design), and an
 *   unnamed first column (a pandas index). Any other column is an error.
 * - Every problem is reported with its line and column; nothing runs until the whole file is valid.
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { createHash } from "node:crypto";
import { METRIC_NAMES } from "../model/api.js";
import { PARAM_NAMES, PARAM_SPEC_BY_NAME, ParamsError, checkParamValue, resolveParams, type ModelParams, type ParamName } from "../params/index.js";
import { cleanLine, parseDecimal, splitCsvLine } from "./csv.js";
import type { Design, DesignRow } from "./design.js";
import { ProblemList, SweepInputError, didYouMean } from "./errors.js";

const INDEX_COLUMN = "run_index";
const IGNORED_COLUMNS: readonly string[] = ["seed", ...METRIC_NAMES];
const isParamName = (k: string): k is ParamName => Object.hasOwn(PARAM_SPEC_BY_NAME, k);

interface Header {
  names: string[];
  /** Column position → parameter, or null when ignored / run_index. */
  params: (ParamName | null)[];
  indexCol: number;
  ignored: string[];
}

function readHeader(line: string, fixed: Partial<Record<ParamName, number>>, configPath: string | undefined, problems: ProblemList): Header | undefined {
  const fields = splitCsvLine(line);
  if (!Array.isArray(fields)) {
    problems.add(`line 1 (header): ${fields.error}`);
    return undefined;
  }
  const names = fields.map((f) => f.trim());
  const header: Header = { names, params: [], indexCol: -1, ignored: [] };
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const col = `line 1 (header), column ${i + 1}`;
    header.params.push(null);
    const prev = seen.get(name);
    if (prev !== undefined) {
      problems.add(`${col}: "${name}" repeats column ${prev + 1}; keep one of them`);
      return;
    }
    seen.set(name, i);
    if (name === INDEX_COLUMN) header.indexCol = i;
    else if (isParamName(name)) {
      if (fixed[name] !== undefined) {
        problems.add(`${col}: ${name} is both a design column and fixed in ${configPath}; remove it from one of them`);
      }
      header.params[i] = name;
    } else if (IGNORED_COLUMNS.includes(name) || (i === 0 && (name === "" || name === "Unnamed: 0"))) {
      header.ignored.push(name === "" ? "(unnamed index column)" : name);
    } else if (name === "") {
      problems.add(`${col}: the column has no name; name it after a parameter or remove it`);
    } else {
      const hint = didYouMean(name, PARAM_NAMES);
      problems.add(
        `${col}: unknown column "${name}"${hint}; rename it to a parameter or remove it` +
          (hint ? "" : ` (parameters: ${PARAM_NAMES.join(", ")}; also allowed: run_index; ignored: seed and the metric columns)`),
      );
    }
  });
  if (!header.params.some((p) => p !== null) && problems.empty) {
    problems.add(`line 1 (header): no parameter columns; the header must name parameters (${PARAM_NAMES.slice(0, 3).join(", ")}, …)`);
  }
  return header;
}

export interface CsvDesignOptions {
  /** The path to open. */
  path: string;
  /** The path as given, for messages. */
  displayPath: string;
  /** A config's fixed values (they fill parameters that have no column). */
  fixed?: Partial<Record<ParamName, number>>;
  configPath?: string;
  /** Run only the first `limit` rows. */
  limit?: number;
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Open a design CSV. Throws SweepInputError when the file cannot be read. Validation happens on a pass of rows(). */
export async function csvDesign(opts: CsvDesignOptions): Promise<Design> {
  const { path, displayPath } = opts;
  const fixed = opts.fixed ?? {};
  try {
    if (!statSync(path).isFile()) throw new SweepInputError(displayPath, ["cannot read the design: it is a folder, not a file"]);
  } catch (e) {
    if (e instanceof SweepInputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new SweepInputError(displayPath, [`cannot read the design: ${err.code === "ENOENT" ? "no such file" : err.message}`]);
  }
  const sha256 = await fileSha256(path);
  const ignoredColumns: string[] = [];
  let base: ModelParams | undefined;

  async function* rows(problems: ProblemList): AsyncGenerator<DesignRow, void, undefined> {
    base ??= resolveParams(fixed, opts.configPath ?? "config");
    const input = createReadStream(path, { encoding: "utf8" });
    const lines = createInterface({ input, crlfDelay: Infinity });
    let lineNo = 0;
    let header: Header | undefined;
    let rowNo = 0;
    let lastIndex = -1;
    let lastIndexLine = 0;
    try {
      for await (const raw of lines) {
        lineNo++;
        const line = cleanLine(raw, lineNo === 1);
        if (lineNo === 1) {
          header = readHeader(line, fixed, opts.configPath, problems);
          if (!header) return;
          ignoredColumns.splice(0, ignoredColumns.length, ...header.ignored);
          continue;
        }
        if (!header) return;
        if (line.trim() === "") continue;
        if (opts.limit !== undefined && rowNo >= opts.limit) break;
        const at = `line ${lineNo}`;
        const fields = splitCsvLine(line);
        if (!Array.isArray(fields)) {
          problems.add(`${at}: ${fields.error}`);
          rowNo++;
          continue;
        }
        if (fields.length !== header.names.length) {
          problems.add(`${at}: ${fields.length} fields where the header has ${header.names.length}; every row needs one value per column`);
          rowNo++;
          continue;
        }
        let ok = true;
        let runIndex = rowNo;
        if (header.indexCol >= 0) {
          const text = fields[header.indexCol]!;
          const v = parseDecimal(text);
          const col = `${at}, column ${INDEX_COLUMN}`;
          if (v === undefined || !Number.isSafeInteger(v) || v < 0) {
            problems.add(`${col}: ${JSON.stringify(text)} is not a run index; write a non-negative integer`);
            ok = false;
          } else if (v <= lastIndex) {
            problems.add(
              `${col}: run index ${v} does not follow ${lastIndex} (line ${lastIndexLine}); run indices must be unique and increasing, so sort the rows by run_index and remove repeats`,
            );
            ok = false;
          } else {
            runIndex = v;
            lastIndex = v;
            lastIndexLine = lineNo;
          }
        }
        const values: Record<string, number> = {};
        header.params.forEach((name, i) => {
          if (name === null) return;
          const text = fields[i]!;
          const col = `${at}, column ${name}`;
          const v = parseDecimal(text);
          if (v === undefined) {
            const what = text.trim() === "" ? "empty" : `${JSON.stringify(text)} is not a number`;
            problems.add(`${col}: ${what}; write a decimal number (remove the column to use the default ${PARAM_SPEC_BY_NAME[name].default})`);
            ok = false;
            return;
          }
          const p = checkParamValue(name, v);
          for (const msg of p) problems.add(`${col}: ${msg.slice(name.length + 2)}`);
          if (p.length > 0) ok = false;
          values[name] = v;
        });
        rowNo++;
        if (!ok) continue;
        try {
          yield { runIndex, params: resolveParams(values, at, base) };
        } catch (e) {
          if (!(e instanceof ParamsError)) throw e;
          for (const p of e.problems) problems.add(`${at}: ${p}`);
        }
      }
      if (lineNo === 0) problems.add("the file is empty; it needs a header row naming the parameters and one row per run");
      else if (rowNo === 0 && problems.empty) problems.add("the file has a header but no rows: add one row per run");
      if (opts.limit !== undefined && rowNo < opts.limit && problems.empty) {
        problems.add(`--runs ${opts.limit} asks for more rows than the design has (${rowNo}); drop --runs to run them all`);
      }
    } finally {
      lines.close();
      input.destroy();
    }
  }

  return {
    info: {
      kind: "csv",
      summary: `CSV ${displayPath}`,
      file: displayPath,
      fileSha256: sha256,
      get ignoredColumns() {
        return ignoredColumns;
      },
    },
    rows,
  };
}
