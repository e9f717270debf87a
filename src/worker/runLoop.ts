/**
 * Generic run controller for long jobs in the worker (training, searches, profiling).
 *
 * start / pause / resume / step (one step while paused) / next-event (steps until a snapshot brings one of the job's
 * key moments, then pauses) / cancel / reset. Progress with ETA and snapshots are throttled (SnapshotThrottle) so the
 * job runs at full speed whatever the main thread does with them; `setPace(ms)` slows a run down (a wait between
 * steps, every step's snapshot posted) so a learner can watch it.
 * A divergence (classified by `isDivergence`, e.g. engine's DivergenceError) pauses the run and posts 'diverged';
 * any other error posts an 'error' event and ends the run.
 *
 * No tfjs here: the job object does the work, the host posts messages. That keeps this file unit-testable in Node.
 */
import type { RunAction, RunState, WorkerEvent } from './protocol';
import { EtaEstimator, SnapshotThrottle } from './throttle';

/** A message the job wants posted, with the buffers to transfer (not copy). */
export interface Outgoing {
  event: WorkerEvent;
  transfer?: Transferable[];
  /** The key moments this snapshot brings, in plain words (a method's `events`); posted as 'run/event'. */
  events?: string[];
}

/** Where the job stands after a step. */
export interface StepReport {
  /** Steps completed so far (1 after the first step). */
  done: number;
  epoch?: number;
  /** Finer work where steps differ much in cost (MethodStep.work): it paces the time left instead of the steps. */
  work?: { done: number; total: number; atMost?: boolean };
}

/**
 * The work one step did, for the time left: one step; or the finer work's difference, counted from 0 at a fresh
 * start; NaN (its time counted as elapsed, not in the pace) where the finer work first appears later or the job was
 * resumed (the loop's first report is then the checkpoint's unit + 1, with all the work before it).
 */
export function stepWork(before: StepReport, after: StepReport): number {
  if (!after.work) return 1;
  if (before.work) return Math.max(0, after.work.done - before.work.done);
  return before.done === 0 && after.done === 1 ? after.work.done : Number.NaN;
}

/** The unit of work a RunLoop drives. */
export interface Job {
  /** Short name shown in progress ("train", "atomnas", "profile"…). */
  readonly kind: string;
  readonly totalSteps: number;
  readonly totalEpochs?: number;
  /** Do one step of work. Throws on failure (a divergence error pauses the run). */
  step(): Promise<StepReport>;
  /** Drain buffered high-frequency data into a message; null when there is nothing new. */
  snapshot(): Outgoing | null;
  /** Called once after the last step (e.g. the final test evaluation). */
  finish?(): Promise<void>;
  /**
   * Called once before the job's first step (issue 15 §5: compile the step's GPU programs, reporting n of m); the run
   * loop shows it as `preparing` progress. A failure here fails the run like a step's would.
   */
  prepare?(report: (p: PrepareProgress) => void): Promise<void>;
  /** Free resources. Called on reset, on replacement by a new job, never while a step runs. */
  dispose?(): void;
}

/** Work done before the first step (GPU programs prepared so far out of all). */
export interface PrepareProgress {
  done: number;
  total: number;
}

export interface LoopHost {
  post(out: Outgoing): void;
  now(): number;
  /** Let queued messages (pause, cancel) be handled between steps. */
  yieldToEvents(): Promise<void>;
  /** Wait `ms` between steps of a slowed-down run (default: setTimeout). */
  sleep?(ms: number): Promise<void>;
  /** True for errors that mean "the numbers blew up" (NaN/Inf loss). */
  isDivergence(err: unknown): boolean;
}

