/**
 * A fingerprint of the model's code: the sha256 of every source file the model module imports,
 * followed transitively through relative imports, plus the versions of the packages they import.
 * A resumed sweep must run the same model as the runs already in its results.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is sim/sweep/fingerprint.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface ModelFingerprint {
  /** sha256 over the files and package versions below. */
  sha256: string;
  /** Source file (relative to the repository root) → sha256 of its bytes. */
  files: Record<string, string>;
  /** Package → version, for the bare imports found. */
  packages: Record<string, string>;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

function resolveRelative(fromFile: string, spec: string): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  const candidates = spec.endsWith(".js")
    ? [base.slice(0, -3) + ".ts", base]
    : spec.endsWith(".mjs")
      ? [base.slice(0, -4) + ".mts", base]
      : [base, base + ".ts", join(base, "index.ts"), base + ".js"];
  return candidates.find((c) => existsSync(c) && !c.endsWith("/"));
}

function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function packageVersion(fromFile: string, name: string): string {
  try {
    const require = createRequire(fromFile);
    let dir = dirname(require.resolve(name));
    for (;;) {
      const pj = join(dir, "package.json");
      if (existsSync(pj)) {
        const json = JSON.parse(readFileSync(pj, "utf8")) as { name?: string; version?: string };
        if (json.name === name) return json.version ?? "unknown";
      }
      const up = dirname(dir);
      if (up === dir) return "unknown";
      dir = up;
    }
  } catch {
    return "unknown";
  }
}

/** Fingerprint the module at `entry` and everything it imports. */
export function modelFingerprint(entry: string): ModelFingerprint {
  const files: Record<string, string> = {};
  const packages: Record<string, string> = {};
  const queue = [resolve(entry)];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const bytes = readFileSync(file);
    files[relative(REPO_ROOT, file)] = createHash("sha256").update(bytes).digest("hex");
    for (const m of bytes.toString("utf8").matchAll(IMPORT)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) {
        const target = resolveRelative(file, spec);
        if (target) queue.push(target);
      } else if (!spec.startsWith("node:")) {
        const name = packageName(spec);
        packages[name] ??= packageVersion(file, name);
      }
    }
  }
  const hash = createHash("sha256");
  for (const k of Object.keys(files).sort()) hash.update(`${k}\0${files[k]}\n`);
  for (const k of Object.keys(packages).sort()) hash.update(`package ${k}\0${packages[k]}\n`);
  const sortedFiles = Object.fromEntries(Object.keys(files).sort().map((k) => [k, files[k]!]));
  const sortedPackages = Object.fromEntries(Object.keys(packages).sort().map((k) => [k, packages[k]!]));
  return { sha256: hash.digest("hex"), files: sortedFiles, packages: sortedPackages };
}
