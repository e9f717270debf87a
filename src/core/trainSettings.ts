/**
 * The Train screen's and `cli train`'s settings: one declaration each (range, default, URL key, CLI flag, "?" text).
 * The full recipe is the default: it reaches the README's quality figure (98.1 % test, `cli train --epochs 5`).
 */
import { bool, choice, num } from './settings/fields';
import type { SettingsGroup } from './settings/group';

export type OptimizerName = 'sgd' | 'rmsprop' | 'adam';
export type ScheduleName = 'constant' | 'cosine' | 'exponential';

/** Everything a training run depends on (besides the dataset and the architecture). */
export interface TrainSettings {
  width: number;
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: OptimizerName;
  schedule: ScheduleName;
  seed: number;
  labelSmoothing: number;
  weightDecay: number;
  /** SGD / RMSprop momentum. */
  momentum: number;
  /** SGD only: Nesterov momentum. */
  nesterov: boolean;
  /** Linear warm-up steps. */
  warmupSteps: number;
  /** Stem stride 2: a quarter of the MACs, for quick demos and tests. */
  tiny: boolean;
  /** Train on a seeded random subset of N examples of the training split (0 = all). */
  trainLimit: number;
}

const FULL: TrainSettings = {
  width: 1,
  epochs: 5,
  batchSize: 64,
  lr: 0.1,
  optimizer: 'sgd',
  schedule: 'cosine',
  seed: 1,
  labelSmoothing: 0.1,
  weightDecay: 4e-5,
  momentum: 0.9,
  nesterov: true,
  warmupSteps: 100,
  tiny: false,
  trainLimit: 0,
};

/** Finishes in about a minute on a laptop GPU. */
const QUICK: TrainSettings = { ...FULL, width: 0.5, epochs: 3, batchSize: 32, lr: 0.05, tiny: true, trainLimit: 2000 };

export const TRAIN_GROUP: SettingsGroup<TrainSettings> = {
  id: 'train',
  label: 'Train',
  presets: { full: FULL, quick: QUICK },
  presetUrl: null,
  presetCli: null,
  // v1 links meant the app's recipe of then: URL default lr 0.05, plain momentum, no warm-up (the CLI's Nesterov and
  // 100 warm-up steps were not in the app); a v1 link keeps that meaning.
  legacyDefaults: () => ({ lr: 0.05, nesterov: false, warmupSteps: 0 }),
  fields: [
    num({ key: 'width', url: 'width', cli: 'width', label: 'Width multiplier', min: 0.25, max: 4, step: '0.25',
      hint: 'Multiplies every layer’s channel count. 0.5 halves the channels (about a quarter of the MACs); 2 doubles them. Wider networks learn more but are slower.' }),
    num({ key: 'epochs', url: 'epochs', cli: 'epochs', label: 'Epochs', min: 1, max: 200, integer: true,
      hint: 'How many passes over the training split. Validation accuracy is measured after each one.' }),
    num({ key: 'batchSize', url: 'batch', cli: 'batch', label: 'Batch size', min: 8, max: 1024, integer: true,
      hint: 'Images per training step. Larger batches give smoother gradients and use the GPU better, but fewer steps per epoch.' }),
    num({ key: 'lr', url: 'lr', cli: 'lr', label: 'Learning rate', min: 0, max: 1, minExclusive: true, step: 'any',
      hint: 'Step size of each update (the peak value; the schedule changes it over time). Too high and the loss explodes to NaN; too low and nothing moves.' }),
    choice({ key: 'optimizer', url: 'opt', cli: 'optimizer', label: 'Optimizer', values: ['sgd', 'rmsprop', 'adam'],
      hint: 'SGD with momentum 0.9, RMSprop (common in NAS papers) or Adam. Adam forgives a poorly tuned learning rate; start it around 0.002.' }),
    choice({ key: 'schedule', url: 'sched', cli: 'schedule', label: 'LR schedule', values: ['cosine', 'exponential', 'constant'],
      hint: 'How the learning rate changes over the run: cosine decays smoothly to 0, exponential decays by a constant factor, constant keeps it fixed.' }),
    num({ key: 'seed', url: 'seed', cli: 'seed', label: 'Seed', min: 0, max: 2 ** 31 - 1, integer: true,
      hint: 'Fixes the random initial weights and the order of the training data. Same seed and settings on the same backend reproduce a run.' }),
    num({ key: 'labelSmoothing', url: 'ls', cli: 'label-smoothing', label: 'Label smoothing', min: 0, max: 0.5, step: '0.05',
      hint: 'Trains towards 90% on the right class (at 0.1) instead of 100%, which tends to generalise better.' }),
    num({ key: 'weightDecay', url: 'wd', cli: 'wd', label: 'Weight decay', min: 0, max: 0.1, step: 'any',
      hint: 'L2 weight decay (PyTorch convention): pulls weights towards zero each step to limit overfitting. Not applied to batch-norm scales and shifts.' }),
    num({ key: 'momentum', url: 'mom', cli: 'momentum', label: 'Momentum', min: 0, max: 0.999, step: 'any', advanced: true,
      hint: 'Momentum of SGD and RMSprop: how much of the previous update carries over. 0.9 is the usual value.' }),
    bool({ key: 'nesterov', url: 'nest', cli: 'nesterov', label: 'Nesterov momentum', advanced: true,
      hint: 'SGD only: evaluate the gradient a momentum step ahead, which usually converges a little faster.' }),
    num({ key: 'warmupSteps', url: 'warm', cli: 'warmup', label: 'Warm-up steps', min: 0, max: 100_000, integer: true, advanced: true,
      hint: 'The learning rate rises linearly from 0 over the first N steps, which keeps the first updates from blowing up.' }),
    num({ key: 'trainLimit', url: 'limit', cli: 'train-limit', label: 'Train subset', min: 0, max: 10_000_000, integer: true,
      hint: 'Train on a random subset of N images of the training split (0 = all). Small values make quick demos; validation and test stay complete.' }),
    bool({ key: 'tiny', url: 'tiny', cli: 'tiny', label: 'Tiny network (stem stride 2)', words: ['0', '1'],
      hint: 'Stride 2 in the first convolution: every later layer works on 14×14 instead of 28×28, so about 4× fewer MACs. For quick demos.' }),
  ],
};

/** The training recipe of these settings, in the engine Trainer's terms (plain fields). */
export function recipeOf(s: TrainSettings) {
  return {
    epochs: s.epochs,
    batchSize: s.batchSize,
    lr: s.lr,
    optimizer: s.optimizer,
    schedule: s.schedule,
    weightDecay: s.weightDecay,
    labelSmoothing: s.labelSmoothing,
    seed: s.seed,
    momentum: s.momentum,
    nesterov: s.optimizer === 'sgd' && s.nesterov,
    warmupSteps: s.warmupSteps,
  };
}
