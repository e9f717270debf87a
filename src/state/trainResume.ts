/**
 * Resuming an interrupted Train run (issue 16 §1): the latest checkpoint the worker sent (`train/checkpoint`, kept in
 * IndexedDB by the run keeper) is read back, checked against the loaded data, and sent with `train/start { resume }`;
 * the run goes on under its own id from the step it had reached, with the settings it started with. The offer itself
 * (which runs, dismissed ones, the last problem) is state/resume.ts, shared with searches.
 */
import { decodeCheckpoint } from '../core/runs/checkpointFile';
import { resumeMetaProblem, type TrainResumeMeta } from '../core/runs/trainResume';
import { mayStart, noteWorkerRun } from './activeRun';
import { METHODS } from '../methods/registry';
import { useResume } from './resume';
import { refreshSavedRuns, runRepository } from './savedRuns';
import { trainSeries } from './series';
import { useStore } from './store';
import { buildRunCard } from './trainActions';
import { getClient } from './workerBridge';
import type { TrainSettings } from '../worker/protocol';

export { dismissResume, resumableRuns, useResume, type ResumableRun, type ResumeState } from './resume';

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
