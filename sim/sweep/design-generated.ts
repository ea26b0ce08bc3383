/**
 * Generated designs: a Latin hypercube over the ranged real parameters, a uniform integer draw per
 * point for ranged integer parameters (n_pools in the study), crossed with the full factorial of the
 * grid parameters.
 *
 * Run i is point floor(i / cells) in grid cell i mod cells, so that any prefix of a sweep covers every
 * cell evenly. Cells enumerate the grid values with the last grid parameter (table order) varying
 * fastest. Random streams, all from seedrandom and derived from the master seed m:
 * `m/lhs/permutations`, `m/lhs/jitter` (see ./lhs.ts) and `m/lhs/integers` (for each point, for each
 * integer parameter in table order: lo + floor(u·(hi − lo + 1))).
 */
import seedrandom from "seedrandom";
import { ParamsError, resolveParams, type ParamName } from "../params/index.js";
import type { Design, DesignInfo, DesignRow } from "./design.js";
import { ProblemList } from "./errors.js";
import { LatinHypercube } from "./lhs.js";
import { layoutOf, type Space } from "./space.js";

export interface GeneratedDesignOptions {
  space: Space;
  /** Points of the hypercube (per grid cell); replicates per cell when nothing is ranged. */
  points: number;
  masterSeed: string;
  info: Omit<DesignInfo, "details">;
}

export function generatedDesign(opts: GeneratedDesignOptions): Design & { runs: number } {
  const { space, points, masterSeed } = opts;
  const layout = layoutOf(space);
  const runs = points * layout.cells;
  let lhs: LatinHypercube | undefined;
  const base: Record<string, number> = {};
  for (const [name, axis] of Object.entries(space)) if (axis.kind === "fixed") base[name] = axis.value;
  const gridValues = layout.grids.map((g) => {
    const axis = space[g];
    return axis.kind === "grid" ? axis.values : [];
  });
  const info: DesignInfo = {
    ...opts.info,
    details: {
      points,
      gridCells: layout.cells,
      latinHypercube: layout.lhsDims,
      uniformIntegers: layout.intDraws,
      grids: layout.grids,
    },
  };

  async function* rows(problems: ProblemList): AsyncGenerator<DesignRow, void, undefined> {
    lhs ??= new LatinHypercube(points, layout.lhsDims.length, masterSeed);
    const ints = seedrandom(`${masterSeed}/lhs/integers`);
    let runIndex = 0;
    const point: Record<string, number> = { ...base };
    for (const unit of lhs.points()) {
      layout.lhsDims.forEach((name, j) => {
        const axis = space[name];
        if (axis.kind === "range") point[name] = axis.lo + (axis.hi - axis.lo) * unit[j]!;
      });
      for (const name of layout.intDraws) {
        const axis = space[name];
        if (axis.kind === "range") point[name] = axis.lo + Math.floor(ints() * (axis.hi - axis.lo + 1));
      }
      for (let cell = 0; cell < layout.cells; cell++, runIndex++) {
        const values: Record<string, number> = { ...point };
        let rest = cell;
        for (let g = layout.grids.length - 1; g >= 0; g--) {
          const vs = gridValues[g]!;
          values[layout.grids[g]! as ParamName] = vs[rest % vs.length]!;
          rest = Math.floor(rest / vs.length);
        }
        try {
          yield { runIndex, params: resolveParams(values, `run ${runIndex}`) };
        } catch (e) {
          if (!(e instanceof ParamsError)) throw e;
          for (const p of e.problems) {
            problems.add(`run ${runIndex}: ${p}; narrow the ranges or grids so that every combination is valid`);
          }
        }
      }
    }
  }
  return { info, rows, runs };
}
