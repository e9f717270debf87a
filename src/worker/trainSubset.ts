/**
 * The `limit` setting (train on N examples only) as a seeded random subset of the training split.
 * Not the first N indices: datasets are often stored sorted by class (the built-in MNIST is), and the first N would
 * all be zeros.
 */
import { rngStream } from '../core/rng';
import type { DataSplit } from '../data/dataset';

/** `split` with its train part reduced to `limit` examples drawn with the split's seed (0 or ≥ size: unchanged). */
export function limitTrain(split: DataSplit, limit: number): DataSplit {
  if (!(limit > 0) || limit >= split.train.length) return split;
  const order = rngStream(split.seed, 'train-limit').shuffle(Array.from(split.train));
  return { ...split, train: Uint32Array.from(order.slice(0, limit)).sort() };
}
