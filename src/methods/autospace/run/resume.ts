/**
 * What an AutoSpace-style run's checkpoint holds besides the unit count (MethodCheckpoint.state), and its check on
 * restore. The supernet is not rebuilt from weights alone: the evolution's state names the cells each slot holds, so a
 * fresh run gives its supernet exactly those before the saved weights load (run/evolution.ts). The payoff's PAD-NAS run
 * in progress is stored as that run's own checkpoint (run/payoff.ts).
 */
import type { TrainerCheckpoint } from '../../../engine/trainer';
import type { SpaceOrigin } from '../../../core/space/spaceFile';
import type { AutoSpacePlan } from '../plan';
import type { AutoSpaceSnapshot, PayoffState } from '../snapshot';
import type { EvolutionState } from './evolution';

export interface AutoSpaceResumeState {
  v: 1;
  /** The run's plan (checked: other settings or data give another). */
  plan: Pick<AutoSpacePlan, 'evolveSteps' | 'payoffUnits' | 'finalSteps'>;
  /** The first populations' cell names (checked: another seed, population size or width gives others). */
  initial: string[][];
  phase: Exclude<AutoSpaceSnapshot['phase'], 'done'>;
  evolution: EvolutionState;
  /** Each slot's K fittest cells, once evolution is over. */
  learned: string[][] | null;
  /** Once the payoff has begun (null with the payoff off or before it). */
  payoff: {
    /** The stage's own state (run/payoff.ts PayoffCheckpoint) while it runs; null before it is built and once it is freed. */
    stage: unknown;
    /** Stage steps taken and whether it said it was done (the pacing over the payoff units). */
    taken: number;
    finished: boolean;
    state: PayoffState | null;
    result: unknown;
    /** Where the learned space came from, as handed to the stage (its date kept, so a rebuilt stage gets the same). */
    spaceFrom: SpaceOrigin | null;
  } | null;
  /** The result network's cells, once chosen. */
  genotype: string[] | null;
  /** The final retraining, once built: its batch losses so far and its trainer. */
  final: { losses: number[]; trainer: TrainerCheckpoint } | null;
}

const isGrid = (v: unknown): v is string[][] => Array.isArray(v) && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'string'));

/** The state, checked for shape and against this run's plan and first populations; throws in plain words when it does not fit. */
export function readResumeState(raw: unknown, run: { plan: AutoSpacePlan; initial: string[][]; done: number }): AutoSpaceResumeState {
  const s = raw as Partial<AutoSpaceResumeState> | null;
  const e = s?.evolution;
  const ok =
    s && s.v === 1 && s.plan && isGrid(s.initial) && (s.phase === 'evolve' || s.phase === 'payoff' || s.phase === 'final') && e &&
    Array.isArray(e.populations) && isGrid(e.picks) && Array.isArray(e.weights) && Array.isArray(e.iterationLoss) && isGrid(e.cells) &&
    e.selectRng && e.mutateRng && (s.learned === null || isGrid(s.learned)) && (s.genotype === null || Array.isArray(s.genotype));
  if (!ok) throw new RangeError('the checkpoint is not one of an AutoSpace-style run of this version');
  const p = run.plan;
  if (s.plan!.evolveSteps !== p.evolveSteps || s.plan!.payoffUnits !== p.payoffUnits || s.plan!.finalSteps !== p.finalSteps) {
    const show = (q: AutoSpaceResumeState['plan']) => `${q.evolveSteps} evolution + ${q.payoffUnits} payoff + ${q.finalSteps} retraining units`;
    throw new RangeError(`the checkpoint's run has ${show(s.plan!)}; this one has ${show(p)} (other settings or data)`);
  }
  if (JSON.stringify(s.initial) !== JSON.stringify(run.initial)) {
    throw new RangeError('the checkpoint\'s run started from other cell populations (another seed, population size or width)');
  }
  if (!Number.isInteger(run.done) || run.done < 0 || run.done > p.totalSteps) throw new RangeError(`the checkpoint is at unit ${run.done}; this run has ${p.totalSteps}`);
  if (run.done < p.evolveSteps && !e.trainer) throw new RangeError('the checkpoint is inside evolution without the supernet\'s state');
  if (run.done > p.evolveSteps && !s.learned) throw new RangeError('the checkpoint is past evolution without its learned space');
  return s as AutoSpaceResumeState;
}
