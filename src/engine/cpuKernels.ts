/**
 * Faster CPU kernels for the ops that dominate training on tfjs's pure-JS CPU backend.
 *
 * Why: tfjs-backend-cpu 4.22 computes Conv2DBackpropFilter and DepthwiseConv2dNativeBackpropFilter one filter element
 * at a time through TensorBuffer.get (several hundred ns per multiply-add): one training step of the width-1 MNIST
 * baseline at batch 64 spent ~40 s there. These replacements loop over the same sums with the channel axis innermost
 * on typed arrays (and skip zero inputs, common after ReLU). Multiply/Add/Sub get loops without the per-element
 * modulo of the generic kernel for the two shapes training uses (same shape; a [C] vector or scalar repeated along
 * the leading axes). The depthwise input gradient scatters with the channel axis innermost; Slice and SplitV copy
 * contiguous runs (cpuSliceKernels.ts). The maths is unchanged; any other case (NCHW, dilation, depth multiplier, other broadcasts,
 * non-float32) is handed to the original kernel.
 * Opt-in (global tfjs state): the CLI and the tests call installFastCpuKernels(); the browser's GPU path never uses it.
 */
import * as tf from '@tensorflow/tfjs';
import { fastSlice, fastSplitV } from './cpuSliceKernels';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type Args = Parameters<KernelFunc>[0];
interface CpuBackendLike {
  data: { get(id: unknown): { values: ArrayLike<number> } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

const CONV = 'Conv2DBackpropFilter';
const DEPTHWISE = 'DepthwiseConv2dNativeBackpropFilter';
const originals = new Map<string, tf.KernelConfig>();

function isUnitDilation(d: unknown): boolean {
  return d == null || d === 1 || (Array.isArray(d) && d.every((v) => v === 1));
}

/** Shared geometry of both kernels (NHWC only). */
function geometry(args: Args, depthwise: boolean) {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = args.attrs as unknown as {
    strides: number | [number, number];
    pad: 'same' | 'valid' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    a.filterShape,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
    depthwise,
  );
  const backend = args.backend as unknown as CpuBackendLike;
  return { info, backend, xv: backend.data.get(x.dataId).values, dyv: backend.data.get(dy.dataId).values };
}

function fastConvFilter(args: Args): tf.TensorInfo {
  const { info, backend, xv, dyv } = geometry(args, false);
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Float64 accumulation: a filter element sums up to batch·H·W products (tens of thousands).
  const acc = new Float64Array(fh * fw * ci * co);
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        const dyOff = ((b * outHeight + yr) * outWidth + yc) * co;
        for (let wr = 0; wr < fh; wr++) {
          const xr = yr * sh + wr - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let wc = 0; wc < fw; wc++) {
            const xc = yc * sw + wc - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xOff = ((b * inHeight + xr) * inWidth + xc) * ci;
            const wOff = (wr * fw + wc) * ci * co;
            for (let i = 0; i < ci; i++) {
              const v = xv[xOff + i];
              if (v === 0) continue;
              const base = wOff + i * co;
              for (let o = 0; o < co; o++) acc[base + o] += v * dyv[dyOff + o];
            }
          }
        }
      }
    }
  }
  return backend.makeTensorInfo([fh, fw, ci, co], 'float32', Float32Array.from(acc));
}

function fastDepthwiseFilter(args: Args): tf.TensorInfo {
  const { info, backend, xv, dyv } = geometry(args, true);
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const acc = new Float64Array(fh * fw * c);
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        const dyOff = ((b * outHeight + yr) * outWidth + yc) * c;
        for (let wr = 0; wr < fh; wr++) {
          const xr = yr * sh + wr - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let wc = 0; wc < fw; wc++) {
            const xc = yc * sw + wc - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xOff = ((b * inHeight + xr) * inWidth + xc) * c;
            const wOff = (wr * fw + wc) * c;
            for (let i = 0; i < c; i++) acc[wOff + i] += xv[xOff + i] * dyv[dyOff + i];
          }
        }
      }
    }
  }
  return backend.makeTensorInfo([fh, fw, c, 1], 'float32', Float32Array.from(acc));
}

