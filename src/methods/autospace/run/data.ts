/**
 * The data an AutoSpace-style run may see: the shared search split (engine/searchData: evolution and the final
 * retraining, test read only in finish()) plus the payoff's split (train whole, since the PAD-NAS preset limits it
 * itself; val whole; test empty).
 */
import { searchData, withoutTest } from '../../../engine/searchData';
import type { TrainData } from '../../../engine/trainer';

export interface RunData {
  /** Train limited to `trainLimit` seeded images (0 = all), val whole, test empty: evolution. */
  search: TrainData;
  /** Train whole (the PAD-NAS preset limits it itself), val whole, test empty: the payoff. */
  payoff: TrainData;
  /** Like `search`, but the test indices are there, read lazily: the final retraining and its one test. */
  final: TrainData;
}

export function runData(data: TrainData, trainLimit: number): RunData {
  return { ...searchData(data, trainLimit), payoff: { dataset: data.dataset, split: withoutTest(data.split) } };
}
