/** Random search settings (plain data) and its two presets. */
import type { OpFamily } from '../../core/space/singlePath';
import type { RandomObjective } from './snapshot';

export type RandomPresetId = 'tiny' | 'default' | 'first-look';

export interface RandomConfig {
  preset: RandomPresetId;
  /** Stem stride 2 (the tiny skeleton: ~4× fewer MACs). */
  tiny: boolean;
  width: number;
  /** Candidate MBConv ops per slot (identity added where allowed). */
  ops: OpFamily;
  /** Architectures to sample and train (N). */
  samples: number;
  /** Training steps of each candidate (its short budget). */
  steps: number;
  /** Epochs of the best candidate's retraining from scratch (then the test split, once). */
  finalEpochs: number;
  objective: RandomObjective;
  /** Window as fractions between the cheapest (0) and the dearest (1) architecture of the space. */
  windowLo: number;
  windowHi: number;
  /** Seeded random subset of N training images (0 = all). */
  trainLimit: number;
  batchSize: number;
  lr: number;
  /** Re-estimate BN statistics before each candidate's validation (short runs leave them unsettled). */
  bnRecal: boolean;
  seed: number;
  weightDecay: number;
  labelSmoothing: number;
}

/** Finishes in a few minutes on a laptop CPU (CLI): small skeleton, 8 candidates, 1,000 training images. */
const TINY: RandomConfig = {
  preset: 'tiny',
  tiny: true,
  width: 0.5,
  ops: 'all',
  samples: 8,
  steps: 25,
  finalEpochs: 2,
  objective: 'macs',
  windowLo: 0.1,
  windowHi: 0.7,
  trainLimit: 1000,
  batchSize: 32,
  lr: 0.1,
  bnRecal: true,
  seed: 1,
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
};

/** The full skeleton and data: 24 candidates of ~1 epoch each, the best retrained for 5 epochs. */
const DEFAULT: RandomConfig = {
  ...TINY,
  preset: 'default',
  tiny: false,
  width: 1,
  samples: 24,
  steps: 120,
  finalEpochs: 5,
  trainLimit: 0,
  batchSize: 64,
  lr: 0.05,
};

/**
 * A first look at the key moment, the first scored candidate, within seconds to a minute on a slow device: 4 candidates
 * of 10 steps on 320 images, the best retrained for one epoch. Measured with the CLI on the tfjs CPU backend here: the
 * whole run 36 s. Too short to rank architectures well: it shows how the search works, not what wins.
 */
const FIRST_LOOK: RandomConfig = { ...TINY, preset: 'first-look', samples: 4, steps: 10, finalEpochs: 1, trainLimit: 320 };

/** Named presets; the first is the screen's default. */
export const RANDOM_PRESETS: Readonly<Record<RandomPresetId, Readonly<RandomConfig>>> = { tiny: TINY, default: DEFAULT, 'first-look': FIRST_LOOK };
