/**
 * "Train this ArchSpec from scratch under a budget", written once: validate the spec, build its network with fresh
 * weights from a seeded stream, and give it its own Trainer. The methods' stand-alone trainings (candidates, ranking
 * checks, baselines, final retrainings) start here; the Train screen and the CLI build the same way (the seed's 'init'
 * stream, one Trainer), so one seed gives the same numbers everywhere.
 */
import type { ArchSpec } from '../core/archspec';
import { rngStream } from '../core/rng';
import { validateArchSpec } from '../core/validateArchSpec';
import { batchesPerEpoch } from './batches';
import { buildNetwork, type Network } from './network';
import { Trainer, type EvalResult, type StepInfo, type TrainConfig, type TrainData } from './trainer';

/** How long a run lasts: whole epochs, optimisation steps, or training images seen (rounded up to whole steps). */
export type TrainBudget = { epochs: number } | { steps: number } | { images: number };

/** A training recipe without its length (the budget gives that). */
export type TrainRecipe = Omit<TrainConfig, 'epochs' | 'maxSteps'>;

function checkCount(what: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`training budget: ${what} must be an integer ≥ 0, got ${v}`);
}

/**
 * The Trainer configuration of `recipe` under `budget`, for `trainCount` training examples. Epochs map directly.
 * Steps become the epochs they reach into plus a step cap (`maxSteps`), so the LR schedule spans exactly the budget.
 * Images become ⌈images / batchSize⌉ steps: every step sees one full batch (BatchSource drops partial ones).
 */
export function budgetConfig(recipe: TrainRecipe, budget: TrainBudget, trainCount: number): TrainConfig {
  if ('epochs' in budget) {
    checkCount('epochs', budget.epochs);
    return { ...recipe, epochs: budget.epochs };
  }
  const perEpoch = batchesPerEpoch(trainCount, recipe.batchSize); // also checks the batch size
  let steps: number;
  if ('steps' in budget) steps = budget.steps;
  else {
    if (!(Number.isFinite(budget.images) && budget.images >= 0)) throw new RangeError(`training budget: images must be a number ≥ 0, got ${budget.images}`);
    steps = Math.ceil(budget.images / recipe.batchSize);
  }
  checkCount('steps', steps);
  return { ...recipe, epochs: Math.ceil(steps / perEpoch), maxSteps: steps };
}

/** Options of `createSpecTraining`. */
export interface SpecTrainingOptions {
  /** Name of the seeded stream (of `recipe.seed`) the initial weights come from; default 'init'. */
  initStream?: string;
}

/** One epoch of `run({ validateEachEpoch: true })`. */
export interface EpochRecord {
  /** 1-based epoch just completed (a partial last epoch of a step or image budget counts as one). */
  epoch: number;
  /** Mean batch loss over the epoch's steps. */
  loss: number;
  valAccuracy: number;
  /** Training images per second over the epoch's steps (validation excluded). */
  imagesPerSec: number;
  /** Wall-clock seconds of the epoch, validation included. */
  seconds: number;
}

/** Options of `SpecTraining.run` and `trainSpecToEnd`. */
export interface RunToEndOptions {
  /** Validate after every epoch and record a history row (default false: one validation at the end). */
  validateEachEpoch?: boolean;
  /** Re-estimate BN statistics before the final evaluation (short runs have unsettled running statistics). */
  bnRecalibrate?: boolean;
  /** Also evaluate the test split at the end (default false). */
  test?: boolean;
  /** Called after every step. */
  onStep?: (info: StepInfo) => void;
  /** Called after every epoch's validation (only with `validateEachEpoch`). */
  onEpoch?: (row: EpochRecord) => void;
}

/** What a run to the end measured. */
export interface SpecTrainingResult {
  /** Validation accuracy and mean cross-entropy after the last step. */
  valAccuracy: number;
  valLoss: number;
  /** Test accuracy and loss after the last step (present with `test: true`). */
  testAccuracy?: number;
  testLoss?: number;
  /** One row per epoch with `validateEachEpoch`, else empty. */
  history: EpochRecord[];
  /** Steps taken in all (the budget). */
  steps: number;
}

/** The result type of a run with options O: the test figures are there for sure when O says `test: true`. */
export type RunResult<O extends RunToEndOptions> = O extends { test: true } ? SpecTrainingResult & { testAccuracy: number; testLoss: number } : SpecTrainingResult;

/**
 * A spec being trained from scratch: owns its network and its Trainer until `dispose()` (or until the network is
 * handed over with `releaseNetwork()`).
 */
export class SpecTraining {
  /** The validated copy of the spec the network was built from. */
  readonly spec: ArchSpec;
  readonly net: Network;
  readonly trainer: Trainer;
  private released = false;
  private disposed = false;

