/**
 * The profiler screen's state (its own small zustand store, so the app store's slices stay untouched) and the actions
 * behind its buttons: start / cancel a profiling run in the worker, keep finished (or cancelled, partial) profiles in
 * IndexedDB, choose the search target, export and import profile files.
 */
import { create } from 'zustand';
import type { ProfileMode, ProfileStatus } from '../core/latency/plan';
import type { LatencyProfile } from '../core/latency/profileSchema';
import { WorkerCrashError } from '../worker/client';
import type { RunState, WorkerEvent } from '../worker/protocol';
import { indexedDbBackend, memoryBackend, ProfileStore, type RemovedProfile } from './profileStore';
import { activeRun } from './activeRun';
import { METHODS } from '../methods/registry';
import { trainConfig } from './slices/settingsSlice';
import { useStore } from './store';
import { getClient } from './workerBridge';

export interface ProfilerRun {
  runId: string;
  mode: ProfileMode;
  state: RunState;
  status: ProfileStatus | null;
  message: string | null;
}

export interface ProfilerState {
  loaded: boolean;
  profiles: LatencyProfile[];
  /** Stored records that failed validation (reported, never used). */
  damaged: string[];
  targetId: string | null;
  selectedId: string | null;
  run: ProfilerRun | null;
  /**
   * Result of the last import / export / storage action, shown next to the buttons. After a delete it holds what was
   * deleted, for Undo, which lapses with the next message.
   */
  message: { kind: 'ok' | 'error'; text: string; undo?: RemovedProfile } | null;
  /** The profile imported last (offered as the search target in one click). */
  imported?: string | null;
}

export const useProfiler = create<ProfilerState>()(() => ({
  loaded: false, profiles: [], damaged: [], targetId: null, selectedId: null, run: null, message: null,
}));

let store: ProfileStore | null = null;
function profileStore(): ProfileStore {
  store ??= new ProfileStore(typeof indexedDB === 'undefined' ? memoryBackend() : indexedDbBackend());
  return store;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Reload the list from IndexedDB. */
export async function refreshProfiles(): Promise<void> {
  try {
    const s = profileStore();
    const { profiles, damaged } = await s.list();
    const targetId = await s.targetId();
    useProfiler.setState((st) => ({
      loaded: true, profiles, damaged, targetId,
      selectedId: st.selectedId && profiles.some((p) => p.id === st.selectedId) ? st.selectedId : (profiles[0]?.id ?? null),
    }));
  } catch (e) {
    useProfiler.setState({ loaded: true, message: { kind: 'error', text: `Could not read stored profiles: ${errText(e)}` } });
  }
}

async function keep(p: LatencyProfile, note: string): Promise<void> {
  const s = profileStore();
  await s.save(p);
  if ((await s.targetId()) === null && !p.partial && p.predictor) await s.setTarget(p.id);
  await refreshProfiles();
  useProfiler.setState({ selectedId: p.id, message: { kind: 'ok', text: note } });
}

let bridged = false;
/** Subscribe to the worker's profiler events and forward page visibility to the worker (once per app). */
export function ensureProfilerBridge(): void {
  if (bridged) return;
  bridged = true;
  const client = getClient();
  client.on(onEvent);
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      const at = performance.timeOrigin + performance.now();
      client.request('page/visibility', { visible: document.visibilityState === 'visible', at }).catch(() => undefined);
    });
  }
  void refreshProfiles();
}

function onEvent(ev: WorkerEvent): void {
  const run = useProfiler.getState().run;
  if (!run) return;
  if (ev.type === 'profile/status' && ev.runId === run.runId) {
    useProfiler.setState({ run: { ...run, status: ev.status } });
  } else if (ev.type === 'profile/result' && ev.runId === run.runId) {
    keep(ev.profile, `Profile "${ev.profile.name}" measured and stored.`).catch((e) => setError(`Could not store the profile: ${errText(e)}`));
  } else if (ev.type === 'run/state' && ev.runId === run.runId) {
    useProfiler.setState({ run: { ...run, state: ev.state, message: ev.message ?? null } });
    if (ev.state === 'cancelled') void collectPartial(run.runId);
  } else if (ev.type === 'run/state' && ev.kind !== 'profile' && ev.state === 'running' && (run.state === 'running' || run.state === 'paused')) {
    // The worker runs one job at a time: another run replaced the profiling run.
    useProfiler.setState({ run: { ...run, state: 'cancelled', message: 'Stopped: another run was started in the worker.' } });
  }
}

/** After Cancel: store what was measured so far, marked partial. */
async function collectPartial(runId: string): Promise<void> {
  try {
    const { profile } = await getClient().request('profile/collect', { runId });
    if (profile && Object.keys(profile.lut).length > 0) {
      await keep({ ...profile, name: `${profile.name} (cancelled, partial)` }, 'Cancelled: the entries measured so far were kept as a partial profile.');
    } else {
      useProfiler.setState({ message: { kind: 'ok', text: 'Cancelled before any entry was complete: nothing was stored.' } });
    }
  } catch (e) {
    if (!(e instanceof WorkerCrashError)) setError(`Could not collect the partial profile: ${errText(e)}`);
  }
}

function setError(text: string): void {
  useProfiler.setState({ message: { kind: 'error', text } });
}

/** Why a profile cannot start now, or null. */
export function profileBlocker(): string | null {
  const app = useStore.getState();
  if (app.backendStatus !== 'ready') return 'The compute backend is not ready yet.';
  const active = activeRun(new Map(METHODS.map((m) => [m.id, m.tab])));
  if (active) return `Profiling is off while ${active.what} is in progress: it would skew every latency measured. Finish or reset it first.`;
  const r = useProfiler.getState().run;
  if (r && (r.state === 'running' || r.state === 'paused')) return 'A profile is already being measured.';
  return null;
}

