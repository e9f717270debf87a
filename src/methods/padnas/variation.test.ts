import { describe, expect, it } from 'vitest';
import { rngStream } from '../../core/rng';
import { rankPopulation } from '../../core/search/pareto';
import { genotypeInSpace, singlePathSpace as initialSpace } from '../../core/space/singlePath';
import { initialPopulation, makeChildren, mutate, twoPointCrossover } from './variation';

describe('variation', () => {
  it('two-point crossover swaps one contiguous segment', () => {
    const a = ['a0', 'a1', 'a2', 'a3', 'a4'];
    const b = ['b0', 'b1', 'b2', 'b3', 'b4'];
    const draws = [1 / 6 + 0.01, 4 / 6 + 0.01]; // cut points 1 and 4
    let i = 0;
    expect(twoPointCrossover(a, b, () => draws[i++])).toEqual(['a0', 'b1', 'b2', 'b3', 'a4']);
  });

  it('mutation only draws ops of the slot’s set', () => {
    const space = initialSpace(1);
    const rng = rngStream(1, 'test');
    let g = space.map((ops) => ops[0]);
    for (let t = 0; t < 50; t++) {
      g = mutate(g, space, 0.5, () => rng.next());
      expect(genotypeInSpace(g, space)).toBe(true);
    }
  });

  it('children are new, in the space and inside the window; the rest are discarded', () => {
    const space = initialSpace(1);
    const rng = rngStream(2, 'test');
    const parents = rankPopulation([
      { genotype: space.map((o) => o[0]), objectives: [0, 1] },
      { genotype: space.map((o) => o[1]), objectives: [1, 0] },
    ]);
    const inWindow = (g: readonly string[]) => g[0] !== 'k7e6';
    const { children, discarded } = makeChildren(parents, { size: 10, space, crossoverProb: 0.9, mutationRate: 0.5, inWindow, next: () => rng.next() });
    expect(children).toHaveLength(10);
    expect(discarded).toBeGreaterThan(0);
    for (const c of children) {
      expect(inWindow(c)).toBe(true);
      expect(genotypeInSpace(c, space)).toBe(true);
    }
    expect(new Set(children.map((c) => c.join())).size).toBe(10);
  });

  it('the first population is distinct and inside the window; the rest are counted as discarded', () => {
    const space = initialSpace(1);
    const rng = rngStream(3, 'test');
    const sample = () => space.map((ops) => ops[Math.floor(rng.next() * ops.length)]);
    const inWindow = (g: readonly string[]) => g[1] !== 'skip';
    const { genotypes, discarded } = initialPopulation(12, sample, inWindow);
    expect(genotypes).toHaveLength(12);
    expect(discarded).toBeGreaterThan(0);
    expect(genotypes.every(inWindow)).toBe(true);
    expect(new Set(genotypes.map((g) => g.join())).size).toBe(12);
  });
});
