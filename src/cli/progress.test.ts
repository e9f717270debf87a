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

describe('ProgressTicker with finer work (units of very different cost)', () => {
  it('paces the time left by the work, not the units: 700 cheap units done, 100 dear ones to go', () => {
    let now = 0;
    const p = new ProgressTicker(800, 60_000, () => now);
    // 700 evolution units of 1 work each in 700 s, then 100 payoff units of 60 work each: 6,700 work in all.
    for (let u = 1; u <= 700; u++) {
      now += 1_000;
      p.tick(u, '', { done: u, total: 6_700 });
    }
    now += 60_000;
    const line = p.tick(701, '', { done: 760, total: 6_700 });
    // 760 work in 760 s: 5,940 to go, 1 h 39 min (by units: 99 units at 1.08 s, under 2 min).
    expect(line).toBe('[701/800] 12 min 40 s elapsed, about 1 h 39 min left');
  });

  it('after a resume, paces by the work done since the first report of this process', () => {
    let now = 0;
    const p = new ProgressTicker(100, 60_000, () => now);
    p.resumedAt(50);
    now += 1_000;
    expect(p.tick(51, '', { done: 5_000, total: 10_000 })).toBeNull(); // the baseline: 5,000 work already done
    now += 59_000;
    // 100 work in 59 s since the baseline: 4,900 to go, 48 min 11 s (the units alone would say 24 min).
    expect(p.tick(52, '', { done: 5_100, total: 10_000 })).toBe('[52/100] 1 min 0 s elapsed since the resume at 50, about 48 min 11 s left');
  });

  it('says the time left as a most while the work left is only bounded, then as an estimate', () => {
    let now = 0;
    const p = new ProgressTicker(1_000, 60_000, () => now);
    now += 60_000;
    expect(p.tick(10, '', { done: 10, total: 100, atMost: true })).toBe('[10/1000] 1 min 0 s elapsed, up to about 9 min 0 s left');
    now += 60_000;
    expect(p.tick(20, '', { done: 20, total: 40 })).toBe('[20/1000] 2 min 0 s elapsed, about 2 min 0 s left');
  });
});
