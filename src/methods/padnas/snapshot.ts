/**
 * Plain data a PAD-NAS run reports (type-only): stages with op shares and pruned ops, the NSGA-II population of the
 * latest generation, the ranking panel; and the PAD-NAS fields of its result record. The run (producer) and the view
 * (consumer) share these types.
 */
import type { SpaceOrigin } from '../../core/space/spaceFile';
import type { CostWindow } from '../../core/space/window';

/**
 * What the latency window and the latency objective are measured in: predicted ms from the search-target device
 * profile, or MACs without one (or when the profile cannot price the skeleton).
 */
export type PadNasWindow = CostWindow;

/** One search round and the pruning after it (the final search has `removed` all empty). */
export interface PadNasStage {
  /** 1-based search round. */
  round: number;
  final: boolean;
  /** Op set per slot when the round began. */
  spaceBefore: string[][];
  /** Share p_ij per slot among the rank < k architectures (op name → share). */
  shares: Record<string, number>[];
  /** Ops removed per slot (empty lists in the final round). */
  removed: string[][];
  spaceAfter: string[][];
  log10Before: number;
  log10After: number;
  /** Architectures that voted (rank < k over every generation's population). */
  voters: number;
  /** Distinct one-shot evaluations this round (cache hits excluded). */
  evaluations: number;
  /** Children thrown away for lying outside the latency window. */
  discarded: number;
}

/** One architecture of the live scatter. */
export interface PadNasPoint {
  genotype: string[];
  acc: number;
  latency: number;
  rank: number;
}

/** One architecture of the ranking panel. */
export interface PadNasRankPoint {
  genotype: string[];
  oneShot: number;
  standalone: number;
}

export interface PadNasRanking {
  before: PadNasRankPoint[];
  after: PadNasRankPoint[];
  tauBefore: number;
  tauAfter: number;
}

/** The hand-designed baseline (every slot MB k3 e3), priced like the found architecture and, if asked, trained alike. */
export interface PadNasBaseline {
  genotype: string[];
  macs: number;
  params: number;
  /** In the window's unit (predicted ms or MACs). */
  cost: number;
  /** Null when the baseline was not trained (`trainBaseline` off). */
  valAccuracy: number | null;
  testAccuracy: number | null;
}

/** One architecture of the final search's front (non-domination rank 0 of everything it evaluated). */
export interface PadNasFrontPoint {
  genotype: string[];
  /** One-shot validation accuracy with the supernet's weights. */
  oneShotAccuracy: number;
  /** In the window's unit (predicted ms or MACs). */
  cost: number;
}

/** The space a search ran in: the hand-designed one (op family), or one it was given (a learned space). */
export interface PadNasSpaceInfo {
  kind: 'hand' | 'given';
  /** The op family of the hand-designed space (null for a given space). */
  family: string | null;
  /** Op names per slot at the start (the full space). */
  slots: string[][];
  /** Where a given space came from (null for the hand-designed space, or when the caller did not say). */
  from: SpaceOrigin | null;
}

/**
 * The PAD-NAS fields of a result record, beside the common ones (archSpec, macs, params, val/test accuracy, latency):
 * plain JSON, so Kendall τ that could not be measured is null.
 */
export interface PadNasRecordFields {
  /** One op per searchable slot of the found architecture. */
  genotype: string[];
  /** Its one-shot validation accuracy with the supernet's weights (what the search saw). */
  oneShotAccuracy: number;
  /** Its cost in the window's unit. */
  cost: number;
  stages: PadNasStage[];
  ranking: Omit<PadNasRanking, 'tauBefore' | 'tauAfter'> & { tauBefore: number | null; tauAfter: number | null };
  window: PadNasWindow;
  /** Why the device profile was not used (it cannot price some op), or null. */
  windowNotice: string | null;
  baseline: PadNasBaseline;
  /** log10 search-space size at the start and after every pruning. */
  spaceLog10: number[];
  /** One-shot evaluations actually run (cache hits excluded). */
  evaluations: number;
  /** Wall seconds spent in each phase. */
  phaseSeconds: Partial<Record<PadNasPhase, number>>;
  /** The final search's Pareto front (one-shot accuracy vs cost), cheapest first. */
  front: PadNasFrontPoint[];
  /** The space the search ran in and where it came from. */
  space: PadNasSpaceInfo;
}

export type PadNasPhase = 'train' | 'rank-before' | 'search' | 'finetune' | 'rank-after' | 'final-train' | 'baseline-train' | 'done';

export interface PadNasSnapshot {
  step: number;
  totalSteps: number;
  phase: PadNasPhase;
  /** Human-readable phase line (e.g. "search round 1, generation 2/3"). */
  phaseLabel: string;
  /** Every op name, in column order of the heatmap. */
  ops: string[];
  /** Per slot: whether each op of `ops` was in the initial space (identity is not allowed everywhere). */
  allowed: boolean[][];
  /** Current op set per slot. */
  space: string[][];
  /** Latest shares per slot × `ops` (NaN where never computed or not allowed). */
  shares: number[][];
  stages: PadNasStage[];
  /** log10 search-space size at the start and after every pruning. */
  spaceLog10: number[];
  window: PadNasWindow;
  /** Latest population (null before the first search). */
  population: { round: number; generation: number; points: PadNasPoint[] } | null;
  ranking: PadNasRanking;
  /** Mean supernet training loss since the previous snapshot (NaN when none). */
  loss: number;
}
