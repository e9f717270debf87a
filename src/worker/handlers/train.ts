/**
 * `train/start`: train the hand-designed baseline (core/skeleton) on the loaded dataset, driven by the run loop.
 * Validation after every epoch, test once at the end; loss / lr / images-per-second stream in throttled snapshots.
 */
import type { ArchSpec } from '../../core/archspec';
import { archCosts, validateArchSpec } from '../../core/costs';
import { recipeOf, TRAIN_GROUP } from '../../core/trainSettings';
import { validateConfig } from '../../core/settings/group';
import { rngStream } from '../../core/rng';
import { baselineSpec } from '../../core/skeleton';
import { buildNetwork, type Network } from '../../engine/network';
import { Trainer } from '../../engine/trainer';
import type { WorkerContext } from '../context';
import type { TrainSettings } from '../protocol';
import type { HandlerTable } from '../registry';
import type { Job, Outgoing, PrepareProgress, StepReport } from '../runLoop';
import { precompileWithLog } from './precompile';
import { limitTrain } from '../../data/split';
import { ensureBackend } from './backend';
import { buildRecord } from '../../core/method/buildRecord';
import { runCard } from '../../core/method/card';
import type { HistoryRow } from '../../core/method/resultRecord';
import { forgetResult, setResult } from '../resultSlot';
import { workerHost } from './search';
import { encodeCheckpoint, decodeCheckpoint } from '../../core/runs/checkpointFile';
import type { TrainerCheckpoint } from '../../engine/trainer';
import { resumeMetaProblem, type TrainResumeMeta } from '../../core/runs/trainResume';

/** Checkpoints go out after every epoch and, within an epoch, at most this often (ms). */
const CHECKPOINT_MS = 20_000;

/** A training run as a RunLoop job. Its network is `owner`'s exportable result; a finished run keeps it as such. */
export class TrainJob implements Job {
  readonly kind = 'train';
  readonly totalSteps: number;
  readonly totalEpochs: number;
  private finished = false;
  private readonly t0 = performance.now();
  private readonly history: HistoryRow[] = [];
  private epochLoss = 0;
  private epochSteps = 0;
  private lastVal: number | null = null;
  /** Wall time of the run before it was resumed (from its checkpoint). */
  private wallBefore = 0;
  private lastCheckpoint = performance.now();
  private steps: number[] = [];
  private loss: number[] = [];
  private lr: number[] = [];
  private ips: number[] = [];

  constructor(
    private readonly runId: string,
    readonly trainer: Trainer,
    private readonly ctx: WorkerContext,
    private readonly owner = 'train',
    private readonly settings: Record<string, unknown> = {},
    resumed?: TrainResumeMeta,
  ) {
    if (resumed) {
      this.history.push(...resumed.history);
      this.lastVal = resumed.lastVal;
      this.epochLoss = resumed.epochLoss;
      this.epochSteps = resumed.epochSteps;
      this.wallBefore = resumed.wallSeconds;
    }
    this.totalSteps = trainer.totalSteps;
    this.totalEpochs = trainer.cfg.epochs;
    setResult(ctx, owner, trainer.net, () => trainer.stepIndex, false);
  }

  /** Issue 15 §5: compile the first step's GPU programs, in parallel and with progress (a no-op off WebGPU). */
  async prepare(report: (p: PrepareProgress) => void): Promise<void> {
    await precompileWithLog(this.trainer, report);
  }

  async step(): Promise<StepReport> {
    const info = await this.trainer.trainStep();
    const done = this.trainer.stepIndex;
    this.steps.push(done);
    this.loss.push(info.loss);
    this.lr.push(info.lr);
    this.ips.push(info.ms > 0 ? info.images / (info.ms / 1000) : Number.NaN);
    this.epochLoss += info.loss;
    this.epochSteps++;
    if (done % this.trainer.stepsPerEpoch === 0) {
      const epoch = done / this.trainer.stepsPerEpoch;
      const val = await this.trainer.evaluate('val');
      this.ctx.post({ type: 'train/epoch', runId: this.runId, epoch, valAcc: val.accuracy, valLoss: val.loss });
      this.history.push({ epoch, loss: this.epochLoss / Math.max(1, this.epochSteps), valAccuracy: val.accuracy, valLoss: val.loss });
      this.lastVal = val.accuracy;
      this.epochLoss = 0;
      this.epochSteps = 0;
      if (done < this.totalSteps) await this.postCheckpoint();
    } else if (performance.now() - this.lastCheckpoint > CHECKPOINT_MS) await this.postCheckpoint();
    return { done, epoch: Math.floor(done / this.trainer.stepsPerEpoch) };
  }

  /** The run's training state as a `train/checkpoint` event (only the 'train' owner's runs: the Train screen resumes). */
  private async postCheckpoint(): Promise<void> {
    this.lastCheckpoint = performance.now();
    if (this.owner !== 'train') return;
    const meta: TrainResumeMeta = {
      kind: 'train',
      runId: this.runId,
      spec: this.trainer.net.spec,
      settings: this.settings,
      dataset: { name: this.trainer.data.dataset.name, n: this.trainer.data.dataset.n },
      history: this.history.slice(),
      lastVal: this.lastVal,
      epochLoss: this.epochLoss,
      epochSteps: this.epochSteps,
      wallSeconds: this.wallSeconds(),
    };
    const bytes = encodeCheckpoint({ checkpoint: await this.trainer.checkpoint(), meta });
    this.ctx.post({ type: 'train/checkpoint', runId: this.runId, step: this.trainer.stepIndex, totalSteps: this.totalSteps, bytes }, [bytes.buffer]);
  }

