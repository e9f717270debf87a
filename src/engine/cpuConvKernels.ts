/**
 * Fast CPU depthwiseConv2d and its gradients (NHWC, unit dilation, float32, multiplier 1); conv2d's are products
 * (cpuGemmKernels.ts).
 *
 * tfjs-backend-cpu 4.22 computes DepthwiseConv2dNativeBackpropFilter one filter element at a time through
 * TensorBuffer.get (several hundred ns per multiply-add), and the forward and input gradient with the channel axis
 * outermost, striding through memory. Here each kernel computes its elements four channels at a time, with the four
 * sums in local variables, and walks the taps that stay inside the image by plain loop bounds worked out once per row
 * and column (no per-tap bounds test, no index table): two loads per multiply-add and one store per four channels.
 * About twice as fast as walking a precomputed list of (output pixel, input pixel, tap) triples, which the first
 * version did. The maths is unchanged (only the summation order differs; sums are float64).
 */
import * as tf from '@tensorflow/tfjs';
import { isPlainNhwc, type ConvAttrs, type CpuBackendLike, type KernelArgs as Args, type KernelFunc, type Shape4 } from './cpuBackend';
import { DEPTHWISE64_WASM_BASE64 } from './wasm/depthwise64Module';
import { DEPTHWISE_WASM_BASE64 } from './wasm/depthwiseModule';
import { wasmExports, wasmFloats } from './wasm/instance';

/** The sizes the loops need: image, output, filter, strides and the top/left padding. */
export interface DwGeometry {
  n: number;
  h: number;
  w: number;
  c: number;
  oh: number;
  ow: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
}

function geometry(args: Args, xShape: Shape4, filterShape: Shape4): DwGeometry {
  const a = args.attrs as unknown as ConvAttrs;
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, a.strides, 1, a.pad, a.dimRoundingMode, true);
  return {
    n: info.batchSize,
    h: info.inHeight,
    w: info.inWidth,
    c: info.inChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

/** Smallest t ≥ lo with t ≡ target (mod step). */
function firstCongruent(lo: number, target: number, step: number): number {
  return lo + ((((target - lo) % step) + step) % step);
}

/** out[b, oy, ox, c] = Σ over the taps inside the image of x[b, oy·sh + r − top, ox·sw + q − left, c]·w[r, q, c]. */
export function dwForward(x: ArrayLike<number>, wt: ArrayLike<number>, out: Float32Array, g: DwGeometry): void {
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, top, left } = g;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const iy0 = oy * sh - top;
      const r0 = Math.max(0, -iy0);
      const r1 = Math.min(kh, h - iy0);
      for (let ox = 0; ox < ow; ox++) {
        const ix0 = ox * sw - left;
        const q0 = Math.max(0, -ix0);
        const q1 = Math.min(kw, w - ix0);
        const o = ((b * oh + oy) * ow + ox) * c;
        let ch = 0;
        for (; ch + 4 <= c; ch += 4) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let r = r0; r < r1; r++) {
            const xRow = ((b * h + iy0 + r) * w + ix0) * c + ch;
            const wRow = r * kw * c + ch;
            for (let q = q0; q < q1; q++) {
              const xi = xRow + q * c;
              const wi = wRow + q * c;
              s0 += x[xi] * wt[wi];
              s1 += x[xi + 1] * wt[wi + 1];
              s2 += x[xi + 2] * wt[wi + 2];
              s3 += x[xi + 3] * wt[wi + 3];
            }
          }
          out[o + ch] = s0;
          out[o + ch + 1] = s1;
          out[o + ch + 2] = s2;
          out[o + ch + 3] = s3;
        }
        for (; ch < c; ch++) {
          let s = 0;
          for (let r = r0; r < r1; r++) {
            for (let q = q0; q < q1; q++) s += x[((b * h + iy0 + r) * w + ix0 + q) * c + ch] * wt[(r * kw + q) * c + ch];
          }
          out[o + ch] = s;
        }
      }
    }
  }
}

