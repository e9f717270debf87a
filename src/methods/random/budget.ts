/** The work plan of a run (pure): how many steps, and how they split between the candidates and the retraining. */
import type { RandomConfig } from './config';

export interface RandomBudget {
  /** Full batches per epoch of the (limited) training set. */
  stepsPerEpoch: number;
  /** Steps of all candidates together. */
  sampleSteps: number;
  /** Steps of the final retraining. */
  finalSteps: number;
  totalSteps: number;
  /** Epochs the whole run amounts to (progress lines). */
  totalEpochs: number;
}

/** The plan for `candidates` candidates on `trainImages` training images. */
export function runBudget(c: Pick<RandomConfig, 'steps' | 'finalEpochs' | 'batchSize'>, candidates: number, trainImages: number): RandomBudget {
  const stepsPerEpoch = Math.floor(trainImages / c.batchSize);
  if (stepsPerEpoch < 1) throw new RangeError(`the batch size ${c.batchSize} is larger than the ${trainImages} training images: lower the batch size or use more images`);
  const sampleSteps = candidates * c.steps;
  const finalSteps = stepsPerEpoch * c.finalEpochs;
  const totalSteps = sampleSteps + finalSteps;
  return { stepsPerEpoch, sampleSteps, finalSteps, totalSteps, totalEpochs: Math.ceil(totalSteps / stepsPerEpoch) };
}
