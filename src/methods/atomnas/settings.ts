/**
 * AtomNAS's one settings declaration: the config type, the presets, and one field per user setting (URL key, CLI
 * flag, range, "?" text). The URL hash, the settings form and `npm run cli -- search --method atomnas` are generated
 * from it. URL keys are those of the first version (`a…`), so old links still load.
 */
import { bool, choice, num } from '../../core/settings/fields';
import type { SettingsGroup } from '../../core/settings/group';
import { FIELD_HINTS as H } from './hints';

export type AtomNasPresetId = 'tiny' | 'default' | 'first-look';
export type AtomNasPenalty = 'macs' | 'uniform' | 'latency';

export interface AtomNasSettings {
  preset: AtomNasPresetId;
  /** Stem stride 2 (the tiny skeleton). */
  tiny: boolean;
  width: number;
  /** One branch per kernel size in every searched block. */
  kernels: number[];
  /** Expansion of every kernel's branch: hidden_k = expansion·cin. */
  expansion: number;
  epochs: number;
  batchSize: number;
  /** Train on a seeded random subset of N examples of the split's train part (0 = all; `limitTrain` in data/split). */
  trainLimit: number;
  lr: number;
  optimizer: 'sgd' | 'rmsprop';
  schedule: 'cosine' | 'exponential' | 'constant';
  weightDecay: number;
  labelSmoothing: number;
  seed: number;
  /** Base strength of the L1 penalty on the gates. */
  rho: number;
  /** Fraction of all steps over which ρ ramps up linearly (AtomNAS: 25 of 350 epochs ≈ 7%). */
  rampFrac: number;
  penalty: AtomNasPenalty;
  /** Adapt ρ so the network ends near `targetMacs` [ours]. */
  targetMode: boolean;
  targetMacs: number;
  /** |γ| at or below which an atom is dead. */
  threshold: number;
  /** Dead atoms are removed once their MACs reach this fraction of the supernet's MACs. */
  shrinkFrac: number;
  /** Shrink check every N steps (0 = at the end of every epoch). */
  shrinkEvery: number;
  /** EMA decay of the weights (0 = no EMA: the live weights are the result). */
  emaDecay: number;
  /** Proximal step on γ instead of the L1 subgradient [ours]. */
  proximal: boolean;
  /** Training batches used to re-estimate BN statistics before each evaluation. */
  bnRecalBatches: number;
}

const TINY: AtomNasSettings = {
  preset: 'tiny',
  tiny: true,
  width: 1,
  kernels: [3, 5, 7],
  expansion: 3,
  epochs: 2,
  batchSize: 32,
  trainLimit: 1280,
  lr: 0.1,
  optimizer: 'sgd',
  schedule: 'cosine',
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
  seed: 1,
  rho: 0.05,
  rampFrac: 0.07,
  penalty: 'macs',
  targetMode: false,
  targetMacs: 600_000,
  threshold: 1e-3,
  shrinkFrac: 0.005,
  shrinkEvery: 5,
  // Short runs need a short average: with decay d an atom's EMA γ lags its live γ by ~d/(1−d) steps.
  emaDecay: 0.7,
  proximal: true,
  bnRecalBatches: 8,
};

const DEFAULT: AtomNasSettings = {
  ...TINY,
  preset: 'default',
  tiny: false,
  epochs: 5,
  batchSize: 64,
  trainLimit: 0,
  rho: 0.02,
  targetMacs: 2_000_000,
  shrinkEvery: 25,
  emaDecay: 0.9,
  bnRecalBatches: 10,
};

/**
 * A first look at the key moment, the first shrink, within about two minutes on a slow device: the tiny supernet for
 * one epoch of 640 images (20 steps), a strong penalty (ρ 0.5) and a short EMA so gates die within a few steps, and a
 * check every 5 steps with a low shrink threshold. Measured with the CLI on the tfjs CPU backend of a loaded 2-core
 * machine: first shrink at step 10 after about 1 min, 3 shrinks, the whole run 1 min 56 s. Accuracy is not the point.
 */
const FIRST_LOOK: AtomNasSettings = {
  ...TINY,
  preset: 'first-look',
  epochs: 1,
  trainLimit: 640,
  rho: 0.5,
  shrinkFrac: 0.002,
  shrinkEvery: 5,
  emaDecay: 0.5,
  bnRecalBatches: 4,
};

/** The presets; the first (`tiny`) is what a fresh page and a bare `search --method atomnas` use. */
export const ATOMNAS_PRESETS: Readonly<Record<AtomNasPresetId, Readonly<AtomNasSettings>>> = { tiny: TINY, default: DEFAULT, 'first-look': FIRST_LOOK };

/** A fresh copy of a preset. */
export function atomnasPreset(id: AtomNasPresetId): AtomNasSettings {
  const p = ATOMNAS_PRESETS[id];
  return { ...p, kernels: [...p.kernels] };
}

/** Kernel sets offered (URL, form, CLI), as their word. */
export const KERNEL_CHOICES = ['3-5-7', '3-5', '3-7', '5-7', '3', '5', '7'] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];

/** '3-5-7' → [3, 5, 7]. */
export function kernelsOf(word: string): number[] {
  return word.split('-').map(Number);
}

