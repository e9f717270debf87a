import { describe, expect, it } from 'vitest';
import { mad, mean, median, quantile, quantiles, robustSummary } from './stats';

describe('stats', () => {
  it('median of odd and even samples, order-independent', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it('MAD ignores an outlier (deviations from 3 are 2,1,0,1,97 → 1)', () => {
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(mad([5, 5, 5])).toBe(0);
  });
  it('mean', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
  it('quantile interpolates linearly (numpy default: [1,2,3,4] at 0.25 → 1.75)', () => {
    expect(quantile([4, 3, 2, 1], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantiles([1, 2, 3, 4], [0, 0.5, 1])).toEqual([1, 2.5, 4]);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
  it('rejects empty and non-finite samples', () => {
    expect(() => median([])).toThrow(/empty/);
    expect(() => mean([1, NaN])).toThrow(/non-finite/);
  });
  it('robustSummary bundles median, MAD and n', () => {
    expect(robustSummary([1, 2, 3, 4, 100])).toEqual({ median: 3, mad: 1, n: 5 });
  });
});
