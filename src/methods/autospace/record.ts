/** What an AutoSpace-style run adds to the common result record (pure): learned space, populations, payoff, budget. */
import type { HistoryRow } from '../../core/method/resultRecord';
import { makeSpaceFile, type SpaceFile } from '../../core/space/spaceFile';
import type { AutoSpaceConfig } from './config';
import type { BudgetState, CellState, FrontPoint, PayoffState } from './snapshot';

/** The record's `payoff`: both fronts, their hypervolumes and a verdict in words. */
export interface PayoffRecord {
  unit: PayoffState['unit'];
  costSource: string;
  learned: FrontPoint[];
  hand: FrontPoint[];
  hvLearned: number | null;
  hvHand: number | null;
  hvReference: PayoffState['hvReference'];
  verdict: string;
  /** Whatever else the payoff stage reports about itself. */
  [more: string]: unknown;
}

/** "the learned space's front dominates more (hypervolume 0.41 vs 0.37)" and the like. */
export function payoffVerdict(hvLearned: number | null, hvHand: number | null): string {
  if (hvLearned === null || hvHand === null) return 'not measured (a front is missing)';
  const f = (v: number) => v.toPrecision(3);
  const rel = hvHand > 0 ? (hvLearned - hvHand) / hvHand : Number.POSITIVE_INFINITY;
  if (Math.abs(rel) < 0.01) return `a tie: both fronts have hypervolume ≈ ${f(hvLearned)}`;
  return hvLearned > hvHand
    ? `the learned space's front is better: hypervolume ${f(hvLearned)} vs ${f(hvHand)} for the hand-designed space`
    : `the hand-designed space's front is better: hypervolume ${f(hvHand)} vs ${f(hvLearned)} for the learned space`;
}

/** The payoff as the record keeps it: the stage's final state, its own result fields, and a verdict when it has none. */
export function payoffRecord(state: PayoffState, result: unknown): PayoffRecord {
  const extra = result && typeof result === 'object' ? (result as Record<string, unknown>) : {};
  const { stage: _stage, ...rest } = state;
  void _stage;
  const verdict = typeof extra.verdict === 'string' ? extra.verdict : payoffVerdict(state.hvLearned, state.hvHand);
  return { ...extra, ...rest, verdict };
}

/** The learned space as a space file (saved by the CLI next to the record as `<out>.space.json`). */
export function learnedSpaceFile(c: AutoSpaceConfig, learned: string[][], command?: string): SpaceFile {
  return makeSpaceFile({ width: c.width, tiny: c.tiny, slots: learned, createdBy: { method: 'autospace', seed: c.seed, preset: c.preset, ...(command ? { command } : {}) } });
}

export interface AutoSpaceExtras {
  /** Each slot's K fittest cells at the end of evolution. */
  learnedSpace: string[][];
  /** Final population of every slot: each cell's fitness, birth iteration and whether it is the reference. */
  populations: CellState[][];
  payoff: PayoffRecord | null;
  /** The result network's cells, one per slot. */
  genotype: string[];
  /** Where the result came from: the learned front's best on validation, or (payoff off) the fittest cells. */
  resultFrom: 'learned-front' | 'fittest-cells';
  budget: BudgetState & { source: string; notice: string | null; cellsScaledFromMacs: number };
  evolution: { iterations: number; stepsPerIteration: number; k: number; population: number; iterationLoss: (number | null)[] };
}

/** History: one row per evolution iteration, one per final epoch, then the final val / test. */
export function historyRows(iterationLoss: readonly number[], finalEpochLoss: readonly number[], val: number, test: number): HistoryRow[] {
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return [
    ...iterationLoss.map((loss, i) => ({ phase: 'evolve', iteration: i + 1, trainLoss: num(loss) })),
    ...finalEpochLoss.map((loss, epoch) => ({ phase: 'final', epoch, trainLoss: num(loss) })),
    { phase: 'final', valAccuracy: num(val), testAccuracy: num(test) },
  ];
}

/** Mean of each epoch's step losses. */
export function epochMeans(losses: readonly number[], stepsPerEpoch: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < losses.length; i += stepsPerEpoch) {
    const chunk = losses.slice(i, i + stepsPerEpoch);
    out.push(chunk.reduce((a, b) => a + b, 0) / chunk.length);
  }
  return out;
}
