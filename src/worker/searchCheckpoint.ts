/**
 * A search's checkpoints in the worker (issue 16 §1): after a step that ends an epoch, or when 20 s have passed since
 * the last one (Train's cadence), the run's state (MethodRun.checkpoint) goes out as a `search/checkpoint` event in
 * core/runs/searchCheckpointFile bytes; `search/start { resume }` reads such bytes back. Nothing here runs on a step
 * that is not due, so the training step itself gains no read-back.
 */
import type { LatencyProfile } from '../core/latency/profileSchema';
import type { SearchResumeMeta } from '../core/runs/searchResume';
import { decodeSearchCheckpoint, encodeSearchCheckpoint, type SearchCheckpointFile } from '../core/runs/searchCheckpointFile';
import type { MethodCheckpoint, MethodRun } from '../methods/runTypes';
import type { WorkerContext } from './context';
import type { StepReport } from './runLoop';

/** At most this long between two checkpoints of a running search (as for Train). */
export const SEARCH_CHECKPOINT_MS = 20_000;

export class SearchCheckpointPoster {
  private lastAt: number;
  private lastEpoch: number;
  /** A failed checkpoint was reported (once per run: a failure tends to repeat). */
  private warned = false;
  private readonly t0: number;

  constructor(
    private readonly runId: string,
    private readonly method: string,
    private readonly config: Record<string, unknown>,
    private readonly run: MethodRun<unknown>,
    private readonly ctx: Pick<WorkerContext, 'post'>,
    private readonly meta: Omit<SearchResumeMeta, 'wallSeconds' | 'kind' | 'runId'>,
    /** Wall time before a resume, and the epoch it resumed in. */
    readonly wallBefore = 0,
    startEpoch = 0,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastEpoch = startEpoch;
    this.lastAt = now();
    this.t0 = now();
  }

  wallSeconds(): number {
    return this.wallBefore + (this.now() - this.t0) / 1000;
  }

  /** Post a checkpoint when one is due after this step (not after the last one: the run then finishes). */
  async afterStep(r: StepReport, totalSteps: number): Promise<boolean> {
    const epoch = r.epoch ?? 0;
    const epochEnd = epoch > this.lastEpoch;
    this.lastEpoch = Math.max(this.lastEpoch, epoch);
    if (!this.run.checkpoint || r.done >= totalSteps || !(epochEnd || this.now() - this.lastAt > SEARCH_CHECKPOINT_MS)) return false;
    this.lastAt = this.now();
    let cp: MethodCheckpoint;
    try {
      cp = await this.run.checkpoint();
    } catch (e) {
      // A checkpoint that cannot be made must not end the run it protects: say so once, and train on.
      if (!this.warned) {
        this.warned = true;
        const why = e instanceof Error ? e.message : String(e);
        this.ctx.post({ type: 'error', scope: 'checkpoint', message: `The search's checkpoint after step ${r.done} could not be made (${why}). The search goes on; a reload would resume from its last saved checkpoint, if any.` });
      }
      return false;
    }
    const meta: SearchResumeMeta = { kind: 'search', runId: this.runId, ...this.meta, wallSeconds: this.wallSeconds() };
    const bytes = encodeSearchCheckpoint<SearchResumeMeta>({ method: this.method, config: this.config, done: cp.done, state: cp.state, meta });
    this.ctx.post({ type: 'search/checkpoint', runId: this.runId, method: this.method, step: cp.done, totalSteps, bytes }, [bytes.buffer]);
    return true;
  }
}

/** The checkpoint a `search/start { resume }` carries, checked to be one of `method` (throws in plain words). */
export function resumeCheckpoint(bytes: Uint8Array, method: string, profile: LatencyProfile | null): SearchCheckpointFile<SearchResumeMeta> & { profile: LatencyProfile | null } {
  const file = decodeSearchCheckpoint<SearchResumeMeta>(bytes, 'The saved checkpoint');
  if (file.method !== method) throw new Error(`The saved checkpoint is one of ${file.method}, not of ${method}.`);
  return { ...file, profile: file.meta?.profile ?? profile };
}
