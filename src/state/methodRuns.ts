/**
 * One small store per NAS method (the store factory): the method screen's own run — its id, state, progress, what
 * the worker built, errors — and its last finished ResultRecord, which Reset keeps until the next run starts.
 * High-frequency snapshot data never lands here: the bridge hands it to the method view's `onSnapshot`.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ResultRecord } from '../core/method/resultRecord';
import type { RunStart } from '../core/method/runStart';
import type { RunState } from '../worker/protocol';
import type { RunProgress } from './slices/runSlice';

export interface MethodRunState {
  /** The run this screen started (null before the first Start). */
  runId: string | null;
  state: RunState;
  progress: RunProgress | null;
  started: RunStart | null;
  /** The last finished result (kept through Reset; replaced when a new run finishes, cleared when one starts). */
  record: ResultRecord | null;
  error: string | null;
  diverged: { step: number; message: string } | null;
  /** The config the run started with (frozen: the form may change meanwhile). */
  config: Record<string, unknown> | null;
  /** The device profile the run's latency figures come from. */
  profile: { id: string; name: string } | null;
  /** Date.now() at Start (wall time of the record). */
  startedAt: number;
  /** The found network trained from scratch with the Train recipe (a Train job owned by this screen). */
  retrain: RetrainState | null;
  /** The latest key moment of the run (worker `run/event`; `stopped`: "Next event" paused on it), announced by the screen. */
  lastEvent: { step: number; events: string[]; stopped: boolean } | null;
  /** "Next event" was asked and no event has come yet. */
  seeking: boolean;
}

/** A result's retraining from scratch. */
export interface RetrainState {
  runId: string;
  state: RunState;
  progress: RunProgress | null;
  epochs: { epoch: number; valAcc: number }[];
  testAcc: number | null;
  record: ResultRecord | null;
  error: string | null;
  /** The retraining diverged (the engine's message: where, why, what to try). */
  diverged: { step: number; message: string } | null;
}

export type MethodRunStore = UseBoundStore<StoreApi<MethodRunState>>;

export const EMPTY_RUN: MethodRunState = {
  runId: null,
  state: 'idle',
  progress: null,
  started: null,
  record: null,
  error: null,
  diverged: null,
  config: null,
  profile: null,
  startedAt: 0,
  retrain: null,
  lastEvent: null,
  seeking: false,
};

const stores = new Map<string, MethodRunStore>();

/** The store of method `id` (created on first use). */
export function methodRunStore(id: string): MethodRunStore {
  let s = stores.get(id);
  if (!s) {
    s = create<MethodRunState>()(() => ({ ...EMPTY_RUN }));
    stores.set(id, s);
  }
  return s;
}

/** Every method store created so far, by method id. */
export function allMethodRunStores(): ReadonlyMap<string, MethodRunStore> {
  return stores;
}

/** Which method store follows `runId` as its search or its retraining (null: none, e.g. a Train run). */
export function ownerOfRun(runId: string): { id: string; retrain: boolean } | null {
  for (const [id, s] of stores) {
    const st = s.getState();
    if (st.runId === runId) return { id, retrain: false };
    if (st.retrain?.runId === runId) return { id, retrain: true };
  }
  return null;
}

type SnapshotListener = (snap: unknown) => void;
const snapshotListeners = new Map<string, Set<SnapshotListener>>();

/** Receive method `id`'s snapshots (null = a new run started: clear). Returns the unsubscribe function. */
export function onMethodSnapshot(id: string, fn: SnapshotListener): () => void {
  let set = snapshotListeners.get(id);
  if (!set) snapshotListeners.set(id, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** Hand a snapshot (or null: clear) to method `id`'s listeners. */
export function emitMethodSnapshot(id: string, snap: unknown): void {
  for (const fn of snapshotListeners.get(id) ?? []) fn(snap);
}
