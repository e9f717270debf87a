import { describe, expect, it } from 'vitest';
import { countsSignature, gammaHistogram, logAbs } from './atomMath';

describe('gammaHistogram', () => {
  it('bins log10|γ| by kernel, zeros and tiny values into the first bin, big ones into the last', () => {
    const gamma = [0, 1e-7, -1e-3, 0.5, 20, Number.NaN, 0.5];
    const kernel = [3, 3, 5, 5, 7, 3, 9];
    const h = gammaHistogram(gamma, kernel, [3, 5, 7], -5, 1, 6);
    expect(h.width).toBe(1);
    expect(h.edges).toEqual([-5, -4, -3, -2, -1, 0]);
    expect(h.counts[0]).toEqual([2, 0, 0, 0, 0, 0]); // 0 and 1e-7 (k3)
    expect(h.counts[1]).toEqual([0, 0, 1, 0, 1, 0]); // 1e-3 → [-3,-2), 0.5 → [-1,0)
    expect(h.counts[2]).toEqual([0, 0, 0, 0, 0, 1]); // 20 clamps to the last bin
    expect(h.zeros).toBe(1);
    expect(h.skipped).toBe(2); // NaN and the unknown kernel 9
  });

  it('logAbs floors at 1e-5 and signature changes only with counts', () => {
    expect(logAbs(0)).toBe(-5);
    expect(logAbs(-0.01)).toBeCloseTo(-2, 12);
    const a = countsSignature([{ slot: 0, counts: [3, 2] }]);
    expect(countsSignature([{ slot: 0, counts: [3, 2] }])).toBe(a);
    expect(countsSignature([{ slot: 0, counts: [3, 1] }])).not.toBe(a);
  });
});
