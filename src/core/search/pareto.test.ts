import { describe, expect, it } from 'vitest';
import { crowdedCompare, crowdingDistance, dominates, hypervolume2d, nonDominatedSort, paretoFront, rankObjectives, rankPopulation } from './pareto';

describe('dominance and non-dominated sorting', () => {
  it('dominance needs no worse everywhere and better somewhere', () => {
    expect(dominates([1, 1], [2, 2])).toBe(true);
    expect(dominates([1, 2], [2, 2])).toBe(true);
    expect(dominates([2, 2], [2, 2])).toBe(false);
    expect(dominates([1, 3], [2, 2])).toBe(false);
    expect(dominates([0, 0, 1], [0, 0, 2])).toBe(true); // any number of objectives
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

  it('puts duplicates in the same front; an empty set has no fronts', () => {
    expect(nonDominatedSort([[1, 1], [1, 1], [2, 2]])).toEqual([[0, 1], [2]]);
    expect(nonDominatedSort([])).toEqual([]);
  });

  it('a single objective sorts into one front per distinct value', () => {
    expect(nonDominatedSort([[3], [1], [2], [1]]).map((f) => f.slice().sort())).toEqual([[1, 3], [2], [0]]);
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

  it('an objective on which the whole front ties adds nothing to inner points', () => {
    const d = crowdingDistance([[0, 7], [1, 7], [2, 7]], [0, 1, 2]);
    expect(d[1]).toBeCloseTo(1); // (2 − 0) / 2 from the first objective, 0 from the second
  });
});

describe('ranking a population', () => {
  const pop = [
    { id: 'a', objectives: [0, 10] },
    { id: 'b', objectives: [5, 5] },
    { id: 'c', objectives: [10, 0] },
    { id: 'd', objectives: [6, 6] },
  ];

  it('adds rank and crowding to copies, keeping the other fields and the order', () => {
    const ranked = rankPopulation(pop);
    expect(ranked.map((p) => [p.id, p.rank])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
      ['d', 1],
    ]);
    expect(ranked[1].crowding).toBeCloseTo(2);
    expect(ranked[3].crowding).toBe(Infinity); // alone in its front
    expect(pop[0]).not.toHaveProperty('rank');
    expect(rankObjectives(pop.map((p) => p.objectives))).toEqual(ranked.map(({ rank, crowding }) => ({ rank, crowding })));
  });

  it('crowded comparison prefers the lower rank, then the larger crowding distance', () => {
    expect(crowdedCompare({ rank: 0, crowding: 0.1 }, { rank: 1, crowding: Infinity })).toBeLessThan(0);
    expect(crowdedCompare({ rank: 2, crowding: 1 }, { rank: 2, crowding: 3 })).toBeGreaterThan(0);
    expect(crowdedCompare({ rank: 2, crowding: 1 }, { rank: 2, crowding: 1 })).toBe(0);
  });

  it('the Pareto front is the non-dominated members in their original order', () => {
    expect(paretoFront(pop).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(paretoFront([])).toEqual([]);
  });
});

describe('2-D hypervolume', () => {
  it('is the area dominated by the points up to the reference (both minimised)', () => {
    expect(hypervolume2d([[1, 1]], [3, 3])).toBe(4);
    // Staircase: [1,2] dominates (3−1)·(3−2) = 2, [2,1] adds the strip below it, (3−2)·(2−1) = 1.
    expect(hypervolume2d([[1, 2], [2, 1]], [3, 3])).toBe(3);
    expect(hypervolume2d([[2, 1], [1, 2]], [3, 3])).toBe(3); // order does not matter
  });

  it('ignores dominated points, duplicates and points outside the reference box; an empty set has none', () => {
    expect(hypervolume2d([[1, 1], [2, 2], [1, 1]], [3, 3])).toBe(4);
    expect(hypervolume2d([[1, 1], [4, 0], [0, 3]], [3, 3])).toBe(4);
    expect(hypervolume2d([], [3, 3])).toBe(0);
  });

  it('accuracy up, cost down: pass [−accuracy, cost] against [−0, cost₀]', () => {
    // One network at 0.9 accuracy and cost 2 with reference cost 4: 0.9 × 2.
    expect(hypervolume2d([[-0.9, 2]], [-0, 4])).toBeCloseTo(1.8);
    // A second, cheaper but less accurate network adds the rectangle 0.5 × (2 − 1).
    expect(hypervolume2d([[-0.9, 2], [-0.5, 1]], [0, 4])).toBeCloseTo(1.8 + 0.5);
  });
});
