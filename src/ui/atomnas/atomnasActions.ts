/**
 * What the AtomNAS screen's buttons and shortcuts do. The search runs in the worker's run loop (the same loop the
 * Train screen uses), so Pause / Step / Reset are the loop's generic controls; AtomNAS data arrives as
 * `atomnas/snapshot` events, routed here into the screen's own store.
 */
import { atomnasFromUrl } from '../../core/atomnasSettings';
import { trainSeries } from '../../state/series';
import { useStore } from '../../state/store';
import { toTrainSettings } from '../../state/trainActions';
import { getClient } from '../../state/workerBridge';
import type { RunAction, TrainSettings, WorkerEvent } from '../../worker/protocol';
import { applySnapshotToStore, atomnasLive, resetAtomNasState, useAtomNas } from './atomnasStore';

let routed = false;
let counter = 0;

function onEvent(ev: WorkerEvent): void {
  const st = useAtomNas.getState();
  if (!('runId' in ev) || ev.runId === undefined) return;
  if (ev.runId === st.runId) {
    if (ev.type === 'atomnas/snapshot') {
      atomnasLive.apply(ev.snap);
      applySnapshotToStore(ev.snap);
    } else if (ev.type === 'atomnas/final') {
      useAtomNas.setState({ final: ev.final, macs: ev.final.macs, params: ev.final.params });
    } else if (ev.type === 'error') {
      useAtomNas.setState({ error: ev.message });
    }
    return;
  }
  const r = st.retrain;
  if (!r || ev.runId !== r.runId) return;
  if (ev.type === 'train/epoch') useAtomNas.setState({ retrain: { ...r, epochs: [...r.epochs, { epoch: ev.epoch, valAcc: ev.valAcc }] } });
  else if (ev.type === 'train/test') useAtomNas.setState({ retrain: { ...r, testAcc: ev.acc } });
  else if (ev.type === 'run/state') useAtomNas.setState({ retrain: { ...r, state: ev.state } });
  else if (ev.type === 'error') useAtomNas.setState({ retrain: { ...r, error: ev.message } });
}

/** Subscribe to worker events once (idempotent; called when the screen mounts). */
export function installAtomNasRouting(): void {
  if (routed) return;
  routed = true;
  getClient().on(onEvent);
}

/** Start a new search with the current settings (paused right away when `paused`, for Step from idle). */
export async function startAtomNas(paused = false): Promise<void> {
  installAtomNasRouting();
  const app = useStore.getState();
  if (!app.dataset) return;
  const settings = atomnasFromUrl(app.settings);
  const runId = `atomnas-${Date.now().toString(36)}-${++counter}`;
  resetAtomNasState();
  useAtomNas.setState({ runId });
  app.beginRun(runId, paused ? 'paused' : 'running');
  try {
    const started = await getClient().request('atomnas/start', { runId, settings, paused });
    if (useAtomNas.getState().runId !== runId) return;
    useAtomNas.setState({ started, supernetMacs: started.macs, supernetParams: started.params, macs: started.macs, params: started.params, totalSteps: started.totalSteps });
    if (paused) void control('step');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (useAtomNas.getState().runId === runId) useAtomNas.setState({ error: message });
    if (useStore.getState().runId === runId) useStore.getState().failRun(message);
  }
}

async function control(action: RunAction): Promise<void> {
  try {
    await getClient().request('run/control', { action });
  } catch (e) {
    useStore.getState().failRun(e instanceof Error ? e.message : String(e));
  }
}

/** True while the app's run slice follows the search (not a retrain or a Train-screen run). */
function searchIsCurrent(): boolean {
  const id = useStore.getState().runId;
  return id !== null && id === useAtomNas.getState().runId;
}

export const pauseAtomNas = (): Promise<void> => control('pause');
export const resumeAtomNas = (): Promise<void> => control('resume');

export function stepAtomNas(): Promise<void> {
  const s = useStore.getState().runState;
  if (searchIsCurrent() && s === 'paused') return control('step');
  if (searchIsCurrent() && (s === 'running' || s === 'diverged')) return Promise.resolve();
  return startAtomNas(true);
}

export function toggleAtomNas(): Promise<void> {
  const s = useStore.getState().runState;
  if (searchIsCurrent() && s === 'running') return pauseAtomNas();
  if (searchIsCurrent() && s === 'paused') return resumeAtomNas();
  if (searchIsCurrent() && s === 'diverged') return Promise.resolve();
  return startAtomNas();
}

/** Reset cancels whatever runs, frees it and clears the AtomNAS view. */
export async function resetAtomNas(): Promise<void> {
  resetAtomNasState();
  useStore.getState().clearRun();
  await control('reset');
}

/**
 * Train the found ArchSpec from scratch: the Train screen's recipe (lr, optimizer, schedule, weight decay, label
 * smoothing) with the search's epochs, batch size, training examples and seed, so both saw the same data budget.
 */
export async function retrainFound(): Promise<void> {
  const st = useAtomNas.getState();
  const found = st.final;
  if (!found) return;
  const app = useStore.getState();
  const a = atomnasFromUrl(app.settings);
  const settings: TrainSettings = { ...toTrainSettings(app.settings), epochs: a.epochs, batchSize: a.batchSize, trainLimit: a.trainLimit, seed: a.seed };
  const runId = `atomnas-retrain-${Date.now().toString(36)}-${++counter}`;
  useAtomNas.setState({ retrain: { runId, state: 'running', macs: found.macs, epochs: [], testAcc: null, error: null } });
  trainSeries.clear();
  app.beginRun(runId, 'running');
  try {
    await getClient().request('atomnas/retrain', { runId, spec: found.spec, settings });
  } catch (e) {
    const r = useAtomNas.getState().retrain;
    if (r?.runId === runId) useAtomNas.setState({ retrain: { ...r, state: 'error', error: e instanceof Error ? e.message : String(e) } });
  }
}
