/** What a random search's checkpoint holds besides the step count (MethodCheckpoint.state), and its check on restore. */
import type { TrainerCheckpoint } from '../../../engine/trainer';
import type { RandomCandidate, RandomPhase } from '../snapshot';

export interface RandomResumeState {
  v: 1;
  /** The drawn architectures (a fresh run of the same config and data draws the same). */
  genotypes: string[][];
  phase: RandomPhase;
  /** Scored so far, in order. */
  candidates: RandomCandidate[];
  /** The candidate in training: its batch losses so far and its trainer. */
  current: { losses: number[]; trainer: TrainerCheckpoint } | null;
  /** The final retraining, once started. */
  final: { losses: number[]; trainer: TrainerCheckpoint } | null;
}

/** The state, checked against this run's drawn architectures; throws in plain words when it does not fit. */
export function readResumeState(raw: unknown, genotypes: readonly string[][]): RandomResumeState {
  const s = raw as Partial<RandomResumeState> | null;
  if (!s || s.v !== 1 || !Array.isArray(s.genotypes) || !Array.isArray(s.candidates) || (s.phase !== 'sample' && s.phase !== 'final')) {
    throw new RangeError('the checkpoint is not one of a random search of this version');
  }
  if (JSON.stringify(s.genotypes) !== JSON.stringify(genotypes)) {
    throw new RangeError(`the checkpoint's run drew other architectures (${s.genotypes.length} vs ${genotypes.length}; other settings or data)`);
  }
  if (s.candidates.length > genotypes.length) throw new RangeError(`the checkpoint has ${s.candidates.length} scored candidates of ${genotypes.length}`);
  if (s.phase === 'final' && (s.candidates.length !== genotypes.length || s.current)) throw new RangeError('the checkpoint is in the final retraining before every candidate was scored');
  return s as RandomResumeState;
}
