/**
 * A branch-coverage measure built on the statement hits of Hardhat's coverage (EDR), which reports no branch
 * data (its lcov has DA/LH/LF lines and no BRDA records).
 *
 * What is counted, per source file (from the solc parse tree of the file):
 * - every `if` statement: two branches, taken and not taken;
 * - every `try` statement: one branch per clause (success, each `catch`).
 * What is not counted (listed as "unmeasured" beside the figures): `?:` conditionals, the operands of
 * `&&` / `||`, loop conditions, and `require` / `assert` — statement hits cannot tell their sides apart.
 *
 * How a branch is decided from the hits (h = number of transactions or calls in which a statement ran, as
 * EDR reports it — a count per reported batch, not per execution):
 * - taken side of `if (c) T [else E]`: h(first statement of T) > 0;
 * - not-taken side with an `else`: h(first statement of E) > 0 (`else if` counts the inner `if` itself);
 * - not-taken side without an `else`: h(if) > h(first statement of T) — some batch ran the `if` and never
 *   entered T, so the condition was false there (a condition that itself reverted would also count here;
 *   no condition in contracts/ can revert except by running out of gas or on an arithmetic overflow inside
 *   it); or T always leaves the enclosing block (it ends in `revert`, `return`, `continue` or `break`) and the
 *   statement after the `if` ran — reaching it means the condition was false (this catches an `if` in a
 *   loop whose body and whose fall-through both ran in every batch).
 * - a `try` clause: h(first statement of the clause) > 0; an empty clause: h(try) > h(first statement of the
 *   other clauses), when it is the only empty one.
 * A side whose first statement cannot be located (an empty block) is counted as not covered.
 */
import { createRequire } from "node:module";

export interface Branch {
  /** 1-based line of the `if` / `try`. */
  line: number;
  kind: "if" | "else" | "try" | "catch";
  covered: boolean;
}

export interface FileBranches {
  branches: Branch[];
  /** Constructs not counted, by kind. */
  unmeasured: Record<string, number>;
}

/** A statement as EDR's instrumentation reports it: its tag and UTF-16 range (leading whitespace included). */
export interface StatementMeta {
  tag: string;
  startUtf16: number;
  endUtf16: number;
}

interface AstNode {
  nodeType: string;
  src: string;
  [k: string]: unknown;
}

const require = createRequire(import.meta.url);

