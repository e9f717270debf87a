/**
 * The data a search may see (shared by every method that trains candidates from scratch): candidates get a split
 * whose test part is empty, so no search decision can touch the test images; the final retraining's split looks the
 * test indices up only when its test evaluation runs (engine/testing `watchedTestData` proves it in the methods' tests).
 */
import { limitTrain } from '../data/split';
import type { DataSplit } from '../data/dataset';
import type { TrainData } from './trainer';

export const NO_TEST = new Uint32Array(0);

/** The split without its test part. */
export function withoutTest(split: DataSplit): DataSplit {
  return { seed: split.seed, train: split.train, val: split.val, test: NO_TEST };
}

/** Search data (train limited to `trainLimit` seeded images, 0 = all; val whole; test empty) and final data. */
export function searchData(data: TrainData, trainLimit: number): { search: TrainData; final: TrainData } {
  const full = data.split;
  const split = limitTrain(withoutTest(full), trainLimit);
  const finalSplit: DataSplit = {
    seed: split.seed,
    train: split.train,
    val: split.val,
    get test(): Uint32Array {
      return full.test;
    },
  };
  return { search: { dataset: data.dataset, split }, final: { dataset: data.dataset, split: finalSplit } };
}
