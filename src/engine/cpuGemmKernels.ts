/**
 * Conv2D, its input and filter gradients, and BatchMatMul on tfjs's CPU backend as products of cpuGemm.ts's tiled
 * kernel. A k×k conv becomes a product through im2col: the patches of a chunk of images laid out as rows of
 * k·k·C_in values in the filter's own [k, k, C_in] order, so the filter [k, k, C_in, C_out] is already a [K × C_out]
 * matrix. A 1×1 conv with stride 1 and no padding needs no copy at all: the image is the patch matrix.
 *
 * - Conv2D: out[P × C_out] = patches[P × K] · W[K × C_out].
 * - Conv2DBackpropInput: dPatches[P × K] = dy[P × C_out] · W[K × C_out]ᵀ, then each patch value is added back to the
 *   input pixel it was copied from (col2im).
 * - Conv2DBackpropFilter: dW[K × C_out] = patchesᵀ · dy, summed over the chunks.
 *
 * The maths is tfjs's; only the order of the sums differs (float64 within a 512-long chunk). Chunks of images keep
 * the patch matrix near CHUNK_FLOATS. Anything else (NCHW, dilation, other dtypes, batch broadcasting other than
 * "same or none", a product thinner than 4 with a transposed B) goes to tfjs's kernel (see cpuKernels.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { isPlainNhwc, type Conv2DInfo, type ConvAttrs, type CpuBackendLike, type KernelArgs as Args, type KernelFunc, type Shape4 } from './cpuBackend';
import { gemmNT, transpose } from './cpuGemm';
import { gemmTNWasm, wasmGemmAvailable } from './cpuGemmWasm';

/** Floats in one chunk's patch matrix (4 MB). */
const CHUNK_FLOATS = 1 << 20;

interface Geometry {
  info: Conv2DInfo;
  /** Patch length k·k·C_in. */
  K: number;
  inPix: number;
  outPix: number;
  /** 1×1, stride 1, no padding: the image rows are the patches. */
  pointwise: boolean;
  /** Images per chunk. */
  perChunk: number;
}

function geometry(xShape: Shape4, filterShape: Shape4, a: ConvAttrs): Geometry {
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false);
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const p = info.padInfo;
  const pointwise = info.filterHeight === 1 && info.filterWidth === 1 && info.strideHeight === 1 && info.strideWidth === 1 && p.top === 0 && p.left === 0 && p.bottom === 0 && p.right === 0;
  const outPix = info.outHeight * info.outWidth;
  const perChunk = pointwise ? info.batchSize : Math.max(1, Math.min(info.batchSize, Math.floor(CHUNK_FLOATS / Math.max(1, outPix * K))));
  return { info, K, inPix: info.inHeight * info.inWidth, outPix, pointwise, perChunk };
}

/** The patches of images b0 … b0+n−1 into `cols` ([n·outPix × K], zeros where a tap falls in the padding). */
function im2col(x: Float32Array, g: Geometry, b0: number, n: number, cols: Float32Array): void {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, inChannels: ci } = g.info;
  const top = g.info.padInfo.top;
  const left = g.info.padInfo.left;
  let o = 0;
  for (let b = b0; b < b0 + n; b++) {
    const img = b * g.inPix * ci;
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        for (let wr = 0; wr < fh; wr++) {
          const xr = yr * sh + wr - top;
          for (let wc = 0; wc < fw; wc++) {
            const xc = yc * sw + wc - left;
            if (xr < 0 || xr >= inHeight || xc < 0 || xc >= inWidth) {
              cols.fill(0, o, o + ci);
            } else {
              const s = img + (xr * inWidth + xc) * ci;
              for (let c = 0; c < ci; c++) cols[o + c] = x[s + c];
            }
            o += ci;
          }
        }
      }
    }
  }
}

