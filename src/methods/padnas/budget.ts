/** The work budget of a PAD-NAS run (pure): how many units it plans, and the validation subset one-shot scores use. */
import { pruneRounds, type PadNasSettings } from './config';
import { rngStream } from '../../core/rng';
import type { DataSplit } from '../../data/dataset';
import { roundUnits } from './searchRound';

/** The split with the validation part cut to a seeded random `limit` images (0 = all): one-shot evaluation cost. */
export function limitVal(split: DataSplit, limit: number): DataSplit {
  if (!(limit > 0) || limit >= split.val.length) return split;
  const picked = rngStream(split.seed, 'val-limit').shuffle(Array.from(split.val)).slice(0, limit);
  return { ...split, val: Uint32Array.from(picked).sort() };
}

/** Planned units of a run (what `totalSteps` reports); stand-alone runs use the same data, so the same steps per epoch. */
export function plannedUnits(s: PadNasSettings, stepsPerEpoch: number): number {
  const rounds = pruneRounds(s);
  const rank = s.rankArchs * (1 + s.rankSteps + 1);
  const standalone = stepsPerEpoch * s.finalEpochs + 1; // training, then one unit for val + test
  return (
    stepsPerEpoch * s.supernetEpochs +
    rank +
    rounds * (roundUnits(s.population, s.generations) + stepsPerEpoch * s.finetuneEpochs) +
    roundUnits(s.population, s.generations) +
    rank +
    standalone * (s.trainBaseline ? 2 : 1)
  );
}
