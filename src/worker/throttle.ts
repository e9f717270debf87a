/**
 * Pacing helpers for long jobs in the worker. Pure: no tfjs, no DOM, so they are unit-tested in Node.
 */

/**
 * Decides when a snapshot may be posted: at most one per `minIntervalMs` AND at most one per `minSteps` steps
 * ("whichever comes later"), so a fast job never floods the main thread and a slow one still reports every step.
 */
export class SnapshotThrottle {
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastStep = Number.NEGATIVE_INFINITY;

  constructor(
    readonly minIntervalMs = 75,
    readonly minSteps = 1,
  ) {}

  /** True when a snapshot at time `now` (ms) after `step` completed steps would respect both limits. */
  due(now: number, step: number): boolean {
    return now - this.lastTime >= this.minIntervalMs && step - this.lastStep >= this.minSteps;
  }

  /** Record that a snapshot was posted (call after a forced snapshot too, so the next one is paced from it). */
  mark(now: number, step: number): void {
    this.lastTime = now;
    this.lastStep = step;
  }

  reset(): void {
    this.lastTime = Number.NEGATIVE_INFINITY;
    this.lastStep = Number.NEGATIVE_INFINITY;
  }
}

/**
 * Estimates time left from recent step durations only (a window), so compile time of the first steps and
 * time spent paused do not distort the estimate. A step may count for several pieces of work (a method's finer work,
 * MethodStep.work), or for none (its work is not known): the pace is the window's time over its work.
 */
export class EtaEstimator {
  private readonly samples: { ms: number; work: number }[] = [];
  private activeMs = 0;

  constructor(readonly window = 20) {}

  /** Record one step that took `ms` of active (not paused) time and did `work` pieces of work (1: one unit). */
  record(ms: number, work = 1): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.activeMs += ms;
    if (!Number.isFinite(work) || work < 0) return;
    this.samples.push({ ms, work });
    if (this.samples.length > this.window) this.samples.shift();
  }

  /** Sum of recorded step times (ms). */
  get elapsedMs(): number {
    return this.activeMs;
  }

  /** Milliseconds per piece of work over the window, or NaN before any work was recorded. */
  get meanStepMs(): number {
    let ms = 0;
    let work = 0;
    for (const s of this.samples) {
      ms += s.ms;
      work += s.work;
    }
    return work > 0 ? ms / work : Number.NaN;
  }

  /** Milliseconds left for `remaining` pieces of work; NaN while unknown. */
  etaMs(remaining: number): number {
    if (remaining <= 0) return 0;
    return this.meanStepMs * remaining;
  }

  reset(): void {
    this.samples.length = 0;
    this.activeMs = 0;
  }
}
