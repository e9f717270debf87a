/**
 * `search/start {method, config, profile}`: any registered NAS method, driven by the generic run loop (pause / step /
 * cancel, throttled snapshots with typed arrays in the transfer list). The config is checked against the method's
 * settings group before anything is built. When the run finishes, its result network becomes the method's exportable
 * result and a ResultRecord is posted (`search/final`).
 */
import { buildRecord } from '../../core/method/buildRecord';
import { runCard, type RunHost } from '../../core/method/card';
import type { RunStart } from '../../core/method/runStart';
import { validateConfig } from '../../core/settings/group';
import type { MethodDescriptor } from '../../methods/descriptor';
import { loadHostedMethod } from '../../methods/hosted';
import { getMethod } from '../../methods/registry';
import type { MethodRun } from '../../methods/runTypes';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import type { WorkerContext } from '../context';
import type { HandlerTable } from '../registry';
import type { Job, Outgoing, PrepareProgress, StepReport } from '../runLoop';
import { Trainer } from '../../engine/trainer';
import { precompileWithLog } from './precompile';
import { dropResult, setResult } from '../resultSlot';
import { ensureBackend } from './backend';
import { workerLatencyMeter } from './measure';
import { resumeCheckpoint, SearchCheckpointPoster } from '../searchCheckpoint';
import { APP_VERSION } from '../../core/appVersion';
import { describeUserAgent } from '../../core/hostDescription';

/** What the worker knows about where runs happen (the record's card). */
export function workerHost(ctx: WorkerContext): RunHost {
  const data = ctx.data;
  if (!data) throw new Error('No dataset is loaded yet: load the built-in MNIST or your own files first.');
  const s = data.summary;
  return {
    backend: ctx.backend?.backend ?? 'unknown',
    adapter: ctx.backend?.adapter ?? null,
    tfjsVersion: ctx.backend?.tfjsVersion ?? 'unknown',
    ...(typeof navigator !== 'undefined' && navigator.userAgent ? { host: describeUserAgent(navigator.userAgent) } : {}),
    ...(APP_VERSION ? { appVersion: APP_VERSION } : {}),
    dataset: { name: s.name, source: s.source, files: s.files, n: s.n, height: s.height, width: s.width, channels: s.channels, numClasses: s.numClasses },
    split: { seed: data.split.seed, train: data.split.train.length, val: data.split.val.length, test: data.split.test.length },
  };
}

/** A method's run as a RunLoop job. */
export class SearchJob implements Job {
  readonly kind: string;
  readonly totalSteps: number;
  readonly totalEpochs: number;
  private finished = false;
  private readonly t0 = performance.now();
  /** Posts `search/checkpoint` events (set by the handler; null for a method that cannot checkpoint). */
  checkpoints: SearchCheckpointPoster | null = null;
  /** The previous snapshot (its typed arrays may be transferred already: `events` reads only plain fields). */
  private prevSnap: unknown = null;

  constructor(
    private readonly runId: string,
    private readonly method: MethodDescriptor,
    private readonly config: Record<string, unknown>,
    private readonly profile: LatencyProfile | null,
    readonly run: MethodRun<unknown>,
    readonly started: RunStart,
    private readonly ctx: WorkerContext,
  ) {
    this.kind = method.id;
    this.totalSteps = started.totalSteps;
    this.totalEpochs = started.totalEpochs;
    if (run.liveNetwork) {
      // Exportable mid-run (e.g. a paused AtomNAS search): resolved at export time, owned by this job until it ends.
      const live = () => run.liveNetwork?.() ?? null;
      ctx.results.set(method.id, {
        get net() {
          const l = live();
          if (!l) throw new Error('This search has no complete network to export yet.');
          return l.net;
        },
        steps: () => live()?.steps ?? 0,
        owned: false,
      });
    }
  }

  /** Issue 15 §5: a run that trains through an engine Trainer gets its first step's GPU programs compiled first. */
  async prepare(report: (p: PrepareProgress) => void): Promise<void> {
    const trainer = (this.run as { trainer?: unknown }).trainer;
    if (trainer instanceof Trainer) await precompileWithLog(trainer, report);
  }

