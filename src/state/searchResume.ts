/**
 * Resuming an interrupted search (issue 16 §1): the latest `search/checkpoint` the worker sent (kept in IndexedDB by
 * the run keeper) is read back, checked (a search of this method, of this version, on the loaded data), and sent with
 * `search/start { resume }`; the run goes on under its own id on its method's screen, from the step it had reached,
 * with the settings and latency profile it started with. The offer is state/resume.ts, shared with Train.
 */
import { readSearchResume } from '../core/runs/searchResume';
import { getMethod, METHODS } from '../methods/registry';
import { mayStart, noteWorkerRun } from './activeRun';
import { livePace } from './livePace';
import { EMPTY_RUN, emitMethodSnapshot, methodRunStore } from './methodRuns';
import { useResume } from './resume';
import { refreshSavedRuns, runRepository, useSavedRuns } from './savedRuns';
import { useStore } from './store';
import { getClient } from './workerBridge';

const LABELS = new Map(METHODS.map((m) => [m.id, m.tab]));

let resuming = false;

/** Resume search run `id` from its checkpoint. Returns false (with `problem` set) when it cannot start. */
export async function resumeSearchRun(id: string): Promise<boolean> {
  const repo = runRepository();
  if (!repo || resuming) return false;
  const saved = useSavedRuns.getState().runs.find((r) => r.id === id);
  const m = saved ? getMethod(saved.method) : undefined;
  if (!m) {
    useResume.setState({ problem: 'This run is not a search of a method this version has; start it again instead.' });
    return false;
  }
  const stored = await repo.checkpoint(id);
  if (!stored) {
    useResume.setState({ problem: 'This run has no checkpoint left; start it again instead.' });
    return false;
  }
  const read = readSearchResume(stored.bytes, m.id, useStore.getState().dataset);
  if ('problem' in read) {
    useResume.setState({ problem: read.problem });
    return false;
  }
  if (!mayStart(m.id, `the ${m.tab} search`, LABELS)) return false;
  const { file } = read;
  resuming = true;
  useResume.setState({ problem: null });
  const store = methodRunStore(m.id);
  try {
    useStore.getState().setConfig(m.id, file.config);
    const profile = file.meta.profile;
    store.setState({ ...EMPTY_RUN, runId: id, state: 'running', config: { ...file.config }, profile: profile ? { id: profile.id, name: profile.name } : null, startedAt: Date.now() });
    emitMethodSnapshot(m.id, null);
    repo.markLive(id);
    noteWorkerRun(id);
    const started = await getClient().request('search/start', { runId: id, method: m.id, config: file.config, profile, paceMs: livePace.getState().ms, resume: stored.bytes.slice() });
    if (store.getState().runId === id) store.setState({ started });
    return true;
  } catch (e) {
    if (store.getState().runId === id) store.setState({ state: 'error', error: e instanceof Error ? e.message : String(e) });
    return false;
  } finally {
    resuming = false;
    void refreshSavedRuns();
  }
}
