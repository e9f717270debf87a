/**
 * Reproducible train / validation / test splits. The validation split is carved from training data and is what every
 * search decision uses; the test split is only for final reporting (METHODS.md §0).
 */

import { rngStream } from '../core/rng';
import type { DataSplit, Dataset } from './dataset';

/** Fixed seed of the published splits (MNIST and user data), independent of the run seed. */
export const SPLIT_SEED = 20201;

/** Fraction of the data held out for validation and for test in the default splits. */
export const DEFAULT_FRACTIONS = { val: 0.1, test: 0.1 } as const;

/**
 * Split `n` indices into train / val / test with the given val and test counts (integers), shuffled by the 'split'
 * stream of `seed`. Each part is sorted ascending, so the split reads well in JSON and its order is not the batch order.
 */
export function seededSplit(n: number, seed: number, counts: { val: number; test: number }): DataSplit {
  const { val, test } = counts;
  for (const [name, v] of [['n', n], ['val', val], ['test', test]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`seededSplit: ${name} must be a non-negative integer, got ${v}`);
  }
  if (val + test > n) throw new RangeError(`seededSplit: val ${val} + test ${test} exceed n ${n}`);
  const order = rngStream(seed, 'split').shuffle(Array.from({ length: n }, (_, i) => i));
  const part = (from: number, to: number): Uint32Array => Uint32Array.from(order.slice(from, to)).sort();
  return {
    seed,
    test: part(0, test),
    val: part(test, test + val),
    train: part(test + val, n),
  };
}

/** Val and test counts for `n` items at the default 80/10/10 proportions. */
export function defaultCounts(n: number): { train: number; val: number; test: number } {
  const val = Math.round(n * DEFAULT_FRACTIONS.val);
  const test = Math.round(n * DEFAULT_FRACTIONS.test);
  return { train: n - val - test, val, test };
}

/** The built-in MNIST split: 8000 / 1000 / 1000 of 10,000 with seed 20201 (80/10/10 for other sizes). */
export function mnistSplit(n: number): DataSplit {
  return seededSplit(n, SPLIT_SEED, defaultCounts(n));
}

/** Default 80/10/10 split of a user's dataset, seed 20201. */
export function defaultSplit(dataset: Pick<Dataset, 'n'>): DataSplit {
  return seededSplit(dataset.n, SPLIT_SEED, defaultCounts(dataset.n));
}

/**
 * `split` with its train part reduced to `limit` examples (0, or a limit at least the train size: unchanged): a seeded
 * random subset (stream 'train-limit' of the split's own seed, so every run seed, the retrained baseline and the CLI see
 * the same images), sorted ascending. Not the first N indices: datasets are often stored sorted by class (the built-in
 * MNIST file is, and its first 1,280 training indices are only 0s and 1s). The one implementation of every `limit`
 * setting (Train screen, AtomNAS, CLI `--train-limit`).
 */
export function limitTrain(split: DataSplit, limit: number): DataSplit {
  if (!(limit > 0) || limit >= split.train.length) return split;
  const order = rngStream(split.seed, 'train-limit').shuffle(Array.from(split.train));
  return { ...split, train: Uint32Array.from(order.slice(0, limit)).sort() };
}
