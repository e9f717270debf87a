/**
 * Connects the worker client to the store: routes worker events into slices and the series buffer, and on a worker
 * crash shows a notice, re-initialises the fresh worker and reloads the dataset. Settings are untouched by a crash.
 */
import { isLoadCancelled, throwIfCancelled } from '../data/loadProgress';
import { SILENT_MS, WorkerClient, WorkerCrashError } from '../worker/client';
import type { BackendName, WorkerEvent } from '../worker/protocol';
import { CHOICE_STORAGE_KEY } from './backendChoice';
import { decideOrder, forgetBackendChoice, startBackendSwitch } from './backendStartup';
import { allMethodRunStores } from './methodRuns';
import { readFiles } from './readFiles';
import { trainSeries } from './series';
import { useStore } from './store';

/** What the worker should load again after a restart. */
type DataSource = { kind: 'builtin' } | { kind: 'files'; files: File[] };

let client: WorkerClient | null = null;
/** Routes events of method screens' runs (state/methodActions.ts registers it; kept apart to avoid an import cycle). */
let methodRouter: ((ev: WorkerEvent) => boolean) | null = null;

/** Install the method-run router (once, at start-up). */
export function setMethodRouter(fn: (ev: WorkerEvent) => boolean): void {
  methodRouter = fn;
}
let source: DataSource = { kind: 'builtin' };

/** A running job that reports nothing for this long is probably stuck (e.g. a GPU read-back that never returns). */
export const STALL_MS = 120_000;
let lastHeard = Date.now();
let stallReportedFor: string | null = null;

/** Warn once per run when a running job has been silent for STALL_MS (never silently hang). */
export function checkStall(now = Date.now()): boolean {
  const st = useStore.getState();
  if (st.runState !== 'running' || !st.runId || now - lastHeard < STALL_MS || stallReportedFor === st.runId) return false;
  stallReportedFor = st.runId;
  st.addNotice({
    kind: 'warning',
    title: 'The run seems stuck',
    lines: [
      `No training step has finished for ${Math.round((now - lastHeard) / 1000)} s. The GPU may have stopped answering (see any GPU error above).`,
      'Wait a little longer on a slow device, or reload the page to start a fresh worker (your settings are in the link).',
    ],
  });
  return true;
}

/**
 * How long the worker may be silent before it is treated as dead (worker/heartbeat.ts). On WebGPU the worker thread
 * only records and awaits GPU work, so its heartbeat timer keeps running: 5 s. WebGL (shader compilation, synchronous
 * read-backs) and the CPU backend compute on the worker thread itself and block the timer for whole steps: on
 * SwiftShader's WebGL a first step was measured silent for more than 16 s. They get STALL_MS, and before the backend
 * is known (loading, initialising) the same.
 */
export function silenceLimit(backend: string): number {
  return backend === 'webgpu' ? SILENT_MS : STALL_MS;
}

/** URL of the built-in MNIST, relative to the page (the worker's own URL is under assets/). */
export function builtinUrl(): string {
  return new URL('data/mnist-10k.bin', document.baseURI).href;
}

function isCurrentRun(ev: { runId: string }): boolean {
  return ev.runId === useStore.getState().runId;
}

export function routeEvent(ev: WorkerEvent): void {
  const st = useStore.getState();
  if (ev.type === 'run/progress' || ev.type === 'run/state') lastHeard = Date.now();
  if (methodRouter?.(ev)) return; // a method screen's own run
  switch (ev.type) {
    case 'backend':
      st.setBackend(ev.info);
      if (client) client.silentMs = silenceLimit(ev.info.backend);
      return;
    case 'dataset':
      st.setDataset(ev.summary, ev.preview);
      return;
    case 'dataset/progress':
      if (st.datasetLoading) st.setDatasetProgress(ev.progress);
      return;
    case 'train/points':
      if (!isCurrentRun(ev)) return;
      trainSeries.series.loss.append(ev.steps, ev.loss);
      trainSeries.series.lr.append(ev.steps, ev.lr);
      trainSeries.append('ips', ev.steps, ev.ips);
      break;
    case 'train/epoch':
      if (!isCurrentRun(ev)) return;
      trainSeries.series.valLoss.push(ev.epoch, ev.valLoss);
      trainSeries.push('valAcc', ev.epoch, ev.valAcc);
      break;
    case 'error':
      if (ev.scope === 'gpu-lost') {
        recoverFromLostGpu(ev.message);
        return;
      }
      if (!ev.runId) {
        st.addNotice({ kind: 'error', title: `Error in the worker (${ev.scope})`, lines: [ev.message] });
        return;
      }
      break;
    default:
      break;
  }
  st.applyRunEvent(ev);
}

