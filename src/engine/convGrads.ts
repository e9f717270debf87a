/**
 * Convolutions whose filter gradients are the engine's programs (issue 15, point 3).
 *
 * tfjs-backend-webgpu 4.22 computes conv and depthwise filter gradients with one thread per weight, each looping over
 * every batch × pixel (`Conv2DDerFilterProgram`, `DepthwiseConv2DDerFilterProgram`). Here the filter gradients are the
 * engine's split sums (filterGradPrograms.ts, two dispatches: partial sums over chunks of pixels without a workgroup
 * barrier, then their column sum):
 * - `EngineConv1x1FilterGrad` for a 1×1 stride-1 conv and the dense layer (4 × 4 blocks of channels per thread);
 * - `EngineDepthwiseFilterGrad` for a depthwise conv (all kh·kw taps of one channel per thread; the forward pass and
 *   the input gradient stay tfjs's).
 * 1×1 convs and the dense layer also take their product and input gradient from ONE engine program
 * (`EnginePointwise`, pointwiseProgram.ts) instead of tfjs's per-shape matMul variants: fewer pipelines to build before
 * the first step (issue 15 §5).
 *
 * When they are used (`setEngineConvKernels`): 'auto' (default) = on WebGPU. 'off' keeps tfjs's programs (the bench's
 * A/B); `force` runs them on any backend (the tests compare them with tf.grad of the plain op).
 */
import * as tf from '@tensorflow/tfjs';
import { CONV1X1_FILTER_GRAD, DEPTHWISE_FILTER_GRAD, POINTWISE, ensureEngineKernels } from './webgpuKernels';

export type EngineConvMode = 'auto' | 'on' | 'off';
let mode: EngineConvMode = 'auto';

/** Choose when the engine's filter-gradient programs replace tfjs's on WebGPU (default 'auto': on WebGPU). */
export function setEngineConvKernels(m: EngineConvMode): void {
  mode = m;
}

/** Whether the engine's filter-gradient programs are used now (WebGPU only). */
export function engineConvKernelsActive(): boolean {
  return mode !== 'off' && tf.getBackend() === 'webgpu';
}

const onWebGpu = engineConvKernelsActive;

/**
 * a [P, K] · w [K, N] by the engine's programs: the product and the input gradient dY·Wᵀ by `EnginePointwise` (one
 * program for every shape), the weight gradient Aᵀ·dY by `EngineConv1x1FilterGrad`.
 */
function pointwise(a: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  ensureEngineKernels();
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [ai, wi] = args as tf.Tensor2D[];
    const save = args[2] as tf.GradSaveFunc;
    save([ai, wi]);
    const value = tf.engine().runKernel<tf.Tensor2D>(POINTWISE, { a: ai, w: wi }, { transposeW: false });
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [sa, sw] = saved as tf.Tensor2D[];
      const da = tf.engine().runKernel<tf.Tensor2D>(POINTWISE, { a: dy, w: sw }, { transposeW: true });
      const dw = tf.engine().runKernel<tf.Tensor2D>(CONV1X1_FILTER_GRAD, { x: sa, dy }, { filterShape: sw.shape });
      return [da, dw];
    };
    return { value, gradFunc };
  });
  return op(a, w);
}

/** 'same'-padded conv2d; a 1×1 stride-1 one is the engine's `pointwise` on WebGPU (or always with `force`). */
export function conv2dSame(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, force = false): tf.Tensor4D {
  const [kh, kw, cin, cout] = w.shape;
  if (kh !== 1 || kw !== 1 || stride !== 1 || !(force || onWebGpu())) return tf.conv2d(x, w, stride, 'same');
  const [n, h, wd] = x.shape;
  return tf.reshape(pointwise(tf.reshape(x, [n * h * wd, cin]), tf.reshape(w, [cin, cout])), [n, h, wd, cout]);
}

/** x [B, K] · w [K, N] (the dense layer): the engine's `pointwise` on WebGPU (or always with `force`), else tf.matMul. */
export function denseMatMul(x: tf.Tensor2D, w: tf.Tensor2D, force = false): tf.Tensor2D {
  return force || onWebGpu() ? pointwise(x, w) : tf.matMul(x, w);
}

/** 'same'-padded depthwise conv (channel multiplier 1) whose filter gradient is the engine's kernel on WebGPU. */
export function depthwiseSame(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, force = false): tf.Tensor4D {
  if (!(force || onWebGpu())) return tf.depthwiseConv2d(x, w, stride, 'same');
  ensureEngineKernels();
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, wi] = args as tf.Tensor4D[];
    const save = args[2] as tf.GradSaveFunc;
    save([xi, wi]);
    const value = tf.depthwiseConv2d(xi, wi, stride, 'same');
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [sx, sw] = saved as tf.Tensor4D[];
      // Input gradient: tfjs's own kernel (the same one tf.grad of depthwiseConv2d uses).
      const dx = tf.engine().runKernel<tf.Tensor4D>('DepthwiseConv2dNativeBackpropInput', { dy, filter: sw }, {
        strides: [stride, stride],
        pad: 'same',
        dilations: [1, 1],
        inputShape: sx.shape,
      });
      const dw = tf.engine().runKernel<tf.Tensor4D>(DEPTHWISE_FILTER_GRAD, { x: sx, dy }, { strides: [stride, stride], filterShape: sw.shape });
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return op(x, w);
}
