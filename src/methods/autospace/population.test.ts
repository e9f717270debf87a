import { describe, expect, it } from 'vitest';
import { rngStream } from '../../core/rng';
import { cellProblem, parseCell, canonicalCell, cellName } from '../../core/space/cell';
import type { CellState } from './snapshot';
import { drawPicks, evolvePopulation, initialPopulation, REFERENCE_NAME, softmax, topK, updateFitness } from './population';

/** A next() that returns these values in turn (then repeats the last). */
function scripted(values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)];
}

const cell = (name: string, fitness: number, extra: Partial<CellState> = {}): CellState => ({ name, fitness, born: 0, reference: name === REFERENCE_NAME, ...extra });

describe('AutoSpace-style populations', () => {
  const pop = [cell(REFERENCE_NAME, 1), cell('c3-zz5zzz', 3), cell('c4-zz3zzz', 2), cell('c2-zz3zzz', 0.5)];

  it('tournament picks: the fitter of each drawn pair wins, K distinct, the winner leaves the pool', () => {
    // pool of 4: draw indices 1 (3.0) and 3 (0.5) → c3-zz5zzz; pool [ref, c4, c2]: indices 0 (1.0) and 1 (2.0) → c4.
    expect(drawPicks(pop, 2, scripted([0.3, 0.8, 0.1, 0.5]))).toEqual(['c3-zz5zzz', 'c4-zz3zzz']);
    // Same pair drawn twice: that member wins (no duplicate even when it is drawn again later).
    expect(drawPicks(pop, 3, scripted([0.9, 0.9, 0.9, 0.9, 0.0, 0.0]))).toEqual(['c2-zz3zzz', 'c4-zz3zzz', REFERENCE_NAME]);
    const rt = rngStream(3, "t");
    const many = drawPicks(pop, 4, () => rt.next());
    expect(new Set(many).size).toBe(4);
    expect(drawPicks(pop, 9, scripted([0.5]))).toHaveLength(4);
  });

  it('fitness follows K·softmax(α) of the picks on scripted α; cells not picked keep theirs', () => {
    const w = softmax([Math.log(3), 0]); // [0.75, 0.25]
    expect(w[0]).toBeCloseTo(0.75, 12);
    const up = updateFitness(pop, ['c4-zz3zzz', REFERENCE_NAME], w, 0.5);
    expect(up.find((c) => c.name === 'c4-zz3zzz')!.fitness).toBeCloseTo(0.5 * 2 + 0.5 * 2 * 0.75, 12); // 1.75
    expect(up.find((c) => c.name === REFERENCE_NAME)!.fitness).toBeCloseTo(0.5 * 1 + 0.5 * 2 * 0.25, 12); // 0.75
    expect(up.find((c) => c.name === 'c3-zz5zzz')!.fitness).toBe(3);
    expect(pop[2].fitness).toBe(2); // pure
    // ema 1: fitness is exactly K·weight; an even share gives 1.
    expect(updateFitness(pop, ['c2-zz3zzz', 'c3-zz5zzz'], [0.5, 0.5], 1).map((c) => c.fitness)).toEqual([1, 1, 2, 1]);
    expect(topK(up, 2)).toEqual(['c3-zz5zzz', 'c4-zz3zzz']);
  });

  it('initial populations: the reference plus distinct valid canonical cells at each stride', () => {
    for (const stride of [1, 2]) {
      const rs = rngStream(1, `pop-${stride}`);
      const p = initialPopulation(12, stride, () => rs.next());
      expect(p).toHaveLength(12);
      expect(p[0]).toMatchObject({ name: REFERENCE_NAME, reference: true });
      expect(new Set(p.map((c) => c.name)).size).toBe(12);
      for (const c of p) {
        expect(cellProblem(parseCell(c.name), stride)).toBeNull();
        expect(cellName(canonicalCell(parseCell(c.name)))).toBe(c.name);
      }
    }
  });

  it('update: the fittest are mutated, the least fit dropped, the reference never, the size kept, every cell valid', () => {
    const r = rngStream(5, 'evolve');
    // The reference is the least fit: it still stays; c2 (0.5 → next least) goes.
    const low = [cell(REFERENCE_NAME, 0.1), ...pop.slice(1)];
    const ch = evolvePopulation(low, { size: 4, mutations: 1, stride: 2, iteration: 3, next: () => r.next() });
    expect(ch.cells).toHaveLength(4);
    expect(ch.added).toHaveLength(1);
    expect(ch.added[0].parent).toBe('c3-zz5zzz');
    expect(ch.dropped).toEqual(['c2-zz3zzz']);
    const child = ch.cells.find((c) => c.name === ch.added[0].name)!;
    expect(child).toMatchObject({ fitness: 3, born: 3, reference: false });
    expect(ch.cells.some((c) => c.name === REFERENCE_NAME && c.reference)).toBe(true);

    let cells = initialPopulation(6, 2, () => r.next());
    for (let it = 1; it <= 30; it++) {
      cells = cells.map((c) => ({ ...c, fitness: r.next() * 2 }));
      const step = evolvePopulation(cells, { size: 6, mutations: 2, stride: 2, iteration: it, next: () => r.next() });
      expect(step.added).toHaveLength(2);
      expect(step.dropped).toHaveLength(2);
      expect(step.dropped).not.toContain(REFERENCE_NAME);
      const dropFit = step.dropped.map((n) => cells.find((c) => c.name === n)!.fitness);
      const keptOld = step.cells.filter((c) => c.born !== it && !c.reference).map((c) => c.fitness);
      expect(Math.max(...dropFit)).toBeLessThanOrEqual(Math.min(...keptOld));
      cells = step.cells;
      expect(cells).toHaveLength(6);
      expect(new Set(cells.map((c) => c.name)).size).toBe(6);
      expect(cells.filter((c) => c.reference).map((c) => c.name)).toEqual([REFERENCE_NAME]);
      for (const c of cells) expect(cellProblem(parseCell(c.name), 2)).toBeNull();
    }
  });
});
