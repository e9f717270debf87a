/**
 * ReLU's gradient as one CPU kernel. tfjs computes it as `dy · cast(step(x))`: a Step kernel that writes a full-size
 * mask, then a Multiply that reads it back, two passes and a temporary per ReLU. Every layer of every network here
 * has a ReLU, so on the CLI's CPU backend that was about a tenth of a training step's kernel time. The kernel
 * `EngineReluGrad` does it in one pass, with the same products (dy·1 and dy·0, the zero keeping dy's sign; NaN where
 * x is NaN), on WebAssembly SIMD where it runs (cpuElementwiseWasm.ts), else in a JavaScript loop.
 *
 * installCpuReluGrad() registers the kernel and replaces tfjs's gradient of Relu by one that calls it when the
 * backend is the CPU and tfjs's own form otherwise (the browser's GPU backends never see it); uninstallCpuReluGrad()
 * restores tfjs's gradient.
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelArgs as Args } from './cpuBackend';
import { reluGradWasm } from './cpuElementwiseWasm';

export const RELU_GRAD = 'EngineReluGrad';

/** dy · step(x) with step(x) = x > 0 ? 1 : (x is NaN ? NaN : 0), as tfjs's Step with alpha 0. */
function reluGradLoop(dy: ArrayLike<number>, x: ArrayLike<number>, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = dy[i] * (v > 0 ? 1 : v === v ? 0 : v);
  }
}

function reluGradKernel(args: Args): tf.TensorInfo {
  const backend = args.backend as unknown as CpuBackendLike;
  const { dy, x } = args.inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  if (dy.dtype !== 'float32' || x.dtype !== 'float32') throw new Error(`${RELU_GRAD}: expected float32 dy and x, got ${dy.dtype} and ${x.dtype}`);
  if (!tf.util.arraysEqual(dy.shape, x.shape)) throw new Error(`${RELU_GRAD}: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] differ in shape`);
  const dv = backend.data.get(dy.dataId).values;
  const xv = backend.data.get(x.dataId).values;
  const out = new Float32Array(tf.util.sizeFromShape(x.shape));
  if (!(dv instanceof Float32Array && xv instanceof Float32Array && reluGradWasm(dv, xv, out))) reluGradLoop(dv, xv, out);
  return backend.makeTensorInfo(x.shape, 'float32', out);
}

let tfjsReluGradient: tf.GradConfig | null = null;

function reluGradient(original: tf.GradConfig): tf.GradConfig {
  return {
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const fused = tf.getBackend() === 'cpu' && tf.getKernel(RELU_GRAD, 'cpu') != null && dy instanceof tf.Tensor && dy.dtype === 'float32';
      if (!fused) return original.gradFunc(dy, saved, attrs);
      const [x] = saved;
      return { x: () => tf.engine().runKernel<tf.Tensor>(RELU_GRAD, { dy, x }) };
    },
  };
}

/** Register the kernel and the gradient that uses it on the CPU backend (idempotent). */
export function installCpuReluGrad(): void {
  if (tfjsReluGradient) return;
  const original = tf.getGradient('Relu');
  if (!original) return; // Relu has no registered gradient in this build: nothing to replace.
  tfjsReluGradient = original;
  if (!tf.getKernel(RELU_GRAD, 'cpu')) tf.registerKernel({ kernelName: RELU_GRAD, backendName: 'cpu', kernelFunc: reluGradKernel });
  tf.registerGradient(reluGradient(original));
}

/** Restore tfjs's gradient of Relu and remove the kernel (tests comparing both). */
export function uninstallCpuReluGrad(): void {
  if (!tfjsReluGradient) return;
  tf.registerGradient(tfjsReluGradient);
  tfjsReluGradient = null;
  if (tf.getKernel(RELU_GRAD, 'cpu')) tf.unregisterKernel(RELU_GRAD, 'cpu');
}
