/**
 * The CLIs' shared command-line tokenizer (sim/cli/flags.ts): values, booleans, switches, positionals and
 * help, with every problem collected in argv order; and the integer validator.
 */
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MESSAGES, UsageError, parseArgv, readParamsFile } from "../../sim/cli/flags.js";

describe("CLI flags: the shared tokenizer", () => {
  const values = ["seed", "steps", "switch", "out"];

  it("reads --name value and --name=value; a value may start with one dash but not two", () => {
    const a = parseArgv(["--seed", "7", "--steps=30", "--out", "-x"], { values });
    expect(a.problems).to.deep.equal([]);
    expect(a.get("seed")).to.equal("7");
    expect(a.get("steps")).to.equal("30");
    expect(a.get("out")).to.equal("-x");
    expect(a.has("switch")).to.equal(false);
    const b = parseArgv(["--seed", "--steps", "5", "--out="], { values });
    expect(b.problems).to.deep.equal(["--seed needs a value", "--out needs a value"]);
    expect(b.get("steps")).to.equal("5");
  });

  it("names an unknown option with the known ones, and a bare argument; in argv order", () => {
    const a = parseArgv(["--bogus=1", "stray", "--seed", "1"], { values: ["seed"], booleans: ["quiet"] });
    expect(a.problems).to.deep.equal([
      "unknown option --bogus (known: --seed, --quiet)",
      'unexpected argument "stray"; every option is a --flag',
    ]);
    expect(a.get("seed")).to.equal("1");
  });

  it("says a flag is given twice, keeping the last value or, if asked, the first", () => {
    const last = parseArgv(["--seed", "1", "--seed", "2", "--seed", "3"], { values });
    expect(last.problems).to.deep.equal(["--seed is given twice (1 and 2); give it once", "--seed is given twice (2 and 3); give it once"]);
    expect(last.get("seed")).to.equal("3");
    const first = parseArgv(["--seed", "1", "--seed", "2", "--seed", "3"], { values, keep: "first" });
    expect(first.problems).to.deep.equal(["--seed is given twice (1 and 2); give it once", "--seed is given twice (1 and 3); give it once"]);
    expect(first.get("seed")).to.equal("1");
  });

  it("takes boolean flags; --flag=x takes no value, or is an unknown option when asked", () => {
    const a = parseArgv(["--no-check", "--quiet=1"], { booleans: ["no-check", "quiet"] });
    expect(a.flag("no-check")).to.equal(true);
    expect(a.flag("quiet")).to.equal(true);
    expect(a.problems).to.deep.equal(["--quiet takes no value"]);
    const b = parseArgv(["--json=1"], { booleans: ["json"], booleanValue: "unknown", messages: { unknown: (_n, arg) => `unknown option ${arg}` } });
    expect(b.flag("json")).to.equal(false);
    expect(b.problems).to.deep.equal(["unknown option --json=1"]);
  });

  it("collects --switch NAME=VALUE, true and false as booleans; the last wins unless once", () => {
    const a = parseArgv(["--switch", "poolOrder=shuffled", "--switch=bankruptBuys=false", "--switch", "poolOrder=fixed", "--switch", "oops"], {
      values,
      switches: { example: "poolOrder=shuffled" },
    });
    expect(a.switches).to.deep.equal({ poolOrder: "fixed", bankruptBuys: false });
    expect(a.problems).to.deep.equal(["--switch oops: expected NAME=VALUE, for example --switch poolOrder=shuffled"]);
    const once = parseArgv(["--switch", "bankruptBuys=true", "--switch", "bankruptBuys=false"], { values, switches: { example: "x=y", once: true } });
    expect(once.switches).to.deep.equal({ bankruptBuys: true });
    expect(once.problems).to.deep.equal(["--switch bankruptBuys is given twice; give it once"]);
  });

  it("sees -h and --help anywhere, and nothing else as help", () => {
    expect(parseArgv(["--seed", "1", "-h"], { values }).help).to.equal(true);
    expect(parseArgv(["--bogus", "--help"], { values }).help).to.equal(true);
    expect(parseArgv(["--help=1"], { values }).help).to.equal(false);
    // a value flag takes "-h" as its value
    expect(parseArgv(["--out", "-h"], { values }).help).to.equal(false);
  });

  it("collects positionals, an argument with a leading dash being an unknown option", () => {
    const a = parseArgv(["results/ref", "-x", "two"], { positionals: true, messages: { unknown: (_n, arg) => `unknown option ${arg}` } });
    expect(a.positionals).to.deep.equal(["results/ref", "two"]);
    expect(a.problems).to.deep.equal(["unknown option -x"]);
  });

  it("can skip an unknown flag's value, and can make a value flag take the next argument whatever it is", () => {
    const skip = parseArgv(["--runz", "5", "--seed", "1", "--bogus", "--seed=2"], { values, skipUnknownValue: true, messages: { unknown: (n) => `?${n}` } });
    expect(skip.problems).to.deep.equal(["?runz", "?bogus", "--seed is given twice (1 and 2); give it once"]);
    const greedy = parseArgv(["--out", "--help", "folder"], { values, positionals: true, greedyValues: true });
    expect(greedy.help).to.equal(false);
    expect(greedy.problems).to.deep.equal(["--out needs a value"]);
    expect(greedy.positionals).to.deep.equal(["folder"]);
  });

  it("uses the CLI's own wording where given", () => {
    const a = parseArgv(["x", "--out", "a", "--out", "b", "--out"], {
      values,
      keep: "first",
      messages: {
        unexpected: (arg) => `${DEFAULT_MESSAGES.unexpected(arg)} (see --help)`,
        twice: (name) => `--${name} is given twice; give it once`,
        missing: () => "--out needs a file name",
      },
    });
    expect(a.problems).to.deep.equal(['unexpected argument "x"; every option is a --flag (see --help)', "--out is given twice; give it once", "--out needs a file name"]);
  });
});

