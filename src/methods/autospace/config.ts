/** AutoSpace-style settings (plain data) and its presets. */

export type AutoSpacePresetId = 'tiny' | 'default' | 'first-look';

/** What the budget term prices: MACs, or latency predicted by the chosen device profile. */
export type AutoSpaceObjective = 'macs' | 'latency';

export interface AutoSpaceConfig {
  preset: AutoSpacePresetId;
  /** Stem stride 2 (the tiny skeleton: ~4× fewer MACs). */
  tiny: boolean;
  width: number;
  /** Cells per searched slot (the reference cell included). */
  population: number;
  /** Cells drawn per slot and iteration by tournament (K); also the size of each slot's learned space. */
  k: number;
  /** Evolution iterations: draw K per slot → train weights and α → update fitness → mutate / drop. */
  iterations: number;
  /** Supernet training steps per iteration. */
  stepsPerIteration: number;
  /** High-fitness cells mutated into new ones per slot after each iteration (as many low-fitness ones are dropped). */
  mutations: number;
  /** α learns this many times faster than the weights (same SGD; α = √scale · θ, θ the variable) [ours]. */
  alphaLrScale: number;
  /** Weight of the newest K·softmax(α) in a cell's fitness (exponential moving average). */
  fitnessEma: number;
  objective: AutoSpaceObjective;
  /** The budget, as a multiple of the reference network's cost (MB k3 e3 in every slot). */
  budgetScale: number;
  /** μ of the budget term μ·max(0, E[cost]/budget − 1). */
  mu: number;
  /** Seeded random subset of N training images (0 = all). */
  trainLimit: number;
  batchSize: number;
  lr: number;
  seed: number;
  weightDecay: number;
  labelSmoothing: number;
  /** Run the payoff: the PAD-NAS search in the learned and in the hand-designed space, fronts compared. */
  payoff: boolean;
  /** PAD-NAS preset the payoff runs in both spaces. */
  payoffPreset: 'tiny' | 'default';
  /** Stand-alone training steps of each front network in the payoff. */
  standaloneSteps: number;
  /** Networks per front trained stand-alone in the payoff (spread over the front's cost range). */
  frontMax: number;
  /**
   * Preset-only: PAD-NAS settings over its preset in both payoff searches (the tiny preset shortens PAD-NAS's own
   * ranking panel and final training, which the payoff does not use, so a tiny run stays within minutes).
   */
  payoffPadnas: Record<string, number | boolean>;
  /** Epochs of the result network's retraining from scratch (then the test split, once). */
  finalEpochs: number;
}

/** A few minutes on the CLI: tiny skeleton, 640 training images, 6 cells per slot, K 2, 3 iterations of 10 steps. */
const TINY: AutoSpaceConfig = {
  preset: 'tiny',
  tiny: true,
  width: 0.5,
  population: 6,
  k: 2,
  iterations: 3,
  stepsPerIteration: 10,
  mutations: 1,
  alphaLrScale: 10,
  fitnessEma: 0.5,
  objective: 'macs',
  budgetScale: 1.2,
  mu: 1,
  trainLimit: 640,
  batchSize: 32,
  lr: 0.1,
  seed: 1,
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
  payoff: true,
  payoffPreset: 'tiny',
  standaloneSteps: 20,
  frontMax: 3,
  payoffPadnas: { rankArchs: 2, rankSteps: 2, finalEpochs: 1, trainBaseline: false },
  finalEpochs: 2,
};

/** The full skeleton and data: 14 cells per slot, K 3, 8 iterations of 100 steps; the payoff with PAD-NAS 'default'. */
const DEFAULT: AutoSpaceConfig = {
  ...TINY,
  preset: 'default',
  tiny: false,
  width: 1,
  population: 14,
  k: 3,
  iterations: 8,
  stepsPerIteration: 100,
  mutations: 2,
  trainLimit: 0,
  batchSize: 64,
  lr: 0.05,
  payoffPreset: 'default',
  standaloneSteps: 300,
  frontMax: 5,
  payoffPadnas: { trainBaseline: false },
  finalEpochs: 5,
};

/**
 * A first look at the key moment, the first evolution round (K cells drawn per slot by tournament, weights and α
 * trained, fitness updated, the fittest mutated and the weakest dropped): the tiny preset without the payoff (the two
 * PAD-NAS searches), then 3 epochs of final retraining. Measured with the CLI on the tfjs CPU backend of the 2-core
 * machine (2026-12-02, two other searches running at low priority): round 1 done 6 s after the command, the whole run
 * 11 s (test 49.3 %). The numbers mean little; the population board changing is what to watch.
 */
const FIRST_LOOK: AutoSpaceConfig = {
  ...TINY,
  preset: 'first-look',
  payoff: false,
  finalEpochs: 3,
};

/** Named presets; the first is the screen's default. */
export const AUTOSPACE_PRESETS: Readonly<Record<AutoSpacePresetId, Readonly<AutoSpaceConfig>>> = { tiny: TINY, default: DEFAULT, 'first-look': FIRST_LOOK };
