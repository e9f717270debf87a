/**
 * Fast CPU Multiply/Add/Sub: loops without the per-element modulo of tfjs-backend-cpu's generic broadcasting kernel,
 * for the two shapes training uses (same shape; a [C] vector or a scalar repeated along the leading axes). Any other
 * broadcast, and non-float32 operands, go to the original kernel. Results are identical.
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelFunc, KernelArgs as Args } from './cpuBackend';

type BinOp = 'Multiply' | 'Add' | 'Sub';

/** `small` repeats along the leading axes of `out` (its shape minus leading 1s is a suffix of `out`). */
function isTrailing(small: number[], out: number[]): boolean {
  let i = 0;
  while (i < small.length && small[i] === 1) i++;
  const rest = small.slice(i);
  return rest.length <= out.length && rest.every((d, j) => d === out[out.length - rest.length + j]);
}

function binaryLoop(op: BinOp, a: ArrayLike<number>, b: ArrayLike<number>, out: Float32Array, bRepeats: boolean, swap: boolean): void {
  const n = out.length;
  const m = b.length;
  // swap: the big operand was `b` originally, so Sub must be computed as small − big.
  if (!bRepeats) {
    if (op === 'Multiply') for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
    else if (op === 'Add') for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
    else for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
    return;
  }
  for (let base = 0; base < n; base += m) {
    if (op === 'Multiply') for (let j = 0; j < m; j++) out[base + j] = a[base + j] * b[j];
    else if (op === 'Add') for (let j = 0; j < m; j++) out[base + j] = a[base + j] + b[j];
    else if (swap) for (let j = 0; j < m; j++) out[base + j] = b[j] - a[base + j];
    else for (let j = 0; j < m; j++) out[base + j] = a[base + j] - b[j];
  }
}

function fastBinary(op: BinOp, original: KernelFunc): KernelFunc {
  return (args: Args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    const out = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const size = tf.util.sizeFromShape(out);
    const aSize = tf.util.sizeFromShape(a.shape);
    const bSize = tf.util.sizeFromShape(b.shape);
    const backend = args.backend as unknown as CpuBackendLike;
    const av = backend.data.get(a.dataId).values;
    const bv = backend.data.get(b.dataId).values;
    const result = new Float32Array(size);
    if (aSize === size && bSize === size) binaryLoop(op, av, bv, result, false, false);
    else if (aSize === size && isTrailing(b.shape, out)) binaryLoop(op, av, bv, result, true, false);
    else if (bSize === size && isTrailing(a.shape, out)) binaryLoop(op, bv, av, result, true, true);
    else return original(args);
    return backend.makeTensorInfo(out, 'float32', result);
  };
}

/** Kernel name → fast kernel given the original to fall back to. */
export const BINARY_REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = (['Multiply', 'Add', 'Sub'] as const).map(
  (op) => [op, (original: KernelFunc) => fastBinary(op, original)] as const,
);
