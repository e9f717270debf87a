/**
 * Explicit training loop (no model.fit: it relies on requestAnimationFrame, which stops in hidden tabs, and on
 * positional optimizer state). One call = one optimisation step; NAS methods plug in through TrainerHooks.
 */
import * as tf from '@tensorflow/tfjs';
import { rngStream } from '../core/rng';
import { lrAt, type ScheduleKind } from '../core/schedule';
import type { Dataset, DataSplit } from '../data/dataset';
import { allBatches, BatchSource, disposeBatch, makeBatch, type Batch, type BatchSourceState } from './batches';
import { recalibrateBn, type ForwardFn } from './bnRecalibrate';
import { DivergenceWatch, type DivergenceState } from './divergence';
import { constScalar } from './scalars';
import type { BnStats } from './layers';
import { countCorrect, l2WeightDecay, softmaxCrossEntropy } from './loss';
import { disposeBnStats, type Network } from './network';
import { KeyedOptimizer, type OptimizerConfig, type OptimizerKind, type OptimizerState } from './optimizer';
import type { ParamSnapshot } from './params';

export { DivergenceError } from './divergence';

/** Training recipe. */
export interface TrainConfig {
  /** Length of the run in whole epochs; the LR schedule spans them. */
  epochs: number;
  /**
   * Stop after this many steps when that comes before the end of `epochs` (a step or image budget, see engine/trainSpec):
   * totalSteps = min(epochs × stepsPerEpoch, maxSteps), and the LR schedule spans the shorter run.
   */
  maxSteps?: number;
  batchSize: number;
  /** Peak learning rate (after warm-up). */
  lr: number;
  optimizer: OptimizerKind;
  /** SGD / RMSprop momentum (default 0.9). */
  momentum?: number;
  /** SGD only: Nesterov momentum (default false). */
  nesterov?: boolean;
  /** Further optimizer hyper-parameters (RMSprop decay/ε, Adam β…); see OptimizerConfig for defaults. */
  optimizerOptions?: Omit<OptimizerConfig, 'kind' | 'momentum' | 'nesterov'>;
  schedule: ScheduleKind;
  warmupSteps?: number;
  /** L2 coefficient: loss += ½·wd·Σw² over conv/dense weights (gradient wd·w, PyTorch's weight_decay). */
  weightDecay: number;
  labelSmoothing: number;
  seed: number;
  /** Batch size for evaluation (default 250). */
  evalBatchSize?: number;
  /** Training batches used by evaluate({bnRecalibrate: true}) (default 20). */
  recalibrateBatches?: number;
  /**
   * Measure the global gradient norm every this many steps for the divergence watch (default 10; 0 = never). It rides
   * on the step's one asynchronous read-back, so it costs a few reductions on those steps only.
   */
  gradNormEvery?: number;
}

/** Data the trainer reads: train indices for steps, val/test for evaluation. */
export interface TrainData {
  dataset: Dataset;
  split: DataSplit;
}

/** What one step did. */
export interface StepInfo {
  /** 0-based index of this step. */
  step: number;
  /** 0-based epoch this step belongs to. */
  epoch: number;
  /** Mean cross-entropy of the batch (label-smoothed, without regularisers). */
  loss: number;
  /** The full objective that was differentiated (loss + weight decay + method regulariser). */
  objective: number;
  lr: number;
  /** Images in this step's batch. */
  images: number;
  /** Wall-clock milliseconds of the step, loss read-back included. */
  ms: number;
}

/** Extension points for NAS methods. */
export interface TrainerHooks {
  /** Names to differentiate and update this step (single-path methods); default: every trainable variable. */
  trainableNames?: () => string[];
  /** Extra scalar added to the loss inside the gradient tape (e.g. AtomNAS's ρ·Σ penalty·|γ|). */
  regularizer?: (net: Network) => tf.Scalar;
  /** Forward override (e.g. a sampled path); also used by evaluate and BN recalibration. */
  forward?: ForwardFn;
  /** Called after the optimizer update and the BN running-statistics update of a step whose loss is finite (e.g. a proximal step). */
  afterApply?: (info: StepInfo) => void;
}

/** Result of an evaluation over a whole split. */
export interface EvalResult {
  which: 'val' | 'test';
  accuracy: number;
  /** Mean (unsmoothed) cross-entropy. */
  loss: number;
  n: number;
}

/** Step-by-step trainer of one Network. */
export const TRAINER_CHECKPOINT_VERSION = 1;

/** Default cadence of the gradient-norm check (TrainConfig.gradNormEvery). */
export const GRAD_NORM_EVERY = 10;

