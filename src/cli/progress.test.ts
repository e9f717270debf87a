import { describe, expect, it } from 'vitest';
import { ProgressTicker } from './progress';

describe('ProgressTicker', () => {
  it('prints at most one line per interval, with elapsed time and the time left at the pace so far', () => {
    let now = 1000;
    const p = new ProgressTicker(100, 60_000, () => now);
    now += 30_000;
    expect(p.tick(10)).toBeNull(); // interval not reached
    now += 30_000;
    expect(p.tick(20, 'MACs 5.2 M')).toBe('[20/100] 1 min 0 s elapsed, about 4 min 0 s left · MACs 5.2 M');
    now += 10_000;
    expect(p.tick(25)).toBeNull(); // 10 s after the last line
    now += 60_000;
    expect(p.tick(50)).toBe('[50/100] 2 min 10 s elapsed, about 2 min 10 s left');
    now += 120_000;
    expect(p.tick(100)).toBeNull(); // finished: the caller prints its own summary
  });

  it('after a resume, paces the time left by the units done since, not by the units in the checkpoint', () => {
    let now = 0;
    const p = new ProgressTicker(1000, 60_000, () => now);
    now += 5_000; // loading the checkpoint
    p.resumedAt(400);
    now += 30_000;
    expect(p.tick(405)).toBeNull(); // the interval counts from the resume
    now += 30_000;
    // 10 units in 60 s, 590 to go: 59 min (counting the 400 checkpointed units as this process's would say 1 min 26 s).
    expect(p.tick(410)).toBe('[410/1000] 1 min 0 s elapsed since the resume at 400, about 59 min 0 s left');
  });
});
