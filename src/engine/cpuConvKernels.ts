/**
 * Fast CPU depthwiseConv2d and its gradients (NHWC, unit dilation, float32, multiplier 1); conv2d's are products
 * (cpuGemmKernels.ts).
 *
 * tfjs-backend-cpu 4.22 computes DepthwiseConv2dNativeBackpropFilter one filter element at a time through
 * TensorBuffer.get (several hundred ns per multiply-add), and the forward and input gradient with the channel axis
 * outermost, striding through memory. Here every kernel walks one precomputed list of the valid (output pixel, input
 * pixel, filter tap) triples of an image, grouped by the element being computed (an output pixel, an input pixel or a
 * tap), and keeps four channels' sums in local variables while it runs through the group: two loads per multiply-add
 * and one store per four channels at the end. The maths is unchanged (only the summation order differs; sums are
 * float64).
 */
import * as tf from '@tensorflow/tfjs';
import { isPlainNhwc, type Conv2DInfo, type ConvAttrs, type CpuBackendLike, type KernelArgs as Args, type KernelFunc, type Shape4 } from './cpuBackend';

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

/** The triples grouped by one of their fields (0 output pixel, 1 input pixel, 2 tap): group g is order[start[g] … start[g+1]). */
interface TapGroups {
  /** Triple offsets (multiples of 3 into the taps array), group by group. */
  order: Int32Array;
  start: Int32Array;
}

function groupTaps(taps: Int32Array, field: 0 | 1 | 2, groups: number): TapGroups {
  const start = new Int32Array(groups + 1);
  for (let t = field; t < taps.length; t += 3) start[taps[t] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groups);
  const order = new Int32Array(taps.length / 3);
  for (let t = 0; t < taps.length; t += 3) order[fill[taps[t + field]]++] = t;
  return { order, start };
}

interface Geometry {
  info: Conv2DInfo;
  taps: Int32Array;
  byOut: TapGroups;
  byIn: TapGroups;
  byTap: TapGroups;
}

/** Geometries by shape and attributes: a training step meets the same few convs again and again. */
const geometries = new Map<string, Geometry>();
const MAX_GEOMETRIES = 256;

function setup(args: Args, xShape: Shape4, filterShape: Shape4) {
  const a = args.attrs as unknown as ConvAttrs;
  const key = JSON.stringify([xShape, filterShape, a.strides, a.pad, a.dimRoundingMode ?? null]);
  let g = geometries.get(key);
  if (!g) {
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, a.strides, 1, a.pad, a.dimRoundingMode, true);
    const taps = convTaps(info);
    g = {
      info,
      taps,
      byOut: groupTaps(taps, 0, info.outHeight * info.outWidth),
      byIn: groupTaps(taps, 1, info.inHeight * info.inWidth),
      byTap: groupTaps(taps, 2, info.filterHeight * info.filterWidth),
    };
    if (geometries.size >= MAX_GEOMETRIES) geometries.clear();
    geometries.set(key, g);
  }
  return { ...g, backend: args.backend as unknown as CpuBackendLike };
}

/**
 * For every group g and image b: out[row(b, g)·c + ch] = Σ over the group's triples of u[uIndex]·v[vIndex] (channel ch
 * of each). `uField`/`vField` say which field of a triple indexes u and v; `uImage`/`vImage`/`outImage` whether that
 * array has one slab per image (pixels) or is shared by the batch (the filter). With `sumImages` the images add into
 * one row per group (the filter gradient).
 */
interface Gather {
  groups: TapGroups;
  u: ArrayLike<number>;
  uField: 0 | 1 | 2;
  uPix: number;
  v: ArrayLike<number>;
  vField: 0 | 1 | 2;
  vPix: number;
  out: Float32Array;
  outPix: number;
  sumImages: boolean;
}

function gather(taps: Int32Array, c: number, batch: number, q: Gather): void {
  const { order, start } = q.groups;
  const groups = start.length - 1;
  const images = q.sumImages ? 1 : batch;
  for (let b = 0; b < images; b++) {
    for (let g = 0; g < groups; g++) {
      const t0 = start[g];
      const t1 = start[g + 1];
      const o = ((q.sumImages ? 0 : b * q.outPix) + g) * c;
      const b0 = q.sumImages ? 0 : b;
      const b1 = q.sumImages ? batch : b + 1;
      let ch = 0;
      for (; ch + 4 <= c; ch += 4) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let bb = b0; bb < b1; bb++) {
          const uBase = bb * q.uPix;
          const vBase = bb * q.vPix;
          for (let i = t0; i < t1; i++) {
            const t = order[i];
            const uo = (uBase + taps[t + q.uField]) * c + ch;
            const vo = (vBase + taps[t + q.vField]) * c + ch;
            s0 += q.u[uo] * q.v[vo];
            s1 += q.u[uo + 1] * q.v[vo + 1];
            s2 += q.u[uo + 2] * q.v[vo + 2];
            s3 += q.u[uo + 3] * q.v[vo + 3];
          }
        }
        q.out[o + ch] = s0;
        q.out[o + ch + 1] = s1;
        q.out[o + ch + 2] = s2;
        q.out[o + ch + 3] = s3;
      }
      for (; ch < c; ch++) {
        let s = 0;
        for (let bb = b0; bb < b1; bb++) {
          for (let i = t0; i < t1; i++) {
            const t = order[i];
            s += q.u[(bb * q.uPix + taps[t + q.uField]) * c + ch] * q.v[(bb * q.vPix + taps[t + q.vField]) * c + ch];
          }
        }
        q.out[o + ch] = s;
      }
    }
  }
}

