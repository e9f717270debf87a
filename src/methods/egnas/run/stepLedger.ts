/**
 * The step counts of an Efficient Global NAS run. The progress units (`done` against `total`) are fixed at the start
 * from each stage's worst case, and a stage that ends early counts the steps it did not need as done. The work shown
 * for the time left (WorkProgress) is the steps actually trained against the most there can still be, a total that
 * shrinks with every search decision (EgnasSearch.epochsLeft).
 */
import type { WorkProgress } from '../../runTypes';
import type { EgnasStage } from '../snapshot';

/** Each stage's most steps: the whole search, the fair-ranking demo, the baseline (0 when not trained), the retraining. */
export interface WorstSteps {
  search: number;
  rank: number;
  baseline: number;
  final: number;
}

/** What the run knows now that sets the work left. */
export interface LedgerView {
  stage: EgnasStage;
  /** The search's bound on what it still trains (EgnasSearch.epochsLeft), in epochs. */
  bound: { epochs: number; finalEpochs: number };
  /** The search phase in progress (depth and width stop on their own decisions, so their total is a most). */
  phase: string;
  /** Steps already taken by the search candidate in training (0 when none is). */
  candidateSteps: number;
  /** The discovered epoch budget, once the search has ended. */
  foundEpochs: number | null;
  /** Whether the found chain's retraining has begun. */
  finalStarted: boolean;
  trainBaseline: boolean;
}

export class StepLedger {
  /** Progress units completed, skipped steps included. */
  done = 0;
  /** Steps trained by search candidates. */
  searchSteps = 0;

  constructor(
    readonly worst: WorstSteps,
    private readonly stepsPerEpoch: number,
  ) {}

  get total(): number {
    const w = this.worst;
    return w.search + w.rank + w.baseline + w.final;
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /** Steps trained (or given up on, for a diverged candidate); search steps are counted apart. */
  advance(n: number, search: boolean): void {
    this.done += n;
    if (search) this.searchSteps += n;
  }

  /** The search has ended: its unneeded worst-case steps count as done. */
  skipSearch(): void {
    this.done += Math.max(0, this.worst.search - this.searchSteps);
  }

  /** A stage of `worst` steps that trains `epochs` epochs begins: the difference counts as done. */
  skipRest(stage: 'baseline' | 'final', epochs: number): void {
    this.done += Math.max(0, this.worst[stage] - epochs * this.stepsPerEpoch);
  }

  /** Everything is trained (the retraining ended): nothing is left. */
  finish(): void {
    this.done = this.total;
  }

  /** The epoch the units are in, for the progress line. */
  epoch(): number {
    return Math.min(Math.ceil(this.total / this.stepsPerEpoch) - 1, Math.floor(this.done / this.stepsPerEpoch));
  }

  /**
   * The steps trained so far and the most there can be in all (for the time left): the units count the search's worst
   * case until it ends, which in `default` put the time left at 11 h an hour before the end; this total shrinks with
   * every decision instead, down to the exact steps once the micro phase runs. Until then it is a most (`atMost`).
   */
  work(v: LedgerView): WorkProgress {
    const w = this.worst;
    const spe = this.stepsPerEpoch;
    const inSearch = v.stage === 'search';
    const searchTotal = inSearch ? this.searchSteps + v.bound.epochs * spe - v.candidateSteps : this.searchSteps;
    const trainSteps = (v.foundEpochs ?? v.bound.finalEpochs) * spe;
    const baseline = v.trainBaseline ? trainSteps : 0;
    // The units jumped over what a stage did not need (skipSearch, skipRest): the same skips, known from the stage.
    const past = (stages: EgnasStage[]) => stages.includes(v.stage);
    const skipped =
      (inSearch ? 0 : w.search - this.searchSteps) +
      (past(['baseline', 'final', 'done']) ? w.baseline - baseline : 0) +
      (v.finalStarted ? w.final - trainSteps : 0);
    const atMost = inSearch && (v.phase === 'depth' || v.phase === 'width');
    return { done: this.done - skipped, total: searchTotal + w.rank + baseline + trainSteps, ...(atMost ? { atMost } : {}) };
  }
}
