/**
 * Hit counts of the model-based suite: how often each command ran (and how it ended), and how often each
 * invariant was checked, in total and in a non-trivial state (see each invariant's `nontrivial` in
 * invariants.ts).
 */
export interface CommandCount {
  ran: number;
  succeeded: number;
  rejected: number;
}

export interface InvariantCount {
  checks: number;
  nontrivial: number;
}

export class Stats {
  readonly commands = new Map<string, CommandCount>();
  readonly invariants = new Map<string, InvariantCount>();
  /** Rejections by custom error name. */
  readonly errors = new Map<string, number>();
  /** Protocol events the runs reached (purchases, bankruptcies, streams paid in full, …). */
  readonly events = new Map<string, number>();
  runs = 0;

  command(name: string, ok: boolean, error?: string): void {
    const c = this.commands.get(name) ?? { ran: 0, succeeded: 0, rejected: 0 };
    c.ran++;
    if (ok) c.succeeded++;
    else c.rejected++;
    this.commands.set(name, c);
    if (error) this.errors.set(error, (this.errors.get(error) ?? 0) + 1);
  }

  event(name: string, n = 1): void {
    this.events.set(name, (this.events.get(name) ?? 0) + n);
  }

  invariant(name: string, nontrivial: boolean): void {
    const c = this.invariants.get(name) ?? { checks: 0, nontrivial: 0 };
    c.checks++;
    if (nontrivial) c.nontrivial++;
    this.invariants.set(name, c);
  }

  get totalCommands(): number {
    let n = 0;
    for (const c of this.commands.values()) n += c.ran;
    return n;
  }

  report(): string {
    const lines: string[] = [];
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    lines.push(`runs ${this.runs}, commands ${this.totalCommands}`);
    lines.push(`${"command".padEnd(22)}${pad("ran", 9)}${pad("succeeded", 11)}${pad("rejected", 10)}`);
    for (const [name, c] of [...this.commands].sort()) {
      lines.push(`${name.padEnd(22)}${pad(c.ran, 9)}${pad(c.succeeded, 11)}${pad(c.rejected, 10)}`);
    }
    lines.push(`${"invariant".padEnd(34)}${pad("checks", 9)}${pad("non-trivial", 13)}`);
    for (const [name, c] of [...this.invariants].sort()) {
      lines.push(`${name.padEnd(34)}${pad(c.checks, 9)}${pad(c.nontrivial, 13)}`);
    }
    lines.push(`events: ${[...this.events].sort().map(([e, n]) => `${e} ${n}`).join(", ")}`);
    const errs = [...this.errors].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e} ${n}`);
    lines.push(`rejections by error: ${errs.join(", ")}`);
    return lines.join("\n");
  }
}