  constructor(spec: ArchSpec, data: TrainData, recipe: TrainRecipe, budget: TrainBudget, opts: SpecTrainingOptions = {}) {
    this.spec = validateArchSpec(spec);
    const cfg = budgetConfig(recipe, budget, data.split.train.length);
    this.net = buildNetwork(this.spec, rngStream(recipe.seed, opts.initStream ?? 'init'));
    try {
      this.trainer = new Trainer(this.net, data, cfg);
    } catch (e) {
      this.net.dispose();
      throw e;
    }
  }

  /** Steps of the whole budget. */
  get totalSteps(): number {
    return this.trainer.totalSteps;
  }

  get stepsPerEpoch(): number {
    return this.trainer.stepsPerEpoch;
  }

  /** Steps taken so far. */
  get stepIndex(): number {
    return this.trainer.stepIndex;
  }

  /** True when the budget is spent. */
  get done(): boolean {
    return this.trainer.done;
  }

  /** One optimisation step (DivergenceError, without an update, when the loss is not finite). */
  step(): Promise<StepInfo> {
    return this.trainer.trainStep();
  }

  /** Accuracy and loss over the val or test split; `bnRecalibrate` re-estimates BN statistics first. */
  evaluate(which: 'val' | 'test', opts: { bnRecalibrate?: boolean } = {}): Promise<EvalResult> {
    return this.trainer.evaluate(which, opts);
  }

  /** Validation accuracy, then test accuracy: the final scoring of a retrained result (a search's only use of test). */
  async valAndTest(): Promise<{ val: number; test: number }> {
    const val = (await this.evaluate('val')).accuracy;
    const test = (await this.evaluate('test')).accuracy;
    return { val, test };
  }

  /** Take the remaining steps of the budget, then validate (and test). */
  async run<O extends RunToEndOptions>(opts: O = {} as O): Promise<RunResult<O>> {
    const spe = this.stepsPerEpoch;
    const history: EpochRecord[] = [];
    let lastVal: EvalResult | null = null;
    let e0 = performance.now();
    let lossSum = 0;
    let images = 0;
    let steps = 0;
    while (!this.done) {
      const info = await this.step();
      opts.onStep?.(info);
      lossSum += info.loss;
      images += info.images;
      steps++;
      if (opts.validateEachEpoch && (this.stepIndex % spe === 0 || this.done)) {
        const trainSeconds = (performance.now() - e0) / 1000;
        lastVal = await this.evaluate('val');
        const row: EpochRecord = {
          epoch: Math.ceil(this.stepIndex / spe),
          loss: lossSum / steps,
          valAccuracy: lastVal.accuracy,
          imagesPerSec: images / trainSeconds,
          seconds: (performance.now() - e0) / 1000,
        };
        history.push(row);
        opts.onEpoch?.(row);
        e0 = performance.now();
        lossSum = 0;
        images = 0;
        steps = 0;
      } else lastVal = null;
    }
    // The last epoch's validation is the final one unless BN statistics are to be re-estimated first.
    const val = lastVal && !opts.bnRecalibrate ? lastVal : await this.evaluate('val', { bnRecalibrate: opts.bnRecalibrate });
    const test = opts.test ? await this.evaluate('test') : null;
    return {
      valAccuracy: val.accuracy,
      valLoss: val.loss,
      ...(test ? { testAccuracy: test.accuracy, testLoss: test.loss } : {}),
      history,
      steps: this.stepIndex,
    } as RunResult<O>;
  }

  /** Hand the network over to the caller, who disposes it; `dispose()` then frees only the Trainer. */
  releaseNetwork(): Network {
    this.released = true;
    return this.net;
  }

  /** Free the Trainer (optimizer state) and, unless it was released, the network. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.trainer.dispose();
    if (!this.released) this.net.dispose();
  }
}

/**
 * Validate `spec`, build its network from the seeded `opts.initStream` ('init') stream of `recipe.seed` and a Trainer
 * for `budget` on `data`. The result owns both; if the Trainer cannot be built the network is freed before the throw.
 */
export function createSpecTraining(spec: ArchSpec, data: TrainData, recipe: TrainRecipe, budget: TrainBudget, opts: SpecTrainingOptions = {}): SpecTraining {
  return new SpecTraining(spec, data, recipe, budget, opts);
}

/** Train `spec` from scratch to the end of `budget`, evaluate, and free everything. */
export async function trainSpecToEnd<O extends SpecTrainingOptions & RunToEndOptions>(
  spec: ArchSpec,
  data: TrainData,
  recipe: TrainRecipe,
  budget: TrainBudget,
  opts: O = {} as O,
): Promise<RunResult<O>> {
  const t = createSpecTraining(spec, data, recipe, budget, opts);
  try {
    return await t.run(opts);
  } finally {
    t.dispose();
  }
}
