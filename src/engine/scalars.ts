/**
 * Scalar tensors that are uploaded once, not on every op (issue 15, cause 2).
 *
 * `tf.mul(x, 0.9)` makes a new scalar tensor from the JS number each time; on WebGPU every one of them is a staging
 * buffer, a copy and the end of the current compute pass (the engine's step made 382 such uploads). Constants of a
 * run (momentum, BN ε and factors, loss constants) come from `constScalar`: one kept tensor per distinct value and
 * backend, created on first use. Values that change from step to step (the learning rate, Adam's bias corrections)
 * go through a `ScalarSlot`: one tensor that is replaced only when its value changes, so the tensor count stays flat.
 */
import * as tf from '@tensorflow/tfjs';

/** Cached constants per backend name and value (insertion order = least recently used first). */
const constants = new Map<string, tf.Scalar>();
/** Far above the few dozen constants a run uses: only a runaway caller ever evicts anything. */
const MAX_CONSTANTS = 4096;

/** Make a scalar that no surrounding tf.tidy disposes. */
function keptScalar(v: number): tf.Scalar {
  return tf.tidy(() => tf.keep(tf.scalar(v)));
}

/**
 * A float32 scalar holding `v`, shared and never disposed by the caller (do not dispose it, do not assign to it).
 * Use it for values that are fixed for a run; per-step values belong in a ScalarSlot.
 */
export function constScalar(v: number): tf.Scalar {
  const key = `${tf.getBackend()}:${v}`;
  let t = constants.get(key);
  if (t && !t.isDisposed) {
    // Least recently used order: move to the end.
    constants.delete(key);
    constants.set(key, t);
    return t;
  }
  t = keptScalar(v);
  constants.set(key, t);
  if (constants.size > MAX_CONSTANTS) {
    const oldest = constants.keys().next().value as string;
    constants.get(oldest)?.dispose();
    constants.delete(oldest);
  }
  return t;
}

/** A kept [1, n] row of ones (channel sums as ones·X), cached per n and backend like `constScalar`. */
export function onesRow(n: number): tf.Tensor2D {
  const key = `${tf.getBackend()}:ones:${n}`;
  let t = constants.get(key) as tf.Tensor | undefined;
  if (t && !t.isDisposed) return t as tf.Tensor2D;
  t = tf.tidy(() => tf.keep(tf.ones([1, n])));
  constants.set(key, t as tf.Scalar);
  return t as tf.Tensor2D;
}

/** Number of cached constants (for tests). */
export function constScalarCount(): number {
  return constants.size;
}

/** Free every cached constant (e.g. before switching backends for good). */
export function disposeConstScalars(): void {
  for (const t of constants.values()) t.dispose();
  constants.clear();
}

/** One scalar tensor whose value changes now and then (the learning rate): re-uploaded only on a change. */
export class ScalarSlot {
  private t: tf.Scalar | null = null;
  private v = Number.NaN;
  private backend = '';

  /** The tensor holding `v` (valid until the next `set` with another value or `dispose`). */
  set(v: number): tf.Scalar {
    const backend = tf.getBackend();
    if (this.t && !this.t.isDisposed && Object.is(v, this.v) && backend === this.backend) return this.t;
    // Disposing now is safe even if queued GPU work still reads the old tensor: the backend defers the release.
    this.t?.dispose();
    this.t = keptScalar(v);
    this.v = v;
    this.backend = backend;
    return this.t;
  }

  dispose(): void {
    this.t?.dispose();
    this.t = null;
    this.v = Number.NaN;
  }
}

/**
 * `ok ? t : e` elementwise for a scalar bool `ok` (a GPU-side select: no readback). On WebGPU this is one Select
 * dispatch (its shader reads a rank-0 condition directly when t has rank ≥ 2, so rank-1 tensors go through a free
 * [1, n] reshape). On the CPU backend the condition is already in memory: reading it costs nothing, and the result is
 * `t` itself or a clone of `e` (tf.where would tile the scalar to the full shape with tfjs's generic Tile, then select
 * element by element: 50 ms of an AutoSpace-style training step here). On WebGL, tf.where, which broadcasts the
 * condition (a readback there would stall the pipeline). A NaN in the unselected side never leaks into the result.
 */
export function selectIf<T extends tf.Tensor>(ok: tf.Tensor, t: T, e: tf.Tensor): T {
  const backend = tf.getBackend();
  if (backend === 'cpu') return ok.dataSync()[0] ? t : (tf.clone(e) as T);
  if (backend !== 'webgpu') return tf.where(ok, t, e) as T;
  return tf.tidy(() => {
    const shape = t.shape;
    const two = shape.length >= 2 ? shape : [1, t.size];
    const out = tf.engine().runKernel<tf.Tensor>('Select', { condition: ok, t: tf.reshape(t, two), e: tf.reshape(e, two) });
    return tf.reshape(out, shape) as T;
  });
}
