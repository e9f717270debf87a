/**
 * Plain data an Efficient Global NAS run reports (type-only): candidates as they finish (with their learning
 * curves), the candidate in training, the fair-ranking demo's rows, the phase. The run produces it, the worker
 * posts it, the view draws it; the record's extras reuse the candidate and ranking shapes.
 */
import type { ChainOp } from './chain';
import type { Decision, EgnasPhase } from './search';

/** 'search': the four phases; 'ranking': the fair-ranking demo; 'baseline': the hand-designed baseline; 'final': retraining the result; 'done'. */
export type EgnasStage = 'search' | 'ranking' | 'baseline' | 'final' | 'done';

/** The hand-designed baseline at the found chain's parameter count, trained with its budget and recipe, tested once. */
export interface EgnasBaseline {
  /** Its ArchSpec name ("baseline MB k3 e3 ×0.31"). */
  name: string;
  /** Width multiplier of the Train screen's network. */
  width: number;
  params: number;
  macs: number;
  /** Predicted latency on the chosen device profile (null: none). */
  latencyMs: number | null;
  epochs: number;
  /** Null: the training diverged. */
  valAccuracy: number | null;
  testAccuracy: number | null;
  /** Validation accuracy after each epoch. */
  curve: number[];
}

/** One trained (or, when unmatched, skipped) search candidate. */
export interface EgnasCandidate {
  index: number;
  phase: EgnasPhase;
  L: number;
  C: number;
  ops: ChainOp[];
  kernels: number[];
  /** Epoch budget it trained for (0: not trained, unmatched). */
  epochs: number;
  valAccuracy: number | null;
  decision: Decision;
  /** The accuracy its decision compared with (null for the first and the micro reference). */
  against: number | null;
  params: number;
  macs: number;
  /** Predicted latency on the chosen device profile (null: none). */
  latencyMs: number | null;
  /** Micro phase: changed layer (0-based), the change, and the width before parameter matching. */
  layer: number | null;
  change: string | null;
  matchedFrom: number | null;
  /** Validation accuracy after each epoch of its training. */
  curve: number[];
}

/** One chain of the fair-ranking demo. */
export interface RankingRow {
  L: number;
  C: number;
  params: number;
  fixedEpochs: number;
  awareEpochs: number;
  refEpochs: number;
  fixedAcc: number | null;
  awareAcc: number | null;
  refAcc: number | null;
  /** Validation accuracy per epoch of each of its three trainings. */
  curves: { fixed: number[]; aware: number[]; ref: number[] };
}

/** The demo's outcome: both rankings against the reference. */
export interface RankingResult {
  rows: RankingRow[];
  /** Kendall τ-b of the fixed-budget accuracies against the reference accuracies (null: < 2 usable rows). */
  fixedTau: number | null;
  awareTau: number | null;
  /** Row indices, best first, by each budget. */
  fixedOrder: number[];
  awareOrder: number[];
  refOrder: number[];
}

export interface EgnasSnapshot {
  stage: EgnasStage;
  /** The search phase now (null outside the search stage). */
  phase: EgnasPhase | null;
  /** Candidates decided since the previous snapshot, in order. */
  candidates: EgnasCandidate[];
  /** The candidate (or demo training) in progress: its label, epoch budget and the curve so far. */
  current: { label: string; phase: EgnasPhase | 'ranking' | 'baseline' | 'final'; epochs: number; step: number; steps: number; curve: number[] } | null;
  /** Demo rows finished since the previous snapshot (full rows, in order). */
  ranking: RankingRow[];
  /** The demo's τ pair once it is done. */
  rankingResult: { fixedTau: number | null; awareTau: number | null } | null;
  /** Parameter budget of the micro phase (null before it). */
  paramBudget: number | null;
  /** The discovered epoch budget (null before the width phase ends). */
  discoveredEpochs: number | null;
  /** The trained baseline (null: not yet, or not asked for). */
  baseline: EgnasBaseline | null;
  /** Validation images (the tolerances' noise scale). */
  valImages: number;
}
