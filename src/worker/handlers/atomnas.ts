/**
 * `atomnas/start`: an AtomNAS search driven by the generic run loop (pause / step / cancel, throttled snapshots whose
 * γ arrays travel in the transfer list). When it finishes, its result network (no retraining) becomes the exportable
 * model. `atomnas/retrain`: train the found ArchSpec from scratch with the baseline recipe, as a plain `train` job.
 */
import { archCosts, validateArchSpec } from '../../core/costs';
import { rngStream } from '../../core/rng';
import { buildNetwork } from '../../engine/network';
import { Trainer } from '../../engine/trainer';
import { createAtomNasRun } from '../../methods/atomnas/method';
import { limitTrain } from '../../data/split';
import type { AtomNasRun } from '../../methods/atomnas/run';
import { snapshotTransfer } from '../../methods/atomnas/snapshot';
import type { WorkerContext } from '../context';
import type { HandlerTable } from '../registry';
import type { Job, Outgoing, StepReport } from '../runLoop';
import { dropResult, forgetResult, setResult } from '../resultSlot';
import { ensureBackend } from './backend';
import { TrainJob } from './train';

/** An AtomNAS run as a RunLoop job. */
export class AtomNasJob implements Job {
  readonly kind = 'atomnas';
  readonly totalSteps: number;
  readonly totalEpochs: number;
  private finished = false;

  constructor(
    private readonly runId: string,
    readonly run: AtomNasRun,
    private readonly ctx: WorkerContext,
  ) {
    this.totalSteps = run.totalSteps;
    this.totalEpochs = run.totalEpochs;
  }

  async step(): Promise<StepReport> {
    const r = await this.run.step();
    return { done: r.done, epoch: Math.floor(r.done / this.run.trainer.stepsPerEpoch) }; // completed epochs, as TrainJob
  }

  snapshot(): Outgoing | null {
    if (this.finished) return null;
    const snap = this.run.snapshot();
    return { event: { type: 'atomnas/snapshot', runId: this.runId, snap }, transfer: snapshotTransfer(snap) };
  }

  async finish(): Promise<void> {
    await this.run.finish();
    // Last snapshot (with the final validation point) before the network changes hands.
    const out = this.snapshot();
    if (out) this.ctx.post(out.event, out.transfer);
    const final = this.run.final;
    this.finished = true;
    const net = this.run.releaseNetwork();
    const steps = this.run.trainer.stepIndex;
    setResult(this.ctx, 'atomnas', net, () => steps, true);
    if (final) this.ctx.post({ type: 'atomnas/final', runId: this.runId, final });
  }

  dispose(): void {
    if (!this.finished) forgetResult(this.ctx, 'atomnas', this.run.network());
    this.run.dispose();
  }
}

export const atomnasHandlers: HandlerTable = {
  'atomnas/start': async (req, ctx) => {
    await ensureBackend(ctx);
    const data = ctx.data;
    if (!data) throw new Error('No dataset is loaded yet: load the built-in MNIST or your own files first.');
    ctx.loop.control('reset'); // free the previous job (and its tensors) before building a supernet
    dropResult(ctx, 'atomnas');
    const run = createAtomNasRun({ data: { dataset: data.dataset, split: data.split } }, req.settings, { profile: req.profile ?? undefined });
    const job = new AtomNasJob(req.runId, run, ctx);
    ctx.loop.start(req.runId, job, req.paused ?? false);
    setResult(ctx, 'atomnas', run.network(), () => run.trainer.stepIndex, false);
    return {
      spec: run.net.spec,
      macs: run.supernetMacs,
      params: run.supernetParams,
      totalSteps: run.totalSteps,
      stepsPerEpoch: run.trainer.stepsPerEpoch,
    };
  },

  'atomnas/retrain': async (req, ctx) => {
    await ensureBackend(ctx);
    const data = ctx.data;
    if (!data) throw new Error('No dataset is loaded yet: load the built-in MNIST or your own files first.');
    const spec = validateArchSpec(req.spec);
    const s = req.settings;
    const split = limitTrain(data.split, s.trainLimit); // the same images the search trained on
    const net = buildNetwork(spec, rngStream(s.seed, 'init'));
    let trainer: Trainer;
    try {
      trainer = new Trainer(net, { dataset: data.dataset, split }, {
        epochs: s.epochs,
        batchSize: s.batchSize,
        lr: s.lr,
        optimizer: s.optimizer,
        schedule: s.schedule,
        weightDecay: s.weightDecay,
        labelSmoothing: s.labelSmoothing,
        seed: s.seed,
      });
    } catch (e) {
      net.dispose();
      throw e;
    }
    // The search's network stays the exportable model (ctx.model is left alone); the retrained one is a comparison.
    ctx.loop.control('reset');
    ctx.loop.start(req.runId, new TrainJob(req.runId, trainer, ctx, 'atomnas-retrain', { ...s }), req.paused ?? false);
    const c = archCosts(spec);
    return { spec, macs: c.macs, params: c.params, totalSteps: trainer.totalSteps, stepsPerEpoch: trainer.stepsPerEpoch };
  },
};
