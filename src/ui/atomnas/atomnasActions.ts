/**
 * What the AtomNAS screen's buttons and shortcuts do. The search runs in the worker's run loop (the same loop the
 * Train screen uses), so Pause / Step / Reset are the loop's generic controls; AtomNAS data arrives as
 * `atomnas/snapshot` events, routed here into the screen's own store.
 */
import { latencyPenaltyStatus } from '../../core/atomnasLatency';
import { atomnasFromUrl } from '../../core/atomnasSettings';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { getSearchTargetProfile } from '../../state/profilerState';
import { trainSeries } from '../../state/series';
import { useStore } from '../../state/store';
import { buildRunCard, requestRunControl, toTrainSettings } from '../../state/trainActions';
import { getClient } from '../../state/workerBridge';
import type { TrainSettings, WorkerEvent } from '../../worker/protocol';
import { applySnapshotToStore, atomnasLive, predictedMs, priceSupernet, resetAtomNasState, setRunProfile, useAtomNas } from './atomnasStore';

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
      useAtomNas.setState({ final: ev.final, macs: ev.final.macs, params: ev.final.params, finalLatencyMs: predictedMs(ev.final.spec) });
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

/**
 * Start a new search with the current settings (paused right away when `paused`, for Step from idle). The search-target
 * profile labels every predicted latency; penalty 'latency' needs it to price every atom of the supernet, else the
 * search does not start and says why (never estimated).
 */
export async function startAtomNas(paused = false): Promise<void> {
  installAtomNasRouting();
  const app = useStore.getState();
  const ds = app.dataset;
  if (!ds) return;
  const settings = atomnasFromUrl(app.settings);
  const runId = `atomnas-${Date.now().toString(36)}-${++counter}`;
  resetAtomNasState();
  useAtomNas.setState({ runId });
  let profile: LatencyProfile | null = null;
  try {
    profile = await getSearchTargetProfile();
  } catch (e) {
    if (settings.penalty === 'latency') {
      useAtomNas.setState({ error: `The latency penalty needs the search-target profile, which could not be read: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
  }
  if (useAtomNas.getState().runId !== runId) return; // another Start or a Reset while the profile was read
  if (settings.penalty === 'latency') {
    const shape = { input: { height: ds.height, width: ds.width, channels: ds.channels }, numClasses: ds.numClasses };
    const status = latencyPenaltyStatus(settings, shape, profile);
    if (!status.usable) {
      useAtomNas.setState({ error: `The latency penalty cannot be used: ${status.reason}` });
      return;
    }
  }
  setRunProfile(profile);
  app.beginRun(runId, paused ? 'paused' : 'running');
  try {
    const started = await getClient().request('atomnas/start', { runId, settings, paused, profile: settings.penalty === 'latency' ? profile : null });
    if (useAtomNas.getState().runId !== runId) return;
    // The Train card's context (seed, backend, adapter, tfjs, dataset, split with the same seeded subset) + our settings.
    const { settings: _train, ...context } = buildRunCard(
      useStore.getState(), runId, { ...toTrainSettings(app.settings), seed: settings.seed, trainLimit: settings.trainLimit }, started,
      typeof location === 'undefined' ? '' : location.href,
    );
    const card = { ...context, settings, latencyProfile: profile ? { id: profile.id, name: profile.name } : null };
    useAtomNas.setState({ started, card, supernetMacs: started.macs, supernetParams: started.params, macs: started.macs, params: started.params, totalSteps: started.totalSteps });
    priceSupernet(started.spec, started.macs);
    if (paused) void control('step');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (useAtomNas.getState().runId === runId) useAtomNas.setState({ error: message });
    if (useStore.getState().runId === runId) useStore.getState().failRun(message);
  }
}

const control = requestRunControl;

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
