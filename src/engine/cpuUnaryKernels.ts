/**
 * Fast CPU Relu and Step (ReLU's gradient mask) on float32: one typed-array loop instead of tfjs-backend-cpu's generic
 * unary kernel, which calls a closure per element. Results are identical to tfjs's (Math.max(0, x); NaN stays NaN,
 * −0 becomes 0; Step: NaN → NaN, x > 0 → 1, else alpha). Other dtypes go to the original kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelFunc, KernelArgs as Args } from './cpuBackend';

function fastUnary(loop: (x: ArrayLike<number>, out: Float32Array, attrs: Record<string, unknown>) => void) {
  return (original: KernelFunc): KernelFunc =>
    (args: Args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      if (x.dtype !== 'float32') return original(args);
      const backend = args.backend as unknown as CpuBackendLike;
      const xv = backend.data.get(x.dataId).values;
      const out = new Float32Array(xv.length);
      loop(xv, out, args.attrs ?? {});
      return backend.makeTensorInfo(x.shape, 'float32', out);
    };
}

function relu(x: ArrayLike<number>, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? v : v === v ? 0 : v; // v !== v: NaN, kept as Math.max keeps it
  }
}

function step(x: ArrayLike<number>, out: Float32Array, attrs: Record<string, unknown>): void {
  const alpha = typeof attrs.alpha === 'number' ? attrs.alpha : 0;
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : v === v ? alpha : v;
  }
}

/** Kernel name → fast kernel given the original to fall back to. */
export const UNARY_REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [
  ['Relu', fastUnary(relu)],
  ['Step', fastUnary(step)],
];
