/**
 * Dynamic shrinkage, the pure half (METHODS.md §1): which atoms die, whether enough of them died to be worth a
 * physical removal, and what the ArchSpec and atom table look like afterwards. The tensor half is `shrink.ts`.
 */

import type { ArchSpec, MbBranch, MbLayer } from '../../../core/archspec';
import type { AtomNasShrinkEvent } from '../snapshot';
import type { BlockAtoms } from './atoms';

/** Per block: indices of the atoms that survive (ascending, so branch order and channel order are kept). */
export interface BlockKeep {
  layer: number;
  keep: Int32Array;
  /** True when the block loses every atom (only allowed with a residual): it becomes an identity `skip` layer. */
  removed: boolean;
}

export interface ShrinkPlan {
  blocks: BlockKeep[];
  /** Number of atoms that would be removed. */
  deadAtoms: number;
  /** Their total MACs: exactly the drop of `archCosts(spec).macs` when the plan is applied. */
  deadCost: number;
  /** Whether `deadCost` reached the shrink threshold (and at least one atom is dead). */
  triggered: boolean;
}

export interface PlanOptions {
  /** |γ| at or below which an atom counts as dead (1e-3 as in AtomNAS). */
  threshold: number;
  /** Minimum total MACs of dead atoms before a physical removal happens. */
  minCost: number;
  /**
   * A residual block whose every atom is dead becomes an identity (`skip`), as in AtomNAS. Its BN output for a zero
   * input (a per-channel constant, β of the project BN after re-estimation) is dropped with it, so this one case is
   * not output-preserving. False keeps the strongest atom instead, as for blocks without a residual.
   */
  allowRemoveResidualBlock: boolean;
}

/**
 * Decide which atoms die: |γ| ≤ threshold in the live weights AND in the EMA weights (when `ema` is given).
 * A block without a residual keeps at least one atom: the one with the largest live |γ| (ties: largest EMA |γ|,
 * then lowest index), because removing its last atom would cut the network (the reference code crashes there).
 */
export function planShrink(
  blocks: readonly BlockAtoms[],
  live: readonly Float32Array[],
  ema: readonly Float32Array[] | null,
  opts: PlanOptions,
): ShrinkPlan {
  let deadAtoms = 0;
  let deadCost = 0;
  const out: BlockKeep[] = blocks.map((b, bi) => {
    const g = live[bi];
    const e = ema ? ema[bi] : null;
    const H = b.kernel.length;
    if (g.length !== H || (e && e.length !== H)) {
      throw new RangeError(`planShrink: block L${b.layer} has ${H} atoms but ${g.length} gates`);
    }
    const alive: number[] = [];
    for (let c = 0; c < H; c++) {
      const dead = Math.abs(g[c]) <= opts.threshold && (!e || Math.abs(e[c]) <= opts.threshold);
      if (!dead) alive.push(c);
    }
    let removed = false;
    if (alive.length === 0 && H > 0) {
      if (b.residual && opts.allowRemoveResidualBlock) removed = true;
      else alive.push(strongest(g, e));
    }
    for (let c = 0, a = 0; c < H; c++) {
      if (a < alive.length && alive[a] === c) {
        a++;
        continue;
      }
      deadAtoms++;
      deadCost += b.cost[c];
    }
    return { layer: b.layer, keep: Int32Array.from(alive), removed };
  });
  return { blocks: out, deadAtoms, deadCost, triggered: deadAtoms > 0 && deadCost >= opts.minCost };
}

function strongest(g: Float32Array, e: Float32Array | null): number {
  let best = 0;
  for (let c = 1; c < g.length; c++) {
    const d = Math.abs(g[c]) - Math.abs(g[best]);
    if (d > 0 || (d === 0 && e && Math.abs(e[c]) > Math.abs(e[best]))) best = c;
  }
  return best;
}

