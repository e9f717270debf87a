import { describe, expect, it } from 'vitest';
import { StepLedger, type LedgerView } from './stepLedger';

const view = (v: Partial<LedgerView>): LedgerView => ({
  stage: 'search',
  bound: { epochs: 0, finalEpochs: 0 },
  phase: 'depth',
  candidateSteps: 0,
  foundEpochs: null,
  finalStarted: false,
  trainBaseline: true,
  ...v,
});

describe('StepLedger', () => {
  it('counts the steps a stage did not need as units done, but never as work done', () => {
    // 10 steps per epoch; worst cases: search 100 epochs, ranking 5, baseline and retraining 20 each.
    const l = new StepLedger({ search: 1000, rank: 50, baseline: 200, final: 200 }, 10);
    expect(l.total).toBe(1450);
    l.advance(300, true);
    expect(l.work(view({ bound: { epochs: 40, finalEpochs: 12 }, candidateSteps: 30 }))).toEqual({ done: 300, total: 300 + 400 - 30 + 50 + 120 + 120, atMost: true });
    l.skipSearch(); // the search ended after 300 of its 1,000 steps
    expect(l.done).toBe(1000);
    l.advance(50, false); // the ranking demo
    l.skipRest('baseline', 8); // the found budget is 8 epochs: 120 of the baseline's 200 are not needed
    expect(l.done).toBe(1050 + 120);
    const after = view({ stage: 'baseline', phase: 'done', foundEpochs: 8 });
    expect(l.work(after)).toEqual({ done: 350, total: 300 + 50 + 80 + 80 });
    l.advance(80, false);
    l.skipRest('final', 8);
    expect(l.work({ ...after, stage: 'final', finalStarted: true })).toEqual({ done: 430, total: 510 });
    l.advance(80, false);
    expect(l.finished).toBe(true);
    expect(l.work({ ...after, stage: 'done', finalStarted: true })).toEqual({ done: 510, total: 510 });
    expect(l.searchSteps).toBe(300);
  });

  it('says the total is a most only while depth or width can still stop early', () => {
    const l = new StepLedger({ search: 100, rank: 0, baseline: 0, final: 50 }, 10);
    expect(l.work(view({ phase: 'width', trainBaseline: false })).atMost).toBe(true);
    expect(l.work(view({ phase: 'ops', trainBaseline: false })).atMost).toBeUndefined();
    expect(l.epoch()).toBe(0);
    l.advance(95, true);
    expect(l.epoch()).toBe(9);
    l.finish();
    expect(l.finished).toBe(true);
    expect(l.epoch()).toBe(14);
  });
});
