/**
 * PAD-NAS's evolutionary variation on genotypes (pure): two-point crossover, per-slot mutation, one generation's
 * offspring inside the latency window, and the first population. The generic NSGA-II parts (non-dominated sorting,
 * crowding, tournaments, survival) live in core/search; objectives are all MINIMISED ([−accuracy, latency]). The
 * driver (searchRound.ts) evaluates children one at a time, so a generation is split into `makeChildren` → evaluate →
 * `selectSurvivors`.
 */
import { crowdedCompare, type Ranked } from '../../core/search/pareto';
import { tournament } from '../../core/search/selection';
import { genotypeInSpace, genotypeKey, type Genotype } from '../../core/space/singlePath';

/** An evaluated architecture. */
export interface Individual {
  genotype: string[];
  /** Objective vector, every entry minimised. */
  objectives: number[];
}

/** An individual with its NSGA-II rank (0 = first front) and crowding distance. */
export type RankedIndividual = Individual & Ranked;

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
export function makeChildren(parents: readonly RankedIndividual[], o: BreedOptions): { children: string[][]; discarded: number } {
  const seen = new Set(parents.map((p) => genotypeKey(p.genotype)));
  const children: string[][] = [];
  let discarded = 0;
  const max = o.maxAttempts ?? o.size * 50;
  for (let attempt = 0; attempt < max && children.length < o.size; attempt++) {
    const a = tournament(parents, o.next, crowdedCompare).genotype;
    const b = tournament(parents, o.next, crowdedCompare).genotype;
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
