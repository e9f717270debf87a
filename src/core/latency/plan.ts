/**
 * What a profile measures (pure): the LUT entries (every op the search spaces use, at the shapes where it occurs on the
 * shared skeleton and on the plain chains of method 3) and the random networks measured end to end.
 *
 * Full mode: MB k∈{3,5,7} × e∈{3,6} in every slot, per-channel widths {1,2,3,6}·cin, identity where allowed, the fixed
 * stem / block / head; plain chains with C ∈ {8,16,24}, SepConv and Conv k∈{3,5}; 30 networks (20 single-path subnets of
 * the supernet, 10 plain chains), 10 held out. Reduced mode (for slow software adapters and tests): k∈{3,5}, e3, widths
 * {1,3}·cin, C = 8 only, 12 networks (8 + 4), 4 held out. Both modes take n = 21 samples per entry.
 *
 * Cell parts (option `cells`, either mode): every part an AutoSpace-style cell (core/space/cell) can have at every slot
 * (`cellLutOps`: expand / 1×1 edges / project as `conv` k1, depthwise edges as `dw`, node sums and the residual add as
 * `add`), for every expansion of CELL_EXPANSIONS and every edge op, so a profile measured with them prices every cell
 * of the space by its parts. Two covering cells per slot and expansion reach every part kind (see `CELL_COVER`).
 * With `cells` the plan also times a few cell networks end to end (`planCellNetworks`: the skeleton's searched slots
 * filled with random valid cells); they are never fitted, only used to check how well a cell's sum of parts predicts
 * a whole cell network (core/latency/cellNets).
 */

import { ARCHSPEC_VERSION, type ArchSpec, type InputShape, type LayerSpec } from '../archspec';
import type { Rng } from '../rng';
import { buildSkeleton, canResidual, scaleChannels, SKELETON_SLOTS } from '../skeleton';
import { CELL_EXPANSIONS, cellLayer, cellName, mutateCell, parseCell, REFERENCE_CELL, type Cell } from '../space/cell';
import { SLOT_LAYER_OFFSET } from '../space/singlePath';
import { cellLutOps, lutKey, perChannelKey, specLutOps, type LutOp } from './lutKeys';

export type ProfileMode = 'full' | 'reduced';

export interface PlanOptions {
  mode: ProfileMode;
  input: InputShape;
  numClasses: number;
  tiny: boolean;
  width: number;
  /** Also measure the parts of AutoSpace-style cells (default false: profiles from before cells were measurable). */
  cells?: boolean;
}

export interface ModeParams {
  kernels: number[];
  expansions: number[];
  /** Hidden widths (multiples of cin) measured per slot and kernel for the per-channel fit. */
  perChannel: number[];
  chainWidths: number[];
  chainKernels: number[];
  /** Range of plain-chain depths L. */
  chainDepth: [number, number];
  supernetNets: number;
  chainNets: number;
  heldOut: number;
  /** Cell networks timed end to end with option `cells` (held out of the fit, see `planCellNetworks`). */
  cellNets: number;
  samples: number;
  warmup: number;
}

export function modeParams(mode: ProfileMode): ModeParams {
  return mode === 'full'
    ? { kernels: [3, 5, 7], expansions: [3, 6], perChannel: [1, 2, 3, 6], chainWidths: [8, 16, 24], chainKernels: [3, 5], chainDepth: [4, 9], supernetNets: 20, chainNets: 10, heldOut: 10, cellNets: 6, samples: 21, warmup: 3 }
    : { kernels: [3, 5], expansions: [3], perChannel: [1, 3], chainWidths: [8], chainKernels: [3, 5], chainDepth: [3, 5], supernetNets: 8, chainNets: 4, heldOut: 4, cellNets: 4, samples: 21, warmup: 3 };
}

/**
 * One planned LUT entry. `slot` is the skeleton slot (0-based) for MB/identity entries and cell parts, else -1.
 * `group` 'cell': a part of AutoSpace-style cells (option `cells`), priced in sums by `predictLatency`.
 */
