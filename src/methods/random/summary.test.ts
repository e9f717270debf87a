import { describe, expect, it } from 'vitest';
import type { RandomCandidate, RandomWindow } from './snapshot';
import { bestIndex, historyRows, readExtras, recordExtras } from './summary';

const cand = (index: number, valAccuracy: number | null, cost = 1e6): RandomCandidate => ({
  index, genotype: ['k3e3'], macs: cost, params: 100, latencyMs: null, cost, valAccuracy, trainLoss: valAccuracy === null ? null : 1, trainSteps: 5,
});
const window: RandomWindow = { objective: 'macs', lo: 0.1, hi: 0.7, unit: 'MACs', from: 1e6, to: 2e6, min: 5e5, max: 3e6, profileName: null };

describe('random search summary', () => {
  it('the best is the highest validation accuracy; ties go to the cheaper, then the earlier; diverged never win', () => {
    expect(bestIndex([])).toBeNull();
    expect(bestIndex([cand(0, null)])).toBeNull();
    expect(bestIndex([cand(0, 0.5), cand(1, 0.9), cand(2, null), cand(3, 0.7)])).toBe(1);
    expect(bestIndex([cand(0, 0.9, 2e6), cand(1, 0.9, 1e6), cand(2, 0.9, 1e6)])).toBe(1);
  });

  it('history has a row per candidate, per final epoch, and the final evaluation (no NaN: null)', () => {
    const rows = historyRows([cand(0, 0.5), cand(1, null)], [1.2, Number.NaN], 0.8, 0.79);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatchObject({ phase: 'sample', candidate: 1, valAccuracy: null, trainLoss: null });
    expect(rows[3]).toEqual({ phase: 'final', epoch: 1, trainLoss: null });
    expect(rows[4]).toEqual({ phase: 'final', valAccuracy: 0.8, testAccuracy: 0.79 });
  });

  it('reads its fields back from a stored record, naming the first bad one', () => {
    const extras = recordExtras({ candidates: [cand(0, 0.5), cand(1, null)], bestIndex: 0, genotype: ['k3e3'], window, steps: 5, finalEpochs: 2, samplesRequested: 2 });
    const stored = JSON.parse(JSON.stringify({ method: 'random', ...extras })) as Record<string, unknown>;
    const back = readExtras(stored);
    expect(back.ok && back.extras.candidates[1].valAccuracy).toBeNull();
    const badUnit = readExtras({ ...stored, window: { ...window, unit: 'FLOPs' } });
    expect(!badUnit.ok && badUnit.error).toMatch(/^window\.unit: /);
    const badAcc = readExtras({ ...stored, candidates: [{ ...cand(0, 1.5) }] });
    expect(!badAcc.ok && badAcc.error).toMatch(/^candidates\.0\.valAccuracy: /);
  });
});
