/**
 * From candidates to a result (pure): which candidate is best, the record's method fields (extras) and history rows,
 * and a checked read-back of those extras from a stored record.
 */
import { z } from 'zod';
import type { HistoryRow } from '../../core/method/resultRecord';
import type { RandomCandidate, RandomWindow } from './snapshot';

/**
 * Index of the best candidate: highest validation accuracy; ties go to the cheaper one (in the window's unit), then
 * the earlier one. Diverged candidates (null accuracy) never win. Null when none has an accuracy.
 */
export function bestIndex(cands: readonly RandomCandidate[]): number | null {
  let best: RandomCandidate | null = null;
  for (const c of cands) {
    if (c.valAccuracy === null) continue;
    if (!best || best.valAccuracy === null || c.valAccuracy > best.valAccuracy || (c.valAccuracy === best.valAccuracy && c.cost < best.cost)) best = c;
  }
  return best ? best.index : null;
}

/** The record's random-search fields (beside the common ones). */
export interface RandomExtras {
  candidates: RandomCandidate[];
  bestIndex: number;
  /** The best candidate's genotype (the record's archSpec is it, retrained). */
  genotype: string[];
  window: RandomWindow;
  /** Training steps each candidate had (its short budget). */
  steps: number;
  finalEpochs: number;
  /** Candidates asked for (more than trained when the window held fewer). */
  samplesRequested: number;
}

export function recordExtras(e: RandomExtras): Record<string, unknown> {
  return { ...e };
}

/** Mean of each consecutive `perEpoch` values, for `epochs` epochs (NaN for an epoch without values). */
export function epochMeans(values: readonly number[], perEpoch: number, epochs: number): number[] {
  return Array.from({ length: epochs }, (_, e) => {
    const xs = values.slice(e * perEpoch, (e + 1) * perEpoch);
    return xs.length ? xs.reduce((a, v) => a + v, 0) / xs.length : Number.NaN;
  });
}

/** One history row per candidate, then one per final-retraining epoch (mean loss), then the final evaluation. */
export function historyRows(cands: readonly RandomCandidate[], finalEpochLoss: readonly number[], val: number | null, test: number | null): HistoryRow[] {
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
  return [
    ...cands.map((c) => ({ phase: 'sample', candidate: c.index, valAccuracy: num(c.valAccuracy), trainLoss: num(c.trainLoss), cost: num(c.cost), macs: c.macs })),
    ...finalEpochLoss.map((loss, epoch) => ({ phase: 'final', epoch, trainLoss: num(loss) })),
    { phase: 'final', valAccuracy: num(val), testAccuracy: num(test) },
  ];
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const candidateSchema = z.object({
  index: z.number().int().min(0),
  genotype: z.array(z.string()),
  macs: finite,
  params: finite,
  latencyMs: finite.nullable(),
  cost: finite,
  valAccuracy: z.number().min(0).max(1).nullable(),
  trainLoss: finite.nullable(),
  trainSteps: z.number().int().min(0),
});
const windowSchema = z.object({
  objective: z.enum(['macs', 'latency']),
  lo: finite,
  hi: finite,
  unit: z.enum(['ms', 'MACs']),
  from: finite,
  to: finite,
  min: finite,
  max: finite,
  profileName: z.string().nullable(),
});
const extrasSchema = z.looseObject({
  candidates: z.array(candidateSchema),
  bestIndex: z.number().int().min(0),
  genotype: z.array(z.string()),
  window: windowSchema,
  steps: z.number().int(),
  finalEpochs: z.number().int(),
  samplesRequested: z.number().int(),
});

/** The random-search fields of a stored record, or a message naming the first bad field. */
export function readExtras(record: Record<string, unknown>): { ok: true; extras: RandomExtras } | { ok: false; error: string } {
  const r = extrasSchema.safeParse(record);
  if (r.success) return { ok: true, extras: r.data };
  const i = r.error.issues[0];
  return { ok: false, error: `${i.path.join('.') || '(record)'}: ${i.message}` };
}