export interface PlannedEntry {
  key: string;
  op: LutOp;
  slot: number;
  group: 'skeleton' | 'slot' | 'chain' | 'cell';
}

/**
 * Two cells (expansion left out) that between them hold every part kind a cell can have: from node 0 (the cell's
 * stride, input resolution) a 1×1 edge and dw3 / dw5 / dw7; between inner nodes (stride 1, output resolution) the
 * same four; a node summing 2 (node 2) and 3 (node 3) tensors. No identity leaves node 0, so both are valid at stride 2.
 * Edges in CELL_EDGES order (0→1)(0→2)(0→3)(1→2)(1→3)(2→3).
 */
export const CELL_COVER: readonly string[] = ['p357p3', '7zz5zp'];

const hiddenOf = (m: number, cin: number): number => Math.max(1, Math.round(m * cin));

/** The skeleton filled with one op per slot: an MB (k, hidden multiple) or identity (null). */
function skeletonWith(opts: PlanOptions, choice: (slot: number, cin: number, cout: number, stride: number) => LayerSpec, name: string): ArchSpec {
  return buildSkeleton({ input: opts.input, numClasses: opts.numClasses, width: opts.width, tiny: opts.tiny, name, fill: choice });
}

/** A plain chain (method 3): stem conv3 → L ops, channels ×2 with stride 2 at ⌊L/3⌋ and ⌊2L/3⌋ → GAP → dense. */
export function chainSpec(
  opts: Pick<PlanOptions, 'input' | 'numClasses' | 'tiny'>,
  c: number,
  ops: { type: 'sepconv' | 'chainconv'; k: number }[],
  name = 'chain',
): ArchSpec {
  const L = ops.length;
  const red = new Set([Math.floor(L / 3), Math.floor((2 * L) / 3)]);
  const layers: LayerSpec[] = [{ type: 'conv', cin: opts.input.channels, cout: c, k: 3, stride: opts.tiny ? 2 : 1, relu: false }];
  let ch = c;
  ops.forEach((o, i) => {
    const r = red.has(i) && i > 0;
    layers.push({ type: o.type, cin: ch, cout: r ? ch * 2 : ch, k: o.k, stride: r ? 2 : 1 });
    if (r) ch *= 2;
  });
  layers.push({ type: 'gap' }, { type: 'dense', cin: ch, cout: opts.numClasses });
  return { version: ARCHSPEC_VERSION, name, input: { ...opts.input }, numClasses: opts.numClasses, layers, meta: { method: 'chain', tiny: opts.tiny } };
}

/** The skeleton slot (0-based) of layer `i` of a skeleton network, -1 for the stem, fixed block and head. */
const skelSlot = (i: number): number => (i >= SLOT_LAYER_OFFSET && i < SLOT_LAYER_OFFSET + SKELETON_SLOTS.length ? i - SLOT_LAYER_OFFSET : -1);

