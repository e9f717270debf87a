import { describe, expect, it } from 'vitest';
import { rngStream } from '../rng';
import { crowdedCompare, rankPopulation } from './pareto';
import { selectSurvivors, tournament } from './selection';

describe('binary tournament', () => {
  it('draws two members with two calls of next and returns the preferred one (ties: the first drawn)', () => {
    const pop = [10, 20, 30, 40];
    const draws = (...d: number[]) => {
      let i = 0;
      return () => d[i++];
    };
    const smaller = (a: number, b: number) => a - b;
    expect(tournament(pop, draws(0.9, 0.3), smaller)).toBe(20);
    expect(tournament(pop, draws(0.0, 0.99), (a, b) => b - a)).toBe(40);
    expect(tournament(pop, draws(0.5, 0.1), () => 0)).toBe(30);
    expect(() => tournament([], Math.random, smaller)).toThrow(RangeError);
  });

  it('by crowded comparison, a first-front member wins far more often than a dominated one', () => {
    const pop = rankPopulation([
      { id: 'front', objectives: [0, 0] },
      { id: 'behind', objectives: [1, 1] },
    ]);
    const rng = rngStream(5, 'test');
    let wins = 0;
    for (let t = 0; t < 400; t++) if (tournament(pop, () => rng.next(), crowdedCompare).id === 'front') wins++;
    expect(wins / 400).toBeGreaterThan(0.65); // loses only when drawn zero times (1/4)
  });
});

describe('NSGA-II survival', () => {
  it('keeps the first front and breaks ties by crowding', () => {
    const pool = [
      { id: 'a', objectives: [0, 10] },
      { id: 'b', objectives: [1, 9] },
      { id: 'c', objectives: [1.1, 8.9] },
      { id: 'd', objectives: [5, 5] },
      { id: 'e', objectives: [10, 0] },
      { id: 'f', objectives: [11, 11] },
    ];
    const kept = selectSurvivors(pool, 4).map((p) => p.id);
    expect(kept).toHaveLength(4);
    expect(kept).not.toContain('f');
    expect(kept).toEqual(expect.arrayContaining(['a', 'e', 'd']));
    expect(rankPopulation(pool).find((p) => p.id === 'f')?.rank).toBe(1);
  });

  it('re-ranks the survivors among themselves and keeps everyone when size allows', () => {
    const pool = [
      { id: 'x', objectives: [0, 0] },
      { id: 'y', objectives: [1, 1] },
      { id: 'z', objectives: [2, 2] },
    ];
    const kept = selectSurvivors(pool, 2);
    expect(kept.map((p) => [p.id, p.rank])).toEqual([
      ['x', 0],
      ['y', 1],
    ]);
    expect(selectSurvivors(pool, 10)).toHaveLength(3);
  });
});
