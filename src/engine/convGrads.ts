/**
 * Convolutions whose filter gradients are faster than tfjs-backend-webgpu's (issue 15, point 3).
 *
 * tfjs-backend-webgpu 4.22 computes conv and depthwise filter gradients with one thread per weight, each looping over
 * every batch × pixel (`Conv2DDerFilterProgram`, `DepthwiseConv2DDerFilterProgram`). Here:
 * - a 1×1, stride-1 convolution is a matrix product of the [N·H·W, Cin] view: its filter gradient Xᵀ·dY is a matMul
 *   with K = N·H·W, which tfjs runs as a split-K or small-output program (many workgroups), and its input gradient
 *   dY·Wᵀ a plain matMul;
 * - the depthwise filter gradient is the engine's own kernel (`EngineDepthwiseFilterGrad`, webgpuKernels.ts): one
 *   workgroup per weight, its threads splitting the N·H·W sum and reducing in workgroup memory.
 *
 * When they are used (`setEngineConvKernels`): 'auto' (default) = on WebGPU with a hardware adapter only. On
 * SwiftShader both are SLOWER than tfjs's programs (bench `grad-programs`, 2026-11-29: the 1×1 filter gradient 5–15×,
 * the depthwise one 2–4×): a CPU runs tfjs's one-thread-per-weight loops well and pays for every workgroup barrier of
 * a reduction. Their speed on a real GPU has not been measured (no GPU machine so far). `force` runs them on any
 * backend (the tests compare them with tf.grad of the plain op).
 */
import * as tf from '@tensorflow/tfjs';
import { DEPTHWISE_FILTER_GRAD, ensureEngineKernels } from './webgpuKernels';

export type EngineConvMode = 'auto' | 'on' | 'off';
let mode: EngineConvMode = 'auto';

/** Choose when the engine's conv gradient paths replace tfjs's on WebGPU (default 'auto': hardware adapters only). */
export function setEngineConvKernels(m: EngineConvMode): void {
  mode = m;
}

/** True for a software WebGPU adapter (SwiftShader, llvmpipe…) or one that does not say what it is (the Node mock). */
function softwareAdapter(): boolean {
  const info = (tf.backend() as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
  if (!info?.vendor && !info?.architecture) return true;
  return /swiftshader|llvmpipe|lavapipe|software/i.test(`${info.vendor ?? ''} ${info.architecture ?? ''}`);
}

/** Whether the engine's conv paths are used now (WebGPU only). */
export function engineConvKernelsActive(): boolean {
  if (mode === 'off' || tf.getBackend() !== 'webgpu') return false;
  return mode === 'on' || !softwareAdapter();
}

const onWebGpu = engineConvKernelsActive;

/** 'same'-padded conv2d; a 1×1 stride-1 one as a matMul on WebGPU (or always with `force`). */
export function conv2dSame(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, force = false): tf.Tensor4D {
  const [kh, kw, cin, cout] = w.shape;
  if (kh !== 1 || kw !== 1 || stride !== 1 || !(force || onWebGpu())) return tf.conv2d(x, w, stride, 'same');
  const [n, h, wd] = x.shape;
  return tf.reshape(tf.matMul(tf.reshape(x, [n * h * wd, cin]), tf.reshape(w, [cin, cout])), [n, h, wd, cout]);
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
