/**
 * Resuming an interrupted Train run (issue 16 §1): the latest checkpoint the worker sent (`train/checkpoint`, kept in
 * IndexedDB by the run keeper) is read back, checked against the loaded data, and sent with `train/start { resume }`;
 * the run goes on under its own id from the step it had reached, with the settings it started with.
 */
import { create } from 'zustand';
import { decodeCheckpoint } from '../core/runs/checkpointFile';
import { resumeMetaProblem, type TrainResumeMeta } from '../core/runs/trainResume';
import { mayStart, noteWorkerRun } from './activeRun';
import { METHODS } from '../methods/registry';
import { refreshSavedRuns, runRepository, useSavedRuns, type SavedRunsState } from './savedRuns';
import { trainSeries } from './series';
import { useStore } from './store';
import { buildRunCard } from './trainActions';
import { getClient } from './workerBridge';
import type { TrainSettings } from '../worker/protocol';
import type { CheckpointInfo } from './runRepo';

/** An interrupted Train run that can resume: its checkpoint's step and what it needs. */
export interface ResumableRun {
  id: string;
  name: string;
  info: CheckpointInfo;
}

export interface ResumeState {
  /** Runs the user chose not to resume in this page (the banner hides them; the Compare list still has them). */
  dismissed: Set<string>;
  /** Why the last resume could not start (names the data to load), or null. */
  problem: string | null;
}

export const useResume = create<ResumeState>()(() => ({ dismissed: new Set(), problem: null }));

/** Interrupted Train runs with a checkpoint, newest first (pure over the saved-run list). */
export function resumableRuns(s: Pick<SavedRunsState, 'runs' | 'checkpoints'> = useSavedRuns.getState()): ResumableRun[] {
  const { checkpoints } = s;
  return s.runs.filter((r) => r.status === 'interrupted' && r.method === 'train' && checkpoints.has(r.id))
    .map((r) => ({ id: r.id, name: r.name, info: checkpoints.get(r.id) as CheckpointInfo }));
}

let resuming = false;

/** Resume run `id` from its checkpoint. Returns false (with `problem` set) when it cannot start. */
export async function resumeTrainRun(id: string): Promise<boolean> {
  const repo = runRepository();
  const st = useStore.getState();
  if (!repo || resuming) return false;
  const stored = await repo.checkpoint(id);
  if (!stored) {
    useResume.setState({ problem: 'This run has no checkpoint left; start it again instead.' });
    return false;
  }
  let meta: TrainResumeMeta;
  try {
    meta = decodeCheckpoint<TrainResumeMeta>(stored.bytes, 'the saved checkpoint').meta;
  } catch (e) {
    useResume.setState({ problem: e instanceof Error ? e.message : String(e) });
    return false;
  }
  const why = resumeMetaProblem(meta, st.dataset);
  if (why) {
    useResume.setState({ problem: why });
    return false;
  }
  if (!mayStart('train', 'a training run', new Map(METHODS.map((m) => [m.id, m.tab])))) return false;
  resuming = true;
  useResume.setState({ problem: null });
  try {
    const settings = meta.settings as unknown as TrainSettings;
    st.setConfig('train', meta.settings);
    repo.markLive(id);
    noteWorkerRun(id);
    trainSeries.clear();
    st.beginRun(id, 'running');
    const started = await getClient().request('train/start', { runId: id, settings, resume: stored.bytes.slice() });
    const now = useStore.getState();
    if (now.runId === id) now.setRunInfo(buildRunCard(now, id, settings, started, typeof location === 'undefined' ? '' : location.href), started);
    return true;
  } catch (e) {
    if (useStore.getState().runId === id) useStore.getState().failRun(e instanceof Error ? e.message : String(e));
    return false;
  } finally {
    resuming = false;
    void refreshSavedRuns();
  }
}

/** Hide the banner for this run (it stays listed, and resumable, on the Compare screen). */
export function dismissResume(id: string): void {
  useResume.setState((s) => ({ dismissed: new Set([...s.dismissed, id]) }));
}
