import { describe, expect, it } from 'vitest';
import { alphaSummary, boardSummary, budgetSummary, topKSummary } from './summaries';
import { boardLayout } from './populationBoard';
import { slotColors } from './colors';
import { timelineChips } from './topKTimeline';

const slots = [
  {
    slot: 0,
    cells: [
      { name: 'c4-zz5zzz', fitness: 0.4, born: 2, reference: false },
      { name: 'c3-zz3zzz', fitness: 1.2, born: 0, reference: true },
      { name: 'c6-zzpzzz', fitness: 0.8, born: 1, reference: false },
    ],
    picks: ['c6-zzpzzz', 'c3-zz3zzz'],
    weights: [0.3, 0.7],
  },
];

describe('AutoSpace-style pure view parts', () => {
  it('board layout: best fitness first, picks and new cells marked, wrapped to the width', () => {
    const L = boardLayout(slots, { width: 40 + 2 * 74, only: null, iteration: 2 });
    const cards = L.rows[0].cards;
    expect(cards.map((c) => c.name)).toEqual(['c3-zz3zzz', 'c6-zzpzzz', 'c4-zz5zzz']);
    expect(cards.map((c) => c.pick)).toEqual([1, 0, -1]);
    expect(cards.map((c) => c.born)).toEqual([false, false, true]);
    expect(cards[0].bar).toBe(1);
    expect(cards[2].y).toBeGreaterThan(cards[0].y); // third card wraps onto a second line
    expect(boardLayout(slots, { width: 800, only: 3, iteration: 2 }).rows).toEqual([]);
  });

  it('screen-reader summaries say what each chart shows', () => {
    expect(boardSummary(slots, 2)).toBe('Population board after iteration 2. B1: 3 cells, best c3-zz3zzz; picks c6-zzpzzz 30%, c3-zz3zzz 70%.');
    expect(alphaSummary([{ iteration: 1, slot: 0, picks: ['a', 'b'], weights: [0.25, 0.75] }], 0)).toBe('softmax(α) of B1 over 1 iteration; at iteration 1: a 25%, b 75%.');
    const rows = [1, 2, 3].map((iteration) => ({ iteration, slot: 0, names: iteration === 1 ? ['a', 'b'] : ['b', 'c'] }));
    expect(topKSummary(rows)).toBe('Top-K cells per slot, the learned space so far. B1: b, c (unchanged for 2 iterations).');
    expect(budgetSummary({ expected: 9, budget: 10, unit: 'MMACs', penalty: 0 })).toBe('Expected cost 9.00 MMACs, 90% of the budget 10.0 MMACs; within budget, no penalty.');
  });

  it('timeline chips mark cells entering the top-K; a cell keeps its colour across charts', () => {
    const rows = [
      { iteration: 2, slot: 0, names: ['b', 'c'] },
      { iteration: 1, slot: 0, names: ['a', 'b'] },
    ];
    expect(timelineChips(rows).map((c) => `${c.iteration}${c.name}${c.entered ? '+' : ''}`)).toEqual(['1a', '1b', '2b', '2c+']);
    const color = slotColors([{ iteration: 2, slot: 0, picks: ['c', 'd'], weights: [0.5, 0.5] }], rows, 0);
    expect(new Set(['a', 'b', 'c', 'd'].map(color)).size).toBe(4);
    expect(color('c')).toBe(slotColors([], rows, 0)('c'));
  });
});
