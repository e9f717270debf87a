/**
 * The fair-ranking demo (the paper's key claim, pure part): which chains to rank, with which budgets, and how the two
 * rankings compare with the reference (Kendall τ-b, core/search/rank). The run trains; this plans and scores.
 */
import { kendallTauB } from '../../core/search/rank';
import type { EgnasConfig } from './config';
import { awareEpochs } from './search';
import type { RankingResult, RankingRow } from './snapshot';

/** One chain to rank and its three budgets. */
export interface RankingPlan {
  L: number;
  C: number;
  fixedEpochs: number;
  awareEpochs: number;
  refEpochs: number;
}

/** The widths the width phase can reach: C_max, C_max − step, … ≥ C_min. */
export function reachableWidths(c: Pick<EgnasConfig, 'Cmin' | 'Cmax' | 'widthStep'>): number[] {
  const out: number[] = [];
  for (let C = c.Cmax; C >= c.Cmin; C -= c.widthStep) out.push(C);
  return out;
}

/**
 * `rankCandidates` distinct chains of different depth and width whose architecture-aware budget is shorter than the
 * reference (a reference no longer than the budget it judges would be no reference): every reachable (L, C) with
 * aware budget < rankRefEpochs, ordered by that budget (then depth), sampled evenly from the cheapest to the dearest.
 */
export function rankingPlan(c: EgnasConfig): RankingPlan[] {
  const n = c.rankCandidates;
  if (n <= 0) return [];
  const pool: RankingPlan[] = [];
  for (let L = c.Lmin; L <= c.Lmax; L++) {
    for (const C of reachableWidths(c)) {
      const aware = awareEpochs(c, L, C);
      if (aware < c.rankRefEpochs) pool.push({ L, C, fixedEpochs: c.rankFixedEpochs, awareEpochs: aware, refEpochs: c.rankRefEpochs });
    }
  }
  pool.sort((a, b) => a.awareEpochs - b.awareEpochs || a.L - b.L || b.C - a.C);
  if (pool.length <= n) return pool;
  const picks = new Set(Array.from({ length: n }, (_, i) => Math.round((i * (pool.length - 1)) / (n - 1))));
  return pool.filter((_, i) => picks.has(i));
}

/** Row indices ordered best first by `acc` (unscored rows last, then by index). */
export function orderBy(rows: readonly RankingRow[], acc: (r: RankingRow) => number | null): number[] {
  return rows.map((_, i) => i).sort((a, b) => (acc(rows[b]) ?? -1) - (acc(rows[a]) ?? -1) || a - b);
}

/** τ-b of `acc` against the reference over the rows where both are scored (null: fewer than 2, or all tied). */
export function tauAgainstRef(rows: readonly RankingRow[], acc: (r: RankingRow) => number | null): number | null {
  const both = rows.filter((r) => acc(r) !== null && r.refAcc !== null);
  if (both.length < 2) return null;
  const t = kendallTauB(both.map((r) => acc(r)!), both.map((r) => r.refAcc!));
  return Number.isFinite(t) ? t : null;
}

/** Both rankings and their τ against the reference. */
export function rankingResult(rows: readonly RankingRow[]): RankingResult {
  return {
    rows: rows.slice(),
    fixedTau: tauAgainstRef(rows, (r) => r.fixedAcc),
    awareTau: tauAgainstRef(rows, (r) => r.awareAcc),
    fixedOrder: orderBy(rows, (r) => r.fixedAcc),
    awareOrder: orderBy(rows, (r) => r.awareAcc),
    refOrder: orderBy(rows, (r) => r.refAcc),
  };
}