/**
 * Input gradient of a depthwise conv (multiplier 1): every dy element scatters through the taps it came from, with the
 * channel axis innermost (tfjs-backend-cpu gathers with the channel axis outermost, striding through memory).
 */
function fastDepthwiseInput(args: Args): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = args.attrs as unknown as {
    strides: number | [number, number];
    pad: 'same' | 'valid' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    inputShape: [number, number, number, number];
  };
  const info = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape as [number, number, number, number], a.strides, 1, a.pad, a.dimRoundingMode, true);
  const backend = args.backend as unknown as CpuBackendLike;
  const dyv = backend.data.get(dy.dataId).values;
  const wv = backend.data.get(filter.dataId).values;
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dx = new Float32Array(batchSize * inHeight * inWidth * c);
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        const dyOff = ((b * outHeight + yr) * outWidth + yc) * c;
        for (let wr = 0; wr < fh; wr++) {
          const xr = yr * sh + wr - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let wc = 0; wc < fw; wc++) {
            const xc = yc * sw + wc - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xOff = ((b * inHeight + xr) * inWidth + xc) * c;
            const wOff = (wr * fw + wc) * c;
            for (let i = 0; i < c; i++) dx[xOff + i] += dyv[dyOff + i] * wv[wOff + i];
          }
        }
      }
    }
  }
  return backend.makeTensorInfo([batchSize, inHeight, inWidth, c], 'float32', dx);
}

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

/** Only NHWC, unit dilation, float32 and (depthwise) multiplier 1 take the fast path; anything else goes to tfjs. */
function convGuard(fast: (args: Args) => tf.TensorInfo, depthwise: boolean) {
  return (original: KernelFunc): KernelFunc =>
    (args: Args) => {
      const a = args.attrs as unknown as { dataFormat?: string; dilations?: unknown; filterShape?: number[] };
      const { x, dy, filter } = args.inputs as { x?: tf.TensorInfo; dy: tf.TensorInfo; filter?: tf.TensorInfo };
      const nhwc = a.dataFormat == null || a.dataFormat === 'NHWC' || a.dataFormat === 'channelsLast';
      const multiplier = filter ? filter.shape[3] : (a.filterShape ?? [])[3];
      const dtypes = [x, dy, filter].every((t) => t == null || t.dtype === 'float32');
      const ok = nhwc && isUnitDilation(a.dilations) && dtypes && (!depthwise || multiplier === 1);
      return ok ? fast(args) : original(args);
    };
}

/** Kernel name → the fast kernel, given the original one to fall back to. */
const REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [
  [CONV, convGuard(fastConvFilter, false)],
  [DEPTHWISE, convGuard(fastDepthwiseFilter, true)],
  ['DepthwiseConv2dNativeBackpropInput', convGuard(fastDepthwiseInput, true)],
  ['Multiply', (original) => fastBinary('Multiply', original)],
  ['Add', (original) => fastBinary('Add', original)],
  ['Sub', (original) => fastBinary('Sub', original)],
  ['Slice', fastSlice],
  ['SplitV', fastSplitV],
];

/** Replace the CPU backend's kernels listed in REPLACEMENTS by the fast versions (idempotent). */
export function installFastCpuKernels(): void {
  for (const [name, make] of REPLACEMENTS) {
    if (originals.has(name)) continue;
    const cfg = tf.getKernel(name, 'cpu');
    if (!cfg) continue; // CPU backend not bundled here: nothing to speed up.
    originals.set(name, cfg);
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel({ ...cfg, kernelFunc: make(cfg.kernelFunc) });
  }
}

/** Restore tfjs's own kernels (for tests comparing both). */
export function uninstallFastCpuKernels(): void {
  for (const [name, cfg] of originals) {
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel(cfg);
  }
  originals.clear();
}
