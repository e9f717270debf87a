/**
 * `padnas/start`: a PAD-NAS search driven by the generic run loop (pause / step / cancel, throttled snapshots). When
 * it finishes, the found architecture's stand-alone-trained network becomes the exportable model.
 */
import { archCosts } from '../../core/costs';
import { extremeGenotypes, genotypeSpec } from '../../core/padnas/ops';
import { createPadNasRun } from '../../methods/padnas/method';
import type { PadNasRun } from '../../methods/padnas/run';
import type { WorkerContext } from '../context';
import type { HandlerTable } from '../registry';
import type { Job, Outgoing, StepReport } from '../runLoop';
import { dropResult, setResult } from '../resultSlot';
import { ensureBackend } from './backend';

/** A PAD-NAS run as a RunLoop job (one unit of work per step: a training step or one candidate evaluation). */
export class PadNasJob implements Job {
  readonly kind = 'padnas';
  readonly totalSteps: number;
  readonly totalEpochs: number;
  private finished = false;

  constructor(
    private readonly runId: string,
    readonly run: PadNasRun,
    private readonly ctx: WorkerContext,
  ) {
    this.totalSteps = run.totalSteps;
    this.totalEpochs = run.totalEpochs;
  }

  async step(): Promise<StepReport> {
    return this.run.step();
  }

  snapshot(): Outgoing | null {
    if (this.finished) return null;
    return { event: { type: 'padnas/snapshot', runId: this.runId, snap: this.run.snapshot() } };
  }

  async finish(): Promise<void> {
    await this.run.finish();
    const out = this.snapshot();
    if (out) this.ctx.post(out.event);
    this.finished = true;
    const final = this.run.final;
    const net = this.run.releaseNetwork();
    const steps = this.run.finalSteps();
    setResult(this.ctx, 'padnas', net, () => steps, true);
    if (final) this.ctx.post({ type: 'padnas/final', runId: this.runId, final });
  }

  dispose(): void {
    this.run.dispose();
  }
}

export const padnasHandlers: HandlerTable = {
  'padnas/start': async (req, ctx) => {
    await ensureBackend(ctx);
    const data = ctx.data;
    if (!data) throw new Error('No dataset is loaded yet: load the built-in MNIST or your own files first.');
    ctx.loop.control('reset'); // free the previous job (and its tensors) before building a supernet
    dropResult(ctx, 'padnas');
    const run = createPadNasRun({ data: { dataset: data.dataset, split: data.split } }, req.settings, { profile: req.profile ?? null });
    const job = new PadNasJob(req.runId, run, ctx);
    ctx.loop.start(req.runId, job, req.paused ?? false);
    const frame = run.supernet.frame;
    // MACs of the dearest architecture of the space (a single-path supernet has no one MAC count of its own).
    const dearest = extremeGenotypes(run.fullSpace).dearest;
    return {
      spec: frame,
      macs: archCosts(genotypeSpec(dearest, run.skeleton)).macs,
      params: run.supernet.net.params.count((e) => e.trainable),
      totalSteps: run.totalSteps,
      stepsPerEpoch: run.stepsPerEpoch,
      window: run.window,
      notice: run.latency.notice,
    };
  },
};
