/**
 * Selection for evolutionary search (pure, method-neutral): binary tournaments for choosing parents, and NSGA-II's
 * elitist survival (Deb et al. 2002) for choosing the next population. Randomness comes in as `next()` ∈ [0, 1), so a
 * caller passes its own seeded stream.
 */
import { crowdedCompare, rankPopulation, type Ranked, type Scored } from './pareto';

/**
 * Binary tournament: two members drawn uniformly with replacement (two calls of `next`), the one `compare` prefers
 * (negative = the first) wins; a tie goes to the first drawn. NSGA-II compares with `crowdedCompare`.
 */
export function tournament<T>(pop: readonly T[], next: () => number, compare: (a: T, b: T) => number): T {
  if (pop.length === 0) throw new RangeError('tournament: the population is empty');
  const a = pop[Math.floor(next() * pop.length)];
  const b = pop[Math.floor(next() * pop.length)];
  return compare(a, b) <= 0 ? a : b;
}

/**
 * NSGA-II's elitist survival: the best `size` of `pool` by crowded comparison (ranked against the whole pool; ties keep
 * pool order), then ranked again among themselves, which is what the next tournament and a live view use.
 */
export function selectSurvivors<T extends Scored>(pool: readonly T[], size: number): (T & Ranked)[] {
  const ranked = rankPopulation(pool);
  const kept = ranked
    .map((r, i) => ({ r, i }))
    .sort((a, b) => crowdedCompare(a.r, b.r) || a.i - b.i)
    .slice(0, size)
    .map((x) => x.r);
  return rankPopulation(kept);
}
