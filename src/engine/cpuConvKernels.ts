/**
 * Fast CPU gradients of depthwiseConv2d (NHWC, unit dilation, float32, multiplier 1); conv2d's are products
 * (cpuGemmKernels.ts).
 *
 * tfjs-backend-cpu 4.22 computes DepthwiseConv2dNativeBackpropFilter one filter element at a time through
 * TensorBuffer.get (several hundred ns per multiply-add), and DepthwiseConv2dNativeBackpropInput with the channel axis
 * outermost, striding through memory. Here every kernel walks one precomputed list of the valid
 * (output pixel, input pixel, filter tap) triples of an image and runs the channel loop innermost on typed arrays.
 * The maths is unchanged (only the summation order differs).
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike } from './cpuBackend';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type Args = Parameters<KernelFunc>[0];
type Conv2DInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;
type Shape4 = [number, number, number, number];
interface ConvAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape?: Shape4;
  inputShape?: Shape4;
  dataFormat?: string;
  dilations?: unknown;
}

/**
 * The valid (output pixel, input pixel, tap) triples of one image, flattened: output pixel yr·W_out + yc, input pixel
 * xr·W_in + xc, tap wr·k_w + wc, where xr = yr·s_h + wr − pad_top (and likewise for columns) lies inside the input.
 */
export function convTaps(info: Conv2DInfo): Int32Array {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const out: number[] = [];
  for (let yr = 0; yr < outHeight; yr++) {
    for (let yc = 0; yc < outWidth; yc++) {
      for (let wr = 0; wr < fh; wr++) {
        const xr = yr * sh + wr - top;
        if (xr < 0 || xr >= inHeight) continue;
        for (let wc = 0; wc < fw; wc++) {
          const xc = yc * sw + wc - left;
          if (xc < 0 || xc >= inWidth) continue;
          out.push(yr * outWidth + yc, xr * inWidth + xc, wr * fw + wc);
        }
      }
    }
  }
  return Int32Array.from(out);
}

function setup(args: Args, depthwise: boolean, xShape: Shape4, filterShape: Shape4) {
  const a = args.attrs as unknown as ConvAttrs;
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, a.strides, 1, a.pad, a.dimRoundingMode, depthwise);
  return { info, taps: convTaps(info), backend: args.backend as unknown as CpuBackendLike };
}

function depthwiseFilter(args: Args): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { info, taps, backend } = setup(args, true, x.shape as Shape4, (args.attrs as unknown as ConvAttrs).filterShape!);
  const xv = backend.data.get(x.dataId).values;
  const dyv = backend.data.get(dy.dataId).values;
  const { batchSize, inChannels: c, filterHeight: fh, filterWidth: fw } = info;
  const inPix = info.inHeight * info.inWidth;
  const outPix = info.outHeight * info.outWidth;
  const acc = new Float64Array(fh * fw * c);
  for (let b = 0; b < batchSize; b++) {
    for (let t = 0; t < taps.length; t += 3) {
      const dyOff = (b * outPix + taps[t]) * c;
      const xOff = (b * inPix + taps[t + 1]) * c;
      const wOff = taps[t + 2] * c;
      for (let i = 0; i < c; i++) acc[wOff + i] += xv[xOff + i] * dyv[dyOff + i];
    }
  }
  return backend.makeTensorInfo([fh, fw, c, 1], 'float32', Float32Array.from(acc));
}

/** Input gradient of a depthwise conv: every dy element scatters through the taps it came from. */
function depthwiseInput(args: Args): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { info, taps, backend } = setup(args, true, (args.attrs as unknown as ConvAttrs).inputShape!, filter.shape as Shape4);
  const dyv = backend.data.get(dy.dataId).values;
  const wv = backend.data.get(filter.dataId).values;
  const { batchSize, inChannels: c, inHeight, inWidth } = info;
  const inPix = inHeight * inWidth;
  const outPix = info.outHeight * info.outWidth;
  const dx = new Float32Array(batchSize * inPix * c);
  for (let b = 0; b < batchSize; b++) {
    for (let t = 0; t < taps.length; t += 3) {
      const dyOff = (b * outPix + taps[t]) * c;
      const xOff = (b * inPix + taps[t + 1]) * c;
      const wOff = taps[t + 2] * c;
      for (let i = 0; i < c; i++) dx[xOff + i] += dyv[dyOff + i] * wv[wOff + i];
    }
  }
  return backend.makeTensorInfo([batchSize, inHeight, inWidth, c], 'float32', dx);
}

function isUnitDilation(d: unknown): boolean {
  return d == null || d === 1 || (Array.isArray(d) && d.every((v) => v === 1));
}

/** Only NHWC, unit dilation, float32 and (depthwise) multiplier 1 take the fast path; anything else goes to tfjs. */
function guarded(fast: (args: Args) => tf.TensorInfo, depthwise: boolean) {
  return (original: KernelFunc): KernelFunc =>
    (args: Args) => {
      const a = args.attrs as unknown as ConvAttrs;
      const { x, dy, filter } = args.inputs as { x?: tf.TensorInfo; dy: tf.TensorInfo; filter?: tf.TensorInfo };
      const nhwc = a.dataFormat == null || a.dataFormat === 'NHWC' || a.dataFormat === 'channelsLast';
      const multiplier = filter ? filter.shape[3] : (a.filterShape ?? [])[3];
      const dtypes = [x, dy, filter].every((t) => t == null || t.dtype === 'float32');
      const ok = nhwc && isUnitDilation(a.dilations) && dtypes && (!depthwise || multiplier === 1);
      return ok ? fast(args) : original(args);
    };
}

/** Kernel name → fast kernel given the original to fall back to. */
export const CONV_REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [
  ['DepthwiseConv2dNativeBackpropFilter', guarded(depthwiseFilter, true)],
  ['DepthwiseConv2dNativeBackpropInput', guarded(depthwiseInput, true)],
];