/** The solc parse tree of one file (stopAfter: parsing: no imports are resolved). */
export function parseSolidity(sourceName: string, content: string): AstNode {
  const solc = require("solc") as { compile: (input: string) => string };
  const input = {
    language: "Solidity",
    sources: { [sourceName]: { content } },
    settings: { stopAfter: "parsing", outputSelection: { "*": { "": ["ast"] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    sources?: Record<string, { ast: AstNode }>;
  };
  const errors = (out.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`cannot parse ${sourceName}:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  return out.sources![sourceName]!.ast;
}

/** UTF-8 byte offset → UTF-16 index of `content` (solc reports bytes; EDR reports UTF-16). */
function byteToUtf16(content: string): (byte: number) => number {
  const map = new Map<number, number>();
  let byte = 0;
  let i = 0;
  for (const ch of content) {
    map.set(byte, i);
    byte += Buffer.byteLength(ch, "utf8");
    i += ch.length;
  }
  map.set(byte, i);
  return (b) => {
    const u = map.get(b);
    if (u === undefined) throw new Error(`byte offset ${b} is inside a character`);
    return u;
  };
}

/** Index of the first character of code in [from, to): skips whitespace and comments. */
function firstCode(content: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = content[i]!;
    if (/\s/.test(c)) i++;
    else if (content.startsWith("//", i)) {
      const nl = content.indexOf("\n", i);
      i = nl < 0 ? to : nl + 1;
    } else if (content.startsWith("/*", i)) {
      const end = content.indexOf("*/", i + 2);
      i = end < 0 ? to : end + 2;
    } else return i;
  }
  return to;
}

/**
 * Measures the branches of one file.
 * @param hits Tag → hit count, as Hardhat saves them under coverage/data.
 * @example
 *   const { branches } = measureBranches(src, "project/contracts/X.sol", metadata, hits);
 */
export function measureBranches(
  content: string,
  sourceName: string,
  statements: StatementMeta[],
  hits: Map<string, number>,
): FileBranches {
  const ast = parseSolidity(sourceName, content);
  const toUtf16 = byteToUtf16(content);
  // Statement tag by the index of its first character of code.
  const tagAt = new Map<number, string>();
  for (const s of statements) tagAt.set(firstCode(content, s.startUtf16, s.endUtf16), s.tag);
  const startOf = (n: AstNode): number => toUtf16(Number(n.src.split(":")[0]));
  const lineOf = (n: AstNode): number => content.slice(0, startOf(n)).split("\n").length;
  const h = (tag: string | undefined): number => (tag === undefined ? 0 : hits.get(tag) ?? 0);

  /** Tag of the first instrumented statement of `n` (descending into blocks), if any. */
  function firstTag(n: AstNode | undefined): string | undefined {
    if (!n) return undefined;
    if (n.nodeType === "Block" || n.nodeType === "UncheckedBlock") {
      const stmts = (n.statements as AstNode[] | undefined) ?? [];
      return stmts.length === 0 ? undefined : firstTag(stmts[0]);
    }
    return tagAt.get(startOf(n));
  }

  /** Whether `n` always leaves the enclosing block: ends in revert, return, continue or break. */
  function leaves(n: AstNode | undefined): boolean {
    if (!n) return false;
    switch (n.nodeType) {
      case "RevertStatement":
      case "Return":
      case "Continue":
      case "Break":
        return true;
      case "Block":
      case "UncheckedBlock": {
        const stmts = (n.statements as AstNode[] | undefined) ?? [];
        return stmts.length > 0 && leaves(stmts[stmts.length - 1]);
      }
      case "ExpressionStatement": {
        const call = n.expression as AstNode;
        const callee = call?.nodeType === "FunctionCall" ? (call.expression as AstNode) : undefined;
        return callee?.nodeType === "Identifier" && callee.name === "revert";
      }
      default:
        return false;
    }
  }
  /** The statement after each statement of a block (for the rule above). */
  const nextOf = new Map<AstNode, AstNode>();

  const branches: Branch[] = [];
  const unmeasured: Record<string, number> = {};
  const skip = (k: string) => (unmeasured[k] = (unmeasured[k] ?? 0) + 1);

  (function walk(n: unknown): void {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (!n || typeof n !== "object") return;
    const node = n as AstNode;
    if (node.nodeType === "Block" || node.nodeType === "UncheckedBlock") {
      const stmts = (node.statements as AstNode[] | undefined) ?? [];
      stmts.forEach((x, i) => {
        if (i + 1 < stmts.length) nextOf.set(x, stmts[i + 1]!);
      });
    }
    switch (node.nodeType) {
      case "IfStatement": {
        const ifTag = tagAt.get(startOf(node));
        if (ifTag === undefined) throw new Error(`${sourceName}:${lineOf(node)}: no statement hit data for this if`);
        const t = firstTag(node.trueBody as AstNode);
        const f = node.falseBody as AstNode | undefined;
        const line = lineOf(node);
        branches.push({ line, kind: "if", covered: t !== undefined && h(t) > 0 });
        if (f) branches.push({ line, kind: "else", covered: h(firstTag(f)) > 0 });
        else {
          const fellThrough = leaves(node.trueBody as AstNode) && h(firstTag(nextOf.get(node))) > 0;
          branches.push({ line, kind: "else", covered: (t !== undefined && h(ifTag) > h(t)) || fellThrough });
        }
        break;
      }
      case "TryStatement": {
        const tryTag = tagAt.get(startOf(node));
        const clauses = node.clauses as AstNode[];
        const firsts = clauses.map((c) => firstTag(c.block as AstNode));
        const empty = firsts.filter((x) => x === undefined).length;
        clauses.forEach((_, i) => {
          const first = firsts[i];
          let covered = first !== undefined && h(first) > 0;
          if (first === undefined && empty === 1) covered = h(tryTag) > firsts.reduce((a, x) => a + h(x), 0);
          branches.push({ line: lineOf(node), kind: i === 0 ? "try" : "catch", covered });
        });
        break;
      }
      case "Conditional":
        skip("?: conditional");
        break;
      case "BinaryOperation":
        if (node.operator === "&&" || node.operator === "||") skip(`${node.operator} operand pair`);
        break;
      case "ForStatement":
      case "WhileStatement":
      case "DoWhileStatement":
        skip("loop condition");
        break;
      case "FunctionCall": {
        const e = node.expression as AstNode | undefined;
        if (e?.nodeType === "Identifier" && (e.name === "require" || e.name === "assert")) skip(`${e.name as string}`);
        break;
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== "src" && k !== "nodeType") walk(v);
  })(ast);
  return { branches, unmeasured };
}
