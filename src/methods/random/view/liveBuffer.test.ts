import { describe, expect, it } from 'vitest';
import type { RandomCandidate, RandomSnapshot } from '../snapshot';
import { RandomLive, readoutValues } from './liveBuffer';
import { accuracyDomain } from './scatter';

const cand = (index: number, valAccuracy: number | null): RandomCandidate => ({
  index, genotype: ['k3e3'], macs: 1e6, params: 100, latencyMs: null, cost: 1e6, valAccuracy, trainLoss: 1, trainSteps: 5,
});
const snap = (s: Partial<RandomSnapshot>): RandomSnapshot => ({
  phase: 'sample', candidates: [], samples: 3, current: { index: 0, step: 0, steps: 5 }, final: null, bestIndex: null,
  window: { objective: 'macs', lo: 0.1, hi: 0.7, unit: 'MACs', from: 1e6, to: 2e6, min: 5e5, max: 3e6, profileName: null },
  ...s,
});

describe('random search live buffer', () => {
  it('accumulates candidates across snapshots, once each, and notifies', () => {
    const live = new RandomLive();
    let calls = 0;
    const off = live.subscribe(() => calls++);
    expect(readoutValues(live)).toEqual({ candidate: '–', phase: 'not started', best: '–' });
    live.apply(snap({}));
    expect(readoutValues(live)).toEqual({ candidate: '1 of 3', phase: 'short training', best: '–' });
    live.apply(snap({ candidates: [cand(0, 0.5), cand(1, 0.8)], current: { index: 2, step: 1, steps: 5 }, bestIndex: 1 }));
    live.apply(snap({ candidates: [cand(1, 0.8)], current: { index: 2, step: 2, steps: 5 }, bestIndex: 1 }));
    expect(live.candidates.map((c) => c.index)).toEqual([0, 1]);
    expect(readoutValues(live)).toEqual({ candidate: '3 of 3', phase: 'short training', best: '80.0% (#2)' });
    live.apply(snap({ phase: 'final', candidates: [cand(2, null)], current: null, final: { step: 1, steps: 10 }, bestIndex: 1 }));
    expect(readoutValues(live)).toMatchObject({ candidate: '3 of 3', phase: 'retraining the best' });
    const v = live.version;
    live.apply(null);
    expect(live.candidates).toEqual([]);
    expect(live.window).toBeNull();
    expect(live.version).toBe(v + 1);
    expect(calls).toBe(5);
    off();
  });

  it('the accuracy axis pads the scored candidates and ignores diverged ones', () => {
    expect(accuracyDomain([])).toEqual([0, 1]);
    const [lo, hi] = accuracyDomain([cand(0, 0.5), cand(1, null), cand(2, 0.98)]);
    expect(lo).toBeCloseTo(0.45);
    expect(hi).toBe(1);
  });
});