/** What Trainer.checkpoint saves (host data; core/runs/checkpointFile.ts turns it into bytes). */
export interface TrainerCheckpoint {
  version: number;
  /** Index of the next step. */
  step: number;
  params: Map<string, ParamSnapshot>;
  optimizer: OptimizerState;
  source: BatchSourceState;
  recal: BatchSourceState | null;
  divergence: DivergenceState;
}

/**
 * Σ of many scalars in groups of at most 6 per AddN: one AddN over every gradient (78 for the baseline) would bind more
 * storage buffers than WebGPU allows per shader stage (8 on many adapters), and its pipeline would fail to build.
 */
function sumScalars(xs: tf.Tensor[]): tf.Tensor {
  let level = xs;
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += 6) {
      const group = level.slice(i, i + 6);
      next.push(group.length === 1 ? group[0] : tf.addN(group));
    }
    level = next;
  }
  return level[0];
}

/** The tensors one step keeps until it ends (Trainer.encodeStep fills them; dispose frees them). */
class StepOps {
  stats: BnStats = {};
  ce?: tf.Scalar;
  result?: { value: tf.Scalar; grads: tf.NamedTensorMap };
  /** Names the optimizer updated. */
  updated: string[] = [];

  dispose(): void {
    disposeBnStats(this.stats);
    this.ce?.dispose();
    if (this.result) {
      this.result.value.dispose();
      tf.dispose(Object.values(this.result.grads));
    }
  }
}

export class Trainer {
  readonly optimizer: KeyedOptimizer;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  /** Index of the next step to run. */
  stepIndex = 0;
  private readonly source: BatchSource;
  private recalSource?: BatchSource;
  private readonly forward: ForwardFn;
  private readonly divergence: DivergenceWatch;

  constructor(
    readonly net: Network,
    readonly data: TrainData,
    readonly cfg: TrainConfig,
    readonly hooks: TrainerHooks = {},
  ) {
    this.source = new BatchSource(data.dataset, data.split.train, cfg.batchSize, rngStream(cfg.seed, 'data'));
    this.stepsPerEpoch = this.source.batchesPerEpoch;
    if (cfg.maxSteps !== undefined && !(Number.isInteger(cfg.maxSteps) && cfg.maxSteps >= 0)) {
      throw new RangeError(`maxSteps must be an integer ≥ 0, got ${cfg.maxSteps}`);
    }
    this.totalSteps = Math.min(this.stepsPerEpoch * cfg.epochs, cfg.maxSteps ?? Infinity);
    this.optimizer = new KeyedOptimizer(net.params, { ...cfg.optimizerOptions, kind: cfg.optimizer, momentum: cfg.momentum, nesterov: cfg.nesterov });
    this.forward = hooks.forward ?? ((n, x, t) => n.apply(x, t));
    this.divergence = new DivergenceWatch({ numClasses: data.dataset.numClasses, warmupSteps: cfg.warmupSteps });
  }

  /** True when every scheduled step has run. */
  get done(): boolean {
    return this.stepIndex >= this.totalSteps;
  }

  /** Learning rate of step `step` under the configured schedule. */
  lrAt(step: number): number {
    const c = this.cfg;
    return lrAt(step, Math.max(1, this.totalSteps), { base: c.lr, kind: c.schedule, warmupSteps: c.warmupSteps });
  }

  /** Run one optimisation step. Throws DivergenceError (without updating anything) when the loss diverges. */
  async trainStep(): Promise<StepInfo> {
    const t0 = performance.now();
    const step = this.stepIndex;
    const epoch = Math.floor(step / this.stepsPerEpoch);
    const lr = this.lrAt(step);
    const batch = this.source.next();
    const ops = new StepOps();
    try {
      const every = this.cfg.gradNormEvery ?? GRAD_NORM_EVERY;
      const gradCheck = every > 0 && step % every === 0;
      const values = await this.encodeStep(batch, lr, gradCheck, ops, true);
      const [lossValue, objective, gradNorm] = Array.from(values as Float32Array);
      // A non-finite step was masked on the device; its optimizer step counts are rolled back too.
      if (!Array.from(values as Float32Array).every(Number.isFinite)) this.optimizer.rollbackStepCounts(ops.updated);
      this.divergence.check(step, lr, lossValue, objective); // throws DivergenceError (engine/divergence.ts)
      if (gradCheck) this.divergence.checkGradNorm(step, lr, gradNorm);
      this.stepIndex++;
      const info: StepInfo = { step, epoch, loss: lossValue, objective, lr, images: batch.y.shape[0], ms: 0 };
      // After the BN running statistics (they used to come after this hook; no hook reads them).
      this.hooks.afterApply?.(info);
      info.ms = performance.now() - t0;
      return info;
    } finally {
      disposeBatch(batch);
      ops.dispose();
    }
  }

