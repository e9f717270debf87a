import { describe, expect, it } from 'vitest';
import { archCosts } from '../../core/costs';
import { baselineSpec } from '../../core/skeleton';
import { nearestBaseline } from './baseline';

const TASK = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10 };
const paramsAt = (width: number, tiny = false) => archCosts(baselineSpec({ ...TASK, width, tiny })).params;

describe('nearestBaseline', () => {
  it('picks the width whose parameter count is nearest the target, among every width 0.05–4', () => {
    for (const target of [3_000, 9_876, 40_000, 61_234, 150_000]) {
      const got = nearestBaseline(TASK, target);
      let bestGap = Infinity;
      for (let i = 5; i <= 400; i++) bestGap = Math.min(bestGap, Math.abs(paramsAt(i / 100) - target));
      expect(Math.abs(got.params - target)).toBe(bestGap);
      expect(got.params).toBe(archCosts(got.spec).params);
      expect(got.macs).toBe(archCosts(got.spec).macs);
      expect(got.spec.meta).toMatchObject({ method: 'baseline', width: got.width });
    }
  });

  it('an exact match is found exactly; the narrower width wins a tie', () => {
    const p = paramsAt(0.5);
    const got = nearestBaseline(TASK, p);
    expect(got.params).toBe(p);
    expect(paramsAt(got.width - 0.01)).toBeLessThan(p); // the narrowest width with that count
  });

  it('below the narrowest baseline, the narrowest; with the tiny stem, the tiny skeleton (same parameters, fewer MACs)', () => {
    const low = nearestBaseline(TASK, 100);
    expect(low.width).toBe(0.05);
    const tiny = nearestBaseline({ ...TASK, stemStride: 2 }, 12_000);
    const full = nearestBaseline(TASK, 12_000);
    expect(tiny.params).toBe(full.params);
    expect(tiny.spec.meta).toMatchObject({ tiny: true });
    expect(tiny.macs).toBeLessThan(full.macs / 2);
  });

  it('refuses a target that is not a positive number', () => {
    expect(() => nearestBaseline(TASK, 0)).toThrow(/positive number, got 0/);
    expect(() => nearestBaseline(TASK, Number.NaN)).toThrow(/positive number/);
  });
});
