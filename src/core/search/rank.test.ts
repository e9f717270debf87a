import { describe, expect, it } from 'vitest';
import { averageRanks, kendallTauB, pearson, spearman } from './rank';

describe('rank correlations', () => {
  it('average ranks share tied positions', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([3, 1, 2])).toEqual([3, 1, 2]);
    expect(averageRanks([5, 5, 5])).toEqual([2, 2, 2]);
  });
  it('Spearman: monotone → 1, reversed → −1, one swap of 4 → 0.8', () => {
    expect(spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 25])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // Σd² = 2 → 1 − 6·2 / (4·15) = 0.8
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });
  it('Spearman with ties uses average ranks (3.75 / 4.5)', () => {
    expect(spearman([1, 1, 2, 3], [1, 2, 2, 3])).toBeCloseTo(3.75 / 4.5, 12);
  });
  it('Kendall τ-b: 5 concordant, 1 discordant of 6 pairs → 4/6', () => {
    expect(kendallTauB([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12);
  });
  it('Kendall τ-b corrects for ties: 4 / √(5·5) = 0.8', () => {
    expect(kendallTauB([1, 1, 2, 3], [1, 2, 2, 3])).toBeCloseTo(0.8, 12);
  });
  it('undefined for constant input → NaN; mismatched lengths throw', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTauB([2, 2], [1, 2])).toBeNaN();
    expect(pearson([1], [1])).toBeNaN();
    expect(() => kendallTauB([1, 2], [1])).toThrow(/lengths differ/);
  });
});
