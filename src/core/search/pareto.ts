/**
 * Pareto dominance over plain objective vectors (pure, method-neutral): dominance, Deb's fast non-dominated sort,
 * crowding distance (Deb et al. 2002, NSGA-II), the rank and crowding of every member of a population, and the first
 * front. Every objective is MINIMISED: negate the ones to maximise (PAD-NAS passes [−accuracy, latency]).
 */

/** An objective vector; every entry is minimised. */
export type Objectives = readonly number[];

/** Anything carrying an objective vector (an evaluated architecture, a hyper-parameter setting…). */
export interface Scored {
  readonly objectives: Objectives;
}

/** Non-domination rank (0 = first front) and crowding distance within that front. */
export interface Ranked {
  rank: number;
  crowding: number;
}

/** True when a is no worse than b in every objective and strictly better in at least one. */
export function dominates(a: Objectives, b: Objectives): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

/** Fronts of indices into `objs` (front 0 = non-dominated), Deb's O(M·N²) fast non-dominated sort. */
export function nonDominatedSort(objs: readonly Objectives[]): number[][] {
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
export function crowdingDistance(objs: readonly Objectives[], front: readonly number[]): number[] {
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

/** Rank and crowding of every objective vector (same order as `objs`). */
export function rankObjectives(objs: readonly Objectives[]): Ranked[] {
  const out: Ranked[] = objs.map(() => ({ rank: 0, crowding: 0 }));
  nonDominatedSort(objs).forEach((front, r) => {
    const cd = crowdingDistance(objs, front);
    front.forEach((idx, i) => {
      out[idx].rank = r;
      out[idx].crowding = cd[i];
    });
  });
  return out;
}

/** Copies of the members with their rank and crowding added (same order as given). */
export function rankPopulation<T extends Scored>(pop: readonly T[]): (T & Ranked)[] {
  const ranks = rankObjectives(pop.map((p) => p.objectives));
  return pop.map((p, i) => ({ ...p, ...ranks[i] }));
}

/** Crowded comparison: lower rank first, then larger crowding distance. Negative when a is preferred. */
export function crowdedCompare(a: Ranked, b: Ranked): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.crowding === b.crowding) return 0;
  return a.crowding > b.crowding ? -1 : 1;
}

/** The non-dominated members of `pop` (the first front), in their original order. */
export function paretoFront<T extends Scored>(pop: readonly T[]): T[] {
  const first = nonDominatedSort(pop.map((p) => p.objectives))[0] ?? [];
  return first.sort((a, b) => a - b).map((i) => pop[i]);
}

/**
 * Hypervolume of a 2-D point set (both objectives MINIMISED, like everything here): the area dominated by the points
 * and bounded by `ref`. Points not strictly better than `ref` in both objectives add nothing; dominated points and
 * duplicates add nothing either. To maximise accuracy and minimise cost pass [−accuracy, cost] and ref [−acc₀, cost₀].
 */
export function hypervolume2d(points: readonly Objectives[], ref: Objectives): number {
  const inside = points.filter((p) => p[0] < ref[0] && p[1] < ref[1]).slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let area = 0;
  let y = ref[1];
  for (const p of inside) {
    if (p[1] >= y) continue;
    area += (ref[0] - p[0]) * (y - p[1]);
    y = p[1];
  }
  return area;
}
