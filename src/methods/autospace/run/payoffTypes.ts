/**
 * The payoff stage's types (run/payoff.ts): its options, its result, and the state of each of its two PAD-NAS searches
 * and of the networks it trains stand-alone.
 */
import type { SpaceOrigin } from '../../../core/space/spaceFile';
import type { TrainRecipe } from '../../../engine/trainSpec';
import type { MethodRun } from '../../runTypes';
import type { OneShotPoint, PayoffWinner } from '../payoff';
import type { FrontPoint } from '../snapshot';

export interface PayoffStageOptions {
  /** Op names per slot (cell names, MB names) of the learned space. */
  learnedSpace: string[][];
  seed: number;
  /** PAD-NAS preset run in both spaces. */
  padnasPreset: string;
  width: number;
  tiny: boolean;
  /** Stand-alone training steps of every front network. */
  standaloneSteps: number;
  /** Networks per front trained stand-alone (spread over the front's cost range, both ends kept). */
  frontMax: number;
  /** PAD-NAS settings over the preset in both runs (tests: a tiny search); seed, width, tiny and space win over them. */
  padnasOverrides?: Record<string, unknown>;
  /** Where the learned space came from, recorded in the learned search's PAD-NAS outcome. */
  spaceFrom?: SpaceOrigin | null;
}

/** The payoff's two spaces: the learned one and PAD-NAS's hand-designed one. */
export type PayoffSide = 'learned' | 'hand';

/** What one PAD-NAS search of the payoff found. */
export interface PayoffSearch {
  /** The found architecture (PAD-NAS's best in its window) and its stand-alone accuracies from PAD-NAS's own run. */
  genotype: string[];
  valAccuracy: number | null;
  /** PAD-NAS's own test of its found network (null here: the payoff's data has no test split). Never used to decide. */
  testAccuracy: number | null;
  /** The final search's front (one-shot accuracy, PAD-NAS's own cost unit). */
  oneShotFront: OneShotPoint[];
  /** The space searched (op names per slot). */
  space: string[][];
  /** PAD-NAS units run. */
  units: number;
}

/** The stage's result (beside its final `state()`: fronts, hypervolumes, reference). */
export interface PayoffResult {
  verdict: string;
  winner: PayoffWinner | null;
  /** Why the profile was not used for the cost axis, or null. */
  costNotice: string | null;
  /** Both PAD-NAS searches. */
  searches: Record<PayoffSide, PayoffSearch | null>;
  /** Every network trained stand-alone (the fronts are their non-dominated subsets). */
  trained: Record<PayoffSide, FrontPoint[]>;
  /** The one stand-alone recipe. */
  recipe: TrainRecipe & { steps: number; validation: 'val split, BN re-estimated' };
}

/** One PAD-NAS search of the payoff as it stands. */
export interface SearchSide {
  side: PayoffSide;
  config: Record<string, unknown>;
  run: MethodRun<unknown> | null;
  /** Planned PAD-NAS units (known once its run has started; the learned run's total stands in before). */
  total: number | null;
  done: number;
  found: PayoffSearch | null;
}

/** A front network to train stand-alone. */
export interface PayoffJob {
  side: PayoffSide;
  genotype: string[];
}
