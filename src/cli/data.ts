/**
 * The data every CLI command trains on: the built-in MNIST (or another built-in file with --data), or the user's own
 * files through the same loaders the app uses (data/loadFiles): an IDX images + labels pair, gzipped or not
 * (`--train-images F --train-labels F`), or CIFAR-10 binary batches (`--cifar F1,F2,…`). With an official test set
 * (`--test-images F --test-labels F`, or `--cifar-test F`), test is exactly that set and validation is a seeded 10% of
 * the training files; without one, the files are split 80/10/10 as in the app. Returns the dataset, its split and the
 * host facts a record's card needs (the file names with their roles).
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunHost } from '../core/method/card';
import { describeNode } from '../core/hostDescription';
import { appVersion } from './appVersion';
import { decodeBuiltin } from '../data/builtin';
import type { Dataset, DataSplit } from '../data/dataset';
import { loadUserFiles } from '../data/loadFiles';
import { DEFAULT_FRACTIONS, defaultSplit, mnistSplit, seededSplit, SPLIT_SEED } from '../data/split';
import type { BackendInfo } from '../engine/backend';
import { UsageError, type FlagSpec, type FlagValue } from './args';

export const DEFAULT_DATA = fileURLToPath(new URL('../../public/data/mnist-10k.bin', import.meta.url));

export const DATA_FLAGS: readonly FlagSpec[] = [
  { name: 'data', type: 'string', help: 'built-in dataset file (default public/data/mnist-10k.bin)' },
  { name: 'train-images', type: 'string', help: 'own data: IDX images file (.gz or not), with --train-labels' },
  { name: 'train-labels', type: 'string', help: 'own data: IDX labels file (.gz or not), with --train-images' },
  { name: 'test-images', type: 'string', help: 'official test set: IDX images file (then validation is a seeded 10% of train)' },
  { name: 'test-labels', type: 'string', help: 'official test set: IDX labels file, with --test-images' },
  { name: 'cifar', type: 'string', help: 'own data: CIFAR-10 binary batches, comma-separated (data_batch_1.bin,…)' },
  { name: 'cifar-test', type: 'string', help: 'official CIFAR-10 test batch (test_batch.bin; then validation is a seeded 10% of train)' },
];

export interface CliData {
  dataset: Dataset;
  split: DataSplit;
  /** File names with their roles ("train-images: path"), empty for the built-in default. */
  files: string[];
}

async function readNamed(flag: string, path: string): Promise<{ name: string; bytes: Uint8Array }> {
  try {
    return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
  } catch (e) {
    throw new Error(`--${flag} ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))})`);
  }
}

/** One dataset of `a` then `b` (same image shape), classes the larger of the two. */
function concat(a: Dataset, b: Dataset, name: string): Dataset {
  if (a.height !== b.height || a.width !== b.width || a.channels !== b.channels) {
    throw new Error(`the test images are ${b.height}×${b.width}×${b.channels} but the training images are ${a.height}×${a.width}×${a.channels}: they must match`);
  }
  const images = new Uint8Array(a.images.length + b.images.length);
  images.set(a.images);
  images.set(b.images, a.images.length);
  const labels = new Uint8Array(a.n + b.n);
  labels.set(a.labels);
  labels.set(b.labels, a.n);
  return { ...a, name, n: a.n + b.n, numClasses: Math.max(a.numClasses, b.numClasses), images, labels };
}

/** Train and val from the first `nTrain` items (val a seeded 10%), test = the `nTest` items after them. */
export function officialTestSplit(nTrain: number, nTest: number): DataSplit {
  const s = seededSplit(nTrain, SPLIT_SEED, { val: Math.round(nTrain * DEFAULT_FRACTIONS.val), test: 0 });
  return { seed: s.seed, train: s.train, val: s.val, test: Uint32Array.from({ length: nTest }, (_, i) => nTrain + i) };
}

const has = (f: Record<string, FlagValue>, k: string) => f[k] !== undefined;

/** Read the data the flags name. Bad flag combinations are usage errors; bad files say which file and what is wrong. */
export async function loadCliData(f: Record<string, FlagValue>): Promise<CliData> {
  const idx = has(f, 'train-images') || has(f, 'train-labels');
  const idxTest = has(f, 'test-images') || has(f, 'test-labels');
  const cifar = has(f, 'cifar');
  const sources = [has(f, 'data'), idx, cifar].filter(Boolean).length;
  if (sources > 1) throw new UsageError('choose one data source: --data, --train-images/--train-labels, or --cifar');
  if (idx && !(has(f, 'train-images') && has(f, 'train-labels'))) throw new UsageError('--train-images and --train-labels go together');
  if (idxTest && !(has(f, 'test-images') && has(f, 'test-labels'))) throw new UsageError('--test-images and --test-labels go together');
  if (idxTest && !idx) throw new UsageError('--test-images/--test-labels need --train-images/--train-labels');
  if (has(f, 'cifar-test') && !cifar) throw new UsageError('--cifar-test needs --cifar');

  if (idx || cifar) {
    const trainFiles = idx
      ? [await readNamed('train-images', f['train-images'] as string), await readNamed('train-labels', f['train-labels'] as string)]
      : await Promise.all(String(f.cifar).split(',').filter(Boolean).map((p) => readNamed('cifar', p)));
    const roles = idx ? [`train-images: ${String(f['train-images'])}`, `train-labels: ${String(f['train-labels'])}`] : String(f.cifar).split(',').filter(Boolean).map((p) => `cifar: ${p}`);
    const train = await loadUserFiles(trainFiles);
    const testPaths = idxTest ? [['test-images', f['test-images'] as string], ['test-labels', f['test-labels'] as string]] : has(f, 'cifar-test') ? [['cifar-test', f['cifar-test'] as string]] : [];
    if (!testPaths.length) return { dataset: train, split: defaultSplit(train), files: roles };
    const test = await loadUserFiles(await Promise.all(testPaths.map(([flag, p]) => readNamed(flag, p))));
    const dataset = concat(train, test, `${train.name} + test ${test.name}`);
    return { dataset, split: officialTestSplit(train.n, test.n), files: [...roles, ...testPaths.map(([flag, p]) => `${flag}: ${p}`)] };
  }

  const path = (f.data as string | undefined) ?? DEFAULT_DATA;
  const { bytes } = await readNamed('data', path);
  const dataset = decodeBuiltin(path.split(/[\\/]/).pop() ?? 'data', bytes);
  return { dataset, split: mnistSplit(dataset.n), files: f.data !== undefined ? [path] : [] };
}

/** The card's host facts for a CLI run. */
let version: string | null = null;

/** This checkout's version, computed once per process (cli/appVersion.ts). */
function cliVersion(): string {
  version ??= appVersion(fileURLToPath(new URL('../..', import.meta.url)));
  return version;
}

export function cliHost(backend: BackendInfo, d: CliData): RunHost {
  const ds = d.dataset;
  return {
    backend: backend.backend,
    adapter: null,
    tfjsVersion: backend.tfjsVersion,
    host: describeNode({ version: process.version, platform: process.platform, arch: process.arch, cpuModel: cpus()[0]?.model, cpus: cpus().length }),
    appVersion: cliVersion(),
    dataset: { name: ds.name, source: ds.source, files: d.files, n: ds.n, height: ds.height, width: ds.width, channels: ds.channels, numClasses: ds.numClasses },
    split: { seed: d.split.seed, train: d.split.train.length, val: d.split.val.length, test: d.split.test.length },
  };
}
