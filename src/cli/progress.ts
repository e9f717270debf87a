/**
 * Periodic progress lines for long CLI runs (the default presets take an hour or more on a CPU): at most one line per
 * interval, with elapsed time and the time left at the average pace so far (an estimate: AtomNAS steps get cheaper as
 * the network shrinks, so it errs long), by units of work, or by the finer work a method reports where its units
 * differ in cost.
 */
import { duration, timeLeft } from '../core/duration';
import type { WorkProgress } from '../methods/runTypes';

export class ProgressTicker {
  private t0: number;
  private last: number;
  /** Units already done when this process took over (a resumed run): the pace counts only the units since. */
  private base = 0;
  /**
   * Where a method reports finer work (MethodStep.work: AutoSpace-style's payoff units are dozens of steps each), the
   * time left is paced by it from this point: 0 at the start; after a resume, the first work reported.
   */
  private workBase: { done: number; t: number } | null;

  constructor(
    private readonly total: number,
    private readonly everyMs = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.t0 = now();
    this.last = this.t0;
    this.workBase = { done: 0, t: this.t0 };
  }

  /**
   * The run continues from a checkpoint at `done` units: from now on the pace is (time since this call) ÷ (units
   * since `done`). Counting the units done before, in an earlier process, made the time left far too short.
   */
  resumedAt(done: number): void {
    this.base = Math.max(0, done);
    this.t0 = this.now();
    this.last = this.t0;
    this.workBase = null;
  }

  /**
   * A line such as "[120/625] 16 min 2 s elapsed, about 1 h 7 min left · MACs 5.2 M" when one is due, else null. Call
   * it after every unit; `work` (when the method reports it) paces the time left instead of the units, and where its
   * total is only a most (`atMost`) the line says "up to about … left".
   */
  tick(done: number, detail = '', work?: WorkProgress): string | null {
    const t = this.now();
    if (work && !this.workBase) this.workBase = { done: work.done, t };
    const since = done - this.base;
    if (t - this.last < this.everyMs || since <= 0 || done >= this.total) return null;
    this.last = t;
    const elapsed = t - this.t0;
    const wb = this.workBase;
    const left =
      work && wb && work.done > wb.done ? ((t - wb.t) * Math.max(0, work.total - work.done)) / (work.done - wb.done) : (elapsed * (this.total - done)) / since;
    const resumed = this.base > 0 ? ` since the resume at ${this.base}` : '';
    return `[${done}/${this.total}] ${duration(elapsed)} elapsed${resumed}, ${timeLeft(left, work?.atMost === true)}${detail ? ` · ${detail}` : ''}`;
  }
}
