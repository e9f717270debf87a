/**
 * "Retrain with one recipe" (issue 14 §4): the chosen saved runs' ArchSpecs are trained from scratch, one after
 * another in the worker, with one shared recipe (the Train screen's settings, with the chosen epochs, seed and
 * optimizer), with progress, time left and cancel. Each result is saved as a new run linked to its original.
 */
import { create } from 'zustand';
import type { OptimizerName, TrainSettings } from '../core/trainSettings';
import type { WorkerEvent } from '../worker/protocol';
import { expectRun } from './runKeeper';
import { deviceLabel, refreshSavedRuns, runRepository } from './savedRuns';
import { useStore } from './store';
import { toTrainSettings } from './trainActions';
import { getClient } from './workerBridge';

export interface Recipe {
  epochs: number;
  seed: number;
  optimizer: OptimizerName;
}

export interface BatchJobState {
  kind: 'retrain' | 'measure' | null;
  /** Saved-run ids in the order they are processed. */
  queue: string[];
  index: number;
  /** Progress of the current item (0–1) and the time left of the whole batch, ms (-1 unknown). */
  fraction: number;
  etaMs: number;
  runId: string | null;
  cancelled: boolean;
  done: string[];
  errors: string[];
}

const IDLE: BatchJobState = { kind: null, queue: [], index: 0, fraction: 0, etaMs: -1, runId: null, cancelled: false, done: [], errors: [] };
export const useBatchJob = create<BatchJobState>()(() => ({ ...IDLE }));

export const COMPARE_RETRAIN_OWNER = 'compare-retrain';

/** The shared recipe as Train settings. */
export function recipeSettings(r: Recipe): TrainSettings {
  return { ...toTrainSettings(useStore.getState().settings), epochs: r.epochs, seed: r.seed, optimizer: r.optimizer };
}

/** Resolve when `runId` ends; `onProgress` gets the fraction done and the job's own time left. */
function waitForRun(runId: string, onProgress: (f: number, etaMs: number) => void, onEvent?: (ev: WorkerEvent) => void): Promise<'done' | 'cancelled' | 'error'> {
  return new Promise((resolve) => {
    const off = getClient().on((ev: WorkerEvent) => {
      if (!('runId' in ev) || ev.runId !== runId) return;
      onEvent?.(ev);
      if (ev.type === 'run/progress') onProgress(ev.total > 0 ? ev.done / ev.total : 0, ev.etaMs);
      if (ev.type === 'run/state' && ['done', 'cancelled', 'error', 'diverged'].includes(ev.state)) {
        off();
        resolve(ev.state === 'done' ? 'done' : ev.state === 'cancelled' ? 'cancelled' : 'error');
      }
    });
  });
}

let counter = 0;

/** Retrain the chosen saved runs, one after another. */
export async function retrainRuns(ids: readonly string[], recipe: Recipe): Promise<void> {
  const repo = runRepository();
  if (!repo || useBatchJob.getState().kind) return;
  useBatchJob.setState({ ...IDLE, kind: 'retrain', queue: [...ids] });
  const settings = recipeSettings(recipe);
  const started = Date.now();
  for (let i = 0; i < ids.length; i++) {
    if (useBatchJob.getState().cancelled) break;
    const saved = await repo.get(ids[i]);
    const spec = saved?.record?.archSpec;
    if (!saved || !spec) {
      useBatchJob.setState((s) => ({ errors: [...s.errors, `${ids[i]}: no ArchSpec saved`] }));
      continue;
    }
    const runId = `retrain-${Date.now().toString(36)}-${++counter}`;
    expectRun(runId, { exportOwner: COMPARE_RETRAIN_OWNER, method: saved.method, label: `${saved.name} · retrained`, settings: settings as unknown as Record<string, unknown>, parentId: saved.id });
    useBatchJob.setState({ index: i, runId, fraction: 0 });
    const end = waitForRun(runId, (f, eta) => {
      const perItem = (Date.now() - started) / Math.max(i + f, 1e-3);
      const left = eta >= 0 ? eta + perItem * (ids.length - i - 1) : -1;
      useBatchJob.setState({ fraction: f, etaMs: left });
    });
    try {
      await getClient().request('train/start', { runId, settings, spec, owner: COMPARE_RETRAIN_OWNER });
    } catch (e) {
      useBatchJob.setState((s) => ({ errors: [...s.errors, `${saved.name}: ${e instanceof Error ? e.message : String(e)}`] }));
      continue;
    }
    const outcome = await end;
    if (outcome === 'done') useBatchJob.setState((s) => ({ done: [...s.done, saved.id] }));
    else if (outcome === 'error') useBatchJob.setState((s) => ({ errors: [...s.errors, `${saved.name}: the retraining failed`] }));
  }
  useBatchJob.setState({ kind: null, runId: null, fraction: 1, etaMs: 0 });
}

