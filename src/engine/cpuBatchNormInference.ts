/**
 * Fast CPU FusedBatchNorm (batch norm with given statistics: every evaluation, BN in inference mode). tfjs-backend-cpu
 * computes offset + (x − mean)·scale / √(variance + ε) per element with a square root and four wrap-around index checks
 * each; at batch 250 that was over half of a cell network's evaluation forward here (680 of 1,270 ms). This takes the
 * square roots once per channel and walks the rows; the per-element arithmetic is the same, in the same order and in
 * float64, so the results are tfjs's bit for bit. Parameters must be per channel (the last axis) or single values;
 * anything else goes to tfjs's kernel. In Node, for channel counts that are multiples of 4, the same arithmetic runs on
 * WebAssembly SIMD (cpuElementwiseWasm.ts), two float64 lanes at a time.
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelFunc, KernelArgs as Args } from './cpuBackend';
import { bnInferenceWasm } from './cpuElementwiseWasm';

/** A parameter of length c (per channel) or 1 (the same for all) as c float64 values; null for any other length. */
function perChannel(v: ArrayLike<number> | null, c: number, fallback: number): Float64Array | null {
  if (v === null) return new Float64Array(c).fill(fallback);
  if (v.length === c) return Float64Array.from(v);
  if (v.length === 1) return new Float64Array(c).fill(v[0]);
  return null;
}

/** out = offset + (x − mean)·scale / √(variance + ε), channel j = index mod c, with √ taken once per channel. */
export function batchNormInference(x: Float32Array, c: number, mean: Float64Array, root: Float64Array, scale: Float64Array, offset: Float64Array, out = new Float32Array(x.length)): Float32Array {
  for (let r = 0; r < x.length; r += c) {
    for (let j = 0; j < c; j++) out[r + j] = offset[j] + ((x[r + j] - mean[j]) * scale[j]) / root[j];
  }
  return out;
}

function fastFusedBatchNorm(original: KernelFunc): KernelFunc {
  return (args: Args) => {
    const { x, mean, variance, scale, offset } = args.inputs as Record<'x' | 'mean' | 'variance', tf.TensorInfo> & Partial<Record<'scale' | 'offset', tf.TensorInfo>>;
    if (x.dtype !== 'float32' || x.shape.length < 1) return original(args);
    const c = x.shape[x.shape.length - 1];
    const size = x.shape.reduce((a, b) => a * b, 1);
    if (c < 1 || size % c !== 0) return original(args);
    const backend = args.backend as unknown as CpuBackendLike;
    const values = (t: tf.TensorInfo | undefined) => (t ? backend.data.get(t.dataId).values : null);
    const m = perChannel(values(mean), c, 0);
    const v = perChannel(values(variance), c, 0);
    const s = perChannel(values(scale), c, 1);
    const o = perChannel(values(offset), c, 0);
    if (!m || !v || !s || !o) return original(args);
    const eps = (args.attrs as { varianceEpsilon?: number } | undefined)?.varianceEpsilon ?? 0.001;
    const root = v.map((vj) => Math.sqrt(vj + eps));
    const xv = backend.data.get(x.dataId).values;
    const xf = xv instanceof Float32Array ? xv : Float32Array.from(xv);
    const out = new Float32Array(xf.length);
    if (!bnInferenceWasm(xf, c, m, root, s, o, out)) batchNormInference(xf, c, m, root, s, o, out);
    return backend.makeTensorInfo(x.shape, 'float32', out);
  };
}

/** Kernel name → fast kernel given the original to fall back to. */
export const BN_INFERENCE_REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [['FusedBatchNorm', fastFusedBatchNorm]];
