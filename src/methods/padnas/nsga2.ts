/**
 * NSGA-II (Deb et al. 2002), pure: fast non-dominated sorting, crowding distance, crowded-comparison survival,
 * binary tournaments, two-point crossover and per-slot mutation on genotypes of op names. Objectives are all
 * MINIMISED (PAD-NAS passes [−accuracy, latency]). The driver (searchRound.ts) evaluates children one at a time,
 * so a generation is split into `makeChildren` → evaluate → `selectSurvivors`.
 */
import { genotypeInSpace, genotypeKey, type Genotype } from '../../core/space/singlePath';

/** An evaluated architecture. */
export interface Individual {
  genotype: string[];
  /** Objective vector, every entry minimised. */
  objectives: number[];
}

/** An individual with its NSGA-II rank (0 = first front) and crowding distance. */
export interface Ranked extends Individual {
  rank: number;
  crowding: number;
}

/** True when a is no worse than b in every objective and strictly better in at least one. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

/** Fronts of indices into `objs` (front 0 = non-dominated), Deb's O(M·N²) fast non-dominated sort. */
export function nonDominatedSort(objs: readonly (readonly number[])[]): number[][] {
  const n = objs.length;
  const dominatedBy: number[][] = objs.map(() => []);
  const count = new Array<number>(n).fill(0);
  const fronts: number[][] = [[]];
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      if (p === q) continue;
      if (dominates(objs[p], objs[q])) dominatedBy[p].push(q);
      else if (dominates(objs[q], objs[p])) count[p]++;
    }
    if (count[p] === 0) fronts[0].push(p);
  }
  let i = 0;
  while (fronts[i].length > 0) {
    const next: number[] = [];
    for (const p of fronts[i]) {
      for (const q of dominatedBy[p]) {
        if (--count[q] === 0) next.push(q);
      }
    }
    i++;
    fronts.push(next);
  }
  fronts.pop();
  return fronts;
}

/**
 * Crowding distance of each member of one front (same order as `front`): boundary points of every objective get
 * Infinity; inner points the sum over objectives of the normalised gap between their neighbours.
 */
export function crowdingDistance(objs: readonly (readonly number[])[], front: readonly number[]): number[] {
  const d = new Array<number>(front.length).fill(0);
  if (front.length === 0) return d;
  const m = objs[front[0]].length;
  for (let k = 0; k < m; k++) {
    const order = front.map((_, i) => i).sort((a, b) => objs[front[a]][k] - objs[front[b]][k]);
    const lo = objs[front[order[0]]][k];
    const hi = objs[front[order[order.length - 1]]][k];
    d[order[0]] = Infinity;
    d[order[order.length - 1]] = Infinity;
    if (hi === lo) continue; // every member ties on this objective: it says nothing about spacing
    for (let i = 1; i < order.length - 1; i++) {
      d[order[i]] += (objs[front[order[i + 1]]][k] - objs[front[order[i - 1]]][k]) / (hi - lo);
    }
  }
  return d;
}

/** Rank and crowding of every individual (same order as given). */
export function rankPopulation<T extends Individual>(pop: readonly T[]): (T & Ranked)[] {
  const objs = pop.map((p) => p.objectives);
  const out = pop.map((p) => ({ ...p, rank: 0, crowding: 0 }));
  nonDominatedSort(objs).forEach((front, r) => {
    const cd = crowdingDistance(objs, front);
    front.forEach((idx, i) => {
      out[idx].rank = r;
      out[idx].crowding = cd[i];
    });
  });
  return out;
}

/** Crowded comparison: lower rank first, then larger crowding distance. Negative when a is preferred. */
export function crowdedCompare(a: Ranked, b: Ranked): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.crowding === b.crowding) return 0;
  return a.crowding > b.crowding ? -1 : 1;
}

