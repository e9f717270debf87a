/**
 * The page's visibility as the worker knows it. `document` and its 'visibilitychange' event do not exist in a worker,
 * so the main thread forwards each change (`page/visibility` request) with its absolute time
 * (performance.timeOrigin + performance.now(), comparable across the two threads' clocks). The latency profiler
 * discards samples that span a change: hidden tabs throttle timers and GPU work (LATENCY.md). Pure: unit-tested in Node.
 */
export class VisibilityLog {
  private visible = true;
  private lastChangeAt = Number.NEGATIVE_INFINITY;

  /** Record the page's state at absolute time `at` (ms since the epoch). */
  set(visible: boolean, at: number): void {
    if (visible !== this.visible) this.lastChangeAt = Math.max(this.lastChangeAt, at);
    this.visible = visible;
  }

  get isVisible(): boolean {
    return this.visible;
  }

  /** True when the page is visible now and has not changed visibility since absolute time `t0`. */
  isVisibleSince(t0: number): boolean {
    return this.visible && this.lastChangeAt < t0;
  }
}

/** Absolute time (ms since the epoch) of a `performance.now()` reading of this thread. */
export function absoluteTime(perfNow: number): number {
  return performance.timeOrigin + perfNow;
}
