/** The in-memory dataset every loader produces and every trainer consumes. */

/** Where a dataset came from. */
export type DatasetSource = 'builtin' | 'idx' | 'cifar10';

/** Images as uint8 NHWC plus one uint8 label per image. */
export interface Dataset {
  /** Display name, e.g. 'mnist-10k' or 'train-images-idx3-ubyte'. */
  name: string;
  source: DatasetSource;
  /** Number of images. */
  n: number;
  height: number;
  width: number;
  channels: number;
  /** Labels lie in [0, numClasses). */
  numClasses: number;
  /** n·height·width·channels bytes, NHWC, 0 = black. */
  images: Uint8Array;
  /** n bytes. */
  labels: Uint8Array;
}

/** Index sets into a Dataset; disjoint, each sorted ascending. */
export interface DataSplit {
  seed: number;
  train: Uint32Array;
  val: Uint32Array;
  test: Uint32Array;
}

/** A problem with a user's data file. The message starts with the file name, so it can be shown as is. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DataError';
  }
}

/** Bytes of one image. */
export function imageSize(ds: Pick<Dataset, 'height' | 'width' | 'channels'>): number {
  return ds.height * ds.width * ds.channels;
}

/** The first bytes of a file as hex, for error messages: "00 00 08 03". */
export function hexPrefix(bytes: Uint8Array, count = 4): string {
  return Array.from(bytes.subarray(0, count), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** File name without a trailing `.gz`. */
export function stripGz(name: string): string {
  return name.replace(/\.gz$/i, '');
}

/** Check a dataset's internal consistency (sizes and label range); throws DataError naming `dataset.name`. */
export function checkDataset(ds: Dataset): void {
  const fail = (p: string): never => {
    throw new DataError(ds.name, p);
  };
  for (const key of ['n', 'height', 'width', 'channels', 'numClasses'] as const) {
    if (!Number.isInteger(ds[key]) || ds[key] < 1) fail(`${key} must be an integer ≥ 1, got ${ds[key]}`);
  }
  if (ds.images.length !== ds.n * imageSize(ds)) {
    fail(`images hold ${ds.images.length} bytes but ${ds.n}×${ds.height}×${ds.width}×${ds.channels} = ${ds.n * imageSize(ds)} are needed`);
  }
  if (ds.labels.length !== ds.n) fail(`${ds.labels.length} labels for ${ds.n} images`);
  const bad = ds.labels.findIndex((l) => l >= ds.numClasses);
  if (bad >= 0) fail(`label ${ds.labels[bad]} at index ${bad} is outside [0, ${ds.numClasses - 1}]`);
}

/** Largest label + 1. */
export function countClasses(labels: Uint8Array): number {
  let max = 0;
  for (const l of labels) if (l > max) max = l;
  return max + 1;
}