/**
 * dx[b, iy, ix, c] = Σ over the taps (r, q) that read (iy, ix) from an output pixel of dy[b, oy, ox, c]·w[r, q, c],
 * where oy = (iy + top − r)/sh is a whole number inside the output (and likewise for columns).
 */
export function dwInputGrad(dy: ArrayLike<number>, wt: ArrayLike<number>, dx: Float32Array, g: DwGeometry): void {
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, top, left } = g;
  for (let b = 0; b < n; b++) {
    for (let iy = 0; iy < h; iy++) {
      const ty = iy + top;
      const rFirst = firstCongruent(Math.max(0, ty - (oh - 1) * sh), ty, sh);
      const rLast = Math.min(kh - 1, ty);
      for (let ix = 0; ix < w; ix++) {
        const tx = ix + left;
        const qFirst = firstCongruent(Math.max(0, tx - (ow - 1) * sw), tx, sw);
        const qLast = Math.min(kw - 1, tx);
        const o = ((b * h + iy) * w + ix) * c;
        let ch = 0;
        for (; ch + 4 <= c; ch += 4) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let r = rFirst; r <= rLast; r += sh) {
            const dyRow = (b * oh + (ty - r) / sh) * ow;
            for (let q = qFirst; q <= qLast; q += sw) {
              const di = (dyRow + (tx - q) / sw) * c + ch;
              const wi = (r * kw + q) * c + ch;
              s0 += dy[di] * wt[wi];
              s1 += dy[di + 1] * wt[wi + 1];
              s2 += dy[di + 2] * wt[wi + 2];
              s3 += dy[di + 3] * wt[wi + 3];
            }
          }
          dx[o + ch] = s0;
          dx[o + ch + 1] = s1;
          dx[o + ch + 2] = s2;
          dx[o + ch + 3] = s3;
        }
        for (; ch < c; ch++) {
          let s = 0;
          for (let r = rFirst; r <= rLast; r += sh) {
            for (let q = qFirst; q <= qLast; q += sw) s += dy[((b * oh + (ty - r) / sh) * ow + (tx - q) / sw) * c + ch] * wt[(r * kw + q) * c + ch];
          }
          dx[o + ch] = s;
        }
      }
    }
  }
}

/** dw[r, q, c] = Σ over images and the output pixels whose tap (r, q) lies inside the image of x[…]·dy[b, oy, ox, c]. */
export function dwFilterGrad(x: ArrayLike<number>, dy: ArrayLike<number>, dw: Float32Array, g: DwGeometry): void {
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, top, left } = g;
  for (let r = 0; r < kh; r++) {
    // Output rows whose tap row r is inside the image: 0 ≤ oy·sh + r − top < h.
    const oy0 = Math.max(0, Math.ceil((top - r) / sh));
    const oy1 = Math.min(oh, Math.floor((h - 1 + top - r) / sh) + 1);
    for (let q = 0; q < kw; q++) {
      const ox0 = Math.max(0, Math.ceil((left - q) / sw));
      const ox1 = Math.min(ow, Math.floor((w - 1 + left - q) / sw) + 1);
      const o = (r * kw + q) * c;
      let ch = 0;
      for (; ch + 4 <= c; ch += 4) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let b = 0; b < n; b++) {
          for (let oy = oy0; oy < oy1; oy++) {
            const xRow = (b * h + oy * sh + r - top) * w + q - left;
            const dyRow = (b * oh + oy) * ow;
            for (let ox = ox0; ox < ox1; ox++) {
              const xi = (xRow + ox * sw) * c + ch;
              const di = (dyRow + ox) * c + ch;
              s0 += x[xi] * dy[di];
              s1 += x[xi + 1] * dy[di + 1];
              s2 += x[xi + 2] * dy[di + 2];
              s3 += x[xi + 3] * dy[di + 3];
            }
          }
        }
        dw[o + ch] = s0;
        dw[o + ch + 1] = s1;
        dw[o + ch + 2] = s2;
        dw[o + ch + 3] = s3;
      }
      for (; ch < c; ch++) {
        let s = 0;
        for (let b = 0; b < n; b++) {
          for (let oy = oy0; oy < oy1; oy++) {
            for (let ox = ox0; ox < ox1; ox++) s += x[((b * h + oy * sh + r - top) * w + ox * sw + q - left) * c + ch] * dy[((b * oh + oy) * ow + ox) * c + ch];
          }
        }
        dw[o + ch] = s;
      }
    }
  }
}

