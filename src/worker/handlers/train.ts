/**
 * `train/start`: train the hand-designed baseline (core/skeleton) on the loaded dataset, driven by the run loop.
 * Validation after every epoch, test once at the end; loss / lr / images-per-second stream in throttled snapshots.
 */
import { archCosts } from '../../core/costs';
import { rngStream } from '../../core/rng';
import { baselineSpec } from '../../core/skeleton';
import { buildNetwork, type Network } from '../../engine/network';
import { Trainer } from '../../engine/trainer';
import type { WorkerContext } from '../context';
import type { TrainSettings } from '../protocol';
import type { HandlerTable } from '../registry';
import type { Job, Outgoing, StepReport } from '../runLoop';
import { limitTrain } from '../../data/split';
import { ensureBackend } from './backend';

/** A training run as a RunLoop job. */
export class TrainJob implements Job {
  readonly kind = 'train';
  readonly totalSteps: number;
  readonly totalEpochs: number;
  private steps: number[] = [];
  private loss: number[] = [];
  private lr: number[] = [];
  private ips: number[] = [];

  constructor(
    private readonly runId: string,
    readonly trainer: Trainer,
    private readonly ctx: WorkerContext,
  ) {
    this.totalSteps = trainer.totalSteps;
    this.totalEpochs = trainer.cfg.epochs;
  }

  async step(): Promise<StepReport> {
    const info = await this.trainer.trainStep();
    const done = this.trainer.stepIndex;
    this.steps.push(done);
    this.loss.push(info.loss);
    this.lr.push(info.lr);
    this.ips.push(info.ms > 0 ? info.images / (info.ms / 1000) : Number.NaN);
    if (done % this.trainer.stepsPerEpoch === 0) {
      const epoch = done / this.trainer.stepsPerEpoch;
      const val = await this.trainer.evaluate('val');
      this.ctx.post({ type: 'train/epoch', runId: this.runId, epoch, valAcc: val.accuracy, valLoss: val.loss });
    }
    return { done, epoch: Math.floor(done / this.trainer.stepsPerEpoch) };
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
  }

  dispose(): void {
    this.trainer.dispose();
    if (this.ctx.model?.net === this.trainer.net) this.ctx.model = null;
    this.trainer.net.dispose();
  }
}

function startTraining(ctx: WorkerContext, runId: string, s: TrainSettings, paused: boolean) {
  const data = ctx.data;
  if (!data) throw new Error('No dataset is loaded yet: load the built-in MNIST or your own files first.');
  const { dataset } = data;
  const spec = baselineSpec({
    width: s.width,
    tiny: s.tiny,
    input: { height: dataset.height, width: dataset.width, channels: dataset.channels },
    numClasses: dataset.numClasses,
  });
  spec.meta = { ...spec.meta, seed: s.seed, dataset: dataset.name };
  const costs = archCosts(spec);
  const split = limitTrain(data.split, s.trainLimit);
  let net: Network | null = buildNetwork(spec, rngStream(s.seed, 'init'));
  try {
    const trainer = new Trainer(net, { dataset, split }, {
      epochs: s.epochs,
      batchSize: s.batchSize,
      lr: s.lr,
      optimizer: s.optimizer,
      schedule: s.schedule,
      weightDecay: s.weightDecay,
      labelSmoothing: s.labelSmoothing,
      seed: s.seed,
    });
    const job = new TrainJob(runId, trainer, ctx);
    const trained = net;
    net = null;
    ctx.loop.start(runId, job, paused);
    ctx.model = { net: trained, steps: () => trainer.stepIndex };
    return { spec, macs: costs.macs, params: costs.params, totalSteps: trainer.totalSteps, stepsPerEpoch: trainer.stepsPerEpoch };
  } finally {
    net?.dispose(); // only when the Trainer could not be built (e.g. batch larger than the training set)
  }
}

export const trainHandlers: HandlerTable = {
  'train/start': async (req, ctx) => {
    await ensureBackend(ctx);
    return startTraining(ctx, req.runId, req.settings, req.paused ?? false);
  },
  'run/control': (req, ctx) => ({ state: ctx.loop.control(req.action) }),
};
