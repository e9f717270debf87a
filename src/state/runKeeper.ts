/**
 * Keeps every run (issue 14 §1): a run is written to the repository as 'running' (with its settings and link) when it
 * starts; when its record arrives (`train/final`, `search/final`) the worker is asked for the owner's exported result
 * network and the record is saved with those weights; a run that ends without a record is forgotten. The latest
 * `train/checkpoint` or `search/checkpoint` of a run is kept with it, for resume (state/resume.ts).
 */
import type { ResultRecord } from '../core/method/resultRecord';
import { finishedRun, type SavedModel } from '../core/runs/savedRun';
import type { WorkerEvent } from '../worker/protocol';
import { allMethodRunStores, ownerOfRun } from './methodRuns';
import { refreshSavedRuns, runRepository, useSavedRuns } from './savedRuns';
import type { RunRepository } from './runRepo';
import { installUnloadGuard, noteCheckpoint, trackRuns } from './unloadGuard';
import { useStore } from './store';
import { toTrainSettings } from './trainActions';
import { getClient, onWorkerRecovered, type Recovery } from './workerBridge';
import { resumeSearchRun } from './searchResume';
import { resumeTrainRun } from './trainResume';

/** Who owns a run id: its export owner, the method its record will carry, its settings, and its parent run. */
interface Owner {
  exportOwner: string;
  method: string;
  label: string;
  settings: Record<string, unknown>;
  parentId?: string;
}

/** Runs started elsewhere in the app that should be saved as children of a saved run (retrain from Compare). */
const externalOwners = new Map<string, Owner>();
const known = new Map<string, Owner>();

/** Register a run the Compare screen starts (its export owner and its parent), before its first event. */
export function expectRun(runId: string, owner: Owner): void {
  externalOwners.set(runId, owner);
}

function ownerOf(runId: string): Owner | null {
  const hit = known.get(runId) ?? externalOwners.get(runId);
  if (hit) return hit;
  const m = ownerOfRun(runId);
  if (m) {
    const st = allMethodRunStores().get(m.id)?.getState();
    if (m.retrain)
      return { exportOwner: `${m.id}-retrain`, method: m.id, label: `Retrained (${m.id})`, settings: toTrainSettings(useStore.getState().settings) as unknown as Record<string, unknown>, parentId: st?.record?.runId };
    return { exportOwner: m.id, method: m.id, label: m.id, settings: st?.config ?? {} };
  }
  const app = useStore.getState();
  if (app.runId === runId) return { exportOwner: 'train', method: 'train', label: 'Train', settings: toTrainSettings(app.settings) as unknown as Record<string, unknown> };
  return null;
}

const url = (): string | undefined => (typeof location === 'undefined' ? undefined : location.href);

async function exported(owner: string): Promise<SavedModel | null> {
  try {
    const m = await getClient().request('model/export', { owner });
    return { modelJson: m.modelJson, weights: m.weightData };
  } catch {
    return null; // nothing trained (e.g. a 0-step run): the record is kept without weights
  }
}

async function saveFinal(runId: string, record: ResultRecord): Promise<void> {
  const repo = runRepository();
  if (!repo) return;
  const o = ownerOf(runId);
  const model = await exported(o?.exportOwner ?? record.method);
  const rec = record.card.url ? record : { ...record, card: { ...record.card, url: url() } };
  const run = finishedRun(rec, model, new Date().toISOString(), o?.parentId);
  // A retrained network keeps its original's method (the record says who trained it) and gets a name saying so.
  await repo.save(o?.parentId ? { ...run, method: o.method, name: o.label } : run);
  known.delete(runId);
  externalOwners.delete(runId);
  await refreshSavedRuns();
}

/** The worker-event listener (installed once by startRunKeeper). */
export function keepRuns(ev: WorkerEvent): void {
  const repo = runRepository();
  if (!repo) return;
  if (ev.type === 'train/final' || ev.type === 'search/final') {
    void saveFinal(ev.runId, ev.record);
    return;
  }
  if (ev.type === 'train/checkpoint' || ev.type === 'search/checkpoint') {
    void saveCheckpoint(repo, ev);
    return;
  }
  if (ev.type !== 'run/state' || ev.kind === 'profile') return;
  if ((ev.state === 'running' || ev.state === 'paused') && !known.has(ev.runId)) {
    const o = ownerOf(ev.runId);
    if (!o) return;
    known.set(ev.runId, o);
    void repo
      .started({ id: ev.runId, method: o.method, name: `${o.label} (interrupted)`, settings: o.settings, url: url(), parentId: o.parentId })
      .then(refreshSavedRuns);
  } else if (ev.state === 'cancelled' || ev.state === 'error' || ev.state === 'diverged') {
    known.delete(ev.runId);
    externalOwners.delete(ev.runId);
    // A failed run (lost GPU, crashed worker) with a checkpoint stays, listed as interrupted, so it can resume.
    void repo.ended(ev.runId, ev.state === 'error').then(refreshSavedRuns);
  }
}

async function saveCheckpoint(repo: RunRepository, ev: Extract<WorkerEvent, { type: 'train/checkpoint' | 'search/checkpoint' }>): Promise<void> {
  try {
    await repo.saveCheckpoint({ id: ev.runId, step: ev.step, totalSteps: ev.totalSteps, bytes: ev.bytes });
    noteCheckpoint(ev.runId, ev.step);
  } catch (e) {
    // Quota: say so once per run; the run itself goes on.
    useSavedRuns.setState({ message: { kind: 'error', text: e instanceof Error ? e.message : String(e) } });
  }
}

/**
 * After a crashed worker or a lost GPU (issue 16 §2, §3): the Train run or search that was going is listed as
 * interrupted; when it had reached a checkpoint it is offered for resume, and after a lost GPU it resumes at once on the
 * new worker's backend.
 */
export async function resumeAfterRecovery(r: Recovery): Promise<void> {
  const repo = runRepository();
  if (!repo) return;
  for (const sid of r.searchRunIds ?? []) {
    known.delete(sid);
    await repo.ended(sid, true);
  }
  await refreshSavedRuns();
  const first = r.searchRunIds?.[0];
  // As for Train: a lost GPU resumes the search at once (when it had a checkpoint), a crash offers it for resume.
  if (r.lostGpu && first && !r.trainRunId && (await repo.checkpoint(first))) await resumeSearchRun(first);
  const id = r.trainRunId;
  if (!id) return;
  known.delete(id);
  await repo.ended(id, true);
  await refreshSavedRuns();
  // A lost GPU resumes on the next backend at once; after a crash or a silent worker the run is offered for resume
  // (the Train screen's banner), since what killed the worker may kill it again.
  if (r.lostGpu && (await repo.checkpoint(id))) await resumeTrainRun(id);
}

let started = false;

/** Listen to the worker for the app's lifetime and load the saved list. */
export function startRunKeeper(): void {
  if (started) return;
  started = true;
  getClient().on(keepRuns);
  getClient().on(trackRuns);
  onWorkerRecovered((r) => void resumeAfterRecovery(r));
  installUnloadGuard();
  void refreshSavedRuns();
}
