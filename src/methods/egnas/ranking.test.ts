import { describe, expect, it } from 'vitest';
import { EGNAS_PRESETS } from './config';
import { rankingPlan, rankingResult, reachableWidths } from './ranking';
import type { RankingRow } from './snapshot';

const row = (L: number, fixedAcc: number | null, awareAcc: number | null, refAcc: number | null): RankingRow => ({
  L, C: 8, params: 1, fixedEpochs: 1, awareEpochs: 2, refEpochs: 4, fixedAcc, awareAcc, refAcc, curves: { fixed: [], aware: [], ref: [] },
});

describe('fair-ranking demo', () => {
  it('plans distinct chains over the depth and width ranges with the search\'s budgets', () => {
    const c = EGNAS_PRESETS.default;
    const plan = rankingPlan(c);
    expect(plan).toHaveLength(6);
    expect(new Set(plan.map((p) => `${p.L}x${p.C}`)).size).toBe(6);
    expect(plan[0].L).toBe(c.Lmin);
    expect(plan.at(-1)!.L).toBe(c.Lmax);
    expect(plan.every((p) => reachableWidths(c).includes(p.C))).toBe(true);
    for (const p of plan) {
      expect(p.fixedEpochs).toBe(c.rankFixedEpochs);
      expect(p.refEpochs).toBe(c.rankRefEpochs);
      expect(p.awareEpochs).toBe(c.startEpochs + (p.L - c.Lmin) + 2 * ((c.Cmax - p.C) / 2));
    }
    expect(rankingPlan({ ...c, rankCandidates: 0 })).toEqual([]);
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
