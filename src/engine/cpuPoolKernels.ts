/**
 * Fast CPU AvgPool and AvgPoolGrad for global average pooling: a window that covers the whole H×W image, 'valid'
 * padding (one output pixel per image and channel), NHWC float32, as engine/layers.ts's 'gap' layer calls it.
 *
 * tfjs-backend-cpu's generic kernels walk every (output pixel, window tap) through index arithmetic per element; its
 * gradient does that for every input pixel against every output pixel. For the gap of a 64×7×7×128 activation that
 * took 80–180 ms of a 1.2 s training step here; these take well under 1 ms. Same maths and rounding: sums in float64,
 * divided once (forward), and dy × (1 / (H·W)) spread over the window (gradient). Any other pooling (a smaller window,
 * 'same' or explicit padding, other dtypes or layouts) goes to tfjs's own kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelFunc, KernelArgs as Args } from './cpuBackend';

interface PoolAttrs {
  filterSize: number | [number, number];
  pad: unknown;
  dataFormat?: string;
}

function floats(backend: CpuBackendLike, t: tf.TensorInfo): Float32Array {
  const v = backend.data.get(t.dataId).values;
  return v instanceof Float32Array ? v : Float32Array.from(v);
}

/** True when `attrs` pool a [b, h, w, c] float32 input over its whole image with no padding. */
function isGlobal(x: tf.TensorInfo, attrs: PoolAttrs): boolean {
  if (x.dtype !== 'float32' || x.shape.length !== 4) return false;
  if (attrs.dataFormat != null && attrs.dataFormat !== 'NHWC' && attrs.dataFormat !== 'channelsLast') return false;
  const noPad = attrs.pad === 'valid' || attrs.pad === 0;
  const [fh, fw] = Array.isArray(attrs.filterSize) ? attrs.filterSize : [attrs.filterSize, attrs.filterSize];
  return noPad && fh === x.shape[1] && fw === x.shape[2];
}

/** [b, h, w, c] → [b, 1, 1, c]: the mean of each image's channel. */
export function globalAvgPool(x: Float32Array, b: number, hw: number, c: number): Float32Array {
  const out = new Float32Array(b * c);
  const acc = new Float64Array(c);
  for (let n = 0; n < b; n++) {
    acc.fill(0);
    const base = n * hw * c;
    for (let p = 0; p < hw; p++) {
      const row = base + p * c;
      for (let j = 0; j < c; j++) acc[j] += x[row + j];
    }
    for (let j = 0; j < c; j++) out[n * c + j] = acc[j] / hw;
  }
  return out;
}

/** dy [b, 1, 1, c] → dx [b, h, w, c]: each pixel gets dy × (1 / (h·w)). */
export function globalAvgPoolGrad(dy: Float32Array, b: number, hw: number, c: number): Float32Array {
  const dx = new Float32Array(b * hw * c);
  const scale = 1 / hw;
  const g = new Float32Array(c);
  for (let n = 0; n < b; n++) {
    for (let j = 0; j < c; j++) g[j] = dy[n * c + j] * scale;
    for (let p = 0; p < hw; p++) dx.set(g, (n * hw + p) * c);
  }
  return dx;
}

function fastAvgPool(original: KernelFunc): KernelFunc {
  return (args: Args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const attrs = (args.attrs ?? {}) as unknown as PoolAttrs;
    if (!isGlobal(x, attrs)) return original(args);
    const backend = args.backend as unknown as CpuBackendLike;
    const [b, h, w, c] = x.shape;
    return backend.makeTensorInfo([b, 1, 1, c], 'float32', globalAvgPool(floats(backend, x), b, h * w, c));
  };
}

function fastAvgPoolGrad(original: KernelFunc): KernelFunc {
  return (args: Args) => {
    const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const attrs = (args.attrs ?? {}) as unknown as PoolAttrs;
    if (!isGlobal(input, attrs) || dy.dtype !== 'float32') return original(args);
    const backend = args.backend as unknown as CpuBackendLike;
    const [b, h, w, c] = input.shape;
    if (dy.shape.join() !== [b, 1, 1, c].join()) return original(args);
    return backend.makeTensorInfo([b, h, w, c], 'float32', globalAvgPoolGrad(floats(backend, dy), b, h * w, c));
  };
}

/** Kernel name → fast kernel given the original to fall back to. */
export const POOL_REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [
  ['AvgPool', fastAvgPool],
  ['AvgPoolGrad', fastAvgPoolGrad],
];
