import { describe, expect, it } from 'vitest';
import { DivergenceError, DivergenceWatch } from './divergence';

function firstThrow(watch: DivergenceWatch, losses: number[], lr = 0.1): { at: number; err: DivergenceError } | null {
  for (let i = 0; i < losses.length; i++) {
    try {
      watch.check(i, lr, losses[i]);
    } catch (e) {
      return { at: i, err: e as DivergenceError };
    }
  }
  return null;
}

describe('DivergenceWatch', () => {
  it('stops at the first non-finite loss or objective, with advice', () => {
    const w = new DivergenceWatch({ numClasses: 10 });
    const r = firstThrow(w, [2.3, 2.1, NaN]);
    expect(r?.at).toBe(2);
    expect(r?.err).toBeInstanceOf(DivergenceError);
    expect(r?.err.reason).toBe('non-finite');
    expect(r?.err.message).toMatch(/diverged at step 2: the loss became NaN.*not applied.*Lower the learning rate.*warm-up.*another optimizer/);
    expect(() => new DivergenceWatch({ numClasses: 10 }).check(0, 0.1, 2, Infinity)).toThrow(/the loss became Infinity/);
  });

  it('stops when the loss stays above 3 × ln(classes) after warm-up for `patience` steps (Adam at lr 1: loss in the hundreds)', () => {
    const limit = 3 * Math.log(10);
    const w = new DivergenceWatch({ numClasses: 10, warmupSteps: 3, patience: 5 });
    expect(w.limit).toBeCloseTo(limit);
    // High during warm-up (not judged), one spike after it (forgiven), then a sustained blow-up.
    const losses = [50, 60, 70, 2.3, 40, 2.2, 9, 12, 8, 20, 15, 16];
    const r = firstThrow(w, losses, 1);
    expect(r?.at).toBe(10);
    expect(r?.err.reason).toBe('too-high');
    expect(r?.err.message).toMatch(/step 10: the loss stayed above 6\.91 \(3 × 2\.30, the loss of a uniform guess\) for 5 steps in a row after warm-up and is now 15\.00.*learning rate 1\.00.*Lower the learning rate \(try 0\.33\), add warm-up steps, or use another optimizer/);
  });

  it('stops after two steps far above (10 × ln(classes)): Adam at lr 1 without warm-up on the MNIST baseline', () => {
    // The per-step losses of `train --optimizer adam --lr 1 --warmup 0` (train-limit 1280): the network dies after the spike.
    const w = new DivergenceWatch({ numClasses: 10 });
    const r = firstThrow(w, [2.38, 74.28, 34.33, 5.2, 3.7, 3.68, 3.62], 1);
    expect(r?.at).toBe(2);
    expect(r?.err.message).toMatch(/stayed above 23\.03 \(10 × 2\.30.*for 2 steps in a row/);
    // One spike alone is forgiven.
    expect(firstThrow(new DivergenceWatch({ numClasses: 10 }), [2.3, 80, 3, 2.5, 2.4, 2.2])).toBeNull();
  });

  it('leaves a healthy run alone (the loss of a uniform guess and a little above)', () => {
    const w = new DivergenceWatch({ numClasses: 2 });
    expect(firstThrow(w, Array.from({ length: 200 }, (_, i) => 0.69 * (1 + 0.5 * Math.sin(i))))).toBeNull();
  });

  it('gradient norm: reference from the first checks after warm-up; 100 × above it on 2 checks in a row stops; one spike is forgiven', () => {
    const w = new DivergenceWatch({ numClasses: 10, warmupSteps: 10 });
    w.checkGradNorm(0, 0.1, 1e6); // warm-up: not judged, not part of the reference
    for (const [s, g] of [[10, 2], [20, 1], [30, 3]] as const) w.checkGradNorm(s, 0.1, g); // reference = median 2
    w.checkGradNorm(40, 0.1, 150); // 75 × : fine
    w.checkGradNorm(50, 0.1, 500); // 250 × : one check
    w.checkGradNorm(60, 0.1, 3); // back down: the count restarts
    w.checkGradNorm(70, 0.1, 500);
    let err: unknown = null;
    try {
      w.checkGradNorm(80, 0.1, 900);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as DivergenceError).reason).toBe('grad-norm');
    expect((err as DivergenceError).message).toMatch(/step 80: the gradient norm reached 900, more than 100 × its level after warm-up \(2\.00\), on 2 checks in a row.*Lower the learning rate/);
    // The counters travel with a checkpoint.
    const again = new DivergenceWatch({ numClasses: 10, warmupSteps: 10 });
    again.restore({ over: 0, severe: 0, gradSeen: [2, 1, 3], gradOver: 1 });
    expect(() => again.checkGradNorm(90, 0.1, 500)).toThrow(/gradient norm reached 500/);
    expect(() => new DivergenceWatch({ numClasses: 10 }).checkGradNorm(0, 0.1, NaN)).toThrow(/gradient norm became NaN/);
  });
});
