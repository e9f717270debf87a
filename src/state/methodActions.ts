/**
 * What every method screen's buttons and shortcuts do (one implementation for all methods): Start (with the
 * settings of the moment, checked first), Pause, Step, Reset, Export and "Retrain from scratch". Events of the run
 * come back through `routeMethodEvent`.
 */
import type { ArchSpec } from '../core/archspec';
import type { LatencyProfile } from '../core/latency/profileSchema';
import type { MethodDescriptor } from '../methods/descriptor';
import { METHODS } from '../methods/registry';
import type { ExportedModel, RunAction, WorkerEvent } from '../worker/protocol';
import { holdsWorker, mayStart, noteWorkerRun } from './activeRun';
import { livePace } from './livePace';
import { EMPTY_RUN, emitMethodSnapshot, methodRunStore, ownerOfRun, type MethodRunStore, type RetrainState } from './methodRuns';
import { getSearchTargetProfile } from './profilerState';
import { progressOf } from './slices/runSlice';
import { trainConfig } from './slices/settingsSlice';
import { useStore } from './store';
import { getClient } from './workerBridge';

let counter = 0;

const LABELS = new Map(METHODS.map((m) => [m.id, m.tab]));

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Start a new search with the current settings (paused right away when `paused`, then `first`: Step or Next event from idle). */
export async function startMethod(m: MethodDescriptor, paused = false, first: RunAction = 'step'): Promise<void> {
  const app = useStore.getState();
  const store = methodRunStore(m.id);
  if (!app.dataset) return;
  const config = { ...app.settings.configs[m.id] };
  const problems = m.settings.crossCheck?.(config) ?? [];
  if (problems.length) return void store.setState({ error: `Not started: ${problems.join('; ')}` });
  if (!mayStart(m.id, `the ${m.tab} search`, LABELS)) return;
  let profile: LatencyProfile | null = null;
  try {
    profile = await getSearchTargetProfile();
  } catch (e) {
    if (m.profile(config) === 'required') return void store.setState({ error: `The search-target profile could not be read: ${message(e)}` });
  }
  if (m.profile(config) === 'required' && !profile) {
    return void store.setState({
      error: 'These settings need a device latency profile: measure or import one on the Latency screen and choose it as the search target.',
    });
  }
  const runId = `${m.id}-${Date.now().toString(36)}-${++counter}`;
  store.setState({
    ...EMPTY_RUN,
    runId,
    state: paused ? 'paused' : 'running',
    seeking: paused && first === 'next-event',
    config,
    profile: profile ? { id: profile.id, name: profile.name } : null,
    startedAt: Date.now(),
  });
  emitMethodSnapshot(m.id, null);
  noteWorkerRun(runId);
  try {
    const profileArg = m.profile(config) === 'unused' ? null : profile;
    const started = await getClient().request('search/start', { runId, method: m.id, config, paused, profile: profileArg, paceMs: livePace.getState().ms });
    if (store.getState().runId !== runId) return;
    store.setState({ started });
    if (paused) void control(store, first);
  } catch (e) {
    if (store.getState().runId === runId) store.setState({ state: 'error', error: message(e) });
  }
}

/** A run/control request for the screen's own run (never another screen's). */
async function control(store: MethodRunStore, action: RunAction): Promise<void> {
  const s = store.getState();
  const id = s.retrain && (s.retrain.state === 'running' || s.retrain.state === 'paused') ? s.retrain.runId : s.runId;
  if (!holdsWorker(id)) return;
  try {
    await getClient().request('run/control', { action });
  } catch (e) {
    store.setState({ state: 'error', error: message(e) });
  }
}

export const pauseMethod = (m: MethodDescriptor): Promise<void> => control(methodRunStore(m.id), 'pause');
export const resumeMethod = (m: MethodDescriptor): Promise<void> => control(methodRunStore(m.id), 'resume');

/** One step: of the paused run, or start a paused run and take its first step. */
export function stepMethod(m: MethodDescriptor): Promise<void> {
  const s = methodRunStore(m.id).getState().state;
  if (s === 'paused') return control(methodRunStore(m.id), 'step');
  if (s === 'running' || s === 'diverged') return Promise.resolve();
  return startMethod(m, true);
}

/** Next event: run the paused run until a snapshot brings one of the method's key moments (or start paused and do so). */
export function nextEventMethod(m: MethodDescriptor): Promise<void> {
  const store = methodRunStore(m.id);
  const s = store.getState().state;
  if (s === 'paused') {
    store.setState({ seeking: true });
    return control(store, 'next-event');
  }
  if (s === 'running' || s === 'diverged') return Promise.resolve();
  return startMethod(m, true, 'next-event');
}

/** Space: start, pause or resume. */
export function toggleMethod(m: MethodDescriptor): Promise<void> {
  const s = methodRunStore(m.id).getState().state;
  if (s === 'running') return pauseMethod(m);
  if (s === 'paused') return resumeMethod(m);
  if (s === 'diverged') return Promise.resolve();
  return startMethod(m);
}

/** The screen's retraining while it holds the worker: running, paused, or stopped on a divergence. */
function activeRetrain(store: MethodRunStore): RetrainState | null {
  const r = store.getState().retrain;
  return r && (r.state === 'running' || r.state === 'paused' || r.state === 'diverged') ? r : null;
}

/**
 * Stop the screen's retraining and free the worker (its state becomes 'cancelled' when the worker says so, a diverged
 * one keeps its message; what it trained is dropped).
 */
