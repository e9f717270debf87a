/**
 * Fast CPU Slice and SplitV for the NHWC shapes the atomic-block supernet produces.
 *
 * Why: tfjs-backend-cpu 4.22 slices anything that is not one contiguous run element by element through
 * TensorBuffer.get/set. Splitting the expand conv's output into per-kernel groups along the channel axis (and the
 * gradient of the concat that joins them) is exactly that case: SplitV took 17.8 s of a 28.7 s training step of the
 * default AtomNAS supernet at batch 64. These kernels copy the innermost contiguous runs with typed-array loops.
 * Same results bit for bit; string and complex tensors go to the original kernels.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, KernelArgs as Args } from './cpuBackend';

type Numeric = Float32Array | Int32Array | Uint8Array;
interface CpuBackendLike {
  data: { get(id: unknown): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Numeric): tf.TensorInfo;
}

/** Copy the box [begin, begin + size) of a row-major array of `shape` into a new array of the same type (pure). */
export function sliceValues(values: Numeric, shape: readonly number[], begin: readonly number[], size: readonly number[]): Numeric {
  const rank = shape.length;
  const count = size.reduce((a, b) => a * b, 1);
  const out = new (values.constructor as { new (n: number): Numeric })(count);
  if (count === 0) return out;
  if (rank === 0) {
    out[0] = values[0];
    return out;
  }
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1] * shape[d + 1];
  // Fold trailing axes that are taken whole into one run: [n,h,w,c] sliced on c only → runs of size[c].
  let inner = size[rank - 1];
  let last = rank - 1;
  while (last > 0 && size[last] === shape[last] && begin[last] === 0) {
    inner *= size[last - 1];
    last--;
  }
  // Odometer over the outer axes [0, last).
  const idx = new Array<number>(last).fill(0);
  let src = begin[last] * strides[last];
  for (let d = 0; d < last; d++) src += begin[d] * strides[d];
  for (let dst = 0; dst < count; dst += inner) {
    if (inner > 64) out.set(values.subarray(src, src + inner), dst);
    else for (let j = 0; j < inner; j++) out[dst + j] = values[src + j];
    let d = last - 1;
    while (d >= 0) {
      idx[d]++;
      src += strides[d];
      if (idx[d] < size[d]) break;
      src -= size[d] * strides[d];
      idx[d] = 0;
      d--;
    }
  }
  return out;
}

function numericValues(backend: CpuBackendLike, x: tf.TensorInfo): Numeric | null {
  if (x.dtype === 'string' || x.dtype === 'complex64') return null;
  const v = backend.data.get(x.dataId).values;
  return v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array ? v : null;
}

/** Slice: same parameter handling as tfjs (negative/-1 sizes), then sliceValues. */
export function fastSlice(original: KernelFunc): KernelFunc {
  return (args: Args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const backend = args.backend as unknown as CpuBackendLike;
    const values = numericValues(backend, x);
    if (!values) return original(args);
    const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [b, s] = tf.slice_util.parseSliceParams(x, begin, size);
    tf.slice_util.assertParamsValid(x, b, s);
    return backend.makeTensorInfo(s, x.dtype, sliceValues(values, x.shape, b, s));
  };
}

/** SplitV: one sliceValues per piece along the axis. */
export function fastSplitV(original: KernelFunc): KernelFunc {
  return (args: Args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const backend = args.backend as unknown as CpuBackendLike;
    const values = numericValues(backend, x);
    if (!values) return original(args);
    const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
    const ax = tf.util.parseAxisParam(axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, ax);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((n) => {
      const size = [...x.shape];
      size[ax] = n;
      const info = backend.makeTensorInfo(size, x.dtype, sliceValues(values, x.shape, begin, size));
      begin[ax] += n;
      return info;
    });
  };
}
