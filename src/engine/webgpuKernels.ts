/**
 * The engine's own kernels (issue 15, point 3), registered under the engine's names so that stock tfjs models keep
 * tfjs's programs:
 * - `EngineDepthwiseFilterGrad`: the filter gradient of a 'same'-padded depthwise conv with channel multiplier 1,
 *   dW[kh, kw, c, 0] = Σ_{n,r,s} x[n, r·sh − top + kh, s·sw − left + kw, c] · dy[n, r, s, c];
 * - `EngineConv1x1FilterGrad`: the filter gradient of a 1×1 stride-1 conv (or of a dense layer), Xᵀ·dY over the
 *   last axis: dW[i, o] = Σ_p x[p, i] · dy[p, o], labelled with the filter's shape;
 * - `EnginePointwise`: a·w over the last axis, w [K, N] or its transpose (pointwiseProgram.ts);
 * - `EngineChannelSum`: column sums of [N, C] (BN's per-channel sums, and the second pass of the two above).
 * WebGPU: the split-sum programs of filterGradPrograms.ts, then the column sum over their chunks. CPU: plain loops
 * (for the tests and for `force` runs in Node).
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike } from './cpuBackend';
import { FlatProgram, intUniforms } from './flatProgram';
import { Conv1x1FilterGradPartialProgram, DepthwiseFilterGradPartialProgram, splitPixels } from './filterGradPrograms';
import { PointwiseProgram } from './pointwiseProgram';

export const DEPTHWISE_FILTER_GRAD = 'EngineDepthwiseFilterGrad';
export const CONV1X1_FILTER_GRAD = 'EngineConv1x1FilterGrad';
/** a [P, K] times w [K, N] (or w stored [N, K] with `transposeW`) → [P, N]: 1×1 convs and the dense layer. */
export const POINTWISE = 'EnginePointwise';
/** Column sums of an [N, C] matrix → [C] (BN's per-channel sums). */
export const CHANNEL_SUM = 'EngineChannelSum';

interface DepthwiseFilterGradAttrs {
  strides: [number, number];
  filterShape: [number, number, number, number];
}

/**
 * Column sums of [N, C]: one thread per column looping over the rows in blocks (neighbouring threads read
 * neighbouring columns of a row). No transpose and no workgroup barrier: tfjs lowers tf.sum(x, 0) to a padded tiled transpose,
 * and ones·X to MatMulReduceProgram, whose barrier tree is what a software adapter (SwiftShader) runs slowest.
 */
class ChannelSumProgram extends FlatProgram {
  readonly variableNames = ['x'];
  readonly shaderKey = 'engine_channel_sum';

