/**
 * The data an Efficient Global NAS run may see. Search candidates and the fair-ranking demo get a split whose test
 * part is empty, so no search decision can touch the test images (the authors' code validates on test: not here); the
 * final retraining's split looks the test indices up only when its test evaluation runs.
 */
import { limitTrain } from '../../../data/split';
import type { TrainData } from '../../../engine/trainer';

const NO_TEST = new Uint32Array(0);

/** Search data (train limited to `trainLimit` seeded images, 0 = all; val whole; test empty) and final data. */
export function runData(data: TrainData, trainLimit: number): { search: TrainData; final: TrainData } {
  const full = data.split;
  const split = limitTrain({ seed: full.seed, train: full.train, val: full.val, test: NO_TEST }, trainLimit);
  const finalSplit = {
    seed: split.seed,
    train: split.train,
    val: split.val,
    get test(): Uint32Array {
      return full.test;
    },
  };
  return { search: { dataset: data.dataset, split }, final: { dataset: data.dataset, split: finalSplit } };
}
