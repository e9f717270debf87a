/**
 * A cost window over the single-path space (pure): the objective is MACs, or predicted latency from a device profile
 * ("predicted, profile X"). The window is given as fractions lo..hi placed between the cheapest (0) and the dearest
 * (1) architecture of the full space, measured in the same unit.
 */
import { archCosts } from '../costs';
import { costProblem } from '../latency/costCheck';
import { predictLatency } from '../latency/predict';
import type { LatencyProfile } from '../latency/profileSchema';
import { extremeGenotypes, genotypeKey, genotypeSpec, type Genotype, type SkeletonShape } from './singlePath';

/**
 * 'macs': analytic MACs; 'latency': predicted latency (a profile that prices the skeleton is required);
 * 'auto': latency when the profile prices the skeleton, else MACs with a notice.
 */
export type WindowObjective = 'macs' | 'latency' | 'auto';

/** The window in cost units. */
export interface CostWindow {
  /** Bounds in `unit`. */
  lo: number;
  hi: number;
  /** 'ms' = predicted from a device profile; 'MACs' = analytic. */
  unit: 'ms' | 'MACs';
  /** Name of the profile the prediction comes from (null without one). */
  profileName: string | null;
  /** The cheapest and dearest architecture of the full space in the same unit (the 0 and 1 of the fractions). */
  min: number;
  max: number;
}

export interface CostModel {
  /** Cost of a genotype in `window.unit`, cached by genotype (+∞ when the profile cannot price it). */
  cost: (g: Genotype) => number;
  inWindow: (g: Genotype) => boolean;
  window: CostWindow;
  /** Why the profile was not used ('auto' only), or null. */
  notice: string | null;
}

export interface WindowInput {
  skeleton: SkeletonShape;
  /** The full space: its cheapest and dearest architectures are the 0 and 1 of the fractions. */
  space: readonly (readonly string[])[];
  /** Fractions, 0 ≤ lo < hi ≤ 1. */
  lo: number;
  hi: number;
  objective: WindowObjective;
  profile: LatencyProfile | null;
}

/** Cost of a spec as a window bound's plain-words value ("1.23 M MACs", "4.56 ms"). */
export function formatCost(v: number, unit: CostWindow['unit']): string {
  if (unit === 'ms') return `${v.toPrecision(3)} ms`;
  return v >= 1e6 ? `${(v / 1e6).toPrecision(3)} M MACs` : `${(v / 1e3).toPrecision(3)} k MACs`;
}

/** Why a profile cannot price the skeleton (listing up to three missing ops). */
function unpricedMessage(profileName: string, missing: string[]): string {
  const list = `${missing.slice(0, 3).join(', ') || 'no predictor'}${missing.length > 3 ? ', …' : ''}`;
  return `The profile "${profileName}" cannot price this skeleton (${list}). Measure a profile with the same skeleton (tiny / width) to search by latency.`;
}

/** `base` and, for every slot and op of the space, `base` with that op in that slot (the dearest included). */
function coverGenotypes(space: readonly (readonly string[])[], base: Genotype): Genotype[] {
  const out: Genotype[] = [base, extremeGenotypes(space).dearest];
  space.forEach((ops, slot) =>
    ops.forEach((op) => {
      if (op === base[slot]) return;
      const g = base.slice();
      g[slot] = op;
      out.push(g);
    }),
  );
  return out;
}

/**
 * The cheapest and the dearest genotype by the price itself, slot by slot: each op is priced in one architecture (the
 * op-name heuristic's cheapest, with that op in its slot). MACs add up over slots (a slot's op changes only its own
 * layer), and a profile's predicted latency nearly so, so these bound the space. The op-name heuristic alone
 * (extremeGenotypes) can misorder cells at small widths, where the 1×1 convolutions outweigh the depthwise ones: the
 * window's 0 could then lie above its 1 and hold no architecture.
 */
function pricedExtremes(space: readonly (readonly string[])[], price: (g: Genotype) => number): { cheapest: Genotype; dearest: Genotype } {
  const base = extremeGenotypes(space).cheapest;
  const cheapest = base.slice();
  const dearest = base.slice();
  space.forEach((ops, slot) => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const op of ops) {
      const g = base.slice();
      g[slot] = op;
      const c = price(g);
      if (c < lo) {
        lo = c;
        cheapest[slot] = op;
      }
      if (c > hi) {
        hi = c;
        dearest[slot] = op;
      }
    }
  });
  return { cheapest, dearest };
}

/** Build the cost model of a window. Throws (in plain words) when the fractions or the objective cannot work. */
export function costWindow(w: WindowInput): CostModel {
  if (!(w.lo >= 0 && w.hi <= 1 && w.lo < w.hi)) throw new RangeError(`the window [${w.lo}, ${w.hi}] must satisfy 0 ≤ from < to ≤ 1`);
  const sk = w.skeleton;
  const { cheapest, dearest } = extremeGenotypes(w.space);
  let price: (g: Genotype) => number = (g) => archCosts(genotypeSpec(g, sk)).macs;
  let unit: CostWindow['unit'] = 'MACs';
  let profileName: string | null = null;
  let notice: string | null = null;
  if (w.objective !== 'macs') {
    const profile = w.profile;
    if (!profile) {
      if (w.objective === 'latency') throw new Error('A latency window needs a device profile: measure one on the Profile screen (or load one), or use the MACs window.');
    } else {
      const probe = [cheapest, dearest].map((g) => predictLatency(genotypeSpec(g, sk), profile));
      if (probe.every((p) => Number.isFinite(p.ms))) {
        // Every op of the space, each in one architecture: a cost ≤ 0 or not finite anywhere refuses the profile.
        const problem = costProblem(coverGenotypes(w.space, cheapest).map((g) => genotypeSpec(g, sk)), profile);
        if (problem) throw new Error(problem);
        price = (g) => predictLatency(genotypeSpec(g, sk), profile).ms;
        unit = 'ms';
        profileName = profile.name;
      } else {
        const msg = unpricedMessage(profile.name, [...new Set(probe.flatMap((p) => p.missing))]);
        if (w.objective === 'latency') throw new Error(`${msg} Or use the MACs window.`);
        notice = `${msg} The window is in MACs instead.`;
      }
    }
  }
  const cache = new Map<string, number>();
  const cost = (g: Genotype): number => {
    const k = genotypeKey(g);
    let v = cache.get(k);
    if (v === undefined) {
      v = price(g);
      if (!Number.isFinite(v)) v = Number.POSITIVE_INFINITY; // an op the profile cannot price never enters the window
      cache.set(k, v);
    }
    return v;
  };
  const extremes = pricedExtremes(w.space, cost);
  const min = cost(extremes.cheapest);
  const max = cost(extremes.dearest);
  const window: CostWindow = { lo: min + w.lo * (max - min), hi: min + w.hi * (max - min), unit, profileName, min, max };
  const inWindow = (g: Genotype): boolean => {
    const c = cost(g);
    return c >= window.lo && c <= window.hi;
  };
  return { cost, inWindow, window, notice };
}
