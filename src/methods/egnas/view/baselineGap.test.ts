import { describe, expect, it } from 'vitest';
import { testGap } from './BaselineTable';

describe('testGap', () => {
  it('signs the found − baseline difference in points, and gives none when either accuracy is missing', () => {
    expect(testGap(0.733, 0.477)).toBe('+25.60 points');
    expect(testGap(0.607, 0.612)).toBe('−0.50 points');
    expect(testGap(0.5, 0.5)).toBe('+0.00 points');
    expect(testGap(null, 0.5)).toBeNull();
    expect(testGap(0.5, null)).toBeNull();
  });
});