  async step(): Promise<StepReport> {
    const r = await this.run.step();
    await this.checkpoints?.afterStep(r, this.totalSteps);
    return r;
  }

  snapshot(): Outgoing | null {
    if (this.finished) return null;
    const snap = this.run.snapshot();
    const events = this.method.events(snap, this.prevSnap);
    this.prevSnap = snap;
    return { event: { type: 'search/snapshot', runId: this.runId, method: this.method.id, snap }, transfer: this.run.transferables?.(snap), events };
  }

  async finish(): Promise<void> {
    await this.run.finish();
    const out = this.snapshot(); // the last points (final evaluation) before the network changes hands
    if (out) this.ctx.post(out.event, out.transfer);
    const outcome = this.run.outcome();
    this.finished = true;
    const net = this.run.releaseNetwork();
    setResult(this.ctx, this.method.id, net, () => outcome.resultSteps, true);
    const card = runCard(workerHost(this.ctx), this.config, { trainImages: outcome.trainImages, wallSeconds: this.checkpoints?.wallSeconds() ?? (performance.now() - this.t0) / 1000 });
    const record = buildRecord({
      runId: this.runId,
      method: this.method.id,
      label: this.method.label,
      card,
      archSpec: outcome.archSpec,
      valAccuracy: outcome.valAccuracy,
      testAccuracy: outcome.testAccuracy,
      history: outcome.history,
      extras: outcome.extras,
      profile: this.profile,
    });
    this.ctx.post({ type: 'search/final', runId: this.runId, method: this.method.id, record });
  }

  dispose(): void {
    if (!this.finished && this.ctx.results.get(this.method.id)?.owned === false) this.ctx.results.delete(this.method.id);
    this.run.dispose();
  }
}

export const searchHandlers: HandlerTable = {
  'search/start': async (req, ctx) => {
    const method = getMethod(req.method);
    if (!method) throw new Error(`Unknown method "${req.method}".`);
    const resumed = req.resume ? resumeCheckpoint(req.resume, method.id, req.profile ?? null) : null;
    const config = validateConfig(method.settings, resumed?.config ?? req.config) as Record<string, unknown>;
    const profile = resumed ? resumed.profile : (req.profile ?? null);
    if (method.profile(config) === 'required' && !profile) {
      throw new Error(`${method.tab} with these settings needs a device latency profile: measure or import one on the Latency screen and choose it as the search target.`);
    }
    const backendInfo = await ensureBackend(ctx);
    const data = ctx.data;
    if (!data) throw new Error('No dataset is loaded yet: load the built-in MNIST or your own files first.');
    ctx.loop.control('reset'); // free the previous job (and its tensors) before building a new one
    dropResult(ctx, method.id);
    const mod = await method.loadRun();
    const run = mod.createRun({ data: { dataset: data.dataset, split: data.split }, profile, loadMethod: loadHostedMethod, latencyMeter: workerLatencyMeter(ctx, backendInfo) }, config);
    let started: RunStart;
    try {
      if (resumed && !run.restore) throw new Error(`${method.tab} cannot resume yet: its run has no checkpoint support. Start it again instead.`);
      started = run.start();
      if (resumed) await run.restore?.({ done: resumed.done, state: resumed.state });
    } catch (e) {
      run.dispose();
      throw e;
    }
    const job = new SearchJob(req.runId, method, config, profile, run, started, ctx);
    const ds = data.dataset;
    const epoch = resumed ? Math.floor(resumed.done / Math.max(1, started.stepsPerEpoch)) : 0;
    job.checkpoints = new SearchCheckpointPoster(req.runId, method.id, config, run, ctx, { dataset: { name: ds.name, n: ds.n }, profile }, resumed?.meta.wallSeconds ?? 0, epoch);
    ctx.loop.start(req.runId, job, req.paused ?? false);
    ctx.loop.setPace(req.paceMs ?? 0);
    return resumed ? { ...started, startStep: resumed.done } : started;
  },
  'run/pace': (req, ctx) => {
    ctx.loop.setPace(req.ms);
    return { ms: ctx.loop.pace };
  },
};
