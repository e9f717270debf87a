/**
 * What the budget term prices (pure): each cell's cost at each searched slot, in MACs or in latency predicted by the
 * chosen device profile, plus the fixed layers (stem, fixed block, head). Latency is priced as the profile prices any
 * network, a·ΣLUT + b·#dispatches + c (its predictor), split by layer: a layer costs a·(its LUT ms) + b·(its
 * dispatches), a cell's LUT ms being the sum of its parts' entries, and the intercept c goes to the fixed layers; so
 * fixed + Σ slot costs = the profile's predicted latency of the whole network. Cell parts are in a profile measured with
 * "Also measure AutoSpace-style cell parts" (plan option `cells`). A profile that cannot price the reference network
 * (no cell parts, another skeleton, no predictor) makes the whole run fall back to MACs, and `notice` says what is
 * missing; a single cell it cannot price (a part it never measured) is estimated from its MACs at the slot's reference
 * ms-per-MAC, and counted.
 */
import { archCosts } from '../../core/costs';
import { specDispatches } from '../../core/latency/dispatches';
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

/**
 * Per-layer costs of the network with genotype `g`, in the unit's numbers: MMACs, or a·(LUT ms) + b·(dispatches) per
 * layer with the predictor's intercept c added to layer 0 (so the layers sum to the predicted latency). NaN for a layer
 * the profile cannot price.
 */
function layerCosts(sk: SkeletonShape, g: string[], profile: LatencyProfile | null): number[] {
  const spec = genotypeSpec(g, sk, { method: 'autospace' });
  if (!profile?.predictor) return archCosts(spec).layers.map((l) => l.macs / 1e6);
  const { a, b, c } = profile.predictor;
  const disp = specDispatches(spec, { workgroupThreshold: profile.device.workgroupThreshold }).perLayer;
  return predictLatency(spec, profile).layers.map((l, i) => a * l.ms + b * disp[i] + (i === 0 ? c : 0));
}

const shapeText = (s: { input: SkeletonShape['input']; tiny: boolean; width: number }): string =>
  `${s.input.height}×${s.input.width}×${s.input.channels}${s.tiny ? ', tiny' : ''}, width ${s.width}`;

const listed = (keys: readonly string[]): string => `${keys.slice(0, 3).join('; ')}${keys.length > 3 ? `; … ${keys.length - 3} more` : ''}`;

/**
 * Why `profile` cannot price the reference network of this skeleton by latency (naming what is missing), or null.
 * Checked in this order: no predictor (a cancelled run), another skeleton, no cell parts, any other missing entry.
 */
export function cellLatencyProblem(sk: SkeletonShape, profile: LatencyProfile): string | null {
  const head = `Profile "${profile.name}"`;
  const tail = 'so the budget term uses MACs instead.';
  if (!profile.predictor) return `${head} has no fitted predictor (its run was cancelled before the networks were timed), ${tail}`;
  const spec = genotypeSpec(reference(), sk, { method: 'autospace' });
  const pred = predictLatency(spec, profile);
  if (pred.missing.length === 0) return null;
  const ps = profile.settings;
  const same = ps.tiny === sk.tiny && ps.width === sk.width && ps.input.height === sk.input.height && ps.input.width === sk.input.width && ps.input.channels === sk.input.channels;
  if (!same) {
    return (
      `${head} was measured on another skeleton (${shapeText(ps)}; this run: ${shapeText(sk)}), so it cannot price cell layers ` +
      `at this run's shapes (${pred.missing.length} missing entries, e.g. ${listed(pred.missing)}), ${tail} Measure a profile with ` +
      `the same skeleton and "Also measure AutoSpace-style cell parts" ticked.`
    );
  }
  const nonCell = pred.layers.filter((l) => l.source === 'missing' && spec.layers[l.index].type !== 'cell').map((l) => l.key ?? `layer ${l.index}`);
  if (nonCell.length === 0) {
    const why = ps.cells ? 'its lookup table lacks some of their parts' : 'it was measured without "Also measure AutoSpace-style cell parts"';
    return (
      `${head} cannot price cell layers (${why}: ${pred.missing.length} cell parts missing, e.g. ${listed(pred.missing)}), ${tail} ` +
      `Measure a profile with that box ticked on the Profile screen to price cells by this device's latency.`
    );
  }
  return `${head} cannot price the reference network (${pred.missing.length} missing entries, e.g. ${listed(pred.missing)}), ${tail}`;
}

/**
 * What a latency price says it is. A predictor fitted with a = 0 (the lookup-table sum dropped: on a device where the
 * measured networks' time follows the dispatch count, e.g. the Node CPU backend on a quick profile) prices each cell by
 * its dispatches alone, so cells with the same kernels but other widths cost the same: said, not hidden.
 */
function latencySource(p: LatencyProfile): string {
  const a = p.predictor?.a ?? 1;
  const how = a > 0 ? 'cells by their measured parts' : 'its predictor has a = 0 (ΣLUT dropped), so cells differ only by their dispatches';
  return `latency predicted by profile "${p.name}" (${how})`;
}

/** The pricer of a run; latency only when asked for and every reference layer can be priced. */
export function cellPricer(sk: SkeletonShape, objective: AutoSpaceObjective, profile: LatencyProfile | null): CellPricer {
  let notice: string | null = null;
  let use = objective === 'latency' ? profile : null;
  if (use) {
    notice = cellLatencyProblem(sk, use);
    if (notice) use = null;
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
    source: profileUsed ? latencySource(profileUsed) : notice ? 'MACs (the profile cannot price cells)' : 'MACs',
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
