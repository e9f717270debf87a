/**
 * Time each backend (issue 15 §6) in a small worker (worker/probeWorker.ts), one backend after the other, within
 * PROBE_BUDGET_MS of timing in all. The clock runs only while a backend is being timed: loading a worker's module is
 * not any backend's cost, and on a busy machine it can take seconds (it has its own limit, LOAD_LIMIT_MS). Each backend
 * gets an equal share of the timing left; a backend that is done early leaves the rest to the next. When a share is
 * spent the worker is terminated (so a backend stuck compiling its programs, such as SwiftShader's WebGL which blocks
 * its thread while it compiles, cannot hold the page) and the next backend runs in a fresh worker, loaded in advance
 * while the GPU backend before it was timed: what the stopped backend finished by then is its result.
 */
import { PROBE_BUDGET_MS, PROBE_TIMED_STEPS, type BackendId, type ProbeResult } from '../core/backendChoice';
import { spawnProbeWorker, type WorkerLike } from '../worker/client';
import type { ProbeRunRequest, ProbeWorkerEvent } from '../worker/protocol';

/** How long a probe worker may take to load before its backend is reported as not started. */
export const LOAD_LIMIT_MS = 20_000;

export interface ProbeDeps {
  spawn?: () => WorkerLike;
  now?: () => number;
  /** Called when a backend's turn starts (for the header's "timing …" line). */
  onBackend?: (backend: BackendId, shareMs: number) => void;
}

/** A probe worker, its readiness, and the listener of the backend being timed. */
class ProbeWorker {
  readonly ready: Promise<string | null>;
  listener: ((msg: ProbeWorkerEvent) => void) | null = null;
  crashed: string | null = null;
  private onCrash: ((why: string) => void) | null = null;

  constructor(private readonly worker: WorkerLike) {
    this.ready = new Promise((resolve) => {
      this.onCrash = resolve;
      worker.onmessage = (ev: MessageEvent) => {
        const msg = ev.data as ProbeWorkerEvent;
        if (msg?.type === 'probe/ready') resolve(null);
        else this.listener?.(msg);
      };
      worker.onerror = (ev: ErrorEvent) => {
        ev.preventDefault?.();
        this.crashed = ev.message ? `the probe worker crashed: ${ev.message}` : 'the probe worker failed to load';
        resolve(this.crashed);
        this.onCrash?.(this.crashed);
      };
    });
  }

  watchCrash(fn: ((why: string) => void) | null): void {
    this.onCrash = fn;
  }

  post(req: ProbeRunRequest): void {
    this.worker.postMessage(req, []);
  }

  terminate(): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
  }
}

/** Time one backend; `stopped` when its share ran out or the worker died (it cannot be used again). */
function probeOne(w: ProbeWorker, backend: BackendId, shareMs: number): Promise<{ result: ProbeResult; stopped: boolean }> {
  return new Promise((resolve) => {
    const stepMs: number[] = [];
    let firstMs: number | undefined;
    let settled = false;
    const finish = (stopped: boolean, failed?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      w.listener = null;
      w.watchCrash(null);
      if (failed !== undefined) {
        resolve({ result: { backend, status: 'failed', stepMs: [], shareMs, reason: failed }, stopped });
        return;
      }
      const status = stepMs.length > 0 ? 'timed' : firstMs !== undefined ? 'first-only' : 'unfinished';
      resolve({ result: { backend, status, firstMs, stepMs: [...stepMs], shareMs }, stopped });
    };
    const timer = setTimeout(() => finish(true), shareMs);
    w.listener = (msg) => {
      if (msg.type === 'probe/ready' || msg.backend !== backend) return;
      if (msg.type === 'probe/step') {
        if (msg.index === 0) firstMs = msg.ms;
        else stepMs.push(msg.ms);
      } else if (msg.type === 'probe/done') finish(false);
      else finish(false, msg.reason);
    };
    w.watchCrash((why) => finish(true, why));
    w.post({ type: 'probe/run', backend, timedSteps: PROBE_TIMED_STEPS });
  });
}

/** Time `candidates` in order, with `budgetMs` of timing in all (worker loading not counted; see LOAD_LIMIT_MS). */
export async function probeBackends(candidates: readonly BackendId[], deps: ProbeDeps = {}, budgetMs = PROBE_BUDGET_MS): Promise<ProbeResult[]> {
  const now = deps.now ?? (() => performance.now());
  const spawn = () => new ProbeWorker((deps.spawn ?? spawnProbeWorker)());
  let used = 0;
  const results: ProbeResult[] = [];
  let current: ProbeWorker | null = null;
  let spare: ProbeWorker | null = null;
  try {
    for (let i = 0; i < candidates.length; i++) {
      const backend = candidates[i];
      current ??= spare ?? spawn();
      if (current === spare) spare = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const loadFailed = await Promise.race([
        current.ready,
        new Promise<string>((r) => (timer = setTimeout(() => r(`the probe worker did not load in ${LOAD_LIMIT_MS / 1000} s`), LOAD_LIMIT_MS))),
      ]);
      clearTimeout(timer);
      const share = Math.floor(Math.max(0, budgetMs - used) / (candidates.length - i));
      deps.onBackend?.(backend, share);
      if (loadFailed !== null) {
        results.push({ backend, status: 'failed', stepMs: [], shareMs: share, reason: loadFailed });
        current.terminate();
        current = null;
        continue;
      }
      // A GPU backend may have to be stopped: load the next backend's worker meanwhile.
      if (backend !== 'cpu' && i + 1 < candidates.length && !spare) spare = spawn();
      const t0 = now();
      const { result, stopped } = await probeOne(current, backend, share);
      used += now() - t0;
      results.push(result);
      if (stopped) {
        current.terminate();
        current = null;
      }
    }
  } finally {
    current?.terminate();
    spare?.terminate();
  }
  return results;
}
