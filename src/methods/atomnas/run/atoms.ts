/**
 * The atom table of an AtomNAS network (METHODS.md §1): which MB layers are searched, how their hidden channels
 * (atoms) split into kernel-size branches, and what each atom costs. Pure: no tfjs.
 *
 * Channel layout follows the engine's fused MB form: the gates of layer i are `L{i}.dw.bn.gamma`, branches concatenated
 * in spec order, so atom c of a block belongs to the branch whose channel range contains c.
 */

import { convOut, type ArchSpec, type MbLayer } from '../../../core/archspec';
import { priceSupernetAtoms } from '../latency';
import { archCosts, mbAtomCost } from '../../../core/costs';
import type { LatencyProfile } from '../../../core/latency/profileSchema';

/** One searchable block's atoms, in the engine's channel order. */
export interface BlockAtoms {
  /** Index into `spec.layers`: the engine names its variables `L{layer}.…`. */
  layer: number;
  residual: boolean;
  cin: number;
  cout: number;
  /** Kernel size of each atom (length = hidden channels of the block). */
  kernel: Uint8Array;
  /** MACs of each atom (`mbAtomCost`). */
  cost: Float64Array;
  /** Index of each atom among the supernet's atoms of this block (stable across shrinks; used for latency costs). */
  orig: Int32Array;
  /** Position of this block among the supernet's searched blocks (stable when earlier blocks disappear). */
  slot: number;
}

/**
 * Layer indices of the searched MB blocks: every MB layer except the first one, which is the skeleton's fixed block
 * (MB e=1 k3, not searched, as in AtomNAS: no penalty, never shrunk). Layers already reduced to `skip` are gone.
 */
export function searchableLayers(spec: ArchSpec): number[] {
  const mbs: number[] = [];
  spec.layers.forEach((l, i) => {
    if (l.type === 'mb') mbs.push(i);
  });
  const first = firstMbLayer(spec);
  return mbs.filter((i) => i !== first && (spec.layers[i] as MbLayer).expand !== false);
}

/** Index of the fixed block. Recorded in `spec.meta.fixedLayer` once known, so a shrink never promotes another block. */
function firstMbLayer(spec: ArchSpec): number {
  const m = spec.meta?.fixedLayer;
  if (typeof m === 'number') return m;
  return spec.layers.findIndex((l) => l.type === 'mb');
}

/** Same spec with `meta.fixedLayer` set, so the fixed block stays identified after shrinks. */
export function markFixedLayer(spec: ArchSpec): ArchSpec {
  return { ...spec, meta: { ...(spec.meta ?? {}), fixedLayer: firstMbLayer(spec) } };
}

/**
 * Build the atom table of `spec` as if it were a fresh supernet (`orig` = 0..H−1, `slot` = position). After a shrink
 * the table is sliced (`applyShrink`), never rebuilt, so `orig` and `slot` keep pointing into the supernet.
 */
export function blockAtoms(spec: ArchSpec): BlockAtoms[] {
  const costs = archCosts(spec);
  return searchableLayers(spec).map((li, slot) => {
    const l = spec.layers[li] as MbLayer;
    const [hIn, wIn] = costs.layers[li].inShape;
    const hOut = convOut(hIn, l.stride);
    const wOut = convOut(wIn, l.stride);
    const H = l.branches.reduce((s, b) => s + b.hidden, 0);
    const kernel = new Uint8Array(H);
    const cost = new Float64Array(H);
    let c = 0;
    for (const b of l.branches) {
      const ac = mbAtomCost(l.cin, b.k, hIn, wIn, hOut, wOut, l.cout);
      for (let j = 0; j < b.hidden; j++, c++) {
        kernel[c] = b.k;
        cost[c] = ac;
      }
    }
    const orig = new Int32Array(H);
    for (let j = 0; j < H; j++) orig[j] = j;
    return { layer: li, residual: l.residual, cin: l.cin, cout: l.cout, kernel, cost, orig, slot };
  });
}

/** Number of atoms in all blocks. */
export function atomCount(blocks: readonly BlockAtoms[]): number {
  return blocks.reduce((s, b) => s + b.kernel.length, 0);
}

/** Mean atom cost over a table (used once, on the supernet, as the penalty normaliser). */
export function meanAtomCost(blocks: readonly BlockAtoms[]): number {
  let s = 0;
  let n = 0;
  for (const b of blocks) {
    for (const c of b.cost) s += c;
    n += b.cost.length;
  }
  return n > 0 ? s / n : 1;
}

