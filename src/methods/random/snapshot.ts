/**
 * Plain data a random-search run reports (type-only): the candidates as they finish, the phase, the window. The run
 * produces it, the worker posts it, the view draws it; the record's extras reuse the candidate and window shapes.
 */
import type { CostWindow } from '../../core/space/window';

/** The cost a window limits. */
export type RandomObjective = 'macs' | 'latency';

/** 'sample': short training of candidates; 'final': retraining the best from scratch; 'done': after finish(). */
export type RandomPhase = 'sample' | 'final' | 'done';

/** One sampled architecture after its short training. */
export interface RandomCandidate {
  /** 0-based, in sampling order. */
  index: number;
  /** One op name per searchable slot. */
  genotype: string[];
  macs: number;
  params: number;
  /** Predicted latency on the run's device profile (null: no profile, or it cannot price this network). */
  latencyMs: number | null;
  /** Cost in the window's unit (MACs, or predicted ms): the scatter's x. Inside the window, so finite. */
  cost: number;
  /** Validation accuracy after the short training (null: the training diverged). */
  valAccuracy: number | null;
  /** Mean training loss of the last few steps of the short training (null when it diverged). */
  trainLoss: number | null;
  /** Optimisation steps it had. */
  trainSteps: number;
}

/** The window as the run used it: fractions, and the same bounds in the objective's unit. */
export interface RandomWindow {
  objective: RandomObjective;
  /** Fractions between the cheapest (0) and the dearest (1) architecture of the space. */
  lo: number;
  hi: number;
  unit: CostWindow['unit'];
  /** Bounds in `unit`. */
  from: number;
  to: number;
  /** The cheapest and dearest architecture of the space in `unit`. */
  min: number;
  max: number;
  /** The profile that predicts latency (null: MACs). */
  profileName: string | null;
}

export interface RandomSnapshot {
  phase: RandomPhase;
  /** Candidates finished since the previous snapshot, in order. */
  candidates: RandomCandidate[];
  /** Candidates the run trains (the setting, or fewer when the window holds fewer distinct architectures). */
  samples: number;
  /** The candidate in training (sample phase) and its progress; null otherwise. */
  current: { index: number; step: number; steps: number } | null;
  /** Final retraining progress (final phase), else null. */
  final: { step: number; steps: number } | null;
  /** Best candidate so far by validation accuracy (null before the first one finishes). */
  bestIndex: number | null;
  window: RandomWindow;
}