/** The load in progress's AbortController (one at a time: loading is disabled meanwhile). */
let loadAbort: AbortController | null = null;

/**
 * Load `src` into the worker, with progress (reading here, decompressing and parsing there) and a cancel; on failure or
 * cancel keep the previous dataset and report the file at fault. Resolves true once the new dataset is in use.
 */
export async function loadSource(src: DataSource): Promise<boolean> {
  const st = useStore.getState();
  const c = getClient();
  const abort = new AbortController();
  loadAbort = abort;
  st.setDatasetLoading(src.kind === 'builtin' ? 'built-in MNIST' : src.files.map((f) => f.name).join(', '));
  try {
    if (src.kind === 'builtin') {
      await c.request('dataset/builtin', { url: builtinUrl() });
    } else {
      const payload = await readFiles(src.files, { signal: abort.signal, onProgress: (p) => useStore.getState().setDatasetProgress(p) });
      throwIfCancelled(abort.signal);
      await c.request('dataset/files', { files: payload }, payload.map((p) => p.bytes));
    }
    source = src;
    st.setDatasetError(null);
    st.setSettings({ dataset: src.kind === 'builtin' ? 'mnist' : 'custom' });
    return true;
  } catch (e) {
    if (e instanceof WorkerCrashError) return false; // the crash handler reports it and reloads
    if (isLoadCancelled(e)) {
      st.addNotice({ kind: 'info', title: 'Loading cancelled', lines: ['The dataset loaded before is still in use.'] });
      return false;
    }
    const file = (e as { file?: string }).file;
    st.setDatasetError({ file, message: e instanceof Error ? e.message : String(e) });
    return false;
  } finally {
    if (loadAbort === abort) loadAbort = null;
    useStore.getState().setDatasetLoading(null);
  }
}

/**
 * Cancel the file load in progress: reading stops at the next slice, the worker's decompression at its next chunk. A
 * load the worker has already finished is kept (the new dataset is in use by then). False when nothing was loading.
 */
export function cancelDatasetLoad(): boolean {
  if (!loadAbort || loadAbort.signal.aborted) return false;
  loadAbort.abort();
  getClient()
    .request('dataset/cancel', {})
    .catch(() => undefined); // a crashed worker has nothing left to cancel
  return true;
}

/** Backends the next worker may use: after a lost GPU, WebGPU is skipped for the rest of the page's life. */
let backendOrder: BackendName[] | undefined;

/** What happened to the run in progress when the worker had to be replaced (for the run keeper to resume it). */
export interface Recovery {
  /** The Train run that was running or paused, if any. */
  trainRunId: string | null;
  /** Searches that were running or paused (they resume from their last checkpoint, or are listed as interrupted). */
  searchRunIds?: string[];
  lostGpu: boolean;
}
const recoveryListeners = new Set<(r: Recovery) => void>();

/** Called once a replacement worker is up with its data loaded (state/runKeeper resumes the Train run from it). */
export function onWorkerRecovered(fn: (r: Recovery) => void): () => void {
  recoveryListeners.add(fn);
  return () => recoveryListeners.delete(fn);
}

let pendingRecovery: Recovery | null = null;

/**
 * The WebGPU device is lost (issue 16 §2): every read-back would wait forever, so the worker is replaced by one on the
 * next backend (WebGL, then CPU), and the Train run resumes from its last checkpoint once the data is loaded again.
 */
function recoverFromLostGpu(message: string): void {
  if (!client || backendOrder) return; // already recovering (or recovered) from a loss
  backendOrder = ['webgl', 'cpu'];
  gpuLostMessage = message;
  client.restart(`${message} It was restarted without WebGPU`);
}
let gpuLostMessage: string | null = null;

