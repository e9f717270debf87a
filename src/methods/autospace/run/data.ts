/**
 * The data an AutoSpace-style run may see. Evolution and the payoff get splits whose test part is empty, so no search
 * decision can touch the test images; the final retraining's split looks the test indices up only when its test
 * evaluation runs (in finish()).
 */
import type { DataSplit } from '../../../data/dataset';
import { limitTrain } from '../../../data/split';
import type { TrainData } from '../../../engine/trainer';

const NO_TEST = new Uint32Array(0);

export interface RunData {
  /** Train limited to `trainLimit` seeded images (0 = all), val whole, test empty: evolution. */
  search: TrainData;
  /** Train whole (the PAD-NAS preset limits it itself), val whole, test empty: the payoff. */
  payoff: TrainData;
  /** Like `search`, but the test indices are there, read lazily: the final retraining and its one test. */
  final: TrainData;
}

export function runData(data: TrainData, trainLimit: number): RunData {
  const full = data.split;
  const split = limitTrain({ seed: full.seed, train: full.train, val: full.val, test: NO_TEST }, trainLimit);
  const finalSplit: DataSplit = {
    seed: split.seed,
    train: split.train,
    val: split.val,
    get test(): Uint32Array {
      return full.test;
    },
  };
  const { dataset } = data;
  return { search: { dataset, split }, payoff: { dataset, split: { seed: full.seed, train: full.train, val: full.val, test: NO_TEST } }, final: { dataset, split: finalSplit } };
}
