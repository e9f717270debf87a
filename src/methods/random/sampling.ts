/**
 * Drawing the candidates (pure, seeded): genotypes uniform over the space, kept only inside the window (rejection
 * sampling, so the kept ones are uniform over the window's architectures), no architecture twice. The number of draws
 * is bounded, so a window that holds no architecture fails fast with a message that says what to change.
 */
import { rngStream, type Rng } from '../../core/rng';
import { genotypeKey, sampleGenotype, type Genotype } from '../../core/space/singlePath';

/** Draws allowed for `count` candidates. */
export function maxDraws(count: number): number {
  return Math.max(2000, 200 * count);
}

export interface Draws {
  genotypes: string[][];
  /** Random draws made (inside the window or not). */
  draws: number;
}

/** Up to `count` distinct in-window genotypes, in draw order, within `limit` draws. */
export function drawInWindow(space: readonly (readonly string[])[], count: number, inWindow: (g: Genotype) => boolean, rng: Rng, limit = maxDraws(count)): Draws {
  const genotypes: string[][] = [];
  const seen = new Set<string>();
  let draws = 0;
  while (genotypes.length < count && draws < limit) {
    draws++;
    const g = sampleGenotype(space, () => rng.next());
    const key = genotypeKey(g);
    if (seen.has(key)) continue;
    seen.add(key);
    if (inWindow(g)) genotypes.push(g);
  }
  return { genotypes, draws };
}

/** Raised when the window holds no architecture that the draws could find. */
export class EmptyWindowError extends Error {
  constructor(windowText: string, draws: number) {
    super(
      `No architecture fell inside ${windowText} in ${draws} random draws. Widen the window (lower "from" or raise "to"), ` +
        'or allow more candidate ops.',
    );
    this.name = 'EmptyWindowError';
  }
}

export interface Candidates {
  genotypes: string[][];
  /** Set when fewer than the requested number were found (the run trains those it found). */
  notice: string | null;
}

/**
 * The run's candidates: `count` distinct genotypes inside the window, drawn from the 'sample' stream of `seed`.
 * Throws EmptyWindowError when none was found; says so in `notice` when fewer than `count` were.
 */
export function sampleCandidates(o: { space: readonly (readonly string[])[]; count: number; seed: number; inWindow: (g: Genotype) => boolean; windowText: string; limit?: number }): Candidates {
  const r = drawInWindow(o.space, o.count, o.inWindow, rngStream(o.seed, 'sample'), o.limit);
  if (r.genotypes.length === 0) throw new EmptyWindowError(o.windowText, r.draws);
  const notice =
    r.genotypes.length < o.count
      ? `Only ${r.genotypes.length} distinct architectures of ${o.count} were found inside ${o.windowText} in ${r.draws} draws; training those. Widen the window to sample more.`
      : null;
  return { genotypes: r.genotypes, notice };
}