export interface LoopOptions {
  minIntervalMs?: number;
  minSteps?: number;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class RunLoop {
  private job: Job | null = null;
  private runId = '';
  private current: RunState = 'idle';
  private busy = false;
  private disposePending = false;
  private pauseAnnouncePending = false;
  private lastReport: StepReport = { done: 0 };
  /** A Step (one unit while paused) is in progress, over one or more of the job's steps. */
  private steppingUnit = false;
  /** next-event: run until a snapshot brings an event, then pause. */
  private seeking = false;
  /** A loop is driving the job (also while it waits between steps). */
  private driving = false;
  private paceMs = 0;
  private wake: (() => void) | null = null;
  private readonly throttle: SnapshotThrottle;
  private readonly eta = new EtaEstimator();
  /** The job's prepare() has been called (reset by start). */
  private prepared = false;
  /** Progress of a prepare() in flight, posted with run/progress. */
  private preparing: PrepareProgress | null = null;

  constructor(
    private readonly host: LoopHost,
    opts: LoopOptions = {},
  ) {
    this.throttle = new SnapshotThrottle(opts.minIntervalMs ?? 75, opts.minSteps ?? 1);
  }

  get state(): RunState {
    return this.current;
  }

  get activeRunId(): string {
    return this.runId;
  }

  /** The job of the current run, if any (e.g. for export after a run finished). */
  get activeJob(): Job | null {
    return this.job;
  }

  /** Milliseconds waited between steps (0: full speed). */
  get pace(): number {
    return this.paceMs;
  }

  /** Slow the run down: wait `ms` between steps and post every step's snapshot (0: full speed). */
  setPace(ms: number): void {
    this.paceMs = Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
    this.wakeUp();
  }

  /** Replace any previous job and run the new one (running, or paused when `paused`), at full speed. */
  start(runId: string, job: Job, paused = false): void {
    this.dropJob();
    this.job = job;
    this.runId = runId;
    this.seeking = false;
    this.setPace(0);
    this.lastReport = { done: 0 };
    this.prepared = false;
    this.preparing = null;
    this.throttle.reset();
    this.eta.reset();
    this.setState(paused ? 'paused' : 'running');
    this.postProgress();
    if (!paused) void this.drive();
  }

  /** Apply a control action; returns the state afterwards. */
  control(action: RunAction): RunState {
    this.wakeUp();
    if (action !== 'next-event') this.seeking = false;
    switch (action) {
      case 'pause':
        if (this.current === 'running') {
          // With a step in flight, announce 'paused' once it has finished: then the numbers shown are final.
          if (this.busy) {
            this.current = 'paused';
            this.pauseAnnouncePending = true;
          } else this.setState('paused');
        }
        break;
      case 'resume':
        if (this.current === 'paused') {
          this.setState('running');
          void this.drive();
        }
        break;
      case 'step':
        if (this.current === 'paused' && !this.busy && !this.steppingUnit) void this.stepWhilePaused();
        break;
      case 'next-event':
        if (this.current === 'paused' && !this.busy && this.job) {
          this.seeking = true;
          this.setState('running');
          void this.drive();
        }
        break;
      case 'cancel':
        if (this.current === 'running' || this.current === 'paused' || this.current === 'diverged') {
          this.setState('cancelled');
        }
        break;
      case 'reset':
        if (this.job) {
          if (this.current !== 'idle') this.setState('idle');
          this.dropJob();
        }
        break;
    }
    return this.current;
  }

  private setState(state: RunState, message?: string): void {
    this.current = state;
    this.pauseAnnouncePending = false;
    this.host.post({ event: { type: 'run/state', runId: this.runId, kind: this.job?.kind ?? '', state, message } });
  }

  /** Dispose the job now, or as soon as the step in flight returns. */
  private dropJob(): void {
    if (!this.job) return;
    if (this.busy) {
      this.disposePending = true;
      // The step in flight still references the job; the loop disposes it when that step returns.
      return;
    }
    this.job.dispose?.();
    this.job = null;
  }

  private async drive(): Promise<void> {
    if (this.busy || this.driving) return; // the loop already running will see the state change
    this.driving = true;
    try {
      while (this.current === 'running' && this.job) {
        const ok = await this.oneStep(this.job);
        if (!ok) break;
        if (this.current === 'running') await this.betweenSteps();
      }
    } finally {
      this.driving = false;
    }
  }

  /** Let messages in; in a slowed-down run, wait the pace first (pace changes and control actions cut it short). */
  private async betweenSteps(): Promise<void> {
    if (this.paceMs > 0) {
      const ms = this.paceMs;
      const wait = this.host.sleep ? this.host.sleep(ms) : new Promise<void>((r) => setTimeout(r, ms));
      await Promise.race([wait, new Promise<void>((r) => (this.wake = r))]);
      this.wake = null;
    }
    await this.host.yieldToEvents();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /**
   * One unit while paused. A job whose long units return part way (`done` unchanged: AutoSpace-style's payoff) is
   * stepped until its unit ends, so Step always shows a change; a cancel, reset, resume or failure in between ends it.
   */
  private async stepWhilePaused(): Promise<void> {
    const job = this.job;
    if (!job || this.steppingUnit) return;
    this.steppingUnit = true;
    try {
      const from = this.lastReport.done;
      do {
        await this.oneStep(job);
        if (this.lastReport.done !== from) return;
        await this.host.yieldToEvents();
      } while (this.job === job && this.current === 'paused' && !this.busy);
    } finally {
      this.steppingUnit = false;
    }
  }

  /** Run one step; returns false when the loop must stop. */
  private async oneStep(job: Job): Promise<boolean> {
    this.busy = true;
    try {
      if (!this.prepared && job.prepare) {
        this.prepared = true;
        try {
          await job.prepare((p) => {
            if (this.job !== job) return;
            this.preparing = { done: p.done, total: p.total };
            this.postProgress();
          });
        } finally {
          if (this.preparing) {
            this.preparing = null;
            if (this.job === job) this.postProgress();
          }
        }
        if (this.job !== job || this.disposePending || this.current === 'cancelled' || this.current === 'idle') return false;
      }
      const t0 = this.host.now();
      const before = this.lastReport;
      this.lastReport = await job.step();
      this.eta.record(this.host.now() - t0, stepWork(before, this.lastReport));
      const now = this.host.now();
      let events: string[] = [];
      if (this.job === job && (this.paceMs > 0 || this.throttle.due(now, this.lastReport.done))) events = this.flush(job, now);
      if (this.job === job && this.lastReport.done < job.totalSteps && this.seeking && this.current === 'running' && events.length) {
        this.seeking = false;
        this.setState('paused'); // next-event: stop at the first snapshot that brings one
        return false;
      }
      if (this.job === job && this.lastReport.done >= job.totalSteps) {
        this.seeking = false;
        this.flush(job, this.host.now());
        await job.finish?.();
        this.flush(job, this.host.now());
        if (this.job === job && this.current !== 'idle') this.setState('done');
        return false;
      }
      return this.current === 'running';
    } catch (err) {
      if (this.job !== job || this.disposePending) return false;
      this.flush(job, this.host.now());
      if (this.host.isDivergence(err)) {
        this.host.post({
          event: { type: 'diverged', runId: this.runId, kind: job.kind, step: this.lastReport.done, message: errorMessage(err) },
        });
        this.setState('diverged', errorMessage(err));
      } else {
        this.host.post({ event: { type: 'error', scope: job.kind, runId: this.runId, message: errorMessage(err) } });
        this.setState('error', errorMessage(err));
      }
      return false;
    } finally {
      this.busy = false;
      if (this.disposePending) {
        this.disposePending = false;
        if (this.job === job) this.job = null;
        job.dispose?.();
      } else if (this.job === job && this.current === 'paused') {
        this.flush(job, this.host.now()); // a paused run shows its latest numbers
      }
      if (this.pauseAnnouncePending) {
        this.pauseAnnouncePending = false;
        if (this.current === 'paused') this.setState('paused');
      }
    }
  }

  /** Post the job's snapshot (and 'run/event' with the key moments it brings) and progress; returns those events. */
  private flush(job: Job, now: number): string[] {
    const out = job.snapshot();
    if (out) this.host.post(out);
    const events = out?.events ?? [];
    if (events.length) {
      this.host.post({
        event: { type: 'run/event', runId: this.runId, kind: job.kind, step: this.lastReport.done, events, stopped: this.seeking && this.current === 'running' },
      });
    }
    this.postProgress();
    this.throttle.mark(now, this.lastReport.done);
    return events;
  }

  private postProgress(): void {
    const job = this.job;
    if (!job) return;
    const w = this.lastReport.work;
    const remaining = w ? w.total - w.done : job.totalSteps - this.lastReport.done;
    const eta = this.eta.etaMs(remaining);
    this.host.post({
      event: {
        type: 'run/progress',
        runId: this.runId,
        kind: job.kind,
        done: this.lastReport.done,
        total: job.totalSteps,
        epoch: this.lastReport.epoch ?? 0,
        totalEpochs: job.totalEpochs ?? 0,
        etaMs: Number.isFinite(eta) ? eta : -1,
        ...(w?.atMost ? { etaAtMost: true } : {}),
        elapsedMs: this.eta.elapsedMs,
        ...(this.preparing ? { preparing: this.preparing } : {}),
      },
    });
  }
}
