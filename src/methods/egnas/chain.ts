/**
 * The plain-chain search space of Efficient Global NAS (METHODS.md §3, read in the authors' NetworkMix.py): stem conv
 * 3×3 → 2C channels (the authors' stem multiplier 2; BN, no ReLU: every layer starts with its own ReLU) → L layers,
 * each SepConv (ReLU → depthwise k×k → pointwise 1×1 → BN) or Conv (ReLU → conv k×k → BN), k ∈ {3, 5}; layers
 * ⌊L/3⌋ and ⌊2L/3⌋ double the channels with stride 2 → global average pool → dense. Pure.
 */
import { ARCHSPEC_VERSION, type ArchSpec, type InputShape, type LayerSpec } from '../../core/archspec';
import { archCosts } from '../../core/costs';

/** Operation of one layer: 's' SepConv, 'c' Conv. */
export type ChainOp = 's' | 'c';

/** One point of the space: depth L = ops.length, base width C, one op and one kernel per layer. */
export interface ChainGenome {
  C: number;
  ops: ChainOp[];
  kernels: number[];
}

/** Input and classes of the dataset the chain is built for. */
export interface ChainTask {
  input: InputShape;
  numClasses: number;
  /** Stem stride (1 as the authors; 2 = the playground's tiny stem: 14×14 maps, about 4× fewer MACs). */
  stemStride?: number;
}

/** Depth L of a genome. */
export const depthOf = (g: ChainGenome): number => g.ops.length;

/** An all-SepConv k3 genome (where the depth and width phases search). */
export function plainGenome(L: number, C: number): ChainGenome {
  return { C, ops: Array.from({ length: L }, () => 's' as const), kernels: Array.from({ length: L }, () => 3) };
}

/** Layer indices that reduce (stride 2, channels ×2): ⌊L/3⌋ and ⌊2L/3⌋, as the authors' code (a set: L < 3 may merge them). */
export function reductionLayers(L: number): Set<number> {
  return new Set([Math.floor(L / 3), Math.floor((2 * L) / 3)]);
}

/** "S3 S3 C5 …": one token per layer. */
export function genomeText(g: ChainGenome): string {
  return g.ops.map((o, i) => `${o === 's' ? 'S' : 'C'}${g.kernels[i]}`).join(' ');
}

/** The ArchSpec of a genome. */
export function chainArch(task: ChainTask, g: ChainGenome, name = `chain L${g.ops.length} C${g.C}`): ArchSpec {
  if (g.ops.length !== g.kernels.length) throw new RangeError(`chain genome: ${g.ops.length} ops but ${g.kernels.length} kernels`);
  if (!Number.isInteger(g.C) || g.C < 1) throw new RangeError(`chain genome: width C must be a positive integer, got ${g.C}`);
  const L = g.ops.length;
  const red = reductionLayers(L);
  const layers: LayerSpec[] = [{ type: 'conv', cin: task.input.channels, cout: 2 * g.C, k: 3, stride: task.stemStride ?? 1, relu: false }];
  let prev = 2 * g.C;
  let cur = g.C;
  for (let i = 0; i < L; i++) {
    const r = red.has(i);
    if (r) cur *= 2;
    const stride = r ? 2 : 1;
    layers.push({ type: g.ops[i] === 's' ? 'sepconv' : 'chainconv', cin: prev, cout: cur, k: g.kernels[i], stride });
    prev = cur;
  }
  layers.push({ type: 'gap' }, { type: 'dense', cin: prev, cout: task.numClasses });
  return {
    version: ARCHSPEC_VERSION,
    name,
    input: { ...task.input },
    numClasses: task.numClasses,
    layers,
    meta: { method: 'egnas', L, C: g.C, genome: genomeText(g) },
  };
}

/** Parameters of a genome's network (analytic, as archCosts counts them). */
export function chainParams(task: ChainTask, g: ChainGenome): number {
  return archCosts(chainArch(task, g)).params;
}

/**
 * Parameter matching of the micro phase (as the authors' code, with a floor it lacks): lower the width C one channel
 * at a time, from `fromC`, until the candidate's parameters are at most `budget`. Null when even `floor` channels
 * do not fit (the authors' loop would go on to 0 channels and crash).
 */
export function matchWidth(task: ChainTask, g: Omit<ChainGenome, 'C'>, fromC: number, budget: number, floor: number): { C: number; params: number } | null {
  for (let C = fromC; C >= Math.max(1, floor); C--) {
    const params = chainParams(task, { ...g, C });
    if (params <= budget) return { C, params };
  }
  return null;
}
