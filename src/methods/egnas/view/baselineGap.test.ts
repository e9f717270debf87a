import { describe, expect, it } from 'vitest';
import { sizeNote, testGap } from './BaselineTable';

describe('testGap', () => {
  it('signs the found − baseline difference in points, and gives none when either accuracy is missing', () => {
    expect(testGap(0.733, 0.477)).toBe('+25.60 points');
    expect(testGap(0.607, 0.612)).toBe('−0.50 points');
    expect(testGap(0.5, 0.5)).toBe('+0.00 points');
    expect(testGap(null, 0.5)).toBeNull();
    expect(testGap(0.5, null)).toBeNull();
  });
});

describe('sizeNote', () => {
  it('says nothing within ±25 % of the found chain\'s parameters, and says how far off the baseline is beyond', () => {
    expect(sizeNote(10_000, 12_400)).toBeNull();
    expect(sizeNote(10_000, 8_100)).toBeNull();
    expect(sizeNote(1_003, 2_198)).toBe("The nearest baseline has 2.2× the found chain's parameters: the narrowest network the skeleton builds is still larger.");
    expect(sizeNote(1_000_000, 200_000)).toMatch(/^The nearest baseline has 5\.0× fewer parameters/);
  });
});
