#!/usr/bin/env node
// postinstall: make Hardhat's EDR runtime loadable when npm ran under Node < 22.
//
// EDR ships its native binary as an optional, platform-specific package whose
// `engines` field says node >= 22. npm running under Node 20 silently skips it,
// so `@nomicfoundation/edr` fails to load even though our scripts run on the
// pinned Node 22 (the `node` devDependency). This step installs the matching
// native package in that one case. It does nothing when EDR already loads
// (Node >= 22 installs, or any platform where npm got it right), and nothing on
// platforms that are not linux-x64-gnu.
"use strict";

const { execFileSync } = require("node:child_process");
const path = require("node:path");
const fs = require("node:fs");

function edrLoads() {
  try {
    // Load in a child process running the pinned Node 22 when we have it, so a
    // binary built for a newer ABI is judged by the runtime that will use it.
    execFileSync(process.execPath, ["-e", "require('@nomicfoundation/edr')"], {
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
}

function isGlibc() {
  const report = process.report && process.report.getReport && process.report.getReport();
  return Boolean(report && report.header && report.header.glibcVersionRuntime);
}

function main() {
  if (process.env.INGENESIST_SKIP_EDR_REPAIR === "1") return;
  // EDR's `exports` map hides package.json from require.resolve, so find it on disk.
  const root = path.resolve(__dirname, "..");
  const edrPkg = path.join(root, "node_modules", "@nomicfoundation", "edr", "package.json");
  if (!fs.existsSync(edrPkg)) return; // Hardhat not installed: nothing to repair.
  if (edrLoads()) return;
  if (process.platform !== "linux" || process.arch !== "x64" || !isGlibc()) {
    console.warn(
      "[repair-edr] @nomicfoundation/edr does not load, and this platform is not linux-x64-gnu; " +
        "install Node >= 22 and run `npm install` again.",
    );
    return;
  }
  const version = JSON.parse(fs.readFileSync(edrPkg, "utf8")).version;
  const native = `@nomicfoundation/edr-linux-x64-gnu@${version}`;
  console.log(`[repair-edr] EDR native package missing (npm skips it when it runs on Node < 22, and "npm install <pkg>" prunes it); installing ${native}`);
  execFileSync(
    "npm",
    ["install", "--no-save", "--no-package-lock", "--ignore-scripts", "--force", "--no-audit", "--no-fund", native],
    { cwd: root, stdio: "inherit" },
  );
  if (!edrLoads()) {
    console.error("[repair-edr] EDR still does not load after installing " + native);
    process.exit(1);
  }
  console.log("[repair-edr] EDR loads.");
}

main();