export async function cancelRetrain(m: MethodDescriptor): Promise<void> {
  const r = activeRetrain(methodRunStore(m.id));
  if (!r || !holdsWorker(r.runId)) return;
  await getClient().request('run/control', { action: 'cancel' }).catch(() => undefined);
}

/**
 * Reset: stop the screen's run (and its retraining) and clear its charts; a finished result record stays until the next
 * Start.
 */
export async function resetMethod(m: MethodDescriptor): Promise<void> {
  const store = methodRunStore(m.id);
  await cancelRetrain(m);
  const s = store.getState();
  const mine = holdsWorker(s.runId);
  store.setState({ runId: null, state: 'idle', progress: null, started: null, error: null, diverged: null, config: null, lastEvent: null, seeking: false });
  emitMethodSnapshot(m.id, null);
  if (mine) {
    noteWorkerRun(null);
    await getClient().request('run/control', { action: 'reset' }).catch(() => undefined);
  }
}

/**
 * After a divergence: the learning rate to try next, a third of the diverged run's (two significant digits), or null
 * when the method has no learning-rate setting or the third is below the setting's range.
 */
export function lowerLearningRate(m: MethodDescriptor, config: Record<string, unknown> | null): number | null {
  const f = m.settings.fields.find((x) => x.key === 'lr');
  const lr = config?.lr;
  if (!f || f.kind !== 'number' || typeof lr !== 'number') return null;
  const next = Number((lr / 3).toPrecision(2));
  return next >= f.min && next <= f.max ? next : null;
}

/** Reset the screen's run and set its learning rate (the divergence notice's one-click fix); Start runs with it. */
export async function resetWithLearningRate(m: MethodDescriptor, lr: number): Promise<void> {
  await resetMethod(m);
  useStore.getState().setConfig(m.id, { lr });
}

/** Export the screen's own result network. */
export function exportMethodResult(m: MethodDescriptor): Promise<ExportedModel> {
  return getClient().request('model/export', { owner: m.id });
}

/** Train the found architecture from scratch with the Train screen's recipe (same seed and training subset as the search). */
export async function retrainResult(m: MethodDescriptor, spec: ArchSpec): Promise<void> {
  const store = methodRunStore(m.id);
  const s = store.getState();
  const cfg = s.record?.card.settings ?? {};
  if (!mayStart(m.id, `retraining the ${m.tab} result`, LABELS)) return;
  const settings = { ...trainConfig(useStore.getState().settings) };
  if (typeof cfg.seed === 'number') settings.seed = cfg.seed;
  if (typeof cfg.trainLimit === 'number') settings.trainLimit = cfg.trainLimit;
  const runId = `${m.id}-retrain-${Date.now().toString(36)}-${++counter}`;
  store.setState({ retrain: { runId, state: 'running', progress: null, epochs: [], testAcc: null, record: null, error: null, diverged: null } });
  noteWorkerRun(runId);
  try {
    await getClient().request('train/start', { runId, settings, spec, owner: `${m.id}-retrain` });
  } catch (e) {
    const r = store.getState().retrain;
    if (r?.runId === runId) store.setState({ retrain: { ...r, state: 'error', error: message(e) } });
  }
}

/** Fold a worker event that belongs to a method screen's run into its store; false when it is not a method's. */
export function routeMethodEvent(ev: WorkerEvent): boolean {
  if (!('runId' in ev) || typeof ev.runId !== 'string') return false;
  const owner = ownerOfRun(ev.runId);
  if (!owner) return false;
  const store = methodRunStore(owner.id);
  if (owner.retrain) {
    const r = store.getState().retrain;
    if (!r) return true;
    if (ev.type === 'run/state') store.setState({ retrain: { ...r, state: ev.state, error: ev.state === 'error' ? (ev.message ?? r.error) : r.error } });
    else if (ev.type === 'run/progress') store.setState({ retrain: { ...r, progress: progressOf(ev) } });
    else if (ev.type === 'diverged') store.setState({ retrain: { ...r, diverged: { step: ev.step, message: ev.message } } });
    else if (ev.type === 'train/epoch') store.setState({ retrain: { ...r, epochs: [...r.epochs, { epoch: ev.epoch, valAcc: ev.valAcc }] } });
    else if (ev.type === 'train/test') store.setState({ retrain: { ...r, testAcc: ev.acc } });
    else if (ev.type === 'train/final') store.setState({ retrain: { ...r, record: ev.record } });
    else if (ev.type === 'error') store.setState({ retrain: { ...r, error: ev.message } });
    return true;
  }
  switch (ev.type) {
    case 'run/state':
      store.setState({
        state: ev.state,
        error: ev.state === 'error' ? (ev.message ?? store.getState().error) : store.getState().error,
        ...(ev.state === 'running' ? {} : { seeking: false }),
      });
      break;
    case 'run/event':
      store.setState({ lastEvent: { step: ev.step, events: ev.events, stopped: ev.stopped } });
      break;
    case 'run/progress':
      store.setState({ progress: progressOf(ev) });
      break;
    case 'search/snapshot':
      emitMethodSnapshot(owner.id, ev.snap);
      break;
    case 'search/final': {
      const url = typeof location === 'undefined' ? undefined : location.href;
      store.setState({ record: { ...ev.record, card: { ...ev.record.card, ...(url ? { url } : {}) } } });
      break;
    }
    case 'diverged':
      store.setState({ diverged: { step: ev.step, message: ev.message } });
      break;
    case 'error':
      store.setState({ error: ev.message });
      break;
    default:
      break;
  }
  return true;
}
