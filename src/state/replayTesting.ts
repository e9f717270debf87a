/**
 * The recording round trip every method view's test uses (issue 17 §9; tests only, not used by the app): a tiny real
 * run streams its snapshots through the app's snapshot channel to the view and to the page's live recorder
 * (liveRecording), the view's accumulated state is captured at every snapshot, the recording is written as a file's
 * text and parsed back, and replay.ts plays it into the cleared view: `replayed[i]` must equal `live[i]`.
 */
import { parseRecording, recordingText } from '../core/method/recording';
import type { Dataset, DataSplit } from '../data/dataset';
import type { MethodDescriptor } from '../methods/descriptor';
import { clearOwnRecording, ownRecording, startLiveRecording } from './liveRecording';
import { EMPTY_RUN, emitMethodSnapshot, methodRunStore, onMethodSnapshot } from './methodRuns';
import { closeReplay, openReplay, replayStore, seekFrame } from './replay';

/** Seeded 8×8 images of `numClasses` bar positions (no tfjs): a few seconds of CPU training. */
export function tinyData(n = 240, numClasses = 4, size = 8, seed = 7): { dataset: Dataset; split: DataSplit } {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const images = new Uint8Array(n * size * size);
  const labels = new Uint8Array(n);
  const half = size / 2;
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() * numClasses);
    labels[i] = c;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const bar = y >= (c & 2 ? half : 0) && y < (c & 2 ? size : half) && x >= (c & 1 ? half : 0) + 1 && x < (c & 1 ? size : half) - 1;
        images[(i * size + y) * size + x] = Math.min(255, Math.floor(rand() * 80) + (bar ? 170 : 0));
      }
    }
  }
  const range = (a: number, b: number) => Uint32Array.from({ length: b - a }, (_, k) => a + k);
  const nTrain = Math.floor(n * 0.6);
  const nVal = Math.floor(n * 0.2);
  return {
    dataset: { name: 'tiny', source: 'builtin', n, height: size, width: size, channels: 1, numClasses, images, labels },
    split: { seed, train: range(0, nTrain), val: range(nTrain, nTrain + nVal), test: range(nTrain + nVal, n) },
  };
}

/**
 * A view buffer's accumulated state as plain data: its own fields (not its listeners, not its redraw counter
 * `version`, which counts applies, clears included), growable series cut to their length.
 */
export function plainState(v: unknown, depth = 0): unknown {
  if (depth > 12 || v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : v;
  if (ArrayBuffer.isView(v)) return v;
  const o = v as Record<string, unknown>;
  if (o.x instanceof Float64Array && o.y instanceof Float64Array && typeof o.length === 'number') {
    return { x: Array.from(o.x.subarray(0, o.length)), y: Array.from(o.y.subarray(0, o.length)) };
  }
  if (Array.isArray(v)) return v.map((x) => plainState(x, depth + 1));
  if (v instanceof Set) return undefined;
  if (v instanceof Map) return [...(v as Map<unknown, unknown>)].map(([k, x]) => [k, plainState(x, depth + 1)]);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    if (k === 'version' || x instanceof Set || typeof x === 'function') continue;
    out[k] = plainState(x, depth + 1);
  }
  return out;
}

export interface ViewProbe {
  /** What the method's view does with a snapshot (its `onSnapshot`). */
  apply(snap: unknown): void;
  /** The view's accumulated state, as plain data (copied by the caller). */
  capture(): unknown;
}

export interface RoundTrip {
  live: unknown[];
  replayed: unknown[];
  /** The replay after jumps back and forth: [frame, state] pairs. */
  jumps: [number, unknown][];
  frames: number;
  events: number;
  bytes: number;
}

/** Run `config` of method `m` to its end on `data`, recording it in the page's recorder, then replay it into the view. */
export async function replayRoundTrip(m: MethodDescriptor, config: Record<string, unknown>, data: { dataset: Dataset; split: DataSplit }, view: ViewProbe): Promise<RoundTrip> {
  const mod = await m.loadRun();
  const run = mod.createRun({ data, profile: null }, config);
  const offView = onMethodSnapshot(m.id, (s) => view.apply(s));
  const offRec = startLiveRecording([m]);
  const store = methodRunStore(m.id);
  const live: unknown[] = [];
  try {
    closeReplay(m.id);
    clearOwnRecording(m.id);
    store.setState({ ...EMPTY_RUN, runId: `${m.id}-roundtrip`, state: 'running', config, startedAt: Date.now() });
    emitMethodSnapshot(m.id, null);
    const started = run.start();
    store.setState({ started });
    const post = (done: number, epoch: number) => {
      store.setState({ progress: { done, total: started.totalSteps, epoch, totalEpochs: started.totalEpochs, etaMs: -1, elapsedMs: 0 } });
      // As the worker posts it: a structured clone of what the run produced.
      emitMethodSnapshot(m.id, structuredClone(run.snapshot()));
      live.push(structuredClone(view.capture()));
    };
    let done = 0;
    let epoch = 0;
    while (done < started.totalSteps) {
      ({ done, epoch } = await run.step());
      post(done, epoch);
    }
    await run.finish();
    post(done, epoch);
    store.setState({ state: 'done' });
  } finally {
    run.dispose();
    offRec();
  }
  const own = ownRecording(m.id);
  if (!own) throw new Error('the live recorder kept nothing');
  const text = recordingText(own);
  const rec = parseRecording(text, 'roundtrip.json', m.id);
  openReplay(m, rec, { kind: 'file', name: 'roundtrip.json' });
  const replayed: unknown[] = [];
  for (let i = 0; i < rec.frames.length; i++) {
    seekFrame(m.id, i);
    replayed.push(structuredClone(view.capture()));
  }
  const jumps: [number, unknown][] = [];
  for (const i of [Math.floor(rec.frames.length / 2), 0, rec.frames.length - 1, 1]) {
    seekFrame(m.id, i);
    jumps.push([i, structuredClone(view.capture())]);
  }
  const events = replayStore(m.id).getState().events.length;
  closeReplay(m.id);
  offView();
  return { live, replayed, jumps, frames: rec.frames.length, events, bytes: text.length };
}
