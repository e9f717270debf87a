/**
 * What the PAD-NAS screen's buttons and shortcuts do. The search runs in the worker's run loop (the one every screen
 * uses), so Pause / Step / Cancel / Reset are the loop's generic controls; PAD-NAS data arrives as `padnas/snapshot`
 * events, routed here into the screen's store. Start reads the search-target latency profile (if any) from the
 * profiler's store and sends it along: the window is then in predicted milliseconds, else in MACs.
 */
import { getSearchTargetProfile } from '../../state/profilerState';
import { useStore } from '../../state/store';
import { getClient } from '../../state/workerBridge';
import type { WorkerEvent } from '../../worker/protocol';
import { requestRunControl } from '../../state/trainActions';
import { applyPadNasSnapshot, padnasLive, resetPadNasState, usePadNas } from './padnasStore';

let routed = false;
let counter = 0;

function onEvent(ev: WorkerEvent): void {
  const st = usePadNas.getState();
  if (!('runId' in ev) || ev.runId === undefined || ev.runId !== st.runId) return;
  if (ev.type === 'padnas/snapshot') {
    padnasLive.apply(ev.snap);
    applyPadNasSnapshot(ev.snap);
  } else if (ev.type === 'padnas/final') usePadNas.setState({ final: ev.final });
  else if (ev.type === 'error') usePadNas.setState({ error: ev.message });
}

/** Subscribe to worker events once (idempotent; called when the screen mounts). */
export function installPadNasRouting(): void {
  if (routed) return;
  routed = true;
  getClient().on(onEvent);
}

async function targetProfile() {
  try {
    return await getSearchTargetProfile();
  } catch {
    return null; // no IndexedDB (private mode): no profile, MACs
  }
}

/** Start a new search with the current settings (paused right away when `paused`, for Step from idle). */
export async function startPadNas(paused = false): Promise<void> {
  installPadNasRouting();
  const app = useStore.getState();
  if (!app.dataset) return;
  const settings = usePadNas.getState().settings;
  const runId = `padnas-${Date.now().toString(36)}-${++counter}`;
  resetPadNasState();
  usePadNas.setState({ runId });
  app.beginRun(runId, paused ? 'paused' : 'running');
  try {
    const profile = await targetProfile();
    const started = await getClient().request('padnas/start', { runId, settings, paused, profile });
    if (usePadNas.getState().runId !== runId) return;
    usePadNas.setState({ totalSteps: started.totalSteps, window: started.window, notice: started.notice, profileName: started.window.profileName });
    if (paused) void control('step');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (usePadNas.getState().runId === runId) usePadNas.setState({ error: message });
    if (useStore.getState().runId === runId) useStore.getState().failRun(message);
  }
}

const control = requestRunControl;

/** True while the app's run slice follows this screen's search. */
function searchIsCurrent(): boolean {
  const id = useStore.getState().runId;
  return id !== null && id === usePadNas.getState().runId;
}

export const pausePadNas = (): Promise<void> => control('pause');
export const resumePadNas = (): Promise<void> => control('resume');
export const cancelPadNas = (): Promise<void> => (searchIsCurrent() ? control('cancel') : Promise.resolve());

export function stepPadNas(): Promise<void> {
  const s = useStore.getState().runState;
  if (searchIsCurrent() && s === 'paused') return control('step');
  if (searchIsCurrent() && (s === 'running' || s === 'diverged')) return Promise.resolve();
  return startPadNas(true);
}

export function togglePadNas(): Promise<void> {
  const s = useStore.getState().runState;
  if (searchIsCurrent() && s === 'running') return pausePadNas();
  if (searchIsCurrent() && s === 'paused') return resumePadNas();
  if (searchIsCurrent() && s === 'diverged') return Promise.resolve();
  return startPadNas();
}

/** Reset cancels whatever runs, frees it and clears the PAD-NAS view. */
export async function resetPadNas(): Promise<void> {
  resetPadNasState();
  useStore.getState().clearRun();
  await control('reset');
}
