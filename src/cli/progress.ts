/**
 * Periodic progress lines for long CLI runs (the default presets take an hour or more on a CPU): at most one line per
 * interval, with elapsed time and the time left at the average pace so far (an estimate: AtomNAS steps get cheaper as
 * the network shrinks, so it errs long).
 */
import { duration } from '../core/duration';

export class ProgressTicker {
  private readonly t0: number;
  private last: number;

  constructor(
    private readonly total: number,
    private readonly everyMs = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.t0 = now();
    this.last = this.t0;
  }

  /** A line such as "[120/625] 16 min 2 s elapsed, about 1 h 7 min left · MACs 5.2 M" when one is due, else null. */
  tick(done: number, detail = ''): string | null {
    const t = this.now();
    if (t - this.last < this.everyMs || done <= 0 || done >= this.total) return null;
    this.last = t;
    const elapsed = t - this.t0;
    const left = (elapsed * (this.total - done)) / done;
    return `[${done}/${this.total}] ${duration(elapsed)} elapsed, about ${duration(left)} left${detail ? ` · ${detail}` : ''}`;
  }
}