  /**
   * Issue 15 §5: issue every program of the next training step while tfjs-backend-webgpu's WEBGPU_ENGINE_COMPILE_ONLY
   * flag is set (engine/precompile.ts sets it and awaits the pipelines): the programs are compiled, nothing runs and
   * nothing is read back. Changes no state: a batch of the next step's shape is built from the first training examples
   * without advancing the batch stream; every variable (weights, BN running statistics) and every existing optimizer
   * slot is put back to the buffer it held before (the compile-only assignments point at buffers nothing wrote), the
   * slots this call created are dropped and the step counts restored. The `afterApply` hook is not called.
   */
  precompileStep(): void {
    const every = this.cfg.gradNormEvery ?? GRAD_NORM_EVERY;
    const step = this.stepIndex;
    const train = this.data.split.train;
    const batch = makeBatch(this.data.dataset, train, 0, Math.min(this.cfg.batchSize, train.length));
    const restoreParams = this.net.params.holdValues();
    const restoreOptimizer = this.optimizer.holdState();
    const ops = new StepOps();
    try {
      void this.encodeStep(batch, this.lrAt(step), every > 0 && step % every === 0, ops, false);
    } finally {
      disposeBatch(batch);
      ops.dispose();
      restoreOptimizer();
      restoreParams();
    }
  }

