/** Efficient Global NAS settings (plain data) and its presets. */
import type { SearchRules } from './search';

export type EgnasPresetId = 'tiny' | 'default' | 'first-look';

export interface EgnasConfig extends SearchRules {
  preset: EgnasPresetId;
  /** Stem stride 2 (14×14 feature maps, about 4× fewer MACs): for quick runs (ours, not the paper's). */
  tinyStem: boolean;
  /** Candidates of the fair-ranking demo (0: no demo). */
  rankCandidates: number;
  /** The demo's one fixed epoch budget for every candidate. */
  rankFixedEpochs: number;
  /** The demo's reference: every candidate trained this many epochs. */
  rankRefEpochs: number;
  /** Seeded random subset of N training images (0 = all). */
  trainLimit: number;
  /** Also train the hand-designed baseline at the nearest parameter count, with the same budget and recipe. */
  trainBaseline: boolean;
  batchSize: number;
  lr: number;
  seed: number;
  weightDecay: number;
  labelSmoothing: number;
}

/**
 * A few minutes on a laptop CPU (CLI): 500 training images, a stride-2 stem, narrow and shallow chains.
 * Tolerances as the default: they are about the validation split's noise, which does not shrink with the preset.
 */
const TINY: EgnasConfig = {
  preset: 'tiny',
  tinyStem: true,
  Lmin: 2,
  Lmax: 5,
  Cmin: 4,
  Cmax: 8,
  widthStep: 2,
  startEpochs: 1,
  depthEpochStep: 1,
  widthEpochStep: 2,
  microEpochs: 2,
  addTol: 0.01,
  dropTol: 0.01,
  microTol: 0.005,
  paramTol: 0.05,
  failLimit: 2,
  rankCandidates: 6,
  rankFixedEpochs: 1,
  rankRefEpochs: 6,
  trainLimit: 500,
  trainBaseline: true,
  batchSize: 32,
  lr: 0.1,
  seed: 1,
  weightDecay: 3e-4,
  labelSmoothing: 0,
};

/** All 8,000 training images, METHODS.md's ranges for 28×28: C ∈ [8, 32], L ∈ [4, 15], one epoch to start. */
const DEFAULT: EgnasConfig = {
  ...TINY,
  preset: 'default',
  tinyStem: false,
  Lmin: 4,
  Lmax: 15,
  Cmin: 8,
  Cmax: 32,
  widthStep: 2,
  microEpochs: 2,
  addTol: 0.005,
  dropTol: 0.005,
  microTol: 0.0025,
  paramTol: 0.02,
  rankCandidates: 6,
  rankFixedEpochs: 1,
  rankRefEpochs: 8,
  trainLimit: 0,
  batchSize: 64,
  lr: 0.05,
};

/** Named presets; the first is the screen's default. */
/**
 * A first look at the key moment, the first decided candidate (depth #2 accepted or not), within about a minute on a
 * slow device: depth 2–3 at widths 4–6 on 200 images, one-epoch micro candidates, no fair-ranking demo, no baseline. Measured with
 * the CLI on the tfjs CPU backend here: depth #2 accepted in the first seconds, the whole run 1 min 26 s.
 */
const FIRST_LOOK: EgnasConfig = { ...TINY, preset: 'first-look', Lmin: 2, Lmax: 3, Cmin: 4, Cmax: 6, trainLimit: 200, microEpochs: 1, rankCandidates: 0, trainBaseline: false };

export const EGNAS_PRESETS: Readonly<Record<EgnasPresetId, Readonly<EgnasConfig>>> = { tiny: TINY, default: DEFAULT, 'first-look': FIRST_LOOK };