  /** `outputShape` (default [C]) only relabels the C sums (the filter gradients' [kh, kw, Cin, Cout]). */
  constructor(c: number, outputShape: number[] = [c]) {
    super(outputShape, c);
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let n = uniforms.xShape[0];
          // Blocked sum: rows in blocks of 64 summed apart, then the block sums (float32 error grows with
          // 64 + N/64 terms instead of N: BN's gradient sums cancel to near zero).
          var acc = 0.0;
          var r = 0;
          loop {
            if (r >= n) {
              break;
            }
            let end = min(r + 64, n);
            var part = 0.0;
            for (var i = r; i < end; i = i + 1) {
              part = part + getX(i, index);
            }
            acc = acc + part;
            r = end;
          }
          setOutputAtIndex(index, acc);
        }
      }
    `;
  }
}

interface WebGpuRunner {
  runWebGPUProgram(p: unknown, i: tf.TensorInfo[], d: string, u?: unknown): tf.TensorInfo;
  disposeData(id: object): void;
}

const channelSumWebGpu: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  if (x.shape.length !== 2) throw new Error(`${CHANNEL_SUM}: x must be [N, C], got [${x.shape.join()}]`);
  return (backend as unknown as WebGpuRunner).runWebGPUProgram(new ChannelSumProgram(x.shape[1]), [x], 'float32');
};

/** Partial sums [chunks, M] → their column sums, labelled `shape` (the partial buffer is released). */
function sumChunks(b: WebGpuRunner, partial: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  const out = b.runWebGPUProgram(new ChannelSumProgram(partial.shape[1], shape), [partial], 'float32');
  b.disposeData(partial.dataId);
  return out;
}

function convInfo(x: tf.TensorInfo, a: DepthwiseFilterGradAttrs): { top: number; left: number; outH: number; outW: number } {
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, 'same', undefined, true);
  return { top: info.padInfo.top, left: info.padInfo.left, outH: info.outHeight, outW: info.outWidth };
}

function checkShapes(x: tf.TensorInfo, dy: tf.TensorInfo, a: DepthwiseFilterGradAttrs): void {
  const { outH, outW } = convInfo(x, a);
  const [n, , , c] = x.shape;
  if (a.filterShape[3] !== 1 || a.filterShape[2] !== c || dy.shape.join() !== [n, outH, outW, c].join()) {
    throw new Error(`${DEPTHWISE_FILTER_GRAD}: x [${x.shape.join()}], dy [${dy.shape.join()}] and filter [${a.filterShape.join()}] do not fit (multiplier 1, 'same')`);
  }
}

const depthwiseWebGpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as DepthwiseFilterGradAttrs;
  checkShapes(x, dy, a);
  const { top, left, outH, outW } = convInfo(x, a);
  const c = x.shape[3];
  const pixels = x.shape[0] * outH * outW;
  const { chunks, chunk } = splitPixels(pixels, c);
  const program = new DepthwiseFilterGradPartialProgram(a.filterShape[0], a.filterShape[1], c, chunks);
  const uniforms = intUniforms(a.strides, [top, left], pixels, chunk, chunks * c);
  const b = backend as unknown as WebGpuRunner;
  return sumChunks(b, b.runWebGPUProgram(program, [x, dy], 'float32', uniforms), a.filterShape);
};

interface Conv1x1FilterGradAttrs {
  filterShape: [number, number, number, number];
}

/** x [..., Cin] and dy [..., Cout] (same leading dims) as [P, Cin] and [P, Cout], checked against the filter [..., Cin, Cout]. */
function conv1x1Views(x: tf.TensorInfo, dy: tf.TensorInfo, a: Conv1x1FilterGradAttrs): { pixels: number; cin: number; cout: number } {
  const cin = x.shape[x.shape.length - 1];
  const cout = dy.shape[dy.shape.length - 1];
  const fs = a.filterShape;
  const lead = (t: tf.TensorInfo): string => t.shape.slice(0, -1).join();
  if (fs[fs.length - 2] !== cin || fs[fs.length - 1] !== cout || fs.slice(0, -2).some((d) => d !== 1) || lead(x) !== lead(dy)) {
    throw new Error(`${CONV1X1_FILTER_GRAD}: x [${x.shape.join()}], dy [${dy.shape.join()}] and filter [${fs.join()}] do not fit (1×1, stride 1)`);
  }
  return { pixels: tf.util.sizeFromShape(x.shape.slice(0, -1)), cin, cout };
}

interface PointwiseAttrs {
  transposeW: boolean;
}

/** a [P, K] and w ([K, N], or [N, K] with transposeW) → P, K, N and w's strides (sk, so). */
function pointwiseDims(a: tf.TensorInfo, w: tf.TensorInfo, at: PointwiseAttrs): { rows: number; k: number; n: number; sk: number; so: number } {
  if (a.shape.length !== 2 || w.shape.length !== 2) throw new Error(`${POINTWISE}: a and w must be 2-D, got [${a.shape.join()}] and [${w.shape.join()}]`);
  const [rows, k] = a.shape;
  const [wk, n] = at.transposeW ? [w.shape[1], w.shape[0]] : w.shape;
  if (wk !== k) throw new Error(`${POINTWISE}: a [${a.shape.join()}] and w [${w.shape.join()}]${at.transposeW ? 'ᵀ' : ''} do not fit`);
  return at.transposeW ? { rows, k, n, sk: 1, so: k } : { rows, k, n, sk: n, so: 1 };
}

const pointwiseWebGpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { a, w } = inputs as { a: tf.TensorInfo; w: tf.TensorInfo };
  const { rows, n, sk, so } = pointwiseDims(a, w, attrs as unknown as PointwiseAttrs);
  const blocksOut = Math.ceil(n / 4);
  const uniforms = intUniforms(sk, so, blocksOut, rows * blocksOut);
  return (backend as unknown as WebGpuRunner).runWebGPUProgram(new PointwiseProgram(rows, n), [a, w], 'float32', uniforms);
};

const pointwiseCpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { a, w } = inputs as { a: tf.TensorInfo; w: tf.TensorInfo };
  const { rows, k, n, sk, so } = pointwiseDims(a, w, attrs as unknown as PointwiseAttrs);
  const cpu = backend as unknown as CpuBackendLike;
  const av = cpu.data.get(a.dataId).values;
  const wv = cpu.data.get(w.dataId).values;
  const out = new Float32Array(rows * n);
  for (let p = 0; p < rows; p++) {
    for (let o = 0; o < n; o++) {
      let acc = 0;
      for (let i = 0; i < k; i++) acc += av[p * k + i] * wv[i * sk + o * so];
      out[p * n + o] = acc;
    }
  }
  return cpu.makeTensorInfo([rows, n], 'float32', out);
};

const conv1x1WebGpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as Conv1x1FilterGradAttrs;
  const { pixels, cin, cout } = conv1x1Views(x, dy, a);
  const blocksIn = Math.ceil(cin / 4);
  const blocksOut = Math.ceil(cout / 4);
  const { chunks, chunk } = splitPixels(pixels, blocksIn * blocksOut);
  const program = new Conv1x1FilterGradPartialProgram(cin, cout, chunks);
  const uniforms = intUniforms(pixels, chunk, chunks * blocksIn * blocksOut, blocksIn, blocksOut);
  const b = backend as unknown as WebGpuRunner;
  // The programs index x and dy flat: [..., C] is [P, C] in memory.
  const x2 = { dataId: x.dataId, shape: [pixels, cin], dtype: x.dtype };
  const dy2 = { dataId: dy.dataId, shape: [pixels, cout], dtype: dy.dtype };
  return sumChunks(b, b.runWebGPUProgram(program, [x2, dy2], 'float32', uniforms), a.filterShape);
};

const conv1x1Cpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as Conv1x1FilterGradAttrs;
  const { pixels, cin, cout } = conv1x1Views(x, dy, a);
  const cpu = backend as unknown as CpuBackendLike;
  const xv = cpu.data.get(x.dataId).values;
  const dv = cpu.data.get(dy.dataId).values;
  const out = new Float32Array(cin * cout);
  for (let p = 0; p < pixels; p++) {
    for (let i = 0; i < cin; i++) {
      const xi = xv[p * cin + i];
      for (let o = 0; o < cout; o++) out[i * cout + o] += xi * dv[p * cout + o];
    }
  }
  return cpu.makeTensorInfo(a.filterShape, 'float32', out);
};

const depthwiseCpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as DepthwiseFilterGradAttrs;
  checkShapes(x, dy, a);
  const { top, left, outH, outW } = convInfo(x, a);
  const cpu = backend as unknown as CpuBackendLike;
  const xv = cpu.data.get(x.dataId).values;
  const dv = cpu.data.get(dy.dataId).values;
  const [n, h, w, c] = x.shape;
  const [kh, kw] = a.filterShape;
  const [sh, sw] = a.strides;
  const out = new Float32Array(kh * kw * c);
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < outH; r++) {
      for (let s = 0; s < outW; s++) {
        const dOff = ((b * outH + r) * outW + s) * c;
        for (let i = 0; i < kh; i++) {
          const xr = r * sh - top + i;
          if (xr < 0 || xr >= h) continue;
          for (let j = 0; j < kw; j++) {
            const xc = s * sw - left + j;
            if (xc < 0 || xc >= w) continue;
            const xOff = ((b * h + xr) * w + xc) * c;
            const oOff = (i * kw + j) * c;
            for (let ch = 0; ch < c; ch++) out[oOff + ch] += xv[xOff + ch] * dv[dOff + ch];
          }
        }
      }
    }
  }
  return cpu.makeTensorInfo(a.filterShape, 'float32', out);
};

let registered = false;

/** Register the engine's kernels for the backends that have them (idempotent). */
export function ensureEngineKernels(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, backendName, kernelFunc] of [
    [DEPTHWISE_FILTER_GRAD, 'webgpu', depthwiseWebGpu],
    [DEPTHWISE_FILTER_GRAD, 'cpu', depthwiseCpu],
    [CONV1X1_FILTER_GRAD, 'webgpu', conv1x1WebGpu],
    [CONV1X1_FILTER_GRAD, 'cpu', conv1x1Cpu],
    [POINTWISE, 'webgpu', pointwiseWebGpu],
    [POINTWISE, 'cpu', pointwiseCpu],
  ] as const) {
    if (!tf.getKernel(kernelName, backendName)) tf.registerKernel({ kernelName, backendName, kernelFunc });
  }
  if (!tf.getKernel(CHANNEL_SUM, 'webgpu')) tf.registerKernel({ kernelName: CHANNEL_SUM, backendName: 'webgpu', kernelFunc: channelSumWebGpu });
}
