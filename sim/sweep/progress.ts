/**
 * The live progress line on stderr: runs done/total, runs/s, agent-steps/s, elapsed, ETA. Redrawn in
 * place (at most 10 times a second) on a terminal; a plain line every `intervalMs` otherwise.
 */
export interface ProgressOptions {
  total: number;
  /** Runs already done before this session (resume). */
  already: number;
  stream?: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
  /** Period of the plain lines when not on a terminal. */
  intervalMs?: number;
  quiet?: boolean;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
  return h > 0 ? `${h}:${mm}:${String(sec).padStart(2, "0")}` : `${mm}:${String(sec).padStart(2, "0")}`;
}

export function formatRate(x: number): string {
  if (!Number.isFinite(x)) return "?";
  if (x >= 1e9) return (x / 1e9).toFixed(2) + "G";
  if (x >= 1e6) return (x / 1e6).toFixed(2) + "M";
  if (x >= 1e3) return (x / 1e3).toFixed(1) + "k";
  return x.toFixed(x >= 10 ? 0 : 2);
}

export class Progress {
  private start = performance.now();
  private done = 0;
  private agentSteps = 0;
  private lastDraw = 0;
  private readonly tty: boolean;
  private readonly stream: NonNullable<ProgressOptions["stream"]>;
  private drawn = false;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
  }

  /** Start the clock now (when the workers are ready, so that their start-up is not counted). */
  begin(): void {
    this.start = performance.now();
    this.lastDraw = this.start;
  }

  /** Seconds since the clock started. */
  get elapsed(): number {
    return (performance.now() - this.start) / 1000;
  }

  get runsThisSession(): number {
    return this.done;
  }

  get agentStepsPerSecond(): number {
    return this.agentSteps / Math.max(this.elapsed, 1e-9);
  }

  get runsPerSecond(): number {
    return this.done / Math.max(this.elapsed, 1e-9);
  }

  /** A run finished (whether or not it has been written yet). */
  tick(agentSteps: number): void {
    this.done++;
    this.agentSteps += agentSteps;
    const now = performance.now();
    const every = this.tty ? 100 : (this.opts.intervalMs ?? 10_000);
    if (now - this.lastDraw >= every) {
      this.lastDraw = now;
      this.draw();
    }
  }

  line(): string {
    const total = this.opts.total;
    const all = this.opts.already + this.done;
    const pct = total > 0 ? ((100 * all) / total).toFixed(1) : "100.0";
    const rate = this.runsPerSecond;
    const eta = this.done > 0 ? (total - all) / rate : Number.NaN;
    return (
      `runs ${all}/${total} (${pct}%)  ${formatRate(rate)} runs/s  ${formatRate(this.agentStepsPerSecond)} agent-steps/s  ` +
      `elapsed ${formatDuration(this.elapsed)}  ETA ${all >= total ? "0:00" : formatDuration(eta)}`
    );
  }

  private draw(): void {
    if (this.opts.quiet) return;
    if (this.tty) this.stream.write(`\r\x1b[2K${this.line()}`);
    else this.stream.write(this.line() + "\n");
    this.drawn = true;
  }

  /** Draw a last time and end the line. */
  finish(): void {
    if (this.opts.quiet) return;
    if (this.tty) {
      if (this.drawn || this.done > 0) this.stream.write(`\r\x1b[2K${this.line()}\n`);
    } else if (this.done > 0) this.stream.write(this.line() + "\n");
  }

  /** Write a message without garbling the progress line. */
  note(message: string): void {
    if (this.opts.quiet) return;
    this.stream.write((this.tty ? "\r\x1b[2K" : "") + message + "\n");
    if (this.tty && this.drawn) this.stream.write(this.line());
  }
}