  private wallSeconds(): number {
    return this.wallBefore + (performance.now() - this.t0) / 1000;
  }

  snapshot(): Outgoing | null {
    if (this.steps.length === 0) return null;
    const steps = Float64Array.from(this.steps);
    const loss = Float32Array.from(this.loss);
    const lr = Float32Array.from(this.lr);
    const ips = Float32Array.from(this.ips);
    this.steps = [];
    this.loss = [];
    this.lr = [];
    this.ips = [];
    return {
      event: { type: 'train/points', runId: this.runId, steps, loss, lr, ips },
      transfer: [steps.buffer, loss.buffer, lr.buffer, ips.buffer],
    };
  }

  async finish(): Promise<void> {
    const test = await this.trainer.evaluate('test');
    this.ctx.post({ type: 'train/test', runId: this.runId, acc: test.accuracy, loss: test.loss });
    this.finished = true;
    setResult(this.ctx, this.owner, this.trainer.net, () => this.trainer.stepIndex, true);
    const card = runCard(workerHost(this.ctx), this.settings, { trainImages: this.trainer.data.split.train.length, wallSeconds: this.wallSeconds() });
    const record = buildRecord({
      runId: this.runId,
      method: this.owner,
      label: this.owner === 'train' ? 'Train (hand-designed baseline)' : `Trained from scratch (${this.owner})`,
      card,
      archSpec: this.trainer.net.spec,
      valAccuracy: this.lastVal,
      testAccuracy: test.accuracy,
      history: this.history,
      profile: null,
    });
    this.ctx.post({ type: 'train/final', runId: this.runId, record });
  }

  dispose(): void {
    this.trainer.dispose();
    if (this.finished) return; // the network stays the owner's exportable result
    forgetResult(this.ctx, this.owner, this.trainer.net);
    this.trainer.net.dispose();
  }
}

function startTraining(ctx: WorkerContext, req: { runId: string; settings: TrainSettings; paused?: boolean; spec?: ArchSpec; owner?: string; resume?: Uint8Array; paceMs?: number }) {
  const data = ctx.data;
  if (!data) throw new Error('No dataset is loaded yet: load the built-in MNIST or your own files first.');
  const { dataset } = data;
  const file = req.resume ? decodeCheckpoint<TrainResumeMeta, TrainerCheckpoint>(req.resume, 'the saved checkpoint') : null;
  if (file) {
    const why = resumeMetaProblem(file.meta, dataset);
    if (why) throw new Error(why);
    req = { ...req, settings: file.meta.settings as unknown as TrainSettings, spec: file.meta.spec, owner: 'train' };
  }
  // The request crossed a trust boundary (any screen, a saved run, a resume file): every field in range, as a search's.
  const s = validateConfig(TRAIN_GROUP, req.settings);
  const input = { height: dataset.height, width: dataset.width, channels: dataset.channels };
  const spec = req.spec ? validateArchSpec(req.spec) : baselineSpec({ width: s.width, tiny: s.tiny, input, numClasses: dataset.numClasses });
  if (spec.input.height !== input.height || spec.input.width !== input.width || spec.input.channels !== input.channels || spec.numClasses !== dataset.numClasses) {
    throw new Error(`This architecture expects ${spec.input.height}×${spec.input.width}×${spec.input.channels} inputs and ${spec.numClasses} classes; the loaded data has ${input.height}×${input.width}×${input.channels} and ${dataset.numClasses}.`);
  }
  if (!file) spec.meta = { ...spec.meta, seed: s.seed, dataset: dataset.name };
  const costs = archCosts(spec);
  const split = limitTrain(data.split, s.trainLimit);
  ctx.loop.control('reset'); // free the previous job before building a network
  let net: Network | null = buildNetwork(spec, rngStream(s.seed, 'init'));
  try {
    const trainer = new Trainer(net, { dataset, split }, recipeOf(s));
    try {
      if (file) trainer.restore(file.checkpoint);
    } catch (e) {
      trainer.dispose();
      throw e;
    }
    const job = new TrainJob(req.runId, trainer, ctx, req.owner ?? 'train', { ...s }, file?.meta);
    net = null;
    ctx.loop.start(req.runId, job, req.paused ?? false);
    ctx.loop.setPace(req.paceMs ?? 0);
    return { spec, macs: costs.macs, params: costs.params, totalSteps: trainer.totalSteps, stepsPerEpoch: trainer.stepsPerEpoch, startStep: trainer.stepIndex };
  } finally {
    net?.dispose(); // only when the Trainer could not be built (e.g. batch larger than the training set)
  }
}

export const trainHandlers: HandlerTable = {
  'train/start': async (req, ctx) => {
    await ensureBackend(ctx);
    return startTraining(ctx, req);
  },
  'run/control': (req, ctx) => ({ state: ctx.loop.control(req.action) }),
};