/** Start measuring this device; `cells`: also measure the parts of AutoSpace-style cells. */
export async function startProfile(mode: ProfileMode, tiny: boolean, cells = false): Promise<void> {
  ensureProfilerBridge();
  const blocked = profileBlocker();
  if (blocked) return setError(blocked);
  const app = useStore.getState();
  const a = app.backend?.adapter;
  const adapter = a ? [a.vendor, a.architecture].filter(Boolean).join(' ') || 'WebGPU adapter' : (app.backend?.backend ?? 'unknown');
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const runId = `profile-${Date.now().toString(36)}`;
  // The skeleton shape is part of the name: a profile prices only networks of the tiny/width it was measured on.
  const train = trainConfig(app.settings);
  const width = train.width === 1 ? '' : ` · width ${train.width}`;
  const name = `${mode === 'full' ? 'Full' : 'Quick'} profile · ${adapter}${tiny ? ' · tiny' : ''}${width}${cells ? ' · cells' : ''} · ${when}`;
  useProfiler.setState({ run: { runId, mode, state: 'running', status: null, message: null }, message: null });
  try {
    await getClient().request('profile/start', {
      runId, name, mode, tiny, cells, width: train.width, seed: train.seed, visible: document.visibilityState === 'visible',
    });
  } catch (e) {
    useProfiler.setState({ run: { runId, mode, state: 'error', status: null, message: errText(e) } });
  }
}

export async function cancelProfile(): Promise<void> {
  await getClient().request('run/control', { action: 'cancel' });
}

export function selectProfile(id: string): void {
  useProfiler.setState({ selectedId: id });
}

export async function setSearchTarget(id: string | null): Promise<void> {
  // Show the choice at once (a controlled radio would otherwise snap back until IndexedDB answers), then persist it;
  // if storing fails, the refresh restores what is really stored and the error says why.
  const previous = useProfiler.getState().targetId;
  useProfiler.setState({ targetId: id });
  try {
    await profileStore().setTarget(id);
  } catch (e) {
    useProfiler.setState({ targetId: previous });
    setError(`The search target was not saved: ${errText(e)}`);
  }
  await refreshProfiles();
}

/** Delete a stored profile, asking nothing: the message names it and offers Undo (`undoDeleteProfile`). */
export async function deleteProfile(id: string): Promise<void> {
  const name = useProfiler.getState().profiles.find((p) => p.id === id)?.name ?? id;
  try {
    const undo = await profileStore().remove(id);
    const target = undo?.wasTarget ? ' It was the search target: searches that need a profile will not start until you choose another (or Undo).' : '';
    useProfiler.setState({ message: undo ? { kind: 'ok', text: `Deleted the profile "${name}" from this browser.${target}`, undo } : null });
  } catch (e) {
    setError(`The profile "${name}" was not deleted: ${errText(e)}`);
  }
  await refreshProfiles();
}

/** Put back the profile the last message says was deleted (as the search target again if it was, and none is now). */
export async function undoDeleteProfile(): Promise<void> {
  const undo = useProfiler.getState().message?.undo;
  if (!undo) return;
  try {
    await profileStore().restore(undo);
    useProfiler.setState({ selectedId: undo.id, message: { kind: 'ok', text: 'The deleted profile is back.' } });
  } catch (e) {
    useProfiler.setState({ message: { kind: 'error', text: `The profile could not be put back: ${errText(e)}`, undo } }); // try again
  }
  await refreshProfiles();
}

/** Import a profile file; a bad or foreign file shows its error and changes nothing stored. */
export async function importProfileFile(file: File): Promise<void> {
  try {
    const { profile: p, copyOf } = await profileStore().importText(await file.text());
    await refreshProfiles();
    const text = copyOf
      ? `Imported "${p.name}" from ${file.name} as a copy with id "${p.id}": a stored profile already has id "${copyOf}", and it was kept as it was.`
      : `Imported "${p.name}" from ${file.name}.`;
    useProfiler.setState({ selectedId: p.id, imported: p.id, message: { kind: 'ok', text } });
  } catch (e) {
    setError(`${file.name} was not imported: ${errText(e)}`);
  }
}

/** The file name and text of a profile export. */
export function exportProfileFile(p: LatencyProfile): { name: string; text: string } {
  const slug = p.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);
  return { name: `latency-profile-${slug || p.id}.json`, text: profileStore().exportText(p) };
}

/**
 * The profile chosen as the search target (for methods that price latency, e.g. AtomNAS's 'latency' penalty and
 * PAD-NAS's latency window), or null when none is chosen. Read from IndexedDB and validated.
 */
export async function getSearchTargetProfile(): Promise<LatencyProfile | null> {
  const s = profileStore();
  const id = await s.targetId();
  if (!id) return null;
  return (await s.list()).profiles.find((p) => p.id === id) ?? null;
}

/**
 * The search-target profile among the loaded ones (a zustand selector: `useProfiler(selectSearchTarget)` re-renders
 * when the target changes; call `refreshProfiles()` once so the list is loaded), or null when none is chosen.
 */
export function selectSearchTarget(s: Pick<ProfilerState, 'profiles' | 'targetId'>): LatencyProfile | null {
  return s.targetId === null ? null : (s.profiles.find((p) => p.id === s.targetId) ?? null);
}
