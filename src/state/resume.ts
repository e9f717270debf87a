/**
 * What every interrupted run's "Resume from step N" offer shares (issue 16 §1), Train runs and searches alike: the
 * list of interrupted runs that kept a checkpoint (the run keeper stores `train/checkpoint` and `search/checkpoint`
 * events in IndexedDB), runs dismissed in this page, and why the last resume could not start. The resuming itself is
 * trainResume.ts (Train) and searchResume.ts (a method's search); resumeRun.ts picks the one a run needs.
 */
import { create } from 'zustand';
import type { CheckpointInfo } from './runRepo';
import { useSavedRuns, type SavedRunsState } from './savedRuns';

/** An interrupted run that can resume: its method ('train' or a method id), its checkpoint's step and what it needs. */
export interface ResumableRun {
  id: string;
  name: string;
  method: string;
  info: CheckpointInfo;
}

export interface ResumeState {
  /** Runs the user chose not to resume in this page (the banner hides them; the Compare list still has them). */
  dismissed: Set<string>;
  /** Why the last resume could not start (names the data to load), or null. */
  problem: string | null;
}

export const useResume = create<ResumeState>()(() => ({ dismissed: new Set(), problem: null }));

/**
 * Interrupted runs with a checkpoint, newest first (pure over the saved-run list); only those of `method` when given.
 * Retrained networks (children of a saved run) are not offered: they restart from their parent.
 */
export function resumableRuns(s: Pick<SavedRunsState, 'runs' | 'checkpoints'> = useSavedRuns.getState(), method?: string): ResumableRun[] {
  const { checkpoints } = s;
  return s.runs
    .filter((r) => r.status === 'interrupted' && checkpoints.has(r.id) && !r.parentId && (method === undefined || r.method === method))
    .map((r) => ({ id: r.id, name: r.name, method: r.method, info: checkpoints.get(r.id) as CheckpointInfo }));
}

/** Hide the banner for this run (it stays listed, and resumable, on the Compare screen). */
export function dismissResume(id: string): void {
  useResume.setState((s) => ({ dismissed: new Set([...s.dismissed, id]) }));
}
