import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodRunStore } from '../../../state/methodRuns';
import type { AutoSpaceSnapshot } from '../snapshot';
import { autospaceLive } from './liveBuffer';
import { Live } from './Live';

const run = ((select: (s: unknown) => unknown) => select({ started: null })) as unknown as MethodRunStore;

const snap: AutoSpaceSnapshot = {
  phase: 'evolve',
  iteration: 1,
  iterations: 3,
  step: 4,
  loss: [{ step: 4, loss: 2.25 }],
  slots: [{ slot: 0, cells: [{ name: 'c3-zz3zzz', fitness: 1, born: 0, reference: true }], picks: ['c3-zz3zzz'], weights: [1] }],
  alphaRows: [],
  topK: [],
  budget: { expected: 9, budget: 10, unit: 'MMACs', penalty: 0 },
  payoff: null,
  event: 'iteration 1/3: no change',
};

afterEach(() => autospaceLive.apply(null));

describe('AutoSpace-style live view', () => {
  it('marks itself AutoSpace-style and puts a "?" on every chart and control, with a text summary of each chart', () => {
    autospaceLive.apply(snap);
    const html = renderToStaticMarkup(createElement(Live, { run, config: {} }));
    expect(html).toContain('AutoSpace-style');
    const hints = [...html.matchAll(/aria-label="Explain: ([^"]+)"/g)].map((m) => m[1]);
    expect(hints).toEqual([
      'Evolving the search space',
      'Population board: cells per slot',
      'Slots shown',
      'softmax(α) of the picks over time',
      'Slot',
      'Budget: expected cost vs budget',
      'Top-K timeline: the learned space taking shape',
      'Payoff: learned vs hand-designed space',
    ]);
    expect(html).toContain('Population board after iteration 1. B1: 1 cells, best c3-zz3zzz; picks c3-zz3zzz 100%.');
    expect(html).toContain('Expected cost 9.00 MMACs, 90% of the budget');
    expect(html).toContain('iteration 1/3: no change');
    expect(html).toMatch(/<label for="[^"]+">Slots shown<\/label><select id=/);
  });

  it('leaves the payoff to the result section once the record is on screen (shown once, not twice)', () => {
    autospaceLive.apply(snap);
    const finished = ((select: (s: unknown) => unknown) => select({ started: null, record: { id: 'r1' } })) as unknown as MethodRunStore;
    const html = renderToStaticMarkup(createElement(Live, { run: finished, config: {} }));
    expect(html).not.toContain('data-testid="as-payoff"');
    expect(html).toContain('Top-K timeline: the learned space taking shape');
  });
});