/** Adds each patch value of images b0 … b0+n−1 back to the input pixel it came from (the adjoint of im2col). */
function col2im(cols: Float32Array, g: Geometry, b0: number, n: number, dx: Float32Array): void {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, inChannels: ci } = g.info;
  const top = g.info.padInfo.top;
  const left = g.info.padInfo.left;
  let o = 0;
  for (let b = b0; b < b0 + n; b++) {
    const img = b * g.inPix * ci;
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        for (let wr = 0; wr < fh; wr++) {
          const xr = yr * sh + wr - top;
          for (let wc = 0; wc < fw; wc++) {
            const xc = yc * sw + wc - left;
            if (xr >= 0 && xr < inHeight && xc >= 0 && xc < inWidth) {
              const d = img + (xr * inWidth + xc) * ci;
              for (let c = 0; c < ci; c++) dx[d + c] += cols[o + c];
            }
            o += ci;
          }
        }
      }
    }
  }
}

const f32 = (backend: CpuBackendLike, t: tf.TensorInfo): Float32Array => backend.data.get(t.dataId).values as Float32Array;

function conv2d(args: Args): tf.TensorInfo {
  const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const backend = args.backend as unknown as CpuBackendLike;
  const g = geometry(x.shape as Shape4, filter.shape as Shape4, args.attrs as unknown as ConvAttrs);
  const { batchSize, outHeight, outWidth, outChannels: co } = g.info;
  const xv = f32(backend, x);
  const wt = transpose(f32(backend, filter), g.K, co); // [C_out × K]
  const out = new Float32Array(batchSize * g.outPix * co);
  const cols = g.pointwise ? null : new Float32Array(g.perChunk * g.outPix * g.K);
  for (let b0 = 0; b0 < batchSize; b0 += g.perChunk) {
    const n = Math.min(g.perChunk, batchSize - b0);
    const rows = n * g.outPix;
    let a: Float32Array;
    if (cols) {
      im2col(xv, g, b0, n, cols);
      a = cols;
    } else {
      a = xv.subarray(b0 * g.inPix * g.K);
    }
    gemmNT(a, wt, out.subarray(b0 * g.outPix * co, (b0 + n) * g.outPix * co), rows, g.K, co);
  }
  return backend.makeTensorInfo([batchSize, outHeight, outWidth, co], 'float32', out);
}

function conv2dInput(args: Args): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const backend = args.backend as unknown as CpuBackendLike;
  const a = args.attrs as unknown as ConvAttrs;
  const g = geometry(a.inputShape!, filter.shape as Shape4, a);
  const { batchSize, inHeight, inWidth, inChannels: ci, outChannels: co } = g.info;
  const dyv = f32(backend, dy);
  const w = f32(backend, filter); // [K × C_out]: already the B of dPatches = dy · Wᵀ
  const dx = new Float32Array(batchSize * g.inPix * ci);
  const cols = g.pointwise ? null : new Float32Array(g.perChunk * g.outPix * g.K);
  for (let b0 = 0; b0 < batchSize; b0 += g.perChunk) {
    const n = Math.min(g.perChunk, batchSize - b0);
    const rows = n * g.outPix;
    const dyChunk = dyv.subarray(b0 * g.outPix * co);
    if (cols) {
      gemmNT(dyChunk, w, cols, rows, co, g.K);
      col2im(cols, g, b0, n, dx);
    } else {
      gemmNT(dyChunk, w, dx.subarray(b0 * g.inPix * ci, (b0 + n) * g.inPix * ci), rows, co, g.K);
    }
  }
  return backend.makeTensorInfo([batchSize, inHeight, inWidth, ci], 'float32', dx);
}

