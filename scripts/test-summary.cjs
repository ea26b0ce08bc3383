#!/usr/bin/env node
// Reads a saved `hardhat test` log and prints its closing counts as the plain line
// "tests: N passed, N failed, N skipped", which CI tooling reads in any language.
// The counts are Hardhat's own combined summary lines ("479 passing (5 solidity, 474 mocha)",
// "2 failing (...)", "3 skipped (...)"), taken from the last test summary in the log.
// Hardhat's mocha runner counts pending (skipped) tests as passing; mocha's own "N pending" line, printed
// above the combined summary, moves them back to skipped.
// Prints nothing when the log holds no summary (the build or type-check failed before any test ran).
"use strict";
const fs = require("node:fs");

const file = process.argv[2];
if (file === undefined) {
  console.error("usage: node scripts/test-summary.cjs <test log>");
  process.exit(2);
}
const text = fs.readFileSync(file, "utf8").replace(/\x1b\[[0-9;]*m/g, "");
const lines = text.split(/\r?\n/);
// Hardhat's combined summary names the runners in parentheses: "(5 solidity, 474 mocha)".
const summary = /^(\d+) (passing|failing|skipped) \((?:\d+ [a-z-]+(?:, )?)+\)\s*$/;
const mochaPending = /^\s+(\d+) pending\s*$/;
const counts = { passing: null, failing: 0, skipped: 0 };
let seen = false;
let pending = 0;
let pendingOfSummary = 0;
for (const line of lines) {
  const p = mochaPending.exec(line);
  if (p !== null) {
    pending += Number(p[1]);
    continue;
  }
  const m = summary.exec(line.trim());
  if (m === null) continue;
  if (m[2] === "passing") {
    pendingOfSummary = pending;
    pending = 0;
  }
  if (m[2] === "passing" && seen) {
    // a later summary (a second test command in the same log) replaces the earlier one
    counts.failing = 0;
    counts.skipped = 0;
  }
  seen = true;
  counts[m[2]] = Number(m[1]);
}
if (!seen) process.exit(0);
const passed = Math.max(0, (counts.passing ?? 0) - pendingOfSummary);
console.log(`tests: ${passed} passed, ${counts.failing} failed, ${counts.skipped + pendingOfSummary} skipped`);
