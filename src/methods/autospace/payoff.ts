/**
 * The payoff of an AutoSpace-style run, pure (METHODS.md §4: "run the same downstream search in the learned space and
 * in the hand-designed space; compare their Pareto fronts"): the Pareto front of stand-alone validation accuracy
 * (maximised) against cost (minimised), the hypervolume of each space's front against one shared reference point, the
 * snapshot's `PayoffState`, the verdict in plain words, and a checked read of the front a PAD-NAS outcome reports.
 * The stage that trains the networks is run/payoff.ts.
 */
import { z } from 'zod';
import { hypervolume2d, paretoFront } from '../../core/search/pareto';
import type { FrontPoint, PayoffState } from './snapshot';

/** Which space's front has the larger hypervolume ('tie': within the tolerance). */
export type PayoffWinner = 'learned' | 'hand' | 'tie';

/** Hypervolumes within this fraction of the larger one are a tie: one seed and a tiny budget cannot separate them. */
export const PAYOFF_TIE_TOLERANCE = 0.02;
/** The reference cost is this factor above the dearest network of both fronts (so the dearest still adds area). */
export const PAYOFF_REFERENCE_MARGIN = 1.1;

/** The non-dominated points (validation accuracy up, cost down), cheapest first; exact duplicates kept once. */
export function frontOf(points: readonly FrontPoint[]): FrontPoint[] {
  const seen = new Set<string>();
  const scored = points
    .filter((p) => Number.isFinite(p.valAccuracy) && Number.isFinite(p.cost))
    .filter((p) => {
      const k = `${p.genotype.join('|')}@${p.valAccuracy}@${p.cost}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((p) => ({ p, objectives: [-p.valAccuracy, p.cost] }));
  return paretoFront(scored)
    .map((s) => s.p)
    .sort((a, b) => a.cost - b.cost || b.valAccuracy - a.valAccuracy);
}

/** The shared reference point: accuracy 0 and a cost above every point of both sets (null when both are empty). */
export function sharedReference(a: readonly FrontPoint[], b: readonly FrontPoint[]): { valAccuracy: number; cost: number } | null {
  const costs = [...a, ...b].map((p) => p.cost).filter(Number.isFinite);
  if (costs.length === 0) return null;
  return { valAccuracy: 0, cost: PAYOFF_REFERENCE_MARGIN * Math.max(...costs) };
}

/** Hypervolume (accuracy × cost units) of the points against the reference. */
export function frontHypervolume(points: readonly FrontPoint[], ref: { valAccuracy: number; cost: number }): number {
  return hypervolume2d(
    points.map((p) => [-p.valAccuracy, p.cost]),
    [-ref.valAccuracy, ref.cost],
  );
}

export interface PayoffStateInput {
  stage: PayoffState['stage'];
  unit: PayoffState['unit'];
  costSource: string;
  modelUnit?: PayoffState['modelUnit'];
  /** Every network trained stand-alone so far, per space (fronts are taken here). */
  learned: readonly FrontPoint[];
  hand: readonly FrontPoint[];
  /** Both sets are final: the hypervolumes (shared reference) can be computed. */
  complete: boolean;
}

/** The snapshot's payoff: each space's front; hypervolumes and their shared reference once both sets are final. */
export function payoffState(o: PayoffStateInput): PayoffState {
  const learned = frontOf(o.learned);
  const hand = frontOf(o.hand);
  const ref = o.complete ? sharedReference(learned, hand) : null;
  return {
    stage: o.stage,
    unit: o.unit,
    costSource: o.costSource,
    ...(o.modelUnit ? { modelUnit: o.modelUnit } : {}),
    learned,
    hand,
    hvLearned: ref ? frontHypervolume(learned, ref) : null,
    hvHand: ref ? frontHypervolume(hand, ref) : null,
    hvReference: ref,
  };
}

/** Who wins by hypervolume (null when a hypervolume is missing). */
export function payoffWinner(hvLearned: number | null, hvHand: number | null, tolerance = PAYOFF_TIE_TOLERANCE): PayoffWinner | null {
  if (hvLearned === null || hvHand === null) return null;
  const top = Math.max(hvLearned, hvHand);
  if (top <= 0 || Math.abs(hvLearned - hvHand) <= tolerance * top) return 'tie';
  return hvLearned > hvHand ? 'learned' : 'hand';
}

/** What the numbers rest on, for the verdict's second sentence. */
export interface VerdictScale {
  /** Networks trained stand-alone per space. */
  learnedNetworks: number;
  handNetworks: number;
  standaloneSteps: number;
  seed: number;
}

/**
 * The verdict in plain words: "the learned space wins / does not win (loses) / ties at this scale", the two
 * hypervolumes and their difference, and what the numbers rest on. Says so when a front is missing.
 */
export function payoffVerdictText(s: PayoffState, scale: VerdictScale): string {
  const w = payoffWinner(s.hvLearned, s.hvHand);
  if (w === null || s.hvLearned === null || s.hvHand === null) return 'No verdict: the payoff did not finish (a front is missing).';
  const f = (v: number) => v.toPrecision(3);
  const rel = s.hvHand > 0 ? ` (${s.hvLearned >= s.hvHand ? '+' : '−'}${(Math.abs(s.hvLearned / s.hvHand - 1) * 100).toFixed(1)} %)` : '';
  const unit = s.unit === 'ms' ? 'accuracy × ms' : 'accuracy × M MACs';
  const numbers = `hypervolume ${f(s.hvLearned)} for the learned space vs ${f(s.hvHand)} for the hand-designed space${rel}, in ${unit} up to cost ${f(s.hvReference?.cost ?? Number.NaN)}`;
  const head =
    w === 'learned'
      ? `The learned space wins at this scale: ${numbers}.`
      : w === 'hand'
        ? `The learned space does not win at this scale (it loses): ${numbers}.`
        : `The learned space ties with the hand-designed space at this scale (within ${Math.round(PAYOFF_TIE_TOLERANCE * 100)} %): ${numbers}.`;
  const basis = `One seed (${scale.seed}); ${scale.learnedNetworks} + ${scale.handNetworks} networks trained stand-alone for ${scale.standaloneSteps} steps each, judged on the validation split; cost ${s.costSource}.`;
  return `${head} ${basis}`;
}

/** One architecture of a PAD-NAS final front as its outcome reports it. */
export interface OneShotPoint {
  genotype: string[];
  oneShotAccuracy: number;
  cost: number;
}

const genotype = z.array(z.string()).min(1);
const padnasExtras = z.looseObject({
  genotype,
  front: z.array(z.looseObject({ genotype, oneShotAccuracy: z.number(), cost: z.number() })).optional(),
  space: z.looseObject({ slots: z.array(z.array(z.string())) }).optional(),
});

/** What the payoff reads from a PAD-NAS outcome's extras: the found genotype, the final front, the space searched. */
export function readPadnasOutcome(extras: unknown): { genotype: string[]; front: OneShotPoint[]; space: string[][] | null } {
  const r = padnasExtras.safeParse(extras);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`the PAD-NAS outcome cannot be read (${i.path.join('.') || 'extras'}: ${i.message})`);
  }
  const d = r.data;
  // A PAD-NAS without the front (older): the found architecture alone stands for it.
  const front = d.front && d.front.length > 0 ? d.front.map((p) => ({ genotype: p.genotype, oneShotAccuracy: p.oneShotAccuracy, cost: p.cost })) : [];
  return { genotype: d.genotype, front, space: d.space?.slots ?? null };
}

/** Up to `max` genotypes of a front (cheapest first), evenly spread over it with both ends kept; distinct. */
export function spreadPick(front: readonly OneShotPoint[], max: number): string[][] {
  const distinct: OneShotPoint[] = [];
  const seen = new Set<string>();
  for (const p of front) {
    const k = p.genotype.join('|');
    if (!seen.has(k)) {
      seen.add(k);
      distinct.push(p);
    }
  }
  if (max <= 0) return [];
  if (distinct.length <= max) return distinct.map((p) => p.genotype.slice());
  if (max === 1) return [distinct[distinct.length - 1].genotype.slice()]; // the most accurate end
  const idx = new Set<number>();
  for (let i = 0; i < max; i++) idx.add(Math.round((i * (distinct.length - 1)) / (max - 1)));
  return [...idx].sort((a, b) => a - b).map((i) => distinct[i].genotype.slice());
}
