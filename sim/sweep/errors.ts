/**
 * Input errors of the sweep engine: each problem says where (file, line, column) and what to change.
 * Validation collects every problem before anything runs.
 */

/** How many problems are listed in a message; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 25;

/** A design, config file, command line or results folder that cannot be used, with every problem found. */
export class SweepInputError extends Error {
  override name = "SweepInputError";
  constructor(
    /** What was being read: a file path, "command line", a results folder. */
    readonly source: string,
    /** Each problem, starting with where it is ("line 4, column theta_sell: …"). */
    readonly problems: readonly string[],
    extra: {
      /** Problems found in total (more than listed when the list was cut short). */
      total?: number;
      /** What happens because of it; defaults to "nothing was run". */
      consequence?: string;
      /** What to do, after the list. */
      hint?: string;
    } = {},
  ) {
    const total = extra.total ?? problems.length;
    const more = total > problems.length ? `\n  … and ${total - problems.length} more` : "";
    const noun = total === 1 ? "problem" : "problems";
    const hint = extra.hint ? `\n${extra.hint}` : "";
    super(`${source}: ${total} ${noun}; ${extra.consequence ?? "nothing was run"}\n  - ${problems.join("\n  - ")}${more}${hint}`);
    this.total = total;
  }
  readonly total: number;
}

/** Collects problems up to a limit and counts the rest. */
export class ProblemList {
  readonly listed: string[] = [];
  total = 0;
  add(problem: string): void {
    this.total++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }
  get empty(): boolean {
    return this.total === 0;
  }
  throwIfAny(source: string, consequence?: string): void {
    if (this.total > 0) throw new SweepInputError(source, this.listed, { total: this.total, consequence });
  }
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** ` (did you mean "x"?)` when a known name is close to `name`, else "". */
export function didYouMean(name: string, known: readonly string[]): string {
  let best = "";
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean "${best}"?)` : "";
}