/** out[b, p, c] = Σ over p's taps of x[b, q, c]·w[tap, c]. */
function depthwiseForward(args: Args): tf.TensorInfo {
  const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const { info, taps, byOut, backend } = setup(args, x.shape as Shape4, filter.shape as Shape4);
  const { batchSize, inChannels: c, outHeight, outWidth } = info;
  const outPix = outHeight * outWidth;
  const out = new Float32Array(batchSize * outPix * c);
  const xv = backend.data.get(x.dataId).values;
  const wv = backend.data.get(filter.dataId).values;
  gather(taps, c, batchSize, { groups: byOut, u: xv, uField: 1, uPix: info.inHeight * info.inWidth, v: wv, vField: 2, vPix: 0, out, outPix, sumImages: false });
  return backend.makeTensorInfo([batchSize, outHeight, outWidth, c], 'float32', out);
}

/** dw[tap, c] = Σ over images and the tap's pixel pairs of dy[b, p, c]·x[b, q, c]. */
function depthwiseFilter(args: Args): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { info, taps, byTap, backend } = setup(args, x.shape as Shape4, (args.attrs as unknown as ConvAttrs).filterShape!);
  const { batchSize, inChannels: c, filterHeight: fh, filterWidth: fw } = info;
  const out = new Float32Array(fh * fw * c);
  const xv = backend.data.get(x.dataId).values;
  const dyv = backend.data.get(dy.dataId).values;
  gather(taps, c, batchSize, { groups: byTap, u: dyv, uField: 0, uPix: info.outHeight * info.outWidth, v: xv, vField: 1, vPix: info.inHeight * info.inWidth, out, outPix: 0, sumImages: true });
  return backend.makeTensorInfo([fh, fw, c, 1], 'float32', out);
}

/** dx[b, q, c] = Σ over the (p, tap) pairs that read q of dy[b, p, c]·w[tap, c]. */
function depthwiseInput(args: Args): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { info, taps, byIn, backend } = setup(args, (args.attrs as unknown as ConvAttrs).inputShape!, filter.shape as Shape4);
  const { batchSize, inChannels: c, inHeight, inWidth } = info;
  const inPix = inHeight * inWidth;
  const dx = new Float32Array(batchSize * inPix * c);
  const dyv = backend.data.get(dy.dataId).values;
  const wv = backend.data.get(filter.dataId).values;
  gather(taps, c, batchSize, { groups: byIn, u: dyv, uField: 0, uPix: info.outHeight * info.outWidth, v: wv, vField: 2, vPix: 0, out: dx, outPix: inPix, sumImages: false });
  return backend.makeTensorInfo([batchSize, inHeight, inWidth, c], 'float32', dx);
}

/** Only NHWC, unit dilation, float32 and multiplier 1 take the fast path; anything else goes to tfjs. */
function guarded(fast: (args: Args) => tf.TensorInfo) {
  return (original: KernelFunc): KernelFunc =>
    (args: Args) => {
      const a = args.attrs as unknown as ConvAttrs;
      const { x, dy, filter } = args.inputs as { x?: tf.TensorInfo; dy: tf.TensorInfo; filter?: tf.TensorInfo };
      const multiplier = filter ? filter.shape[3] : (a.filterShape ?? [])[3];
      const dtypes = [x, dy, filter].every((t) => t == null || t.dtype === 'float32');
      return isPlainNhwc(a) && dtypes && multiplier === 1 ? fast(args) : original(args);
    };
}

/** Kernel name → fast kernel given the original to fall back to. */
export const CONV_REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [
  ['DepthwiseConv2dNative', guarded(depthwiseForward)],
  ['DepthwiseConv2dNativeBackpropFilter', guarded(depthwiseFilter)],
  ['DepthwiseConv2dNativeBackpropInput', guarded(depthwiseInput)],
];
