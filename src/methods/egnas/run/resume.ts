/**
 * What an Efficient Global NAS run's checkpoint holds besides the step count (MethodCheckpoint.state), and its check on
 * restore. The pure search (EgnasSearch) is not stored: the validation accuracies it was given are, and a fresh run
 * replays them into it (it decides the same, being deterministic), then rebuilds the training in progress.
 */
import type { TrainerCheckpoint } from '../../../engine/trainer';
import type { EgnasBaseline, EgnasStage, RankingResult, RankingRow } from '../snapshot';

/** The training in progress: which job, its validation curve so far and its trainer. */
export interface SavedTraining {
  kind: 'search' | 'rank' | 'baseline' | 'final';
  /** search: the candidate's index; rank: the ranking row. */
  index: number;
  which: 'fixed' | 'aware' | 'ref' | null;
  curve: number[];
  trainer: TrainerCheckpoint;
}

export interface EgnasResumeState {
  v: 1;
  stage: Exclude<EgnasStage, 'done'>;
  searchSteps: number;
  /** Every accuracy reported to the search, in order (null: diverged). */
  reports: (number | null)[];
  /** Validation curves of trained candidates by index. */
  curves: [number, number[]][];
  /** Ranking trainings not yet started. */
  rankLeft: number;
  rows: RankingRow[];
  ranking: RankingResult | null;
  /** The trained baseline once it is done (absent in checkpoints from before the baseline existed). */
  baseline?: EgnasBaseline | null;
  current: SavedTraining | null;
  /** The trained baseline's trainer, kept for its test at the end (absent or null: none yet). */
  baselineTrainer?: TrainerCheckpoint | null;
}

/** The state, checked for shape and against the run's ranking rows; throws in plain words when it does not fit. */
export function readResumeState(raw: unknown, rows: number): EgnasResumeState {
  const s = raw as Partial<EgnasResumeState> | null;
  const ok =
    s && s.v === 1 && (s.stage === 'search' || s.stage === 'ranking' || s.stage === 'baseline' || s.stage === 'final') && Array.isArray(s.reports) &&
    Array.isArray(s.curves) && Array.isArray(s.rows) && Number.isInteger(s.rankLeft) && Number.isInteger(s.searchSteps);
  if (!ok) throw new RangeError('the checkpoint is not one of an Efficient Global NAS run of this version');
  if (s.rows!.length !== rows) throw new RangeError(`the checkpoint has ${s.rows!.length} ranking chains; this run has ${rows} (other settings)`);
  if (s.current && !s.current.trainer) throw new RangeError('the checkpoint of this Efficient Global NAS run has no trainer state for its training in progress');
  return s as EgnasResumeState;
}
