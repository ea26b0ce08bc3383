/**
 * One sweep process per output folder: `<out>/sweep.lock` holds the writer's pid and host. A lock
 * left by a process that no longer exists (killed) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { SweepInputError } from "./errors.js";

export const LOCK_FILE = "sweep.lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take the folder's lock or throw SweepInputError naming the process that holds it. Returns the release function. */
export function lockFolder(folder: string): () => void {
  const path = join(folder, LOCK_FILE);
  const me = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(me) + "\n");
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder: { pid?: number; host?: string; since?: string } = {};
    try {
      holder = JSON.parse(readFileSync(path, "utf8")) as typeof holder;
    } catch {
      /* torn or empty lock: treat as stale */
    }
    const sameHost = holder.host === undefined || holder.host === me.host;
    if (sameHost && typeof holder.pid === "number" && holder.pid !== process.pid && alive(holder.pid)) {
      throw new SweepInputError(folder, [`another sweep (pid ${holder.pid}, since ${holder.since}) is writing to this folder`], {
        hint: "Wait for it to finish or stop it; two sweeps must not write to the same folder.",
      });
    }
    if (!sameHost) {
      throw new SweepInputError(folder, [`a sweep on host ${holder.host} (pid ${holder.pid}) holds ${LOCK_FILE}`], {
        hint: `If no sweep is running there, delete ${path} and rerun.`,
      });
    }
    try {
      unlinkSync(path); // stale: its process is gone
    } catch {
      /* someone else removed it first */
    }
  }
  throw new SweepInputError(folder, [`could not take ${LOCK_FILE}`]);
}