  /**
   * The programs of one step: forward and backward, the loss/objective/gradient-norm triple and its finiteness, the
   * masked optimizer update and the BN running-statistics update. With `read`, returns the triple's read-back (started
   * before the update, awaited after it); without, issues no read-back (compile-only mode).
   */
  private async encodeStep(batch: Batch, lr: number, gradCheck: boolean, ops: StepOps, read: boolean): Promise<ArrayLike<number> | null> {
    const { params } = this.net;
    const names = this.hooks.trainableNames?.() ?? params.names((e) => e.trainable);
    const varList = params.trainableVariables(names);
    ops.result = tf.variableGrads(() => {
      const r = this.forward(this.net, batch.x, true);
      ops.stats = r.bnStats;
      // bnStats come back kept (see Network.apply); the data loss must survive the tape's clean-up as well.
      const ce = tf.keep(softmaxCrossEntropy(r.logits, batch.y, this.cfg.labelSmoothing));
      ops.ce = ce;
      let total: tf.Scalar = ce;
      if (this.cfg.weightDecay > 0) total = tf.add(total, l2WeightDecay(params, this.cfg.weightDecay, names));
      if (this.hooks.regularizer) total = tf.add(total, this.hooks.regularizer(this.net));
      return total;
    }, varList);
    const result = ops.result;
    // Issue 15 §4: the loss is read back while the update runs, not before it. The update is masked on the device
    // by ok = isFinite(loss) ∧ isFinite(objective), so a diverging step changes nothing (weights, optimizer slots,
    // BN running statistics) without the GPU having to drain first; the JS side throws once the value arrives.
    const grads = Object.values(result.grads);
    // Always three values (the norm is a cached 0 on steps without the check): every step runs the same programs, so
    // nothing compiles after the first step (issue 15), and the norm's own programs compile on step 0.
    const ce = ops.ce as tf.Scalar;
    const pair = tf.tidy(() => {
      const norm = gradCheck && grads.length ? (tf.sqrt(sumScalars(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar) : constScalar(0);
      return tf.stack([ce, result.value, norm]);
    });
    const ok = tf.tidy(() => tf.all(tf.isFinite(pair)));
    // Async read-back: dataSync would stall (and on WebGPU break) the pipeline. Started now, awaited after the update.
    const pending = read ? pair.data() : null;
    const byName: Record<string, tf.Tensor> = {};
    for (const [tfName, g] of Object.entries(result.grads)) byName[params.nameOf(tfName)] = g;
    ops.updated = Object.keys(byName);
    try {
      this.optimizer.applyGradients(byName, lr, ok);
      this.net.updateRunningStats(ops.stats, undefined, ok);
      return pending ? await pending : null;
    } finally {
      ok.dispose();
      pair.dispose();
    }
  }

  /**
   * Accuracy and mean cross-entropy over the whole val or test split (inference-mode BN).
   * `bnRecalibrate` first re-estimates BN statistics from `recalibrateBatches` training batches.
   */
  async evaluate(which: 'val' | 'test', opts: { bnRecalibrate?: boolean } = {}): Promise<EvalResult> {
    if (opts.bnRecalibrate) this.recalibrate();
    const indices = which === 'val' ? this.data.split.val : this.data.split.test;
    let correct = 0;
    let lossSum = 0;
    for (const batch of allBatches(this.data.dataset, indices, this.cfg.evalBatchSize ?? 250)) {
      const out = tf.tidy(() => {
        const logits = this.forward(this.net, batch.x, false).logits;
        const b = batch.y.shape[0];
        return tf.stack([tf.cast(countCorrect(logits, batch.y), 'float32'), tf.mul(softmaxCrossEntropy(logits, batch.y, 0), b)]);
      });
      disposeBatch(batch);
      const [c, l] = Array.from(await out.data());
      out.dispose();
      correct += c;
      lossSum += l;
    }
    const n = indices.length;
    return { which, accuracy: n > 0 ? correct / n : NaN, loss: n > 0 ? lossSum / n : NaN, n };
  }

  /** Re-estimate BN running statistics from training batches (own data stream: does not shift the training order). */
  recalibrate(nBatches = this.cfg.recalibrateBatches ?? 20): number {
    this.recalSource ??= new BatchSource(this.data.dataset, this.data.split.train, this.cfg.batchSize, rngStream(this.cfg.seed, 'bn-recalibrate'));
    const src = this.recalSource;
    const iter: Iterator<Batch> = { next: () => ({ done: false, value: src.next() }) };
    return recalibrateBn(this.net, iter, nBatches, this.forward);
  }

  /**
   * Where BN recalibration's batch stream stands (null before the first recalibration): for a Trainer used only to
   * evaluate a network another Trainer trains (a supernet's one-shot evaluator), whose checkpoint is just this.
   */
  recalState(): BatchSourceState | null {
    return this.recalSource?.save() ?? null;
  }

  /** Put BN recalibration's batch stream where `recalState()` was taken (null: not started). */
  restoreRecal(s: BatchSourceState | null): void {
    const src = new BatchSource(this.data.dataset, this.data.split.train, this.cfg.batchSize, rngStream(this.cfg.seed, 'bn-recalibrate'));
    if (s) src.restore(s);
    this.recalSource = s ? src : undefined;
  }

  /**
   * Everything the next steps depend on, as host data: weights and BN running statistics, the keyed optimizer's slots
   * and step counts, the batch order with its position and random streams, the step index and the divergence counters.
   * `restore` on a fresh Trainer (same network shape, data and config) then continues bit for bit on the CPU backend.
   */
  async checkpoint(): Promise<TrainerCheckpoint> {
    return {
      version: TRAINER_CHECKPOINT_VERSION,
      step: this.stepIndex,
      params: await this.net.params.snapshot(),
      optimizer: await this.optimizer.saveState(),
      source: this.source.save(),
      recal: this.recalSource?.save() ?? null,
      divergence: this.divergence.save(),
    };
  }

  /** Continue from a checkpoint (throws a plain-words RangeError when it does not fit this network, data or config). */
  restore(cp: TrainerCheckpoint): void {
    if (cp.version !== TRAINER_CHECKPOINT_VERSION) throw new RangeError(`checkpoint format v${cp.version}; this version reads v${TRAINER_CHECKPOINT_VERSION}`);
    if (!Number.isInteger(cp.step) || cp.step < 0 || cp.step > this.totalSteps) {
      throw new RangeError(`the checkpoint is at step ${cp.step}; this run has ${this.totalSteps} steps`);
    }
    // Check everything first, so that a checkpoint that does not fit changes nothing.
    this.net.params.checkSnapshot(cp.params);
    this.optimizer.checkState(cp.optimizer);
    const before = this.source.save();
    this.source.restore(cp.source);
    try {
      if (cp.recal) new BatchSource(this.data.dataset, this.data.split.train, this.cfg.batchSize, rngStream(this.cfg.seed, 'bn-recalibrate')).restore(cp.recal);
    } catch (e) {
      this.source.restore(before);
      throw e;
    }
    this.net.params.load(cp.params);
    this.optimizer.loadState(cp.optimizer);
    if (cp.recal) {
      this.recalSource ??= new BatchSource(this.data.dataset, this.data.split.train, this.cfg.batchSize, rngStream(this.cfg.seed, 'bn-recalibrate'));
      this.recalSource.restore(cp.recal);
    }
    this.divergence.restore(cp.divergence);
    this.stepIndex = cp.step;
  }

  /** Free the optimizer state (the network belongs to the caller). */
  dispose(): void {
    this.optimizer.dispose();
  }
}
