import { describe, expect, it } from 'vitest';
import { rngStream } from '../../core/rng';
import { crowdingDistance, dominates, makeChildren, mutate, nonDominatedSort, rankPopulation, selectSurvivors, twoPointCrossover } from './nsga2';
import { genotypeInSpace, singlePathSpace as initialSpace } from '../../core/space/singlePath';

describe('non-dominated sorting', () => {
  it('dominance needs no worse everywhere and better somewhere', () => {
    expect(dominates([1, 1], [2, 2])).toBe(true);
    expect(dominates([1, 2], [2, 2])).toBe(true);
    expect(dominates([2, 2], [2, 2])).toBe(false);
    expect(dominates([1, 3], [2, 2])).toBe(false);
  });

  it('sorts a hand-made set into its fronts', () => {
    // Minimise both. Front 0: A(1,5) B(2,3) C(4,1); front 1: D(3,4) E(5,2); front 2: F(6,6).
    const objs = [
      [3, 4], // D
      [1, 5], // A
      [6, 6], // F
      [2, 3], // B
      [5, 2], // E
      [4, 1], // C
    ];
    const fronts = nonDominatedSort(objs).map((f) => f.slice().sort());
    expect(fronts).toEqual([[1, 3, 5], [0, 4], [2]]);
  });

  it('puts duplicates in the same front', () => {
    expect(nonDominatedSort([[1, 1], [1, 1], [2, 2]])).toEqual([[0, 1], [2]]);
  });
});

describe('crowding distance', () => {
  it('gives boundary points Infinity and inner points the normalised neighbour gap', () => {
    // Front on a line: (0,4) (1,3) (3,1) (4,0); ranges 4 and 4.
    const objs = [
      [0, 4],
      [1, 3],
      [3, 1],
      [4, 0],
    ];
    const d = crowdingDistance(objs, [0, 1, 2, 3]);
    expect(d[0]).toBe(Infinity);
    expect(d[3]).toBe(Infinity);
    // Point 1: neighbours 0 and 2: (3−0)/4 + (4−1)/4 = 1.5. Point 2: neighbours 1 and 3: (4−1)/4 + (3−0)/4 = 1.5.
    expect(d[1]).toBeCloseTo(1.5);
    expect(d[2]).toBeCloseTo(1.5);
  });

  it('ranks a crowded point below a lonely one of the same front', () => {
    const objs = [
      [0, 10],
      [1, 9],
      [1.1, 8.9],
      [5, 5],
      [10, 0],
    ];
    const d = crowdingDistance(objs, [0, 1, 2, 3, 4]);
    expect(d[3]).toBeGreaterThan(d[1]);
    expect(d[3]).toBeGreaterThan(d[2]);
  });

  it('survival keeps the first front and breaks ties by crowding', () => {
    const pop = [
      { genotype: ['a'], objectives: [0, 10] },
      { genotype: ['b'], objectives: [1, 9] },
      { genotype: ['c'], objectives: [1.1, 8.9] },
      { genotype: ['d'], objectives: [5, 5] },
      { genotype: ['e'], objectives: [10, 0] },
      { genotype: ['f'], objectives: [11, 11] },
    ];
    const kept = selectSurvivors(pop, 4).map((p) => p.genotype[0]);
    expect(kept).not.toContain('f');
    expect(kept).toContain('a');
    expect(kept).toContain('e');
    expect(kept).toContain('d');
    expect(rankPopulation(pop).find((p) => p.genotype[0] === 'f')?.rank).toBe(1);
  });
});

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
});