/** The best `size` of `pool` by crowded comparison (NSGA-II's elitist survival), ranked against the pool. */
export function selectSurvivors<T extends Individual>(pool: readonly T[], size: number): (T & Ranked)[] {
  const ranked = rankPopulation(pool);
  const kept = ranked
    .map((r, i) => ({ r, i }))
    .sort((a, b) => crowdedCompare(a.r, b.r) || a.i - b.i)
    .slice(0, size)
    .map((x) => x.r);
  // Ranks and crowding of the survivors among themselves (what the next tournament and the live view use).
  return rankPopulation(kept);
}

/** Binary tournament by crowded comparison. */
export function tournament<T extends Ranked>(pop: readonly T[], next: () => number): T {
  const a = pop[Math.floor(next() * pop.length)];
  const b = pop[Math.floor(next() * pop.length)];
  return crowdedCompare(a, b) <= 0 ? a : b;
}

/** Two-point crossover: the child takes a's ops outside [i, j) and b's inside (cut points drawn from `next`). */
export function twoPointCrossover(a: Genotype, b: Genotype, next: () => number): string[] {
  const n = a.length;
  let i = Math.floor(next() * (n + 1));
  let j = Math.floor(next() * (n + 1));
  if (i > j) [i, j] = [j, i];
  return a.map((op, s) => (s >= i && s < j ? b[s] : op));
}

/** Each slot is redrawn from its op set (another op than the current one) with probability `rate`. */
export function mutate(g: Genotype, space: readonly (readonly string[])[], rate: number, next: () => number): string[] {
  return g.map((op, s) => {
    const others = space[s].filter((o) => o !== op);
    if (others.length === 0 || next() >= rate) return op;
    return others[Math.floor(next() * others.length)];
  });
}

/** Options of one generation's offspring. */
export interface BreedOptions {
  size: number;
  space: readonly (readonly string[])[];
  crossoverProb: number;
  mutationRate: number;
  /** Children outside the latency window are discarded (PAD-NAS's constraint). */
  inWindow: (g: Genotype) => boolean;
  /** Draw attempts before giving up on filling `size` (keeps a narrow window from looping forever). */
  maxAttempts?: number;
  next: () => number;
}

/**
 * Up to `size` new children from `parents` (tournament, two-point crossover, mutation), each inside the window, in the
 * space, and not a duplicate of a parent or another child. Returns how many were discarded for the window.
 */
export function makeChildren(parents: readonly Ranked[], o: BreedOptions): { children: string[][]; discarded: number } {
  const seen = new Set(parents.map((p) => genotypeKey(p.genotype)));
  const children: string[][] = [];
  let discarded = 0;
  const max = o.maxAttempts ?? o.size * 50;
  for (let attempt = 0; attempt < max && children.length < o.size; attempt++) {
    const a = tournament(parents, o.next).genotype;
    const b = tournament(parents, o.next).genotype;
    const crossed = o.next() < o.crossoverProb ? twoPointCrossover(a, b, o.next) : a.slice();
    const child = mutate(crossed, o.space, o.mutationRate, o.next);
    const key = genotypeKey(child);
    if (seen.has(key) || !genotypeInSpace(child, o.space)) continue;
    if (!o.inWindow(child)) {
      discarded++;
      continue;
    }
    seen.add(key);
    children.push(child);
  }
  return { children, discarded };
}

/** Up to `size` distinct random genotypes inside the window (the first population). */
export function initialPopulation(
  size: number,
  sample: () => string[],
  inWindow: (g: Genotype) => boolean,
  maxAttempts = size * 200,
): { genotypes: string[][]; discarded: number } {
  const seen = new Set<string>();
  const genotypes: string[][] = [];
  let discarded = 0;
  for (let attempt = 0; attempt < maxAttempts && genotypes.length < size; attempt++) {
    const g = sample();
    const key = genotypeKey(g);
    if (seen.has(key)) continue;
    if (!inWindow(g)) {
      discarded++;
      continue;
    }
    seen.add(key);
    genotypes.push(g);
  }
  return { genotypes, discarded };
}
