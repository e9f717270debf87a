/** Test fixtures of PAD-NAS's run (tests only, not used by the app). */
import { padnasPreset } from '../config';

/** The tiny preset cut to a handful of units per phase (every phase runs): for the run's own tests. */
export const TINY_SETTINGS = {
  ...padnasPreset('tiny'),
  width: 0.25,
  trainLimit: 0,
  valLimit: 0,
  batchSize: 16,
  supernetEpochs: 1,
  finetuneEpochs: 1,
  population: 4,
  generations: 1,
  rankArchs: 3,
  rankSteps: 2,
  finalEpochs: 1,
  shareThreshold: 0.3,
  rankK: 1,
  windowLo: 0,
  windowHi: 1,
};
