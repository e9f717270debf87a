import { describe, expect, it } from 'vitest';
import { decimate, ema, finiteExtent } from './seriesMath';

describe('seriesMath', () => {
  it('ema is bias-corrected: a constant series stays constant from the first point', () => {
    const out = ema([2, 2, 2, 2], 4, 0.9);
    for (const v of out) expect(v).toBeCloseTo(2, 12);
    const step = ema([0, 10], 2, 0.5);
    expect(step[0]).toBe(0);
    expect(step[1]).toBeCloseTo((0.5 * 0.5 * 0 + 0.5 * 10) / (0.5 * 0.5 + 0.5), 12);
  });

  it('ema leaves gaps at non-finite values without poisoning later points', () => {
    const out = ema([1, Number.NaN, 1], 3, 0.9);
    expect(Number.isNaN(out[1])).toBe(true);
    expect(out[2]).toBeCloseTo(1, 12);
  });

  it('decimate keeps short series and averages buckets of long ones', () => {
    const short = decimate({ x: [0, 1, 2], y: [5, 6, 7], length: 3 }, 10);
    expect(Array.from(short.y)).toEqual([5, 6, 7]);
    const n = 1000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => i * 2);
    const d = decimate({ x, y, length: n }, 10);
    expect(d.x.length).toBe(10);
    expect(d.x[0]).toBeCloseTo(49.5, 10);
    expect(d.y[9]).toBeCloseTo(2 * 949.5, 10);
    // Only `length` entries count, not the whole backing array.
    expect(decimate({ x, y, length: 2 }, 10).y.length).toBe(2);
  });

  it('finiteExtent ignores NaN and Infinity', () => {
    expect(finiteExtent([3, Number.NaN, -1, Infinity, 2], 5)).toEqual([-1, 3]);
    expect(finiteExtent([Number.NaN], 1)).toBeUndefined();
  });
});
