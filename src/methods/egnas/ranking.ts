/**
 * The fair-ranking demo (the paper's key claim, pure part): which chains to rank, with which budgets, and how the two
 * rankings compare with the reference (Kendall τ-b, core/search/rank). The run trains; this plans and scores.
 */
import { rngStream } from '../../core/rng';
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
 * `rankCandidates` distinct chains spread over the space: depths evenly from L_min to L_max, widths evenly over the
 * reachable widths, paired in a seeded shuffle (so depth and width are not tied to each other).
 */
export function rankingPlan(c: EgnasConfig): RankingPlan[] {
  const n = c.rankCandidates;
  if (n <= 0) return [];
  const widths = reachableWidths(c);
  const spread = <T>(xs: readonly T[], k: number): T[] => Array.from({ length: k }, (_, i) => xs[k === 1 ? 0 : Math.round((i * (xs.length - 1)) / (k - 1))]);
  const depths = Array.from({ length: c.Lmax - c.Lmin + 1 }, (_, i) => c.Lmin + i);
  const Ls = spread(depths, n);
  const Cs = rngStream(c.seed, 'ranking').shuffle(spread(widths, n));
  const seen = new Set<string>();
  const out: RankingPlan[] = [];
  Ls.forEach((L, i) => {
    let C = Cs[i];
    // Keep the chains distinct: a repeated (L, C) takes the next reachable width that is free.
    for (let j = 0; seen.has(`${L}x${C}`) && j < widths.length; j++) C = widths[(widths.indexOf(C) + 1) % widths.length];
    if (seen.has(`${L}x${C}`)) return;
    seen.add(`${L}x${C}`);
    out.push({ L, C, fixedEpochs: c.rankFixedEpochs, awareEpochs: awareEpochs(c, L, C), refEpochs: c.rankRefEpochs });
  });
  return out;
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
