/**
 * From a finished search to a result (pure): the record's method fields (extras) and history rows, and a checked
 * read-back of those extras from a stored record.
 */
import { z } from 'zod';
import type { HistoryRow } from '../../core/method/resultRecord';
import type { EgnasBaseline, EgnasCandidate, RankingResult } from './snapshot';

/** The record's Efficient Global NAS fields (beside the common ones). */
export interface EgnasExtras {
  /** Every search candidate, in order (phase, L, C, ops, kernels, epoch budget, val accuracy, decision, params, MACs). */
  candidates: EgnasCandidate[];
  /** The fair-ranking demo (null: turned off). */
  ranking: RankingResult | null;
  /** What the search found: depth, width, per-layer ops and kernels, and the epoch budget it retrained with. */
  found: { L: number; C: number; ops: string[]; kernels: number[]; epochs: number; searchValAccuracy: number };
  /** The micro phase's parameter budget P0·(1 + paramTol). */
  paramBudget: number | null;
  /** The hand-designed baseline at the nearest parameter count (null: not trained; absent in older records). */
  baseline?: EgnasBaseline | null;
  /** Tolerances as fractions, and the validation images they are about. */
  tolerances: { add: number; drop: number; micro: number; params: number; valImages: number };
}

export function recordExtras(e: EgnasExtras): Record<string, unknown> {
  return { ...e };
}

const num = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/** One row per candidate, one per demo chain, one for the baseline, then one per final epoch and the final evaluation. */
export function historyRows(
  cands: readonly EgnasCandidate[],
  ranking: RankingResult | null,
  baseline: EgnasBaseline | null,
  finalCurve: readonly number[],
  val: number | null,
  test: number | null,
): HistoryRow[] {
  return [
    ...cands.map((c) => ({ phase: c.phase, candidate: c.index, L: c.L, C: c.C, epochs: c.epochs, valAccuracy: num(c.valAccuracy), decision: c.decision, params: c.params, macs: c.macs })),
    ...(ranking?.rows ?? []).map((r, i) => ({ phase: 'ranking', chain: i, L: r.L, C: r.C, fixedAcc: num(r.fixedAcc), awareAcc: num(r.awareAcc), refAcc: num(r.refAcc) })),
    ...(baseline
      ? [{ phase: 'baseline', width: baseline.width, epochs: baseline.epochs, params: baseline.params, macs: baseline.macs, valAccuracy: num(baseline.valAccuracy), testAccuracy: num(baseline.testAccuracy) }]
      : []),
    ...finalCurve.map((acc, e) => ({ phase: 'final', epoch: e + 1, valAccuracy: num(acc) })),
    { phase: 'final', valAccuracy: num(val), testAccuracy: num(test) },
  ];
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const acc = z.number().min(0).max(1).nullable();
const candidateSchema = z.looseObject({
  index: z.number().int().min(0),
  phase: z.enum(['depth', 'width', 'ops', 'kernels']),
  L: z.number().int().min(1),
  C: z.number().int().min(1),
  ops: z.array(z.enum(['s', 'c'])),
  kernels: z.array(z.number().int()),
  epochs: z.number().int().min(0),
  valAccuracy: acc,
  decision: z.enum(['start', 'accept', 'neutral', 'fail', 'reference', 'keep', 'revert', 'unmatched']),
  against: acc,
  params: finite,
  macs: finite,
  latencyMs: finite.nullable(),
  layer: z.number().int().nullable(),
  change: z.string().nullable(),
  matchedFrom: z.number().int().nullable(),
  curve: z.array(z.number()),
});
const rowSchema = z.looseObject({
  L: z.number().int(),
  C: z.number().int(),
  params: finite,
  fixedEpochs: z.number().int(),
  awareEpochs: z.number().int(),
  refEpochs: z.number().int(),
  fixedAcc: acc,
  awareAcc: acc,
  refAcc: acc,
  curves: z.object({ fixed: z.array(z.number()), aware: z.array(z.number()), ref: z.array(z.number()) }),
});
const extrasSchema = z.looseObject({
  candidates: z.array(candidateSchema),
  ranking: z
    .looseObject({
      rows: z.array(rowSchema),
      fixedTau: z.number().nullable(),
      awareTau: z.number().nullable(),
      fixedOrder: z.array(z.number().int()),
      awareOrder: z.array(z.number().int()),
      refOrder: z.array(z.number().int()),
    })
    .nullable(),
  found: z.looseObject({ L: z.number().int(), C: z.number().int(), ops: z.array(z.string()), kernels: z.array(z.number().int()), epochs: z.number().int(), searchValAccuracy: z.number() }),
  paramBudget: z.number().nullable(),
  baseline: z
    .looseObject({
      name: z.string(),
      width: z.number().positive(),
      params: finite,
      macs: finite,
      latencyMs: finite.nullable(),
      epochs: z.number().int().min(0),
      valAccuracy: acc,
      testAccuracy: acc,
      curve: z.array(z.number()),
    })
    .nullable()
    .optional(),
  tolerances: z.looseObject({ add: z.number(), drop: z.number(), micro: z.number(), params: z.number(), valImages: z.number() }),
});

/** The Efficient Global NAS fields of a stored record, or a message naming the first bad field. */
export function readExtras(record: Record<string, unknown>): { ok: true; extras: EgnasExtras } | { ok: false; error: string } {
  const r = extrasSchema.safeParse(record);
  if (r.success) return { ok: true, extras: r.data as unknown as EgnasExtras };
  const i = r.error.issues[0];
  return { ok: false, error: `${i.path.join('.') || '(record)'}: ${i.message}` };
}