/** [3, 5, 7] → '3-5-7'. */
export function kernelsWord(kernels: unknown): string {
  if (!Array.isArray(kernels)) throw new TypeError('kernels must be a list of kernel sizes');
  return kernels.join('-');
}

/** Problems between fields that per-field ranges cannot see. */
export function crossCheck(c: AtomNasSettings): string[] {
  const out: string[] = [];
  if (c.trainLimit > 0 && c.trainLimit < c.batchSize) {
    out.push(`the training subset (${c.trainLimit} images) is smaller than one batch (${c.batchSize})`);
  }
  return out;
}

/**
 * Version-1 links left out every value equal to that version's URL default, and those defaults were the tiny
 * preset's for every `a…` key whatever `apreset` said; batch size was not in the URL (it came from the preset).
 */
function legacyDefaults(): Partial<AtomNasSettings> {
  const { kernels, expansion, epochs, trainLimit, lr, optimizer, seed, rho, penalty, targetMode, targetMacs, threshold, shrinkFrac, shrinkEvery, emaDecay, proximal } = TINY;
  return { kernels: [...kernels], expansion, epochs, trainLimit, lr, optimizer, seed, rho, penalty, targetMode, targetMacs, threshold, shrinkFrac, shrinkEvery, emaDecay, proximal };
}

export const atomnasSettings: SettingsGroup<AtomNasSettings> = {
  id: 'atomnas',
  label: 'AtomNAS',
  presets: ATOMNAS_PRESETS,
  presetUrl: 'apreset',
  presetCli: 'preset',
  presetKey: 'preset',
  legacyDefaults,
  crossCheck,
  fields: [
    choice({ key: 'kernels', label: 'Kernel sizes', hint: H.kernels, url: 'ak', cli: 'kernels', values: KERNEL_CHOICES,
      codec: { toConfig: kernelsOf, fromConfig: kernelsWord } }),
    num({ key: 'expansion', label: 'Expansion per kernel', hint: H.expansion, url: 'ae', cli: 'expansion', min: 1, max: 6, integer: true }),
    num({ key: 'rho', label: 'ρ (penalty strength)', hint: H.rho, url: 'arho', cli: 'rho', min: 1e-6, max: 1, step: 'any', enabledWhen: (c) => c.targetMode !== true }),
    choice({ key: 'penalty', label: 'Penalty per atom', hint: H.penalty, url: 'apen', cli: 'penalty', values: ['macs', 'uniform', 'latency'],
      labels: { macs: 'MACs (resource-aware)', uniform: 'uniform (network slimming)', latency: 'latency on this device (needs a device profile)' } }),
    bool({ key: 'targetMode', label: 'Target mode: adapt ρ to a MACs target (ours)', hint: H.targetMode, url: 'amode', cli: 'target-mode', words: ['rho', 'target'] }),
    num({ key: 'targetMacs', label: 'MACs target (millions)', hint: H.targetMacs, url: 'atgt', cli: 'target-macs', min: 0.01, max: 100, scale: 1e-6, step: 'any', enabledWhen: (c) => c.targetMode === true }),
    num({ key: 'threshold', label: 'Dead when |γ| ≤', hint: H.threshold, url: 'athr', cli: 'threshold', min: 1e-6, max: 0.1, step: 'any' }),
    num({ key: 'shrinkFrac', label: 'Shrink threshold (fraction of supernet MACs)', hint: H.shrinkFrac, url: 'afrac', cli: 'shrink-frac', min: 0, max: 0.5, step: 'any' }),
    num({ key: 'shrinkEvery', label: 'Shrink check every (steps, 0 = each epoch)', hint: H.shrinkEvery, url: 'aevery', cli: 'shrink-every', min: 0, max: 100_000, integer: true }),
    num({ key: 'epochs', label: 'Epochs', hint: H.epochs, url: 'aep', cli: 'epochs', min: 1, max: 100, integer: true }),
    num({ key: 'seed', label: 'Seed', hint: H.seed, url: 'aseed', cli: 'seed', min: 0, max: 2 ** 31 - 1, integer: true }),
    num({ key: 'lr', label: 'Learning rate', hint: H.lr, url: 'alr', cli: 'lr', min: 1e-4, max: 1, step: 'any', advanced: true }),
    choice({ key: 'optimizer', label: 'Optimizer', hint: H.optimizer, url: 'aopt', cli: 'optimizer', values: ['sgd', 'rmsprop'], advanced: true }),
    num({ key: 'emaDecay', label: 'EMA decay (0 = off)', hint: H.emaDecay, url: 'aema', cli: 'ema', min: 0, max: 0.9999, step: 'any', advanced: true }),
    bool({ key: 'proximal', label: 'Proximal step on γ (ours)', hint: H.proximal, url: 'aprox', cli: 'proximal', words: ['off', 'on'], advanced: true }),
    num({ key: 'trainLimit', label: 'Training images (0 = all)', hint: H.trainLimit, url: 'alimit', cli: 'train-limit', min: 0, max: 1_000_000, integer: true, advanced: true }),
    num({ key: 'batchSize', label: 'Batch size', hint: H.batchSize, url: 'abatch', cli: 'batch', min: 8, max: 1024, integer: true, advanced: true }),
  ],
};