type WasmDw = (u: number, v: number, out: number, ...geometry: number[]) => void;
interface DepthwiseModule {
  memory: WebAssembly.Memory;
  forward: WasmDw;
  inputGrad: WasmDw;
  filterGrad: WasmDw;
}

/**
 * out = fn(u, v) on WebAssembly SIMD when the module runs here (Node; see wasm/instance.ts); false otherwise, out
 * untouched. Channel counts that are multiples of 4 take wasm/depthwise.wat (the loops above, four channels per 4-lane
 * float32 sum); the others take wasm/depthwise64.wat, whose float64 sums give the loops' results to the bit, so a run
 * gives the same numbers with the module or without it.
 */
function depthwiseWasm(fn: 'forward' | 'inputGrad' | 'filterGrad', u: ArrayLike<number>, v: ArrayLike<number>, out: Float32Array, g: DwGeometry): boolean {
  if (g.c === 0 || out.length === 0) return false;
  const m = wasmExports<DepthwiseModule>(g.c % 4 === 0 ? DEPTHWISE_WASM_BASE64 : DEPTHWISE64_WASM_BASE64);
  if (!m) return false;
  // depthwise64's last unit of a pixel reads up to 3 floats past its operand: room for them after the output.
  const f = wasmFloats(m.memory, u.length + v.length + out.length + 3);
  if (!f) return false;
  f.set(u, 0);
  f.set(v, u.length);
  const o = u.length + v.length;
  m[fn](0, u.length * 4, o * 4, g.n, g.h, g.w, g.c, g.oh, g.ow, g.kh, g.kw, g.sh, g.sw, g.top, g.left);
  out.set(f.subarray(o, o + out.length));
  return true;
}

function depthwiseForward(args: Args): tf.TensorInfo {
  const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const backend = args.backend as unknown as CpuBackendLike;
  const g = geometry(args, x.shape as Shape4, filter.shape as Shape4);
  const out = new Float32Array(g.n * g.oh * g.ow * g.c);
  const xv = backend.data.get(x.dataId).values;
  const wv = backend.data.get(filter.dataId).values;
  if (!depthwiseWasm('forward', xv, wv, out, g)) dwForward(xv, wv, out, g);
  return backend.makeTensorInfo([g.n, g.oh, g.ow, g.c], 'float32', out);
}

function depthwiseFilter(args: Args): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const backend = args.backend as unknown as CpuBackendLike;
  const g = geometry(args, x.shape as Shape4, (args.attrs as unknown as ConvAttrs).filterShape!);
  const out = new Float32Array(g.kh * g.kw * g.c);
  const xv = backend.data.get(x.dataId).values;
  const dyv = backend.data.get(dy.dataId).values;
  if (!depthwiseWasm('filterGrad', xv, dyv, out, g)) dwFilterGrad(xv, dyv, out, g);
  return backend.makeTensorInfo([g.kh, g.kw, g.c, 1], 'float32', out);
}

function depthwiseInput(args: Args): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const backend = args.backend as unknown as CpuBackendLike;
  const g = geometry(args, (args.attrs as unknown as ConvAttrs).inputShape!, filter.shape as Shape4);
  const dx = new Float32Array(g.n * g.h * g.w * g.c);
  const dyv = backend.data.get(dy.dataId).values;
  const wv = backend.data.get(filter.dataId).values;
  if (!depthwiseWasm('inputGrad', dyv, wv, dx, g)) dwInputGrad(dyv, wv, dx, g);
  return backend.makeTensorInfo([g.n, g.h, g.w, g.c], 'float32', dx);
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
