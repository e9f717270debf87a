/**
 * PAD-NAS run settings (plain data): the config type, the two presets and the number of pruning rounds. The settings
 * group (URL keys, CLI flags, ranges, hints) that the form, the link and the CLI read is in settings.ts.
 */

import type { OpFamily } from '../../core/space/singlePath';
import type { SpaceOrigin } from '../../core/space/spaceFile';

export type PadNasPresetId = 'tiny' | 'default' | 'first-look';

export interface PadNasSettings {
  preset: PadNasPresetId;
  /** Stem stride 2 (the tiny skeleton). */
  tiny: boolean;
  width: number;
  /** Candidate MBConv ops per layer (identity added where allowed); 'all' = k∈{3,5,7} × e∈{3,6}, the paper's space. */
  ops: OpFamily;
  /** Seeded random subset of N training images (0 = all). */
  trainLimit: number;
  /** Validation images used for one-shot accuracy during the search (0 = the whole val split). */
  valLimit: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  labelSmoothing: number;
  seed: number;
  /** Stage-1 supernet training, epochs over the training subset. */
  supernetEpochs: number;
  /** Fine-tuning after each pruning, epochs. */
  finetuneEpochs: number;
  /** M: stage 1 (train), M − 2 search + prune + fine-tune rounds, final search (paper M = 4). */
  stages: number;
  /** NSGA-II population (paper 64) and generations per search (paper 40). */
  population: number;
  generations: number;
  crossoverProb: number;
  /** Per-slot mutation probability. */
  mutationRate: number;
  /** Architectures of non-domination rank < k vote for their ops (paper k = 10). */
  rankK: number;
  /** Ops whose share is at or under this are removed from a layer (paper 1%; small populations need 2–5%+). */
  shareThreshold: number;
  /** Latency window as fractions between the cheapest (0) and the dearest (1) architecture of the full space. */
  windowLo: number;
  windowHi: number;
  /** Re-estimate BN statistics for every candidate before its one-shot evaluation (SPOS practice). */
  bnRecal: boolean;
  bnRecalBatches: number;
  /** Architectures of the ranking panel (one-shot vs short stand-alone training), before and after pruning. */
  rankArchs: number;
  /** Training steps of each ranking architecture's stand-alone run. */
  rankSteps: number;
  /** Stand-alone training of the found architecture, epochs (then the test split). */
  finalEpochs: number;
  /** Also train the hand-designed baseline (every slot MB k3 e3) with the same recipe, for the found ÷ baseline figures. */
  trainBaseline: boolean;
  /**
   * A given search space (op names per slot: MB names or cell names, core/space/spaceFile), e.g. an AutoSpace-style
   * run's learned space; it replaces the hand-designed space of `ops` everywhere (window, sampling, pruning, ranking,
   * final search). Absent: the hand-designed space. Not a form, URL or CLI setting: `--space FILE` and composing
   * methods set it; the cross-check refuses op sets that cannot stand at their slots.
   */
  space?: string[][];
  /** Where `space` came from (recorded in the result). */
  spaceFrom?: SpaceOrigin | null;
}

const TINY: PadNasSettings = {
  preset: 'tiny',
  tiny: true,
  width: 0.5,
  ops: 'all',
  trainLimit: 960,
  valLimit: 200,
  batchSize: 32,
  lr: 0.1,
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
  seed: 1,
  supernetEpochs: 2,
  finetuneEpochs: 1,
  stages: 3,
  population: 8,
  generations: 2,
  crossoverProb: 0.9,
  mutationRate: 0.2,
  rankK: 2,
  shareThreshold: 0.05,
  windowLo: 0.1,
  windowHi: 0.7,
  bnRecal: true,
  bnRecalBatches: 3,
  rankArchs: 8,
  rankSteps: 20,
  finalEpochs: 2,
  trainBaseline: true,
};

const DEFAULT: PadNasSettings = {
  ...TINY,
  preset: 'default',
  tiny: false,
  width: 1,
  trainLimit: 0,
  valLimit: 500,
  batchSize: 64,
  lr: 0.05,
  supernetEpochs: 4,
  finetuneEpochs: 2,
  stages: 4,
  population: 24,
  generations: 8,
  rankK: 3,
  shareThreshold: 0.03,
  bnRecalBatches: 5,
  rankSteps: 60,
  finalEpochs: 5,
};

/**
 * A first look at the key moment, the first pruning round, within a couple of minutes on a slow device: one supernet
 * epoch over 320 images, a population of 6 for one generation, a 2-architecture ranking panel of 5 steps, no baseline.
 * Measured with the CLI on the tfjs CPU backend of a loaded 2-core machine: round 1 pruned 20 ops (space 10^5.65 →
 * 10^3.79) about 1 min in, the whole run 3 min 31 s. The numbers mean little; the pruning is what to watch.
 */
const FIRST_LOOK: PadNasSettings = {
  ...TINY,
  preset: 'first-look',
  trainLimit: 320,
  supernetEpochs: 1,
  population: 6,
  generations: 1,
  rankArchs: 2,
  rankSteps: 5,
  finalEpochs: 1,
  trainBaseline: false,
};

export const PADNAS_PRESETS: Readonly<Record<PadNasPresetId, Readonly<PadNasSettings>>> = { tiny: TINY, default: DEFAULT, 'first-look': FIRST_LOOK };

/** A fresh copy of a preset. */
export function padnasPreset(id: PadNasPresetId): PadNasSettings {
  return { ...PADNAS_PRESETS[id] };
}

/** Search rounds that end in pruning (M − 2; at least 1). */
export function pruneRounds(s: Pick<PadNasSettings, 'stages'>): number {
  return Math.max(1, Math.round(s.stages) - 2);
}