/** Every LUT entry of the mode, deduplicated by key, in a stable order (cell parts last). */
export function planLut(opts: PlanOptions): PlannedEntry[] {
  const p = modeParams(opts.mode);
  const out = new Map<string, PlannedEntry>();
  const addSpec = (spec: ArchSpec, group: PlannedEntry['group'], slotOf: (index: number) => number): void => {
    for (const { index, op } of specLutOps(spec)) {
      if (!op) continue;
      const key = lutKey(op);
      const slot = slotOf(index);
      if (!out.has(key)) out.set(key, { key, op, slot, group: slot >= 0 ? 'slot' : group });
    }
  };
  const widths = [...new Set([...p.expansions, ...p.perChannel])].sort((a, b) => a - b);
  for (const k of p.kernels) {
    for (const m of widths) {
      const spec = skeletonWith(opts, (_s, cin, cout, stride) => ({ type: 'mb', cin, cout, stride, branches: [{ k, hidden: hiddenOf(m, cin) }], residual: canResidual(cin, cout, stride) }), `k${k} x${m}`);
      addSpec(spec, 'skeleton', skelSlot);
    }
  }
  const skipSpec = skeletonWith(opts, (_s, cin, cout, stride) =>
    canResidual(cin, cout, stride) ? { type: 'skip', cin, cout } : { type: 'mb', cin, cout, stride, branches: [{ k: p.kernels[0], hidden: hiddenOf(p.expansions[0], cin) }], residual: false }, 'skips');
  addSpec(skipSpec, 'skeleton', skelSlot);
  for (const c of p.chainWidths) {
    for (const type of ['sepconv', 'chainconv'] as const) {
      for (const k of p.chainKernels) {
        // Depth 5 visits every position kind: normal, reduction, normal, reduction, normal.
        addSpec(chainSpec(opts, scaleChannels(c, opts.width), Array.from({ length: 5 }, () => ({ type, k }))), 'chain', () => -1);
      }
    }
  }
  if (opts.cells) for (const e of planCellParts(opts)) if (!out.has(e.key)) out.set(e.key, e);
  return [...out.values()];
}

/** The cell parts of the plan (option `cells`): every part of every cell of the space at every slot, deduplicated. */
export function planCellParts(opts: Omit<PlanOptions, 'mode'>): PlannedEntry[] {
  const out = new Map<string, PlannedEntry>();
  for (const e of CELL_EXPANSIONS) {
    for (const cover of CELL_COVER) {
      const cell = parseCell(`c${e}-${cover}`);
      const spec = buildSkeleton({ input: opts.input, numClasses: opts.numClasses, width: opts.width, tiny: opts.tiny, name: `cells e${e}`, fill: (_s, cin, cout, stride) => cellLayer(cell, cin, cout, stride) });
      specLutOps(spec).forEach(({ index, layer, inShape }) => {
        if (layer.type !== 'cell') return;
        for (const op of cellLutOps(layer, inShape)) {
          const key = lutKey(op);
          if (!out.has(key)) out.set(key, { key, op, slot: skelSlot(index), group: 'cell' });
        }
      });
    }
  }
  return [...out.values()];
}

/**
 * A network to measure end to end. 'cell-net': every searched slot an AutoSpace-style cell (option `cells`); never
 * fitted, only a check of the cells' sum of parts.
 */
export interface PlannedNetwork {
  name: string;
  family: 'supernet-path' | 'chain' | 'cell-net';
  spec: ArchSpec;
}

/** Mutations of the reference cell that make one random cell (1 to CELL_WALK_MAX, drawn per slot). */
export const CELL_WALK_MAX = 4;

/**
 * A random valid cell for a slot of this stride: the reference cell (MB k3 e3) mutated 1 to CELL_WALK_MAX times by
 * core/space/cell `mutateCell` (the moves AutoSpace's populations make; each result is canonical and valid at `stride`).
 */
export function randomCell(stride: number, rng: Rng): Cell {
  let c: Cell = { e: REFERENCE_CELL.e, edges: [...REFERENCE_CELL.edges] };
  const steps = 1 + rng.int(CELL_WALK_MAX);
  for (let i = 0; i < steps; i++) c = mutateCell(c, stride, () => rng.next());
  return c;
}

/**
 * The cell networks of option `cells`: `modeParams(mode).cellNets` skeletons whose every searched slot holds a random
 * valid cell (`randomCell`), built as the AutoSpace-style networks are (`buildSkeleton` + `cellLayer`).
 */
export function planCellNetworks(opts: PlanOptions, rng: Rng): PlannedNetwork[] {
  const nets: PlannedNetwork[] = [];
  for (let i = 0; i < modeParams(opts.mode).cellNets; i++) {
    const names: string[] = [];
    const spec = skeletonWith(opts, (_s, cin, cout, stride) => {
      const c = randomCell(stride, rng);
      names.push(cellName(c));
      return cellLayer(c, cin, cout, stride);
    }, '');
    spec.name = `cells ${i + 1}: ${names.join(' ')}`;
    nets.push({ name: spec.name, family: 'cell-net', spec });
  }
  return nets;
}

