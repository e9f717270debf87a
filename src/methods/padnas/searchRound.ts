/**
 * One PAD-NAS constrained evolutionary search (CES) round, as an async generator that yields once per candidate
 * slot (P per generation, G + 1 generations), so a driver can pause between evaluations. No tfjs: the one-shot
 * evaluation and the latency are callbacks. NSGA-II's ranking and survival live in core/search, the genotype variation in
 * variation.ts.
 */
import { rankPopulation } from '../../core/search/pareto';
import { selectSurvivors } from '../../core/search/selection';
import { initialPopulation, makeChildren, type Individual, type RankedIndividual } from './variation';
import { sampleGenotype, type Genotype } from '../../core/space/singlePath';
import type { PadNasPoint } from './snapshot';
import type { Rng } from '../../core/rng';

export interface SearchRoundOptions {
  space: readonly (readonly string[])[];
  population: number;
  generations: number;
  crossoverProb: number;
  mutationRate: number;
  inWindow: (g: Genotype) => boolean;
  latency: (g: Genotype) => number;
  /** One-shot validation accuracy of `g` with inherited weights (cached by the caller). */
  oneShot: (g: Genotype) => Promise<number>;
  rng: Rng;
}

/** Units (yields) one round takes: P per generation, initial population included. */
export function roundUnits(population: number, generations: number): number {
  return population * (generations + 1);
}

/** Population (ranked) of the current generation, every generation's population kept for the vote. */
export class SearchRound {
  generation = 0;
  population: RankedIndividual[] = [];
  /** Every generation's population with its ranks (the rank < k vote counts over all of them [ours]). */
  readonly history: RankedIndividual[] = [];
  /** Every architecture evaluated this round (for the best-in-window pick). */
  readonly evaluated: Individual[] = [];
  discarded = 0;

  constructor(private readonly o: SearchRoundOptions) {}

  private async evaluate(g: string[]): Promise<Individual> {
    const acc = await this.o.oneShot(g);
    const ind = { genotype: g, objectives: [-acc, this.o.latency(g)] };
    this.evaluated.push(ind);
    return ind;
  }

  private settle(pop: RankedIndividual[]): void {
    this.population = pop;
    this.history.push(...pop);
  }

  /** Runs the round; yields after each of the P·(G + 1) candidate slots. */
  async *run(): AsyncGenerator<void, void, void> {
    const o = this.o;
    const next = () => o.rng.next();
    const init = initialPopulation(o.population, () => sampleGenotype(o.space, next), o.inWindow);
    this.discarded += init.discarded;
    const first: Individual[] = [];
    for (let i = 0; i < o.population; i++) {
      if (i < init.genotypes.length) first.push(await this.evaluate(init.genotypes[i]));
      // Rank within the unit of the last evaluation, so a snapshot right after it shows the finished generation.
      if (i === o.population - 1) {
        if (first.length === 0) throw new Error('No architecture of the search space lies inside the latency window: widen the window.');
        this.settle(rankPopulation(first));
      }
      yield;
    }
    for (let gen = 1; gen <= o.generations; gen++) {
      this.generation = gen;
      const { children, discarded } = makeChildren(this.population, {
        size: o.population,
        space: o.space,
        crossoverProb: o.crossoverProb,
        mutationRate: o.mutationRate,
        inWindow: o.inWindow,
        next,
      });
      this.discarded += discarded;
      const kids: Individual[] = [];
      for (let i = 0; i < o.population; i++) {
        if (i < children.length) kids.push(await this.evaluate(children[i]));
        if (i === o.population - 1) this.settle(selectSurvivors([...this.population, ...kids], o.population));
        yield;
      }
    }
  }

  /** The latest population as scatter points. */
  points(): PadNasPoint[] {
    return this.population.map((p) => ({ genotype: p.genotype, acc: -p.objectives[0], latency: p.objectives[1], rank: p.rank }));
  }

  /** The most accurate architecture evaluated this round (all of them lie inside the window). */
  best(): Individual {
    if (this.evaluated.length === 0) throw new Error('the search round evaluated no architecture');
    return this.evaluated.reduce((a, b) => (b.objectives[0] < a.objectives[0] || (b.objectives[0] === a.objectives[0] && b.objectives[1] < a.objectives[1]) ? b : a));
  }
}
