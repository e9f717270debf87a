import { describe, expect, it } from 'vitest';
import { rngStream } from '../../core/rng';
import { genotypeInSpace, genotypeKey, singlePathSpace, type SkeletonShape } from '../../core/space/singlePath';
import { drawInWindow, EmptyWindowError, sampleCandidates } from './sampling';
import { describeWindow, runWindow, windowInfo } from './window';

const SK: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 0.5, tiny: true };
const space = singlePathSpace(0.5);

function candidates(seed: number, lo: number, hi: number, count = 12) {
  const c = { objective: 'macs' as const, windowLo: lo, windowHi: hi };
  const m = runWindow(c, SK, space, null);
  return { m, ...sampleCandidates({ space, count, seed, inWindow: m.inWindow, windowText: describeWindow(windowInfo(c, m)) }) };
}

describe('random search sampling', () => {
  it('is seeded: the same seed draws the same architectures, another seed others', () => {
    expect(candidates(1, 0.1, 0.7).genotypes).toEqual(candidates(1, 0.1, 0.7).genotypes);
    expect(candidates(2, 0.1, 0.7).genotypes).not.toEqual(candidates(1, 0.1, 0.7).genotypes);
  });

  it('keeps every candidate inside the window and the space, none twice', () => {
    const { m, genotypes, notice } = candidates(3, 0.3, 0.5, 20);
    expect(notice).toBeNull();
    expect(genotypes).toHaveLength(20);
    for (const g of genotypes) {
      expect(genotypeInSpace(g, space)).toBe(true);
      expect(m.cost(g)).toBeGreaterThanOrEqual(m.window.lo);
      expect(m.cost(g)).toBeLessThanOrEqual(m.window.hi);
    }
    expect(new Set(genotypes.map(genotypeKey)).size).toBe(20);
  });

  it('rejection keeps the draw order: a window of everything takes the first distinct draws', () => {
    const all = drawInWindow(space, 5, () => true, rngStream(9, 'sample'));
    expect(all.draws).toBe(5);
    const none = drawInWindow(space, 5, () => false, rngStream(9, 'sample'), 300);
    expect(none).toEqual({ genotypes: [], draws: 300 });
  });

  it('an empty window fails fast and says what to change', () => {
    const c = { space, count: 4, seed: 1, inWindow: () => false, windowText: 'the MACs window 1 – 2 MACs', limit: 50 };
    expect(() => sampleCandidates(c)).toThrow(EmptyWindowError);
    expect(() => sampleCandidates(c)).toThrow('No architecture fell inside the MACs window 1 – 2 MACs in 50 random draws. Widen the window');
  });

  it('a window with fewer distinct architectures than asked trains those and says so', () => {
    const small = [['a', 'b'], ['c', 'd']]; // 4 architectures, 2 of them in the window
    const r = sampleCandidates({ space: small, count: 10, seed: 5, inWindow: (g) => g[0] === 'a', windowText: 'w', limit: 100 });
    expect(r.genotypes.map((g) => g.join('')).sort()).toEqual(['ac', 'ad']);
    expect(r.genotypes.length).toBeLessThan(10);
    expect(r.notice).toMatch(/^Only 2 distinct architectures of 10 were found inside w in 100 draws/);
  });
});
