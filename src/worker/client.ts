/**
 * Main-thread side of the worker: spawns it, sends typed requests (promise per request id), fans events out to
 * subscribers, and respawns a fresh worker when the old one crashes (uncaught error, unreadable message) or falls
 * silent (no heartbeat for `silentMs`: hung, or exited without an error event; see heartbeat.ts).
 * No tfjs here: the worker bundle is referenced by URL only.
 */
import { isHeartbeat, SILENT_MS } from './heartbeat';
import type { ErrorReport, RequestPayload, RequestType, ResponseOf, WorkerEvent, WorkerRequest } from './protocol';

/** A request the worker answered with an error; `file` names the user file at fault, if any. */
export class WorkerRequestError extends Error {
  readonly file?: string;
  readonly requestType: string;

  constructor(report: ErrorReport, requestType: string) {
    super(report.message);
    this.name = report.name ?? 'WorkerRequestError';
    this.file = report.file;
    this.requestType = requestType;
  }
}

/** The worker died (or was restarted) before answering. */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

type EventListener = (ev: WorkerEvent) => void;
type CrashListener = (reason: string) => void;

interface Pending {
  type: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** Minimal view of a Worker, so tests can pass a fake. */
export interface WorkerLike {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  onmessageerror: ((ev: MessageEvent) => void) | null;
}

export { HEARTBEAT, SILENT_MS } from './heartbeat';

export interface ClientOptions {
  /** Clock for the heartbeat check (tests pass a fake one). */
  now?: () => number;
}

export function spawnAppWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'nas-worker' });
}

/** A worker that only times backends (worker/probeWorker.ts): small, and thrown away after the startup probe. */
export function spawnProbeWorker(): WorkerLike {
  return new Worker(new URL('./probeWorker.ts', import.meta.url), { type: 'module', name: 'nas-backend-probe' });
}

export class WorkerClient {
  private worker: WorkerLike;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<EventListener>();
  private readonly crashListeners = new Set<CrashListener>();
  /** How many times the worker was respawned. */
  restarts = 0;
  /** Silence (ms) after which `checkHeartbeat` treats the worker as dead; widen it for a backend that blocks the thread. */
  silentMs = SILENT_MS;
  private readonly now: () => number;
  /** When the current worker last posted anything; null until it has spoken once (its module may load slowly). */
  private lastHeard: number | null = null;

  constructor(
    private readonly spawn: () => WorkerLike = spawnAppWorker,
    opts: ClientOptions = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
    this.worker = this.attach(spawn());
  }

  /**
   * Call periodically (the app does so every second while the page is visible): when the worker has been silent for
   * `silentMs`, it is terminated and respawned like a crashed one (pending requests reject, crash listeners run).
   * Returns true when it did so.
   */
  checkHeartbeat(): boolean {
    if (this.lastHeard === null) return false;
    const silent = this.now() - this.lastHeard;
    if (silent < this.silentMs) return false;
    this.restart(`it sent nothing for ${Math.round(silent / 1000)} s (no heartbeat): it hung or exited without an error`);
    return true;
  }

  /** Restart the silence count (e.g. when the page becomes visible again after timers were throttled). */
  touch(): void {
    if (this.lastHeard !== null) this.lastHeard = this.now();
  }

  /** Send a request; resolves with the worker's answer, rejects with WorkerRequestError or WorkerCrashError. */
  request<K extends RequestType>(type: K, payload: RequestPayload<K>, transfer: Transferable[] = []): Promise<ResponseOf<K>> {
    const id = this.nextId++;
    const msg = { ...payload, type, id } as WorkerRequest;
    return new Promise<ResponseOf<K>>((resolve, reject) => {
      this.pending.set(id, { type, resolve: resolve as (v: unknown) => void, reject });
      try {
        this.worker.postMessage(msg, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Subscribe to every event the worker posts (responses included). Returns the unsubscribe function. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after the worker crashed and a fresh one was spawned (re-initialise it here). */
  onCrash(listener: CrashListener): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** Throw away the current worker (e.g. a hung GPU) and start a fresh one. */
  restart(reason: string): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.onmessageerror = null;
    this.worker.terminate();
    const err = new WorkerCrashError(`The worker stopped: ${reason}. A fresh worker was started.`);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.restarts++;
    this.lastHeard = null;
    this.worker = this.attach(this.spawn());
    for (const fn of this.crashListeners) fn(reason);
  }

  dispose(): void {
    this.worker.terminate();
    this.listeners.clear();
    this.crashListeners.clear();
  }

  private attach(w: WorkerLike): WorkerLike {
    w.onmessage = (ev: MessageEvent) => {
      this.lastHeard = this.now();
      if (!isHeartbeat(ev.data)) this.handle(ev.data as WorkerEvent);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault?.();
      this.restart(ev.message ? `uncaught error in the worker: ${ev.message}` : 'the worker failed to load or crashed');
    };
    w.onmessageerror = () => this.restart('a message from the worker could not be read');
    return w;
  }

  private handle(ev: WorkerEvent): void {
    if (ev.type === 'response') {
      const p = this.pending.get(ev.id);
      if (p) {
        this.pending.delete(ev.id);
        if (ev.ok) p.resolve(ev.result);
        else p.reject(new WorkerRequestError(ev.error, p.type));
      }
    }
    for (const fn of this.listeners) fn(ev);
  }
}