describe("CLI flags: validators", () => {
  it("int: digits in range, else the default and a problem naming the range", () => {
    const a = parseArgv(["--a", "12", "--b", "0", "--c", "1.5", "--d", "-1", "--e", "99999999999999999999"], { values: ["a", "b", "c", "d", "e", "f"] });
    expect(a.problems).to.deep.equal([]);
    expect(a.int("a", 1, 100)).to.equal(12);
    expect(a.int("b", 1, 100, 5)).to.equal(5);
    expect(a.int("c", 0, 10)).to.equal(undefined);
    expect(a.int("d", 0, 10, 4)).to.equal(4);
    expect(a.int("e", 0, Number.MAX_SAFE_INTEGER, 0)).to.equal(0);
    expect(a.int("f", 0, 10, 3)).to.equal(3); // absent: the default, no problem
    expect(a.problems).to.deep.equal([
      "--b 0: expected an integer from 1 to 100",
      "--c 1.5: expected an integer from 0 to 10",
      "--d -1: expected an integer from 0 to 10",
      `--e 99999999999999999999: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
    ]);
  });

  it("readParamsFile: a JSON object, or a UsageError saying what is wrong with the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-flags-"));
    const ok = join(dir, "ok.json");
    writeFileSync(ok, '{"n_pools": 3}');
    expect(readParamsFile(ok)).to.deep.equal({ n_pools: 3 });
    const cases: [string, string, RegExp][] = [
      ["missing.json", "", /^--params .*missing\.json: cannot read the file \(ENOENT\)$/],
      ["bad.json", "{", /: not valid JSON \(/],
      ["array.json", "[1]", /: expected a JSON object of parameter values/],
    ];
    for (const [name, text, message] of cases) {
      const path = join(dir, name);
      if (text) writeFileSync(path, text);
      expect(() => readParamsFile(path)).to.throw(UsageError, message);
    }
  });
});
