/**
 * Checkpoint and restore of the payoff stage (run/payoff.ts): the checkpoint's shape, its check when read back, and
 * each PAD-NAS search's part of it (the hosted run in progress saved through its own MethodRun.checkpoint and given
 * it back through MethodRun.restore).
 */
import type { TrainerCheckpoint } from '../../../engine/trainer';
import type { MethodCheckpoint, MethodRun } from '../../runTypes';
import type { FrontPoint, PayoffState } from '../snapshot';
import type { PayoffJob, PayoffSearch, PayoffSide, SearchSide } from './payoffTypes';

/**
 * Everything the stage's next units depend on (plain data, inside the AutoSpace-style run's checkpoint): which part it
 * is in, what the finished parts found, the PAD-NAS run in progress as its own checkpoint (MethodRun.checkpoint of the
 * hosted run), the networks picked for stand-alone training, the ones trained so far and the training in progress.
 */
export interface PayoffCheckpoint {
  v: 1;
  stage: PayoffState['stage'];
  unitsDone: number;
  sides: Record<PayoffSide, SearchCheckpoint>;
  jobs: PayoffJob[] | null;
  jobIndex: number;
  trained: Record<PayoffSide, FrontPoint[]>;
  /** The front network in stand-alone training: its trainer (null between two networks). */
  training: TrainerCheckpoint | null;
  /** Where the measuring on this device stands: its label once done, or why it could not be used. */
  measured?: { label: string | null; notice: string | null };
}

/** One PAD-NAS search's part of the checkpoint. */
type SearchCheckpoint = { total: number | null; done: number; found: PayoffSearch | null; run: MethodCheckpoint | null };

/** A checkpoint read back: the parts every restore needs are there, the rest may be absent. */
export type ReadPayoffCheckpoint = Partial<PayoffCheckpoint> & Pick<PayoffCheckpoint, 'stage' | 'unitsDone' | 'sides' | 'trained'>;

/** The message of a checkpoint asked for while a hosted run that cannot checkpoint is in progress. */
export const PAYOFF_CANNOT_CHECKPOINT = 'cannot checkpoint during the payoff: PAD-NAS cannot resume';

/** A search's part of the checkpoint; throws PAYOFF_CANNOT_CHECKPOINT when its run in progress cannot checkpoint. */
export async function searchCheckpoint(s: SearchSide): Promise<SearchCheckpoint> {
  let run: MethodCheckpoint | null = null;
  if (s.run) {
    if (!s.run.checkpoint) throw new Error(PAYOFF_CANNOT_CHECKPOINT);
    run = await s.run.checkpoint();
  }
  return { total: s.total, done: s.done, found: s.found, run };
}

/** Check a checkpoint's shape (this version, a known part, what that part needs); throws RangeError in plain words. */
export function readPayoffCheckpoint(raw: unknown): ReadPayoffCheckpoint {
  const s = raw as Partial<PayoffCheckpoint> | null;
  const stages: PayoffState['stage'][] = ['learned-search', 'hand-search', 'standalone', 'measure', 'done'];
  if (!s || s.v !== 1 || !stages.includes(s.stage as PayoffState['stage']) || !s.sides?.learned || !s.sides.hand || !s.trained || !Number.isInteger(s.unitsDone)) {
    throw new RangeError('the checkpoint of the payoff is not one of this version');
  }
  if (s.stage === 'learned-search' && !s.sides.learned.run) throw new RangeError('the checkpoint of the payoff has no state of its PAD-NAS search in the learned space');
  if (s.stage === 'standalone' && !s.jobs) throw new RangeError('the checkpoint of the payoff trains stand-alone without a list of networks');
  return s as ReadPayoffCheckpoint;
}

/**
 * Put a search's saved part into the live one: a run in progress is made fresh by `start` (unless already running)
 * and given its checkpoint; a live run the checkpoint no longer has is freed.
 */
export async function restoreSearch(side: PayoffSide, saved: SearchCheckpoint, live: SearchSide, start: (s: SearchSide) => void): Promise<void> {
  if (saved.run) {
    if (!live.run) start(live);
    const run = live.run as MethodRun<unknown>;
    if (!run.restore) throw new Error(PAYOFF_CANNOT_CHECKPOINT);
    if (saved.total !== live.total) throw new RangeError(`the checkpoint's PAD-NAS search in the ${side} space has ${saved.total} units; this one has ${live.total} (other settings or data)`);
    await run.restore(saved.run);
  } else if (live.run) {
    live.run.dispose();
    live.run = null;
  }
  live.total = saved.total;
  live.done = saved.done;
  live.found = saved.found;
}