function conv2dFilter(args: Args): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const backend = args.backend as unknown as CpuBackendLike;
  const a = args.attrs as unknown as ConvAttrs;
  const g = geometry(x.shape as Shape4, a.filterShape!, a);
  const { batchSize, filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co } = g.info;
  const xv = f32(backend, x);
  const dyv = f32(backend, dy);
  const dw = new Float32Array(g.K * co);
  const cols = g.pointwise ? null : new Float32Array(g.perChunk * g.outPix * g.K);
  if (wasmGemmAvailable()) {
    // Patches and dy as they lie, row by row over the chunk's pixels: only the patches get transposed (in gemmTNWasm).
    let ok = true;
    for (let b0 = 0; b0 < batchSize && ok; b0 += g.perChunk) {
      const n = Math.min(g.perChunk, batchSize - b0);
      const rows = n * g.outPix;
      if (cols) im2col(xv, g, b0, n, cols);
      ok = gemmTNWasm(cols ?? xv, cols ? 0 : b0 * g.inPix * g.K, dyv, b0 * g.outPix * co, dw, rows, g.K, co, true);
    }
    if (ok) return backend.makeTensorInfo([fh, fw, ci, co], 'float32', dw);
    dw.fill(0);
  }
  const colsT = new Float32Array(g.perChunk * g.outPix * g.K);
  const dyT = new Float32Array(g.perChunk * g.outPix * co);
  for (let b0 = 0; b0 < batchSize; b0 += g.perChunk) {
    const n = Math.min(g.perChunk, batchSize - b0);
    const rows = n * g.outPix;
    if (cols) {
      im2col(xv, g, b0, n, cols);
      transpose(cols, rows, g.K, 0, colsT);
    } else {
      transpose(xv, rows, g.K, b0 * g.inPix * g.K, colsT);
    }
    transpose(dyv, rows, co, b0 * g.outPix * co, dyT);
    gemmNT(colsT, dyT, dw, g.K, rows, co, true);
  }
  return backend.makeTensorInfo([fh, fw, ci, co], 'float32', dw);
}

/** Batch dims of both operands, when they are equal or one side has none (product 1); else null (tfjs broadcasts). */
function batchOf(aShape: number[], bShape: number[]): { out: number[]; aStep: boolean; bStep: boolean; count: number } | null {
  const aDims = aShape.slice(0, -2);
  const bDims = bShape.slice(0, -2);
  const prod = (d: number[]) => d.reduce((p, v) => p * v, 1);
  const pa = prod(aDims);
  const pb = prod(bDims);
  if (pa === pb && aDims.length === bDims.length && aDims.every((v, i) => v === bDims[i])) return { out: aDims, aStep: true, bStep: true, count: pa };
  if (pb === 1) return { out: aDims, aStep: true, bStep: false, count: pa };
  if (pa === 1) return { out: bDims, aStep: false, bStep: true, count: pb };
  return null;
}

interface MatMulPlan {
  batch: { out: number[]; aStep: boolean; bStep: boolean; count: number };
  N: number;
  K: number;
  M: number;
}

/** How the product runs as tiles, or null when tfjs's kernel should take it (and give any shape error). */
function matMulPlan(args: Args): MatMulPlan | null {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const batch = a.shape.length >= 2 && b.shape.length >= 2 ? batchOf(a.shape, b.shape) : null;
  if (!batch) return null;
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const N = transposeA ? ac : ar;
  const K = transposeA ? ar : ac;
  const M = transposeB ? br : bc;
  if ((transposeB ? bc : br) !== K) return null;
  // A row or a column (the BN channel sums' ones-row product and its gradient) gains nothing from 4×4 tiles: rows of
  // B added up instead (thinMatMul), which needs B untransposed.
  if ((N < 4 || M < 4 || K < 4) && transposeB) return null;
  return { batch, N, K, M };
}

/**
 * out[n, :] = Σ_k A(n, k)·B[k, :] for an untransposed B: each output row sums whole rows of B (float64), so a [1 × P]
 * ones row times a [P × C] matrix, or its [P × 1]·[1 × C] gradient, streams B once.
 */
function thinMatMul(av: Float32Array, ao: number, transposeA: boolean, bv: Float32Array, bo: number, out: Float32Array, N: number, K: number, M: number): void {
  const acc = new Float64Array(M);
  for (let n = 0; n < N; n++) {
    acc.fill(0);
    for (let k = 0; k < K; k++) {
      const x = transposeA ? av[ao + k * N + n] : av[ao + n * K + k];
      const row = bo + k * M;
      for (let m = 0; m < M; m++) acc[m] += x * bv[row + m];
    }
    for (let m = 0; m < M; m++) out[n * M + m] = acc[m];
  }
}