/** Cancel the batch: the current job is cancelled in the worker and the rest are skipped. */
export async function cancelBatch(): Promise<void> {
  const s = useBatchJob.getState();
  if (!s.kind) return;
  useBatchJob.setState({ cancelled: true });
  if (s.runId) await getClient().request('run/control', { action: 'cancel' }).catch(() => undefined);
}

/** Batch sizes measured: 1 and the run's training batch. */
function batchesOf(settings: Record<string, unknown>): number[] {
  const b = settings.batchSize ?? settings.batch;
  return typeof b === 'number' && Number.isInteger(b) && b > 1 ? [1, b] : [1];
}

/**
 * Measure the chosen saved networks on this device (batch 1 and each run's training batch), in the worker, one job
 * for all of them (interleaved, LATENCY.md); each measurement is stored with the device, backend and date.
 */
export async function measureRuns(ids: readonly string[]): Promise<void> {
  const repo = runRepository();
  if (!repo || useBatchJob.getState().kind) return;
  useBatchJob.setState({ ...IDLE, kind: 'measure', queue: [...ids] });
  const runs = (await Promise.all(ids.map((id) => repo.get(id)))).filter((r) => r?.model && r.record);
  const errors = ids.filter((id) => !runs.some((r) => r?.id === id)).map((id) => `${id}: no saved weights to measure`);
  const runId = `measure-${Date.now().toString(36)}-${++counter}`;
  const batches = [...new Set(runs.flatMap((r) => batchesOf(r!.settings)))].sort((a, b) => a - b);
  let measured: Extract<WorkerEvent, { type: 'latency/measured' }> | null = null;
  useBatchJob.setState({ runId, errors });
  const end = waitForRun(
    runId,
    (f, eta) => useBatchJob.setState({ fraction: f, index: Math.min(runs.length - 1, Math.floor(f * runs.length)), etaMs: eta }),
    (ev) => {
      if (ev.type === 'latency/measured') measured = ev;
    },
  );
  try {
    // Copies of the weights travel (the stored buffers stay usable).
    const items = runs.map((r) => ({ id: r!.id, modelJson: r!.model!.modelJson, weights: r!.model!.weights.slice(0) }));
    await getClient().request('latency/measure', { runId, items, batches }, items.map((i) => i.weights));
  } catch (e) {
    useBatchJob.setState({ kind: null, runId: null, errors: [...errors, e instanceof Error ? e.message : String(e)] });
    return;
  }
  await end;
  const m = measured as Extract<WorkerEvent, { type: 'latency/measured' }> | null;
  if (m) {
    const device = deviceLabel();
    const date = new Date().toISOString();
    for (const r of m.results) {
      const want = batchesOf(runs.find((x) => x?.id === r.id)?.settings ?? {});
      if (want.includes(r.batch)) await repo.addMeasurement(r.id, { batch: r.batch, medianMs: r.medianMs, madMs: r.madMs, samples: r.samples, device, backend: m.backend, date });
    }
    useBatchJob.setState((s) => ({ done: [...new Set(m.results.map((r) => r.id))], errors: [...s.errors, ...m.failures.map((f) => `${f.id} (batch ${f.batch}): ${f.message}`)] }));
  }
  useBatchJob.setState({ kind: null, runId: null, fraction: 1, etaMs: 0 });
  await refreshSavedRuns();
}
