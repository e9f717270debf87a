/**
 * Minibatches as tf tensors: x float32 NHWC in [0, 1] (pixels / 255), y int32 labels.
 * Each batch is assembled in one Float32Array on the CPU and uploaded with a single tf.tensor call.
 */
import * as tf from '@tensorflow/tfjs';
import { restoreRng, type Rng, type RngState } from '../core/rng';
import type { Dataset } from '../data/dataset';

/** One minibatch; the caller disposes both tensors (see disposeBatch). */
export interface Batch {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
}

/** Dispose both tensors of a batch. */
export function disposeBatch(b: Batch): void {
  b.x.dispose();
  b.y.dispose();
}

/** Build the batch of examples `order[start..end)` of `dataset`. */
export function makeBatch(dataset: Dataset, order: ArrayLike<number>, start: number, end: number): Batch {
  const { height, width, channels } = dataset;
  const per = height * width * channels;
  const b = end - start;
  const xs = new Float32Array(b * per);
  const ys = new Int32Array(b);
  for (let i = 0; i < b; i++) {
    const idx = order[start + i];
    const src = idx * per;
    const dst = i * per;
    for (let p = 0; p < per; p++) xs[dst + p] = dataset.images[src + p] / 255;
    ys[i] = dataset.labels[idx];
  }
  return { x: tf.tensor4d(xs, [b, height, width, channels]), y: tf.tensor1d(ys, 'int32') };
}

/**
 * Full batches of `batchSize` in one epoch over `n` training examples (the partial last batch is dropped, see
 * BatchSource). Throws a RangeError that names the problem when not even one full batch fits.
 */
export function batchesPerEpoch(n: number, batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const batches = Math.floor(n / batchSize);
  if (batches < 1) throw new RangeError(`batch size ${batchSize} is larger than the ${n} training examples`);
  return batches;
}

/** A BatchSource's position (BatchSource.save / restore). */
export interface BatchSourceState {
  order: Uint32Array;
  cursor: number;
  epoch: number;
  rng: RngState;
}

/**
 * Endless source of shuffled training minibatches over `indices`: each epoch is a fresh permutation drawn from `rng`;
 * the last partial batch of an epoch is dropped (every step sees exactly `batchSize` examples, so BN statistics and
 * the loss scale do not jump at epoch ends).
 */
export class BatchSource {
  /** Full batches per epoch. */
  readonly batchesPerEpoch: number;
  private order: number[] = [];
  private cursor = 0;
  /** Completed epochs (incremented when a new permutation is drawn after the first). */
  epoch = 0;

  constructor(
    private readonly dataset: Dataset,
    private readonly indices: Uint32Array,
    readonly batchSize: number,
    private rng: Rng,
  ) {
    this.batchesPerEpoch = batchesPerEpoch(indices.length, batchSize);
    this.reshuffle();
  }

  private reshuffle(): void {
    this.order = this.rng.shuffle(Array.from(this.indices));
    this.cursor = 0;
  }

  /** The next full batch; starts a new shuffled epoch when the current one has no full batch left. */
  next(): Batch {
    if (this.cursor + this.batchSize > this.order.length) {
      this.reshuffle();
      this.epoch++;
    }
    const start = this.cursor;
    this.cursor += this.batchSize;
    return makeBatch(this.dataset, this.order, start, start + this.batchSize);
  }

  /** Where the source stands: this epoch's order, the position in it, and the random stream (for a checkpoint). */
  save(): BatchSourceState {
    return { order: Uint32Array.from(this.order), cursor: this.cursor, epoch: this.epoch, rng: this.rng.save() };
  }

  /** Continue from a saved position (same data and batch size; throws in plain words when it does not fit). */
  restore(s: BatchSourceState): void {
    if (s.order.length !== this.indices.length) {
      throw new RangeError(`the checkpoint's batch order covers ${s.order.length} images; this run trains on ${this.indices.length}`);
    }
    if (!Number.isInteger(s.cursor) || s.cursor < 0 || s.cursor > s.order.length) throw new RangeError(`checkpoint batch position ${s.cursor} is out of range`);
    const allowed = new Set(this.indices);
    for (const i of s.order) if (!allowed.has(i)) throw new RangeError(`the checkpoint's batch order has image ${i}, which is not in this run's training split`);
    this.order = Array.from(s.order);
    this.cursor = s.cursor;
    this.epoch = s.epoch;
    this.rng = restoreRng(s.rng);
  }

  /** The remaining full batches of the current epoch. */
  *epochBatches(): Generator<Batch> {
    while (this.cursor + this.batchSize <= this.order.length) yield this.next();
  }
}

/** Every example of `indices` in order, in batches of `batchSize` (the last one may be smaller): for evaluation. */
export function* allBatches(dataset: Dataset, indices: Uint32Array, batchSize: number): Generator<Batch> {
  for (let start = 0; start < indices.length; start += batchSize) {
    yield makeBatch(dataset, indices, start, Math.min(indices.length, start + batchSize));
  }
}
