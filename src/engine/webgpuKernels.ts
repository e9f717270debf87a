/**
 * The engine's own kernels (issue 15, point 3), registered under the engine's names so that stock tfjs models keep
 * tfjs's programs: `EngineDepthwiseFilterGrad` — the filter gradient of a 'same'-padded depthwise conv with channel
 * multiplier 1, dW[kh, kw, c, 0] = Σ_{n,r,s} x[n, r·sh − top + kh, s·sw − left + kw, c] · dy[n, r, s, c].
 *
 * WebGPU: one workgroup of 64 threads per weight; the threads split the N·outH·outW sum and add their partial sums
 * in workgroup memory (tfjs-backend-webgpu's DepthwiseConv2DDerFilterProgram gives each weight one thread that loops
 * over the whole sum). CPU: plain loops (for the tests and for `force` runs in Node).
 */
import * as tf from '@tensorflow/tfjs';
import { webgpu_util, type WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export const DEPTHWISE_FILTER_GRAD = 'EngineDepthwiseFilterGrad';
/** Column sums of an [N, C] matrix → [C] (BN's per-channel sums). */
export const CHANNEL_SUM = 'EngineChannelSum';

interface DepthwiseFilterGradAttrs {
  strides: [number, number];
  filterShape: [number, number, number, number];
}

const WG = 64;

/** Partial sums halved in workgroup memory: log2(WG) steps, each behind a barrier (uniform control flow). */
function treeReduction(): string {
  const steps: string[] = [];
  for (let half = WG / 2; half >= 1; half /= 2) {
    steps.push(`if (localId.x < ${half}u) { partial[localId.x] = partial[localId.x] + partial[localId.x + ${half}u]; }
        workgroupBarrier();`);
  }
  return steps.join('\n        ');
}

/** The WebGPU program (tfjs-backend-webgpu's program interface: it generates the bindings and the getters). */
class DepthwiseFilterGradProgram {
  readonly variableNames = ['x', 'dy'];
  readonly uniforms = 'strides : vec2<i32>, pads : vec2<i32>, reduceSize : i32,';
  readonly size = true;
  readonly workgroupSize: [number, number, number] = [WG, 1, 1];
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly shaderKey = 'engine_depthwise_filter_grad';

  constructor(filterShape: number[]) {
    this.outputShape = filterShape;
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    // One workgroup per output element.
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, this.outputShape, [1, 1, 1]);
  }

  getUserCode(): string {
    return `
      var<workgroup> partial : array<f32, ${WG}>;
      fn main(index : i32) {
        let outIndex = index / ${WG};
        var acc = 0.0;
        if (outIndex < uniforms.size) {
          let coords = getCoordsFromIndex(outIndex);
          let kh = coords[0];
          let kw = coords[1];
          let ch = coords[2];
          let outH = uniforms.dyShape[1];
          let outW = uniforms.dyShape[2];
          let plane = outH * outW;
          for (var j = i32(localId.x); j < uniforms.reduceSize; j = j + ${WG}) {
            let b = j / plane;
            let rem = j - b * plane;
            let r = rem / outW;
            let s = rem - r * outW;
            let xr = r * uniforms.strides[0] - uniforms.pads[0] + kh;
            let xc = s * uniforms.strides[1] - uniforms.pads[1] + kw;
            if (xr >= 0 && xr < uniforms.xShape[1] && xc >= 0 && xc < uniforms.xShape[2]) {
              acc = acc + getX(b, xr, xc, ch) * getDy(b, r, s, ch);
            }
          }
        }
        partial[localId.x] = acc;
        workgroupBarrier();
        ${treeReduction()}
        if (localId.x == 0u && outIndex < uniforms.size) {
          setOutputAtIndex(outIndex, partial[0]);
        }
      }
    `;
  }
}

/**
 * Column sums of [N, C]: one thread per column looping over the rows in blocks (neighbouring threads read
 * neighbouring columns of a row). No transpose and no workgroup barrier: tfjs lowers tf.sum(x, 0) to a padded tiled transpose,
 * and ones·X to MatMulReduceProgram, whose barrier tree is what a software adapter (SwiftShader) runs slowest.
 */
class ChannelSumProgram {
  readonly variableNames = ['x'];
  readonly size = true;
  readonly workgroupSize: [number, number, number] = [WG, 1, 1];
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly shaderKey = 'engine_channel_sum';

  constructor(c: number) {
    this.outputShape = [c];
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, this.outputShape, this.workgroupSize);
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

const channelSumWebGpu: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  if (x.shape.length !== 2) throw new Error(`${CHANNEL_SUM}: x must be [N, C], got [${x.shape.join()}]`);
  const b = backend as unknown as { runWebGPUProgram(p: unknown, i: tf.TensorInfo[], d: string): tf.TensorInfo };
  return b.runWebGPUProgram(new ChannelSumProgram(x.shape[1]), [x], 'float32');
};

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

const webgpuKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as DepthwiseFilterGradAttrs;
  checkShapes(x, dy, a);
  const { top, left, outH, outW } = convInfo(x, a);
  const program = new DepthwiseFilterGradProgram(a.filterShape);
  const uniforms = [
    { type: 'int32', data: a.strides },
    { type: 'int32', data: [top, left] },
    { type: 'int32', data: [x.shape[0] * outH * outW] },
  ];
  const b = backend as unknown as WebGPUBackend & { runWebGPUProgram(p: unknown, i: tf.TensorInfo[], d: string, u: unknown): tf.TensorInfo };
  return b.runWebGPUProgram(program, [x, dy], 'float32', uniforms);
};

const cpuKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as DepthwiseFilterGradAttrs;
  checkShapes(x, dy, a);
  const { top, left, outH, outW } = convInfo(x, a);
  const cpu = backend as unknown as { data: { get(id: object): { values: Float32Array } }; makeTensorInfo(s: number[], d: string, v: Float32Array): tf.TensorInfo };
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
  for (const [backendName, kernelFunc] of [
    ['webgpu', webgpuKernel],
    ['cpu', cpuKernel],
  ] as const) {
    if (!tf.getKernel(DEPTHWISE_FILTER_GRAD, backendName)) tf.registerKernel({ kernelName: DEPTHWISE_FILTER_GRAD, backendName, kernelFunc });
  }
  if (!tf.getKernel(CHANNEL_SUM, 'webgpu')) tf.registerKernel({ kernelName: CHANNEL_SUM, backendName: 'webgpu', kernelFunc: channelSumWebGpu });
}
