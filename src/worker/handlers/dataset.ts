/**
 * Datasets: the built-in MNIST (fetched here, in the worker) and user files (parsed here; their ArrayBuffers were
 * transferred, not copied). A bad file fails the request with a DataError naming the file, and a cancel with
 * LoadCancelled; either way the dataset loaded before stays loaded (ctx.data is only replaced after a successful parse).
 * Decompression and parsing post `dataset/progress` events.
 */
import { CIFAR10_CLASSES } from '../../data/cifar';
import { decodeBuiltin } from '../../data/builtin';
import { imageSize, type DataSplit, type Dataset } from '../../data/dataset';
import { loadUserFiles } from '../../data/loadFiles';
import type { LoadProgress } from '../../data/loadProgress';
import { defaultSplit, mnistSplit } from '../../data/split';
import type { LoadedData, WorkerContext } from '../context';
import type { DatasetPreview, DatasetSummary } from '../protocol';
import type { HandlerTable } from '../registry';
import { SnapshotThrottle } from '../throttle';

/** Least time between two `dataset/progress` events (the bar needs no more; a fast load sends few). */
export const PROGRESS_EVERY_MS = 100;

/** The `extras` key of the load in progress's AbortController (one load at a time: the UI disables loading meanwhile). */
const ABORT_KEY = 'dataset/abort';

/** Progress events, at most one per PROGRESS_EVERY_MS except each stage's first (so the stage shown is never stale). */
function progressPoster(ctx: WorkerContext): (p: LoadProgress) => void {
  const throttle = new SnapshotThrottle(PROGRESS_EVERY_MS);
  let calls = 0;
  let lastKey = '';
  return (p) => {
    const now = performance.now();
    const key = `${p.stage}:${p.file}`;
    calls++;
    if (key === lastKey && !throttle.due(now, calls)) return;
    throttle.mark(now, calls);
    lastKey = key;
    ctx.post({ type: 'dataset/progress', progress: { ...p } });
  };
}

/** Number of images sent for the preview grid. */
export const PREVIEW_COUNT = 32;

export function summarize(ds: Dataset, split: DataSplit, files: string[]): DatasetSummary {
  return {
    name: ds.name,
    source: ds.source,
    files,
    n: ds.n,
    height: ds.height,
    width: ds.width,
    channels: ds.channels,
    numClasses: ds.numClasses,
    classNames: ds.source === 'cifar10' ? [...CIFAR10_CLASSES] : undefined,
    bytes: ds.images.byteLength,
    split: { seed: split.seed, train: split.train.length, val: split.val.length, test: split.test.length },
  };
}

/** Evenly spaced training images (copied into one buffer that can be transferred). */
export function makePreview(ds: Dataset, split: DataSplit, count = PREVIEW_COUNT): DatasetPreview {
  const pool = split.train.length ? split.train : Uint32Array.from({ length: ds.n }, (_, i) => i);
  const k = Math.min(count, pool.length);
  const per = imageSize(ds);
  const images = new Uint8Array(k * per);
  const labels = new Uint8Array(k);
  for (let i = 0; i < k; i++) {
    const idx = pool[Math.floor((i * pool.length) / k)];
    images.set(ds.images.subarray(idx * per, (idx + 1) * per), i * per);
    labels[i] = ds.labels[idx];
  }
  return { count: k, height: ds.height, width: ds.width, channels: ds.channels, images, labels };
}

function publish(ctx: WorkerContext, dataset: Dataset, split: DataSplit, files: string[]): { summary: DatasetSummary } {
  const data: LoadedData = { dataset, split, summary: summarize(dataset, split, files) };
  ctx.data = data;
  const preview = makePreview(dataset, split);
  ctx.post({ type: 'dataset', summary: data.summary, preview }, [preview.images.buffer, preview.labels.buffer]);
  return { summary: data.summary };
}

export const datasetHandlers: HandlerTable = {
  'dataset/builtin': async (req, ctx) => {
    const file = req.url.replace(/^.*\//, '');
    const res = await fetch(req.url);
    if (!res.ok) throw Object.assign(new Error(`${file}: could not be downloaded (HTTP ${res.status} ${res.statusText})`), { file });
    const ds = decodeBuiltin(file, new Uint8Array(await res.arrayBuffer()));
    return publish(ctx, ds, mnistSplit(ds.n), []);
  },
  'dataset/files': async (req, ctx) => {
    const files = req.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    const abort = new AbortController();
    ctx.extras.set(ABORT_KEY, abort);
    try {
      const ds = await loadUserFiles(files, { signal: abort.signal, onProgress: progressPoster(ctx) });
      return publish(ctx, ds, defaultSplit(ds), files.map((f) => f.name));
    } finally {
      if (ctx.extras.get(ABORT_KEY) === abort) ctx.extras.delete(ABORT_KEY);
    }
  },
  /** Cancel the file load in progress (it fails with LoadCancelled; the dataset loaded before stays). */
  'dataset/cancel': (_req, ctx) => {
    const abort = ctx.extras.get(ABORT_KEY) as AbortController | undefined;
    abort?.abort();
    return { cancelled: !!abort };
  },
};
