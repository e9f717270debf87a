/** The final search's front (pure): non-domination rank 0 of every distinct architecture it evaluated, cheapest first. */
import { paretoFront } from '../../core/search/pareto';
import { genotypeKey, type Genotype } from '../../core/space/singlePath';
import type { PadNasFrontPoint } from './snapshot';

/** An evaluated architecture as NSGA-II saw it: objectives [−one-shot accuracy, cost]. */
export interface Evaluated {
  genotype: Genotype;
  objectives: number[];
}

export function finalFront(evaluated: readonly Evaluated[]): PadNasFrontPoint[] {
  const seen = new Set<string>();
  const distinct = evaluated.filter((e) => {
    const k = genotypeKey(e.genotype);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return paretoFront(distinct)
    .map((e) => ({ genotype: e.genotype.slice(), oneShotAccuracy: -e.objectives[0], cost: e.objectives[1] }))
    .sort((a, b) => a.cost - b.cost || b.oneShotAccuracy - a.oneShotAccuracy);
}
