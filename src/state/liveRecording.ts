/**
 * Recording the method screens' own live runs in the page (core/method/recorder): while a run streams snapshots, each
 * one is kept as a frame, so the run can be replayed ("Replay this run") or exported as a recording file.
 *
 * Memory is bounded: a snapshot carries what happened since the previous one, so frames cannot be thinned after the
 * fact; once the kept frames pass `MAX_LIVE_BYTES` (or `MAX_LIVE_FRAMES`) the recorder stops keeping them and says
 * so (`full`): the recording then ends at that step. A new Start forgets the previous run's recording; Reset keeps it.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { RecordingBuilder } from '../core/method/recorder';
import type { Recording, RecordingMade } from '../core/method/recording';
import type { MethodDescriptor } from '../methods/descriptor';
import { emitMethodSnapshot, methodRunStore, onMethodSnapshot } from './methodRuns';
import { replayStore } from './replay';
import { useStore } from './store';

export const MAX_LIVE_BYTES = 96 << 20;
export const MAX_LIVE_FRAMES = 20_000;

export interface LiveRecordingState {
  /** The run being (or last) recorded. */
  runId: string | null;
  frames: number;
  /** Approximate memory the frames hold. */
  bytes: number;
  /** Frames stopped being kept at this step (the run was too long); null: every frame is kept. */
  fullAt: number | null;
}

const EMPTY: LiveRecordingState = { runId: null, frames: 0, bytes: 0, fullAt: null };

const stores = new Map<string, UseBoundStore<StoreApi<LiveRecordingState>>>();
const builders = new Map<string, RecordingBuilder>();
let restoring = false;
const pending = new Map<string, { step: number; epoch: number; snap: unknown; now: number }[]>();

/** The live-recording store of method `id`. */
export function liveRecordingStore(id: string): UseBoundStore<StoreApi<LiveRecordingState>> {
  let s = stores.get(id);
  if (!s) {
    s = create<LiveRecordingState>()(() => ({ ...EMPTY }));
    stores.set(id, s);
  }
  return s;
}

/** Rough bytes a value holds (typed arrays exactly, numbers 8, strings 2 per character, plus a little per object). */
export function approxBytes(v: unknown, depth = 0): number {
  if (ArrayBuffer.isView(v)) return v.byteLength + 64;
  if (typeof v === 'number' || typeof v === 'boolean') return 8;
  if (typeof v === 'string') return 2 * v.length + 16;
  if (v === null || typeof v !== 'object' || depth > 20) return 8;
  let n = 32;
  if (Array.isArray(v)) for (const x of v) n += approxBytes(x, depth + 1);
  else for (const [k, x] of Object.entries(v)) n += 2 * k.length + approxBytes(x, depth + 1);
  return n;
}

/** Where this page is running, for the recording's banner. */
function appMade(startedAt: number): RecordingMade {
  const b = useStore.getState().backend;
  const nav = typeof navigator === 'undefined' ? null : navigator;
  const ua = nav?.userAgent ?? 'unknown browser';
  const browser = /(Firefox|Edg|Chrome|Safari)\/([\d]+)/.exec(ua);
  const cores = nav?.hardwareConcurrency ? `${nav.hardwareConcurrency}-thread ` : '';
  const adapter = b?.adapter ? [b.adapter.vendor, b.adapter.architecture, b.adapter.description].filter(Boolean).join(' ') || null : null;
  return {
    machine: `${cores}browser${browser ? ` (${browser[1] === 'Edg' ? 'Edge' : browser[1]} ${browser[2]})` : ''}${adapter ? `, ${adapter}${b?.adapter?.isFallbackAdapter ? ' (software adapter)' : ''}` : ''}`,
    backend: b?.backend ?? 'unknown',
    adapter,
    tfjsVersion: b?.tfjsVersion ?? 'unknown',
    date: new Date(startedAt || Date.now()).toISOString(),
    command: typeof location === 'undefined' ? 'the playground' : location.href,
    by: 'app',
  };
}

/** Take one live snapshot of method `id`'s run into its recording (nothing while a replay is open or after Reset). */
export function keepLiveSnapshot(id: string, snap: unknown, now: number = performance.now()): void {
  if (snap === null || restoring || replayStore(id).getState().recording !== null) return;
  const run = methodRunStore(id).getState();
  if (run.runId === null) return;
  const rec = liveRecordingStore(id);
  let st = rec.getState();
  if (st.runId !== run.runId) {
    builders.delete(id);
    pending.set(id, []);
    rec.setState({ ...EMPTY, runId: run.runId });
    st = rec.getState();
  }
  if (st.fullAt !== null) return;
  const step = run.progress?.done ?? 0;
  const size = approxBytes(snap);
  if (st.bytes + size > MAX_LIVE_BYTES || st.frames >= MAX_LIVE_FRAMES) {
    rec.setState({ fullAt: step });
    return;
  }
  const frame = { step, epoch: run.progress?.epoch ?? 0, snap, now };
  let b = builders.get(id);
  if (!b) {
    // The worker answers search/start (the RunStart) before it streams; until then frames wait.
    const waiting = pending.get(id) ?? [];
    waiting.push(frame);
    pending.set(id, waiting);
    if (!run.started) return void rec.setState({ bytes: st.bytes + size });
    const config = run.config ?? {};
    b = new RecordingBuilder({ method: id, preset: typeof config.preset === 'string' ? config.preset : null, config, started: run.started, made: appMade(run.startedAt) }, waiting[0].now);
    builders.set(id, b);
    for (const f of waiting) b.add(f.step, f.epoch, f.snap, f.now);
    pending.delete(id);
  } else b.add(frame.step, frame.epoch, snap, now);
  rec.setState({ frames: b.size, bytes: st.bytes + size });
}

/** The recording of method `id`'s last live run (with its result when it finished); null when none was kept. */
export function ownRecording(id: string): Recording | null {
  const b = builders.get(id);
  const st = liveRecordingStore(id).getState();
  if (!b || b.size === 0) return null;
  const run = methodRunStore(id).getState();
  const finished = run.runId === st.runId && run.state === 'done' && st.fullAt === null;
  return b.build(finished ? run.record : null);
}

/**
 * Draw the screen's own run again (after a replay closed): every kept frame of the run still on the screen, so its
 * charts come back as they were. Nothing when the run was Reset, or its recording stopped early (it would draw a
 * truncated run). True when it redrew.
 */
export function restoreLiveView(id: string): boolean {
  const b = builders.get(id);
  const st = liveRecordingStore(id).getState();
  const run = methodRunStore(id).getState();
  if (!b || b.size === 0 || run.runId === null || st.runId !== run.runId || st.fullAt !== null || replayStore(id).getState().recording) return false;
  restoring = true;
  try {
    emitMethodSnapshot(id, null);
    for (const f of b.build(null).frames) emitMethodSnapshot(id, structuredClone(f.snap));
  } finally {
    restoring = false;
  }
  return true;
}

/** Forget method `id`'s recording. */
export function clearOwnRecording(id: string): void {
  builders.delete(id);
  pending.delete(id);
  liveRecordingStore(id).setState({ ...EMPTY });
}

/** Record every live run of these methods from now on (the app calls it once). Returns the stop function. */
export function startLiveRecording(methods: readonly MethodDescriptor[]): () => void {
  const offs = methods.map((m) => onMethodSnapshot(m.id, (snap) => keepLiveSnapshot(m.id, snap)));
  return () => offs.forEach((off) => off());
}
