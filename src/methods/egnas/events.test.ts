import { describe, expect, it } from 'vitest';
import { egnasEvents } from './events';
import type { EgnasCandidate, EgnasSnapshot } from './snapshot';

const cand = (index: number, decision: EgnasCandidate['decision'], valAccuracy: number | null): EgnasCandidate => ({
  index, phase: 'depth', L: 3 + index, C: 8, ops: ['s'], kernels: [3], epochs: 1, valAccuracy, decision, against: null,
  params: 100, macs: 1000, latencyMs: null, layer: null, change: null, matchedFrom: null, curve: [],
});
const snap = (o: Partial<EgnasSnapshot>): EgnasSnapshot => ({
  stage: 'search', phase: 'depth', candidates: [], current: null, ranking: [], rankingResult: null, paramBudget: null, discoveredEpochs: null, baseline: null, valImages: 1000, ...o,
});
const base = { name: 'baseline MB k3 e3 ×0.3', width: 0.3, params: 5507, macs: 349_555, latencyMs: null, epochs: 4, valAccuracy: 0.912, testAccuracy: null, curve: [0.912] };

describe('egnasEvents', () => {
  it('names each newly decided candidate once, the trained baseline once, and each stage change', () => {
    const s1 = snap({ candidates: [cand(0, 'start', 0.5), cand(1, 'accept', 0.6)] });
    expect(egnasEvents(s1, null)).toEqual(['depth candidate L=4, C=8: accepted at 60.0 %']);
    expect(egnasEvents(s1, s1)).toEqual([]);
    const s2 = snap({ stage: 'baseline', phase: null });
    expect(egnasEvents(s2, s1)).toEqual(['Stage: baseline']);
    const s3 = snap({ stage: 'final', phase: null, baseline: base });
    expect(egnasEvents(s3, s2)).toEqual(['hand-designed baseline ×0.3 (5507 params): val 91.2 %', 'Stage: final']);
    expect(egnasEvents(snap({ stage: 'final', baseline: base }), s3)).toEqual([]);
    expect(egnasEvents(snap({ stage: 'final', baseline: { ...base, valAccuracy: null } }), s2)[0]).toMatch(/: diverged$/);
  });
});
