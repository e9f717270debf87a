import { describe, expect, it } from 'vitest';
import type { EgnasCandidate, EgnasSnapshot } from '../snapshot';
import { EgnasLive, epochsText, marker, readouts } from './liveBuffer';

const cand = (index: number, decision: EgnasCandidate['decision']): EgnasCandidate => ({
  index, phase: 'depth', L: 3 + index, C: 8, ops: ['s'], kernels: [3], epochs: 1 + index, valAccuracy: 0.5, decision, against: null,
  params: 100, macs: 1000, latencyMs: null, layer: null, change: null, matchedFrom: null, curve: [0.5],
});
const snap = (cs: EgnasCandidate[]): EgnasSnapshot => ({
  stage: 'search', phase: 'depth', candidates: cs, current: { label: '#2', phase: 'depth', epochs: 2, step: 1, steps: 10, curve: [] },
  ranking: [], rankingResult: null, paramBudget: null, discoveredEpochs: null, baseline: null, valImages: 1000,
});

describe('EgnasLive', () => {
  it('keeps one row per candidate, reads the phase and budget, and forgets on null', () => {
    const live = new EgnasLive();
    live.apply(snap([cand(0, 'start')]));
    live.apply(snap([cand(0, 'start'), cand(1, 'neutral')]));
    expect(live.candidates.map((c) => c.index)).toEqual([0, 1]);
    expect(readouts(live)).toEqual({ phase: 'depth phase', candidates: '2', budget: '2 epochs (#2)' });
    const base = { name: 'baseline MB k3 e3 ×0.3', width: 0.3, params: 5507, macs: 349_555, latencyMs: null, epochs: 4, valAccuracy: 0.9, testAccuracy: 0.89, curve: [0.5, 0.9] };
    live.apply({ ...snap([]), stage: 'baseline', phase: null, current: { label: 'hand-designed baseline ×0.3', phase: 'baseline', epochs: 4, step: 3, steps: 40, curve: [] }, discoveredEpochs: 4 });
    expect(readouts(live)).toMatchObject({ phase: 'training the hand-designed baseline', budget: 'discovered: 4 epochs' });
    live.apply({ ...snap([]), stage: 'final', phase: null, current: null, discoveredEpochs: 4, baseline: base });
    expect(live.baseline).toEqual(base);
    live.apply(null);
    expect(live.baseline).toBeNull();
    expect(live.candidates).toEqual([]);
    expect(readouts(live).phase).toBe('not started');
  });

  it('says "1 epoch" and "3 epochs"', () => {
    expect([1, 3].map(epochsText)).toEqual(['1 epoch', '3 epochs']);
  });

  it('marks decisions ✓ ○ ✗', () => {
    expect(['accept', 'neutral', 'fail', 'keep', 'revert'].map((d) => marker(d as EgnasCandidate['decision']))).toEqual(['✓', '○', '✗', '✓', '✗']);
  });
});