/** For one block: the old branch index of every surviving branch, and its surviving channels (block-local indices). */
export interface BranchKeep {
  oldBranch: number;
  k: number;
  /** Surviving channels as indices into the old branch's own channels (the depthwise filter's axis). */
  local: Int32Array;
}

/** Split a block's kept channel list by branch; branches left with no atom are dropped. */
export function branchKeeps(layer: MbLayer, keep: Int32Array): BranchKeep[] {
  const out: BranchKeep[] = [];
  let start = 0;
  let p = 0;
  layer.branches.forEach((br, bi) => {
    const local: number[] = [];
    while (p < keep.length && keep[p] < start + br.hidden) local.push(keep[p++] - start);
    if (local.length > 0) out.push({ oldBranch: bi, k: br.k, local: Int32Array.from(local) });
    start += br.hidden;
  });
  return out;
}

/** The ArchSpec after the plan: branches' hidden counts reduced, empty branches deleted, emptied blocks → `skip`. */
export function applyPlanToSpec(spec: ArchSpec, plan: ShrinkPlan): ArchSpec {
  const layers = spec.layers.slice();
  for (const bk of plan.blocks) {
    const l = layers[bk.layer];
    if (l.type !== 'mb') throw new Error(`applyPlanToSpec: layer ${bk.layer} is ${l.type}, not mb`);
    if (bk.removed) {
      layers[bk.layer] = { type: 'skip', cin: l.cin, cout: l.cout };
      continue;
    }
    const branches: MbBranch[] = branchKeeps(l, bk.keep).map((b) => ({ k: b.k, hidden: b.local.length }));
    layers[bk.layer] = { ...l, branches };
  }
  return { ...spec, layers };
}

/** The atom table after the plan (atoms sliced; removed blocks dropped), keeping `orig` and `slot`. */
export function applyPlanToAtoms(blocks: readonly BlockAtoms[], plan: ShrinkPlan): BlockAtoms[] {
  const out: BlockAtoms[] = [];
  blocks.forEach((b, bi) => {
    const bk = plan.blocks[bi];
    if (bk.removed) return;
    const k = bk.keep;
    out.push({
      ...b,
      kernel: Uint8Array.from(k, (c) => b.kernel[c]),
      cost: Float64Array.from(k, (c) => b.cost[c]),
      orig: Int32Array.from(k, (c) => b.orig[c]),
    });
  });
  return out;
}

/** What a shrink event reports per block: atoms removed per kernel size (in the order of `kernels`). */
export function removedByKernel(b: BlockAtoms, keep: Int32Array, kernels: readonly number[]): number[] {
  const out = kernels.map(() => 0);
  const kept = new Uint8Array(b.kernel.length);
  for (const c of keep) kept[c] = 1;
  for (let c = 0; c < b.kernel.length; c++) {
    if (kept[c]) continue;
    const i = kernels.indexOf(b.kernel[c]);
    if (i >= 0) out[i]++;
  }
  return out;
}

/** The event a shrink by `plan` of `atoms` (the table the plan was made on) records. */
export function shrinkEvent(
  plan: ShrinkPlan,
  atoms: readonly BlockAtoms[],
  kernels: readonly number[],
  at: { step: number; epoch: number; macsBefore: number; rho: number },
): AtomNasShrinkEvent {
  const { step, epoch, macsBefore, rho } = at;
  // paramsAfter: the caller's, from the shrunk spec.
  const event: AtomNasShrinkEvent = { step, epoch, removedAtoms: plan.deadAtoms, blocks: [], macsBefore, macsAfter: macsBefore - plan.deadCost, paramsAfter: 0, rho };
  plan.blocks.forEach((bk, i) => {
    const b = atoms[i];
    if (bk.keep.length === b.kernel.length) return;
    event.blocks.push({ layer: b.layer, slot: b.slot, perKernel: removedByKernel(b, bk.keep, kernels), blockRemoved: bk.removed });
  });
  return event;
}
