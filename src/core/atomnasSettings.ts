/**
 * AtomNAS run settings: plain data shared by the method (src/methods/atomnas), the worker protocol, the CLI and the
 * UI (which may not import methods/), hence here in core. Presets, defaults, and the mapping from the URL hash.
 */
import type { Settings } from './urlState';


export type AtomNasPresetId = 'tiny' | 'default';
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

export const ATOMNAS_PRESETS: Readonly<Record<AtomNasPresetId, Readonly<AtomNasSettings>>> = { tiny: TINY, default: DEFAULT };

/** A fresh copy of a preset. */
export function atomnasPreset(id: AtomNasPresetId): AtomNasSettings {
  const p = ATOMNAS_PRESETS[id];
  return { ...p, kernels: [...p.kernels] };
}

/** Kernel sets offered in the UI / URL, as their URL value. */
export const KERNEL_CHOICES = ['3-5-7', '3-5', '3-7', '5-7', '3', '5', '7'] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];

export function kernelsOf(choice: string): number[] {
  return choice.split('-').map(Number);
}

/** Read the AtomNAS part of the URL settings (keys starting with `a`, see core/urlState). */
export function atomnasFromUrl(s: Settings): AtomNasSettings {
  const base = atomnasPreset(s.apreset);
  return {
    ...base,
    kernels: kernelsOf(s.ak),
    expansion: s.ae,
    epochs: s.aep,
    trainLimit: s.alimit,
    lr: s.alr,
    optimizer: s.aopt,
    seed: s.aseed,
    rho: s.arho,
    penalty: s.apen,
    targetMode: s.amode === 'target',
    targetMacs: Math.round(s.atgt * 1e6),
    threshold: s.athr,
    shrinkFrac: s.afrac,
    shrinkEvery: s.aevery,
    emaDecay: s.aema,
    proximal: s.aprox === 'on',
  };
}

/** The URL settings for an AtomNAS configuration (the inverse of `atomnasFromUrl` on the keys it covers). */
export function atomnasToUrl(a: AtomNasSettings): Partial<Settings> {
  return {
    apreset: a.preset,
    ak: a.kernels.join('-') as KernelChoice,
    ae: a.expansion,
    aep: a.epochs,
    alimit: a.trainLimit,
    alr: a.lr,
    aopt: a.optimizer,
    aseed: a.seed,
    arho: a.rho,
    apen: a.penalty,
    amode: a.targetMode ? 'target' : 'rho',
    atgt: a.targetMacs / 1e6,
    athr: a.threshold,
    afrac: a.shrinkFrac,
    aevery: a.shrinkEvery,
    aema: a.emaDecay,
    aprox: a.proximal ? 'on' : 'off',
  };
}