async function initWorker(c: WorkerClient): Promise<void> {
  const st = useStore.getState();
  st.setBackendStarting();
  try {
    // After a lost GPU the recovery order holds; otherwise the decided backend (issue 15 §6: pinned, or timed on a
    // software adapter) comes first.
    await c.request('init', { order: backendOrder ?? (await decideOrder()) });
  } catch (e) {
    if (e instanceof WorkerCrashError) return;
    st.setBackendFailed(e instanceof Error ? e.message : String(e));
    return;
  }
  const loaded = await loadSource(source);
  const r = pendingRecovery;
  pendingRecovery = null;
  if (r && loaded) for (const fn of recoveryListeners) fn(r);
}

/** The worker is being replaced on purpose (the user picked another backend): no crash notice, nothing to recover. */
let switching = false;

/** Replace the worker to start it on the backend now chosen (state/backendStartup.ts calls this when nothing runs). */
function switchBackend(reason: string): void {
  if (!client) return;
  backendOrder = undefined; // an explicit choice also ends the "no WebGPU after a loss" rule
  switching = true;
  client.restart(reason);
}

/** Forget the kept timings and time the backends again (the header's "Time them again"; nothing may be running). */
export function retimeBackends(): void {
  try {
    globalThis.localStorage?.removeItem(CHOICE_STORAGE_KEY);
  } catch {
    // blocked storage: forgetting the page's choice is enough
  }
  forgetBackendChoice();
  switchBackend('timing the backends again');
}

function onCrash(reason: string): void {
  if (switching) {
    switching = false;
    if (client) void initWorker(client);
    return;
  }
  const st = useStore.getState();
  const trainLive = st.runState === 'running' || st.runState === 'paused';
  const hadRun = trainLive || [...allMethodRunStores().values()].some((m) => ['running', 'paused'].includes(m.getState().state));
  const lostGpu = gpuLostMessage !== null;
  gpuLostMessage = null;
  // A lost device often fails the step first (the run reports 'error' just before the loss is known): resume it too.
  const trainRunId = st.runId && (trainLive || (lostGpu && st.runState === 'error')) ? st.runId : null;
  const searchRunIds = [...allMethodRunStores().values()]
    .map((m) => m.getState())
    .filter((m) => m.runId && (m.state === 'running' || m.state === 'paused' || (lostGpu && m.state === 'error')))
    .map((m) => m.runId as string);
  pendingRecovery = { trainRunId, searchRunIds, lostGpu };
  st.addNotice({
    kind: 'error',
    title: lostGpu ? 'The GPU was lost: the worker was restarted on the next backend' : 'The worker crashed and was restarted',
    lines: [
      reason,
      trainRunId
        ? lostGpu
          ? 'The Train run goes on from its last checkpoint (if it had reached one); your settings are kept.'
          : 'The Train run can go on from its last checkpoint, if it had reached one (Resume on the Train screen); your settings are kept.'
        : searchRunIds.length
          ? 'The search can go on from its last checkpoint, if it had reached one and its method has checkpoints; your settings are kept.'
          : hadRun
          ? 'The run in progress was lost; your settings are kept. Press Start to run again.'
          : 'Your settings are kept.',
    ],
  });
  if (st.runId) st.failRun(`The worker crashed: ${reason}`);
  for (const store of allMethodRunStores().values()) {
    const m = store.getState();
    if (m.runId && (m.state === 'running' || m.state === 'paused')) store.setState({ state: 'error', error: `The worker crashed: ${reason}` });
    const r = m.retrain;
    if (r && (r.state === 'running' || r.state === 'paused')) store.setState({ retrain: { ...r, state: 'error', error: `The worker crashed: ${reason}` } });
  }
  if (client) void initWorker(client);
}

/** The one worker client of the app (spawned and initialised on first use). */
export function getClient(): WorkerClient {
  if (!client) {
    client = new WorkerClient();
    client.on(routeEvent);
    client.onCrash(onCrash);
    client.silentMs = silenceLimit('');
    void initWorker(client);
    startBackendSwitch(switchBackend);
    setInterval(() => checkStall(), 10_000);
    // Heartbeat: a worker silent for silentMs is respawned (onCrash fails its runs). Hidden pages are not judged: their
    // timers are throttled, so the count restarts when the page is shown again.
    const c = client;
    setInterval(() => {
      if (document.visibilityState === 'visible') c.checkHeartbeat();
    }, 1000);
    document.addEventListener('visibilitychange', () => c.touch());
  }
  return client;
}
