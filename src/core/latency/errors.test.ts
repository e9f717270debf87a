import { describe, expect, it } from 'vitest';
import { rmspe, shareWithin } from './errors';

describe('relative errors', () => {
  const meas = [1, 1, 1];
  const pred = [1.1, 0.8, 1.0]; // relative errors +10 %, −20 %, 0
  it('share within ±10 % counts the exact boundary', () => {
    expect(shareWithin(pred, meas)).toBeCloseTo(2 / 3, 12);
    expect(shareWithin(pred, meas, 0.05)).toBeCloseTo(1 / 3, 12);
  });
  it('RMSPE = √((0.01 + 0.04 + 0) / 3)', () => {
    expect(rmspe(pred, meas)).toBeCloseTo(Math.sqrt(0.05 / 3), 12);
  });
  it('is relative: errors scale with the measured value', () => {
    expect(rmspe([110, 2], [100, 2])).toBeCloseTo(Math.sqrt(0.01 / 2), 12);
  });
  it('rejects non-positive measurements and empty input', () => {
    expect(() => rmspe([1], [0])).toThrow(/positive/);
    expect(() => shareWithin([], [])).toThrow(/empty/);
  });
});
