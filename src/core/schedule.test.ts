import { describe, expect, it } from 'vitest';
import { lrAt } from './schedule';

describe('lrAt', () => {
  it('constant stays at base', () => {
    for (const s of [0, 5, 99, 500]) expect(lrAt(s, 100, { base: 0.05, kind: 'constant' })).toBe(0.05);
  });

  it('cosine goes base → half-way → minLr', () => {
    const cfg = { base: 0.1, kind: 'cosine' as const };
    expect(lrAt(0, 101, cfg)).toBeCloseTo(0.1, 12);
    expect(lrAt(50, 101, cfg)).toBeCloseTo(0.05, 12);
    expect(lrAt(100, 101, cfg)).toBeCloseTo(0, 12);
    expect(lrAt(100, 101, { ...cfg, minLr: 0.01 })).toBeCloseTo(0.01, 12);
    expect(lrAt(50, 101, { ...cfg, minLr: 0.01 })).toBeCloseTo(0.055, 12);
  });

  it('cosine is monotonically non-increasing', () => {
    let prev = Infinity;
    for (let s = 0; s < 200; s++) {
      const lr = lrAt(s, 200, { base: 1, kind: 'cosine' });
      expect(lr).toBeLessThanOrEqual(prev);
      prev = lr;
    }
  });

  it('linear warm-up then decay over the remaining steps', () => {
    const cfg = { base: 0.2, kind: 'cosine' as const, warmupSteps: 4 };
    [0.05, 0.1, 0.15, 0.2].forEach((want, s) => expect(lrAt(s, 14, cfg)).toBeCloseTo(want, 12));
    expect(lrAt(4, 14, cfg)).toBeCloseTo(0.2, 12);
    // Post-warm-up span = 13 − 4 = 9 steps; half-way at t = 4.5 is between steps 8 and 9.
    expect(lrAt(13, 14, cfg)).toBeCloseTo(0, 12);
    expect(lrAt(2, 14, { base: 0.2, kind: 'constant', warmupSteps: 4 })).toBeCloseTo(0.15, 12);
  });

  it('exponential follows base·rate^(t/decaySteps) and respects minLr', () => {
    const cfg = { base: 0.1, kind: 'exponential' as const, decayRate: 0.5, decaySteps: 10 };
    expect(lrAt(0, 100, cfg)).toBeCloseTo(0.1, 12);
    expect(lrAt(10, 100, cfg)).toBeCloseTo(0.05, 12);
    expect(lrAt(25, 100, cfg)).toBeCloseTo(0.1 * Math.pow(0.5, 2.5), 12);
    expect(lrAt(90, 100, { ...cfg, minLr: 0.001 })).toBe(0.001);
  });

  it('exponential defaults end near 5 % of base', () => {
    const end = lrAt(1000, 1001, { base: 1, kind: 'exponential' });
    expect(end).toBeCloseTo(Math.pow(0.97, 100), 10);
  });

  it('clamps steps outside [0, totalSteps)', () => {
    const cfg = { base: 0.1, kind: 'cosine' as const };
    expect(lrAt(-5, 10, cfg)).toBe(lrAt(0, 10, cfg));
    expect(lrAt(50, 10, cfg)).toBe(lrAt(9, 10, cfg));
    expect(lrAt(0, 1, cfg)).toBe(0.1);
  });

  it('rejects invalid configurations', () => {
    expect(() => lrAt(0, 0, { base: 0.1, kind: 'cosine' })).toThrow(/totalSteps/);
    expect(() => lrAt(0, 10, { base: -1, kind: 'cosine' })).toThrow(/base/);
    expect(() => lrAt(0, 10, { base: 0.1, kind: 'cosine', minLr: 0.5 })).toThrow(/minLr/);
    expect(() => lrAt(5, 10, { base: 0.1, kind: 'exponential', decayRate: 1.5 })).toThrow(/decayRate/);
  });
});
