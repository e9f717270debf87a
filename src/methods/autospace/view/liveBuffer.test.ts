import { describe, expect, it } from 'vitest';
import type { AutoSpaceSnapshot, SlotState } from '../snapshot';
import { AutoSpaceLive, MAX_LOSS, MAX_ROWS, readoutValues } from './liveBuffer';

const slot = (s: number, picks: string[]): SlotState => ({
  slot: s,
  cells: [
    { name: 'c3-zz3zzz', fitness: 1, born: 0, reference: true },
    { name: 'c4-zz5zzz', fitness: 0.5, born: 0, reference: false },
  ],
  picks,
  weights: picks.map(() => 1 / picks.length),
});

function snap(over: Partial<AutoSpaceSnapshot>): AutoSpaceSnapshot {
  return {
    phase: 'evolve',
    iteration: 1,
    iterations: 3,
    step: 10,
    loss: [],
    slots: [slot(1, ['c3-zz3zzz']), slot(0, ['c3-zz3zzz', 'c4-zz5zzz'])],
    alphaRows: [],
    topK: [],
    budget: { expected: 12, budget: 10, unit: 'MMACs', penalty: 0.2 },
    payoff: null,
    event: null,
    ...over,
  };
}

describe('AutoSpace-style live buffer', () => {
  it('appends incremental rows, replaces the slots, and notifies', () => {
    const live = new AutoSpaceLive();
    let calls = 0;
    live.subscribe(() => calls++);
    expect(readoutValues(live)).toMatchObject({ phase: 'not started', iteration: '–', loss: '–', budget: '–' });
    live.apply(snap({ loss: [{ step: 1, loss: 2.3 }, { step: 2, loss: 2.1 }], alphaRows: [{ iteration: 1, slot: 0, picks: ['a'], weights: [1] }], topK: [{ iteration: 1, slot: 0, names: ['a'] }], event: 'iteration 1/3' }));
    live.apply(snap({ iteration: 2, slots: [slot(0, ['c4-zz5zzz'])], loss: [{ step: 3, loss: 1.9 }], alphaRows: [{ iteration: 2, slot: 0, picks: ['b'], weights: [1] }], topK: [{ iteration: 2, slot: 0, names: ['b'] }], event: 'iteration 2/3' }));
    expect(calls).toBe(2);
    expect(live.slots.map((s) => [s.slot, s.picks])).toEqual([[0, ['c4-zz5zzz']]]);
    expect(live.loss.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(live.alphaRows.map((r) => r.iteration)).toEqual([1, 2]);
    expect(live.topK.map((r) => r.names[0])).toEqual(['a', 'b']);
    expect(live.budgetTrace).toEqual([
      { iteration: 1, expected: 12 },
      { iteration: 2, expected: 12 },
    ]);
    expect(live.events).toEqual(['iteration 1/3', 'iteration 2/3']);
    expect(readoutValues(live)).toEqual({ phase: 'evolving the search space', iteration: '2 of 3', step: '10', loss: '1.900', budget: '12.0 MMACs of 10.0 MMACs (120%)', event: 'iteration 2/3' });
  });

  it('sorts slots, replaces a resent row and keeps old loss points once', () => {
    const live = new AutoSpaceLive();
    live.apply(snap({ loss: [{ step: 5, loss: 1 }], alphaRows: [{ iteration: 1, slot: 0, picks: ['a'], weights: [1] }] }));
    expect(live.slots.map((s) => s.slot)).toEqual([0, 1]);
    live.apply(snap({ loss: [{ step: 5, loss: 1 }, { step: 6, loss: Number.NaN }], alphaRows: [{ iteration: 1, slot: 0, picks: ['a', 'b'], weights: [0.6, 0.4] }] }));
    expect(live.loss).toEqual([{ step: 5, loss: 1 }]);
    expect(live.alphaRows).toHaveLength(1);
    expect(live.alphaRows[0].picks).toEqual(['a', 'b']);
    expect(live.budgetTrace).toHaveLength(1); // same iteration: the trace point is updated, not added
  });

  it('keeps memory bounded over a long run', () => {
    const live = new AutoSpaceLive();
    let step = 0;
    for (let it = 1; it <= 600; it++) {
      const loss = Array.from({ length: 10 }, () => ({ step: ++step, loss: 1 / step }));
      const rows = Array.from({ length: 7 }, (_, s) => ({ iteration: it, slot: s }));
      live.apply(snap({ iteration: it, loss, alphaRows: rows.map((r) => ({ ...r, picks: ['a'], weights: [1] })), topK: rows.map((r) => ({ ...r, names: ['a'] })), event: `e${it}` }));
    }
    expect(live.alphaRows.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(live.topK.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(live.loss.length).toBeLessThanOrEqual(MAX_LOSS);
    expect(live.events.length).toBeLessThanOrEqual(50);
    // The newest rows are the ones kept, and the loss still spans the whole run.
    expect(live.alphaRows.at(-1)).toMatchObject({ iteration: 600, slot: 6 });
    expect(live.loss.at(-1)?.step).toBe(6000);
    expect(live.loss[0].step).toBe(1);
  });

  it('forgets everything when a new run starts (null)', () => {
    const live = new AutoSpaceLive();
    live.apply(snap({ alphaRows: [{ iteration: 1, slot: 0, picks: ['a'], weights: [1] }], event: 'x', payoff: { stage: 'learned-search', unit: 'MMACs', costSource: 'MACs', learned: [], hand: [], hvLearned: null, hvHand: null, hvReference: null } }));
    const v = live.version;
    live.apply(null);
    expect(live.version).toBe(v + 1);
    expect([live.snap, live.budget, live.payoff, live.slots.length, live.alphaRows.length, live.events.length, live.budgetTrace.length]).toEqual([null, null, null, 0, 0, 0, 0]);
  });
});
