/**
 * The device latency profiler in the worker: `profile/start` runs a ProfileSession as a RunLoop job (progress, ETA,
 * pause, cancel), `profile/collect` returns what was measured so far (a cancelled run keeps its measurements),
 * `page/visibility` receives the page's visibility from the main thread (no `document` in a worker).
 */
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { deviceCard } from '../../engine/latency/device';
import { ProfileSession } from '../../engine/latency/session';
import { withGpuOnly } from '../../engine/latency/timing';
import { yieldToEvents, type WorkerContext } from '../context';
import type { HandlerTable } from '../registry';
import type { Job, Outgoing, StepReport } from '../runLoop';
import { absoluteTime, VisibilityLog } from '../visibility';
import { ensureBackend } from './backend';

const VIS_KEY = 'profiler/visibility';
const JOB_KEY = 'profiler/job';

function visibility(ctx: WorkerContext): VisibilityLog {
  let v = ctx.extras.get(VIS_KEY) as VisibilityLog | undefined;
  if (!v) {
    v = new VisibilityLog();
    ctx.extras.set(VIS_KEY, v);
  }
  return v;
}

/** A profiling run as a RunLoop job: one step = one warm-up or one sample. */
export class ProfileJob implements Job {
  readonly kind = 'profile';

  constructor(
    readonly runId: string,
    readonly session: ProfileSession,
    private readonly ctx: WorkerContext,
  ) {}

  /** Grows when a sample is discarded (visibility change) and shrinks when an entry fails. */
  get totalSteps(): number {
    return this.session.unitsTotal;
  }

  async step(): Promise<StepReport> {
    // WEBGPU_CPU_FORWARD is off only while a unit runs, so training between profile steps is unaffected.
    await withGpuOnly(() => this.session.step());
    return { done: this.session.unitsDone };
  }


  snapshot(): Outgoing | null {
    return { event: { type: 'profile/status', runId: this.runId, status: this.session.status() } };
  }

  finish(): Promise<void> {
    this.ctx.post({ type: 'profile/result', runId: this.runId, profile: this.session.profile() });
    return Promise.resolve();
  }

  dispose(): void {
    this.session.dispose();
    if (this.ctx.extras.get(JOB_KEY) === this) this.ctx.extras.delete(JOB_KEY);
  }
}

export const profilerHandlers: HandlerTable = {
  'profile/start': async (req, ctx) => {
    const info = await ensureBackend(ctx);
    visibility(ctx).set(req.visible, absoluteTime(performance.now()));
    const ds = ctx.data?.dataset;
    const input = ds ? { height: ds.height, width: ds.width, channels: ds.channels } : { height: 28, width: 28, channels: 1 };
    const vis = visibility(ctx);
    const session = new ProfileSession(
      {
        mode: req.mode, tiny: req.tiny, cells: req.cells === true, width: req.width, seed: req.seed, input, numClasses: ds?.numClasses ?? 10,
        id: req.runId, name: req.name,
      },
      deviceCard(info),
      {
        now: () => performance.now(),
        yieldToEvents,
        isVisibleSince: (t0) => vis.isVisibleSince(absoluteTime(t0)),
      },
    );
    const job = new ProfileJob(req.runId, session, ctx);
    ctx.extras.set(JOB_KEY, job);
    ctx.loop.start(req.runId, job);
    return { entries: session.plan.length, networks: session.status().e2e.total, totalSteps: session.unitsTotal, backend: info.backend };
  },
  'profile/collect': (req, ctx) => {
    const job = ctx.extras.get(JOB_KEY) as ProfileJob | undefined;
    const profile: LatencyProfile | null = job && job.runId === req.runId ? job.session.profile() : null;
    return { profile };
  },
  'page/visibility': (req, ctx) => {
    visibility(ctx).set(req.visible, req.at);
    return { ok: true as const };
  },
};
