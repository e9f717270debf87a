/**
 * What the budget term prices (pure): each cell's cost at each searched slot, in MACs or in latency predicted by the
 * chosen device profile, plus the fixed layers (stem, fixed block, head). A profile that cannot price the reference
 * network makes the whole run fall back to MACs, and `notice` says so; a single cell it cannot price (a part it never
 * measured, e.g. a dw7 edge) is estimated from its MACs at the slot's reference ms-per-MAC, and counted.
 */
import { archCosts } from '../../core/costs';
import { predictLatency } from '../../core/latency/predict';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { genotypeSpec, SLOT_LAYER_OFFSET, type SkeletonShape } from '../../core/space/singlePath';
import { SKELETON_SLOTS } from '../../core/skeleton';
import type { AutoSpaceObjective } from './config';
import { REFERENCE_NAME } from './population';
import type { BudgetState } from './snapshot';

export interface CellPricer {
  unit: BudgetState['unit'];
  /** "MACs", or "latency predicted by profile X"; says why when latency was asked for and MACs are used. */
  source: string;
  /** Set when the objective was latency and MACs are used instead. */
  notice: string | null;
  /** Cost of the stem, fixed block and head (the same in every network). */
  fixed: number;
  /** Cost of `cell` at `slot`. */
  cellCost(slot: number, cell: string): number;
  /** The reference network's cost (MB k3 e3 = c3-zz3zzz in every slot). */
  reference: number;
  /** Cells priced so far by MACs at the reference's ms per MAC (latency only: the profile lacks one of their parts). */
  readonly scaledFromMacs: Set<string>;
}

const reference = (): string[] => SKELETON_SLOTS.map(() => REFERENCE_NAME);

/** Per-layer costs of the network that has `cell` at `slot` and the reference cell elsewhere, in the unit's numbers. */
function layerCosts(sk: SkeletonShape, g: string[], profile: LatencyProfile | null): number[] {
  const spec = genotypeSpec(g, sk, { method: 'autospace' });
  if (!profile) return archCosts(spec).layers.map((l) => l.macs / 1e6);
  return predictLatency(spec, profile).layers.map((l) => l.ms);
}

/** The pricer of a run; latency only when asked for and every reference layer and a probe cell can be priced. */
export function cellPricer(sk: SkeletonShape, objective: AutoSpaceObjective, profile: LatencyProfile | null): CellPricer {
  let notice: string | null = null;
  let use = objective === 'latency' ? profile : null;
  if (use) {
    const ref = layerCosts(sk, reference(), use);
    if (!ref.every((v) => Number.isFinite(v))) {
      notice = `Profile "${use.name}" cannot price cell layers (its lookup table has no entries for them), so the budget term uses MACs instead.`;
      use = null;
    }
  }
  const profileUsed = use;
  const cache = new Map<string, number>();
  const scaledFromMacs = new Set<string>();
  const refLayers = layerCosts(sk, reference(), profileUsed);
  const refMacs = layerCosts(sk, reference(), null);
  const slotIdx = (slot: number) => SLOT_LAYER_OFFSET + slot;
  const refSlots = SKELETON_SLOTS.map((_, j) => refLayers[slotIdx(j)]);
  const total = refLayers.reduce((a, b) => a + b, 0);
  const fixed = total - refSlots.reduce((a, b) => a + b, 0);
  return {
    unit: profileUsed ? 'ms' : 'MMACs',
    source: profileUsed ? `latency predicted by profile "${profileUsed.name}"` : notice ? 'MACs (the profile cannot price cells)' : 'MACs',
    notice,
    fixed,
    reference: total,
    scaledFromMacs,
    cellCost(slot, cell) {
      const key = `${slot}|${cell}`;
      let v = cache.get(key);
      if (v === undefined) {
        const g = reference();
        g[slot] = cell;
        v = layerCosts(sk, g, profileUsed)[slotIdx(slot)];
        if (!Number.isFinite(v)) {
          v = layerCosts(sk, g, null)[slotIdx(slot)] * (refSlots[slot] / refMacs[slotIdx(slot)]);
          scaledFromMacs.add(key);
        }
        cache.set(key, v);
      }
      return v;
    },
  };
}

/** E[cost] = fixed + Σ over slots of the softmax(α)-weighted costs of that slot's picks (plain numbers). */
export function expectedCost(fixed: number, costs: readonly (readonly number[])[], weights: readonly (readonly number[])[]): number {
  return fixed + costs.reduce((s, c, j) => s + c.reduce((a, v, i) => a + v * weights[j][i], 0), 0);
}

/** μ · max(0, E[cost]/budget − 1) for plain numbers (the gauge; the run differentiates the same formula in tfjs). */
export function budgetPenalty(expected: number, budget: number, mu: number): number {
  return mu * Math.max(0, expected / budget - 1);
}
