import { describe, expect, it } from 'vitest';
import { EGNAS_PRESETS } from './config';
import { rankingPlan, rankingResult, reachableWidths } from './ranking';
import type { RankingRow } from './snapshot';

const row = (L: number, fixedAcc: number | null, awareAcc: number | null, refAcc: number | null): RankingRow => ({
  L, C: 8, params: 1, fixedEpochs: 1, awareEpochs: 2, refEpochs: 4, fixedAcc, awareAcc, refAcc, curves: { fixed: [], aware: [], ref: [] },
});

describe('fair-ranking demo', () => {
  it('plans distinct chains of different depth and width, each aware budget shorter than the reference', () => {
    for (const c of Object.values(EGNAS_PRESETS)) {
      const plan = rankingPlan(c);
      expect(plan).toHaveLength(c.rankCandidates);
      if (c.rankCandidates === 0) continue; // a preset without the demo (first look)
      expect(new Set(plan.map((p) => `${p.L}x${p.C}`)).size).toBe(plan.length);
      expect(new Set(plan.map((p) => p.L)).size).toBeGreaterThan(1);
      expect(new Set(plan.map((p) => p.C)).size).toBeGreaterThan(1);
      for (const p of plan) {
        expect(reachableWidths(c)).toContain(p.C);
        expect(p.fixedEpochs).toBe(c.rankFixedEpochs);
        expect(p.awareEpochs).toBe(c.startEpochs + (p.L - c.Lmin) + 2 * ((c.Cmax - p.C) / c.widthStep));
        expect(p.awareEpochs).toBeLessThan(p.refEpochs);
      }
    }
    expect(rankingPlan({ ...EGNAS_PRESETS.default, rankCandidates: 0 })).toEqual([]);
  });

  it('τ of each budget against the reference; orders best first; unscored rows are left out', () => {
    const rows = [row(2, 0.5, 0.7, 0.9), row(3, 0.6, 0.6, 0.8), row(4, 0.7, 0.5, 0.7), row(5, null, 0.4, 0.6)];
    const r = rankingResult(rows);
    expect(r.fixedTau).toBeCloseTo(-1);
    expect(r.awareTau).toBeCloseTo(1);
    expect(r.refOrder).toEqual([0, 1, 2, 3]);
    expect(r.fixedOrder).toEqual([2, 1, 0, 3]);
    expect(rankingResult([row(2, 0.5, 0.5, 0.5)]).fixedTau).toBeNull();
  });
});