export type PenaltyMode = 'macs' | 'uniform' | 'latency';

/**
 * Latency cost of every supernet atom, flattened block by block in supernet order (the order `blockAtoms` gives on
 * the unshrunk supernet). Supplied by a device profile; AtomNAS's code only has the MACs form.
 */
export interface LatencyAtomCosts {
  perAtom: Float32Array;
  /** Offset of each searched block's first atom in `perAtom`, in `searchableLayers` order of the supernet. */
  blockOffset: number[];
  /** The profile the costs come from (absent for hand-made costs). */
  profileId?: string;
  profileName?: string;
}

/** A device profile that cannot price the supernet (the message names the blocks, kernels and what to do). */
export class LatencyProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LatencyProfileError';
  }
}

/**
 * Per-atom latency costs of a supernet from a device profile: each atom costs the slope of its branch's fit of
 * latency against hidden width (ms per channel, core/atomnasLatency). Throws LatencyProfileError when the profile has
 * no usable fit for some branch: never estimated.
 */
export function latencyCostsFromProfile(
  supernet: ArchSpec,
  supernetBlocks: readonly BlockAtoms[],
  profile: LatencyProfile,
  shape: { tiny: boolean; width: number },
): LatencyAtomCosts {
  const p = priceSupernetAtoms(supernet, profile, shape);
  if (!p.ok) throw new LatencyProfileError(p.message);
  return { ...latencyCostsFromBranches(supernetBlocks, p.perChannel), profileId: p.profileId, profileName: p.profileName };
}

/** Build `LatencyAtomCosts` from a per-(block, kernel) cost of one channel, e.g. a profiler's per-channel branch cost. */
export function latencyCostsFromBranches(
  supernetBlocks: readonly BlockAtoms[],
  perChannel: (layer: number, k: number) => number,
): LatencyAtomCosts {
  const blockOffset: number[] = [];
  const perAtom = new Float32Array(atomCount(supernetBlocks));
  let off = 0;
  for (const b of supernetBlocks) {
    blockOffset.push(off);
    for (let c = 0; c < b.kernel.length; c++) perAtom[off + c] = perChannel(b.layer, b.kernel[c]);
    off += b.kernel.length;
  }
  return { perAtom, blockOffset };
}

/**
 * penalty_i of every atom, per block (METHODS.md §1):
 * - 'macs': cost_i / normaliser, the normaliser being the supernet's mean atom cost (fixed for the run, so ρ keeps its
 *   meaning after shrinks [ours: the reference recomputes nothing either, its atoms' costs never change]);
 * - 'uniform': 1 (network slimming);
 * - 'latency': latency_i / mean latency over supernet atoms; throws when no profile is supplied (never faked).
 */
export function atomPenalties(
  blocks: readonly BlockAtoms[],
  mode: PenaltyMode,
  macsNormaliser: number,
  latency?: LatencyAtomCosts,
): Float32Array[] {
  if (mode === 'uniform') return blocks.map((b) => new Float32Array(b.kernel.length).fill(1));
  if (mode === 'macs') {
    if (!(macsNormaliser > 0)) throw new RangeError('atomPenalties: MACs normaliser must be positive');
    return blocks.map((b) => Float32Array.from(b.cost, (c) => c / macsNormaliser));
  }
  if (!latency) throw new Error('Latency penalty needs a device profile with per-channel branch costs');
  let mean = 0;
  for (const v of latency.perAtom) mean += v;
  mean /= Math.max(1, latency.perAtom.length);
  if (!(mean > 0)) throw new RangeError('atomPenalties: latency profile has no positive cost');
  return blocks.map((b) => {
    const off = latency.blockOffset[b.slot];
    if (off === undefined) throw new RangeError(`atomPenalties: no latency costs for block at layer ${b.layer}`);
    return Float32Array.from(b.orig, (o) => latency.perAtom[off + o] / mean);
  });
}

/** Surviving atoms per kernel size of one block, e.g. {3: 12, 5: 4, 7: 0} (kernels listed in `kernels`). */
export function countByKernel(b: BlockAtoms, kernels: readonly number[]): number[] {
  const out = kernels.map(() => 0);
  for (const k of b.kernel) {
    const i = kernels.indexOf(k);
    if (i >= 0) out[i]++;
  }
  return out;
}
