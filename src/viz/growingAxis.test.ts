import { describe, expect, it } from 'vitest';
import { growingXMax, lonePoint } from './seriesMath';

describe('growingXMax: live x-axes grow with the data', () => {
  it('starts small, keeps room ahead of the data in readable jumps, and stops at the run end', () => {
    expect(growingXMax(0, 5000)).toBe(10);
    expect(growingXMax(3, 5000)).toBe(10);
    expect(growingXMax(12, 5000)).toBe(15);
    expect(growingXMax(140, 5000)).toBe(200);
    expect(growingXMax(190, 5000)).toBe(300);
    expect(growingXMax(4900, 5000)).toBe(5000); // never past the run's end
    expect(growingXMax(4900, 0)).toBe(6000); // total unknown
    expect(growingXMax(Number.NaN, 100)).toBe(10);
    for (const d of [1, 7, 33, 101, 999, 12_345]) {
      const end = growingXMax(d, 0);
      expect(end).toBeGreaterThanOrEqual(d * 1.1 - 1e-9);
      expect(end).toBeLessThanOrEqual(d * 1.1 * 1.5 + 10);
    }
  });
});

describe('lonePoint: the first loss point is drawn', () => {
  it('finds the only finite point, and none for 0 or 2+ points', () => {
    expect(lonePoint({ x: [1], y: [2.3], length: 1 })).toBe(0);
    expect(lonePoint({ x: [1, 2], y: [Number.NaN, 2.3], length: 2 })).toBe(1);
    expect(lonePoint({ x: [1, 2], y: [2, 2.3], length: 2 })).toBeNull();
    expect(lonePoint({ x: [], y: [], length: 0 })).toBeNull();
    expect(lonePoint({ x: [1, 2], y: [2, 2.3], length: 1 })).toBe(0); // only `length` entries count
  });
});
