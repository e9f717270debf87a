/**
 * The rows an Efficient Global NAS run fills as it trains: one per decided search candidate (the record's
 * `candidates`), and the fair-ranking demo's chains with the three trainings each asks for (fixed, aware, reference).
 */
import { archCosts } from '../../../core/costs';
import type { LatencyProfile } from '../../../core/latency/profileSchema';
import { recordLatency } from '../../../core/method/buildRecord';
import { chainArch, plainGenome, type ChainTask } from '../chain';
import type { RankingPlan } from '../ranking';
import type { DecidedCandidate } from '../search';
import type { EgnasCandidate, RankingRow } from '../snapshot';

/** One ranking training: a demo chain (its row) with one of its three budgets. */
export interface RankJob {
  row: number;
  which: 'fixed' | 'aware' | 'ref';
  epochs: number;
}

/** A decided candidate as a record row, with its costs, predicted latency (when a profile is chosen) and curve. */
export function candidateRow(task: ChainTask, d: DecidedCandidate, curve: number[], profile: LatencyProfile | null): EgnasCandidate {
  const spec = chainArch(task, d.genome);
  return {
    index: d.index,
    phase: d.phase,
    L: d.genome.ops.length,
    C: d.genome.C,
    ops: [...d.genome.ops],
    kernels: [...d.genome.kernels],
    epochs: d.epochs,
    valAccuracy: d.valAccuracy,
    decision: d.decision,
    against: d.against,
    params: d.params,
    macs: archCosts(spec).macs,
    latencyMs: recordLatency(spec, profile)?.ms ?? null,
    layer: d.layer,
    change: d.change,
    matchedFrom: d.matchedFrom,
    curve,
  };
}

/** The demo's empty rows and its trainings in order: each chain fixed, then aware, then reference. */
export function rankingJobs(task: ChainTask, plan: readonly RankingPlan[]): { rows: RankingRow[]; queue: RankJob[] } {
  const rows = plan.map(
    (p): RankingRow => ({
      L: p.L,
      C: p.C,
      params: archCosts(chainArch(task, plainGenome(p.L, p.C))).params,
      fixedEpochs: p.fixedEpochs,
      awareEpochs: p.awareEpochs,
      refEpochs: p.refEpochs,
      fixedAcc: null,
      awareAcc: null,
      refAcc: null,
      curves: { fixed: [], aware: [], ref: [] },
    }),
  );
  const queue = plan.flatMap((p, row) => [
    { row, which: 'fixed' as const, epochs: p.fixedEpochs },
    { row, which: 'aware' as const, epochs: p.awareEpochs },
    { row, which: 'ref' as const, epochs: p.refEpochs },
  ]);
  return { rows, queue };
}
