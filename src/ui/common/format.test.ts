import { describe, expect, it } from 'vitest';
import { bytes, compact, duration, percent, sig } from './format';

describe('format', () => {
  it('formats readouts', () => {
    expect(compact(2_234_567)).toBe('2.23 M');
    expect(compact(5400)).toBe('5.40 k');
    expect(compact(12)).toBe('12');
    expect(percent(0.97123)).toBe('97.12%');
    expect(percent(Number.NaN)).toBe('–');
    expect(duration(42_000)).toBe('42 s');
    expect(duration(185_000)).toBe('3 min 5 s');
    expect(duration(-1)).toBe('–');
    expect(sig(2.302585)).toBe('2.303');
    expect(sig(0.0001)).toBe('1.00e-4');
    expect(sig(Number.NaN)).toBe('NaN');
    expect(bytes(7_840_000)).toBe('7.48 MB');
  });
});
