/**
 * The parameter space of a generated design: for every parameter, a fixed value, a range or a grid.
 * The study's space: the 17 swept parameters over their study ranges, n_pools uniform in {1, 2, 3},
 * everything else at its default.
 */
import { PARAM_NAMES, PARAM_SPEC_BY_NAME, type ParamName } from "../params/index.js";

export type Axis =
  /** The same value in every run. */
  | { kind: "fixed"; value: number }
  /** Real parameters: a Latin hypercube dimension over [lo, hi). Integer parameters: uniform in {lo, …, hi}. */
  | { kind: "range"; lo: number; hi: number }
  /** Every listed value, crossed with every value of the other grids (full factorial). */
  | { kind: "grid"; values: readonly number[] };

export type Space = Record<ParamName, Axis>;

/** The reference study's space (specification §7). */
export function studySpace(): Space {
  const space = {} as Space;
  for (const name of PARAM_NAMES) {
    const spec = PARAM_SPEC_BY_NAME[name];
    space[name] = spec.studyRange
      ? { kind: "range", lo: spec.studyRange[0], hi: spec.studyRange[1] }
      : { kind: "fixed", value: spec.default };
  }
  return space;
}

/** How a space turns into runs. */
export interface SpaceLayout {
  /** Real-valued ranged parameters: the Latin hypercube's dimensions, in table order. */
  lhsDims: ParamName[];
  /** Integer ranged parameters, drawn uniformly per point, in table order. */
  intDraws: ParamName[];
  /** Grid parameters, in table order (the last varies fastest). */
  grids: ParamName[];
  /** Number of grid cells (1 without grids). */
  cells: number;
}

export function layoutOf(space: Space): SpaceLayout {
  const lhsDims: ParamName[] = [];
  const intDraws: ParamName[] = [];
  const grids: ParamName[] = [];
  let cells = 1;
  for (const name of PARAM_NAMES) {
    const axis = space[name];
    if (axis.kind === "range") (PARAM_SPEC_BY_NAME[name].integer ? intDraws : lhsDims).push(name);
    else if (axis.kind === "grid") {
      grids.push(name);
      cells *= axis.values.length;
    }
  }
  return { lhsDims, intDraws, grids, cells };
}

/** Whether the space has anything drawn at random (then the number of points must be given). */
export function isRandom(layout: SpaceLayout): boolean {
  return layout.lhsDims.length + layout.intDraws.length > 0;
}
