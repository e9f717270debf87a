/**
 * What the Train screen's buttons and shortcuts do: start / pause / resume / step / reset a run and export the model.
 * Runs are started with the settings of the moment; the run card freezes them.
 */
import { WorkerRequestError } from '../worker/client';
import type { ExportedModel, TrainSettings, TrainStarted } from '../worker/protocol';
import { holdsWorker, mayStart, noteWorkerRun } from './activeRun';
import { livePace } from './livePace';
import { METHODS } from '../methods/registry';
import { trainSeries } from './series';
import { trainConfig, type AllSettings } from './slices/settingsSlice';
import type { RunCard } from './slices/runSlice';
import { useStore, type AppState } from './store';
import { getClient } from './workerBridge';

/** The worker's training settings: the Train group's config. */
export function toTrainSettings(s: AllSettings): TrainSettings {
  return { ...trainConfig(s) };
}

export function buildRunCard(st: AppState, runId: string, settings: TrainSettings, started: TrainStarted, url: string): RunCard {
  const b = st.backend;
  const ds = st.dataset;
  const a = b?.adapter;
  return {
    runId,
    date: new Date().toISOString(),
    seed: settings.seed,
    backend: b?.backend ?? 'unknown',
    adapter: a ? `${a.vendor || '?'} ${a.architecture || ''}${a.isFallbackAdapter ? ' (software/fallback adapter)' : ''}`.trim() : 'none',
    tfjsVersion: b?.tfjsVersion ?? 'unknown',
    dataset: {
      name: ds?.name ?? 'unknown',
      source: ds?.source ?? 'unknown',
      files: ds?.files ?? [],
      n: ds?.n ?? 0,
      shape: [ds?.height ?? 0, ds?.width ?? 0, ds?.channels ?? 0],
      classes: ds?.numClasses ?? 0,
    },
    split: {
      seed: ds?.split.seed ?? 0,
      train: settings.trainLimit > 0 ? Math.min(settings.trainLimit, ds?.split.train ?? 0) : (ds?.split.train ?? 0),
      val: ds?.split.val ?? 0,
      test: ds?.split.test ?? 0,
    },
    settings,
    arch: { name: started.spec.name, macs: started.macs, params: started.params, layers: started.spec.layers.length },
    totalSteps: started.totalSteps,
    stepsPerEpoch: started.stepsPerEpoch,
    url,
  };
}

let runCounter = 0;

/** Start a new run (paused right away when `paused`, e.g. for Step from idle). */
export async function startRun(paused = false): Promise<void> {
  const st = useStore.getState();
  if (!st.dataset) return;
  if (!mayStart('train', 'a training run', methodLabels())) return;
  const runId = `run-${Date.now().toString(36)}-${++runCounter}`;
  const settings = toTrainSettings(st.settings);
  noteWorkerRun(runId);
  trainSeries.clear();
  st.beginRun(runId, paused ? 'paused' : 'running');
  try {
    const started = await getClient().request('train/start', { runId, settings, paused, paceMs: livePace.getState().ms });
    const now = useStore.getState();
    if (now.runId !== runId) return;
    now.setRunInfo(buildRunCard(now, runId, settings, started, typeof location === 'undefined' ? '' : location.href), started);
    if (paused) void getClient().request('run/control', { action: 'step' });
  } catch (e) {
    if (useStore.getState().runId === runId) useStore.getState().failRun(e instanceof Error ? e.message : String(e));
  }
}

async function control(action: 'pause' | 'resume' | 'step' | 'cancel' | 'reset'): Promise<void> {
  if (!holdsWorker(useStore.getState().runId)) return; // never another screen's run
  try {
    await getClient().request('run/control', { action });
  } catch (e) {
    if (e instanceof WorkerRequestError) useStore.getState().failRun(e.message);
  }
}

export const pauseRun = (): Promise<void> => control('pause');
export const resumeRun = (): Promise<void> => control('resume');

/** One step: from a paused run, or start a paused run and take its first step. */
export function stepRun(): Promise<void> {
  const s = useStore.getState().runState;
  if (s === 'paused') return control('step');
  if (s === 'running' || s === 'diverged') return Promise.resolve();
  return startRun(true);
}

/** Reset cancels the run, frees the network and clears the charts. */
export async function resetRun(): Promise<void> {
  const mine = holdsWorker(useStore.getState().runId);
  if (mine) await control('reset');
  useStore.getState().clearRun();
  trainSeries.clear();
  if (mine) noteWorkerRun(null);
}

/** Space: start when nothing runs, pause when running, resume when paused. */
export function togglePlay(): Promise<void> {
  const s = useStore.getState().runState;
  if (s === 'running') return pauseRun();
  if (s === 'paused') return resumeRun();
  if (s === 'diverged') return Promise.resolve();
  return startRun();
}

export function exportModel(): Promise<ExportedModel> {
  return getClient().request('model/export', { owner: 'train' });
}

function methodLabels(): Map<string, string> {
  return new Map(METHODS.map((m) => [m.id, m.tab]));
}
