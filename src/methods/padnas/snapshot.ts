/**
 * Plain data a PAD-NAS run reports (type-only): stages with op shares and pruned ops, the NSGA-II population of the
 * latest generation, the ranking panel, the found architecture. Shared by the method (producer), the worker protocol,
 * the CLI's result file and the UI/viz (consumers), hence here in core.
 */
import type { ArchSpec } from '../archspec';

/** What the latency window and the latency objective are measured in. */
export interface PadNasWindow {
  lo: number;
  hi: number;
  /** 'ms' = predicted from a device profile; 'MACs' = no profile. */
  unit: 'ms' | 'MACs';
  /** Name of the profile the prediction comes from (null without one). */
  profileName: string | null;
  /** The cheapest and dearest architecture of the full space in the same unit (the 0 and 1 of the fractions). */
  min: number;
  max: number;
}

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

/** The final result: the best in-window architecture of the last search, trained stand-alone. */
export interface PadNasFinal {
  genotype: string[];
  spec: ArchSpec;
  macs: number;
  params: number;
  latency: number;
  oneShotAcc: number;
  valAcc: number;
  testAcc: number;
  testLoss: number;
  stages: PadNasStage[];
  ranking: PadNasRanking;
  window: PadNasWindow;
  /** The hand-designed baseline (every slot MB k3 e3) priced the same way, for comparison (not trained here). */
  baseline: { genotype: string[]; macs: number; params: number; latency: number };
}

export type PadNasPhase = 'train' | 'rank-before' | 'search' | 'finetune' | 'rank-after' | 'final-train' | 'done';

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
  final: PadNasFinal | null;
}