function batchMatMul(args: Args, plan: MatMulPlan): tf.TensorInfo {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
  const { batch, N, K, M } = plan;
  const backend = args.backend as unknown as CpuBackendLike;
  const av = f32(backend, a);
  const bv = f32(backend, b);
  const out = new Float32Array(batch.count * N * M);
  if (N < 4 || M < 4 || K < 4) {
    for (let i = 0; i < batch.count; i++) {
      thinMatMul(av, (batch.aStep ? i : 0) * N * K, transposeA, bv, (batch.bStep ? i : 0) * K * M, out.subarray(i * N * M, (i + 1) * N * M), N, K, M);
    }
    return backend.makeTensorInfo([...batch.out, N, M], 'float32', out);
  }
  const aT = transposeA ? new Float32Array(N * K) : null;
  const bT = transposeB ? null : new Float32Array(M * K);
  for (let i = 0; i < batch.count; i++) {
    const ao = (batch.aStep ? i : 0) * N * K;
    const bo = (batch.bStep ? i : 0) * K * M;
    const left = aT ? transpose(av, K, N, ao, aT) : av.subarray(ao, ao + N * K);
    const right = bT ? transpose(bv, K, M, bo, bT) : bv.subarray(bo, bo + K * M);
    gemmNT(left, right, out.subarray(i * N * M, (i + 1) * N * M), N, K, M);
  }
  return backend.makeTensorInfo([...batch.out, N, M], 'float32', out);
}

/** Only NHWC, unit dilation and float32 take the product path; anything else goes to tfjs. */
function convFits(args: Args): boolean {
  const { x, dy, filter } = args.inputs as Record<string, tf.TensorInfo | undefined>;
  return isPlainNhwc(args.attrs as unknown as ConvAttrs) && [x, dy, filter].every((t) => t === undefined || t.dtype === 'float32');
}

function guardedConv(fast: (args: Args) => tf.TensorInfo) {
  return (original: KernelFunc): KernelFunc => (args: Args) => (convFits(args) ? fast(args) : original(args));
}

/**
 * FusedConv2D and _FusedMatMul (what a reloaded LayersModel runs: conv or dense, bias, activation): the same products,
 * then the bias and a linear, ReLU or ReLU6 activation, so the engine and its export compute their convs alike.
 * Other activations, PReLU weights and a bias that is not one value per output channel go to tfjs's kernel.
 */
function fused(kind: 'conv' | 'matmul') {
  return (original: KernelFunc): KernelFunc =>
    (args: Args) => {
      const { bias, preluActivationWeights } = args.inputs as { bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo };
      const act = (args.attrs as unknown as { activation?: string }).activation ?? 'linear';
      const plan = kind === 'matmul' ? matMulPlan(args) : null;
      const fits = kind === 'conv' ? convFits(args) : plan !== null;
      const channels = kind === 'conv' ? (args.inputs as { filter: tf.TensorInfo }).filter.shape[3] : (plan?.M ?? 0);
      const biasFits = !bias || (bias.dtype === 'float32' && bias.shape.reduce((p, v) => p * v, 1) === channels);
      if (!fits || !biasFits || preluActivationWeights || !['linear', 'relu', 'relu6'].includes(act)) return original(args);
      const out = plan ? batchMatMul(args, plan) : conv2d(args);
      const backend = args.backend as unknown as CpuBackendLike;
      const v = f32(backend, out);
      const bv = bias ? f32(backend, bias) : null;
      for (let i = 0; i < v.length; i += channels) {
        for (let c = 0; c < channels; c++) {
          let y = bv ? v[i + c] + bv[c] : v[i + c];
          if (act !== 'linear') y = y < 0 ? 0 : act === 'relu6' && y > 6 ? 6 : y;
          v[i + c] = y;
        }
      }
      return out;
    };
}

/** Kernel name → fast kernel given the original to fall back to. */
export const GEMM_REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [
  ['Conv2D', guardedConv(conv2d)],
  ['Conv2DBackpropInput', guardedConv(conv2dInput)],
  ['Conv2DBackpropFilter', guardedConv(conv2dFilter)],
  ['FusedConv2D', fused('conv')],
  ['_FusedMatMul', fused('matmul')],
  [
    'BatchMatMul',
    (original) => (args) => {
      const plan = matMulPlan(args);
      return plan ? batchMatMul(args, plan) : original(args);
    },
  ],
];
