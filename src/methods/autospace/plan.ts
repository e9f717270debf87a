/** The work plan of an AutoSpace-style run (pure): units of `step()` for evolution, the payoff and the final retraining. */
import type { AutoSpaceConfig } from './config';

/**
 * Units the payoff is shown as. The payoff's own length (two PAD-NAS searches and stand-alone trainings) is known only
 * once its stage is built from the learned space, after evolution; its progress is spread over this many units.
 */
export const PAYOFF_UNITS = 100;

export interface AutoSpacePlan {
  /** Full batches per epoch of the (limited) training set. */
  stepsPerEpoch: number;
  /** Supernet steps: iterations × steps per iteration. */
  evolveSteps: number;
  payoffUnits: number;
  /** Steps of the result network's retraining. */
  finalSteps: number;
  totalSteps: number;
  /** Epochs the run amounts to (progress lines). */
  totalEpochs: number;
}

/** The plan on `trainImages` training images. */
export function runPlan(c: Pick<AutoSpaceConfig, 'iterations' | 'stepsPerIteration' | 'payoff' | 'finalEpochs' | 'batchSize'>, trainImages: number): AutoSpacePlan {
  const stepsPerEpoch = Math.floor(trainImages / c.batchSize);
  if (stepsPerEpoch < 1) throw new RangeError(`the batch size ${c.batchSize} is larger than the ${trainImages} training images: lower the batch size or use more images`);
  const evolveSteps = c.iterations * c.stepsPerIteration;
  const payoffUnits = c.payoff ? PAYOFF_UNITS : 0;
  const finalSteps = stepsPerEpoch * c.finalEpochs;
  const totalSteps = evolveSteps + payoffUnits + finalSteps;
  return { stepsPerEpoch, evolveSteps, payoffUnits, finalSteps, totalSteps, totalEpochs: Math.ceil((evolveSteps + finalSteps) / stepsPerEpoch) };
}

/**
 * How many payoff-stage steps should be done after payoff unit `unit` (0-based) of `units`, for a stage of `planned`
 * steps: proportional, and everything by the last unit.
 */
export function payoffTarget(unit: number, units: number, planned: number): number {
  if (unit >= units - 1) return Number.POSITIVE_INFINITY;
  return Math.ceil(((unit + 1) * planned) / units);
}