/**
 * Random single-path subnets of the supernet (PAD-NAS space: MB k×e or identity per slot) and random plain chains;
 * with option `cells` then the cell networks (`planCellNetworks`, drawn after the others so those stay the same).
 */
export function planNetworks(opts: PlanOptions, rng: Rng): PlannedNetwork[] {
  const p = modeParams(opts.mode);
  const nets: PlannedNetwork[] = [];
  for (let i = 0; i < p.supernetNets; i++) {
    const picks: string[] = [];
    const spec = skeletonWith(opts, (_s, cin, cout, stride) => {
      const choices = p.kernels.length * p.expansions.length + (canResidual(cin, cout, stride) ? 1 : 0);
      const c = rng.int(choices);
      if (c === p.kernels.length * p.expansions.length) {
        picks.push('id');
        return { type: 'skip', cin, cout };
      }
      const k = p.kernels[c % p.kernels.length];
      const e = p.expansions[Math.floor(c / p.kernels.length)];
      picks.push(`k${k}e${e}`);
      return { type: 'mb', cin, cout, stride, branches: [{ k, hidden: hiddenOf(e, cin) }], residual: canResidual(cin, cout, stride) };
    }, '');
    spec.name = `path ${i + 1}: ${picks.join(' ')}`;
    nets.push({ name: spec.name, family: 'supernet-path', spec });
  }
  for (let i = 0; i < p.chainNets; i++) {
    const c = scaleChannels(p.chainWidths[rng.int(p.chainWidths.length)], opts.width);
    const L = p.chainDepth[0] + rng.int(p.chainDepth[1] - p.chainDepth[0] + 1);
    const ops = Array.from({ length: L }, () => ({ type: rng.int(2) === 0 ? ('sepconv' as const) : ('chainconv' as const), k: p.chainKernels[rng.int(p.chainKernels.length)] }));
    const name = `chain ${i + 1}: C${c} ${ops.map((o) => `${o.type === 'sepconv' ? 'S' : 'C'}${o.k}`).join(' ')}`;
    nets.push({ name, family: 'chain', spec: chainSpec(opts, c, ops, name) });
  }
  if (opts.cells) nets.push(...planCellNetworks(opts, rng));
  return nets;
}

/** Per-channel fit families: for every slot and kernel, the LUT keys of the measured hidden widths. */
export function perChannelFamilies(entries: readonly PlannedEntry[]): Map<string, { slot: number; keys: string[]; widths: number[] }> {
  const fam = new Map<string, { slot: number; keys: string[]; widths: number[] }>();
  for (const e of entries) {
    if (e.op.op !== 'mb' || !e.op.expand) continue;
    const fk = perChannelKey(e.op);
    const f = fam.get(fk) ?? { slot: e.slot, keys: [], widths: [] };
    f.keys.push(e.key);
    f.widths.push(e.op.hidden);
    fam.set(fk, f);
  }
  return fam;
}

/** Where a profiling run stands (posted by the worker, shown by the profiler screen). */
export type ProfilePhase = 'roofline' | 'lut' | 'e2e' | 'done';

export interface ProfileStatus {
  phase: ProfilePhase;
  /** What the next unit measures. */
  label: string;
  unitsDone: number;
  unitsTotal: number;
  /** Phase-aware estimate from measured sample costs; -1 while unknown. */
  etaMs: number;
  /** Entries (networks) warmed up, total, and the sample round reached (fewest samples of any warmed one). */
  lut: { warmed: number; total: number; round: number; rounds: number };
  e2e: { warmed: number; total: number; round: number; rounds: number };
  /** Entries or networks that failed to build or run, with the error. */
  failures: string[];
}
