/**
 * Training-mode batch normalisation as two CPU kernels (tfjs-backend-cpu, float32 [N, C] views of NHWC tensors), for
 * engine/batchNorm.ts. Its op-by-op form makes about six full-size passes and four full-size temporaries forward, and
 * nine passes and five temporaries backward (sub, square, mul, add, the ones·X sums…); here the forward reads x
 * twice and writes y once, and the backward reads dy and x twice and writes dx once. Sums are float64. Same maths as
 * batchNorm.ts (the variance about a sample of each channel, not about 0; the textbook gradient):
 *   x̂ = (x − μ)·inv, inv = 1/√(σ² + ε),  y = γx̂ + β;
 *   ∂β = Σ dy,  ∂γ = inv·Σ dy·(x − μ),  ∂x = s·dy − (s·inv·∂γ/N)·(x − μ) − s·∂β/N  with s = γ·inv.
 * Registered by installFastCpuKernels (cpuKernels.ts) under the engine's own kernel names; batchNorm.ts uses them when
 * they are registered and the backend is the CPU.
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelArgs as Args } from './cpuBackend';

export const BN_FORWARD = 'EngineBatchNormTrain';
export const BN_BACKWARD = 'EngineBatchNormTrainGrad';

function floats(backend: CpuBackendLike, t: tf.TensorInfo): ArrayLike<number> {
  if (t.dtype !== 'float32') throw new Error(`${BN_FORWARD}: expected float32, got ${t.dtype}`);
  return backend.data.get(t.dataId).values;
}

/**
 * Per-column mean and (biased) variance of an [n, c] matrix in one pass, in float64, about the first row's values K:
 * mean = K + Σ(x − K)/n, variance = Σ(x − K)²/n − (Σ(x − K)/n)². K is a sample of the column, so |mean − K| is of the
 * order of the spread and nothing cancels that float64 cannot hold (unlike E[x²] − μ² about 0 in float32).
 */
function columnMoments(x: ArrayLike<number>, n: number, c: number): { mean: Float64Array; variance: Float64Array } {
  const k = new Float64Array(c);
  for (let j = 0; j < c; j++) k[j] = x[j];
  const s1 = new Float64Array(c);
  const s2 = new Float64Array(c);
  for (let base = 0; base < n * c; base += c) {
    for (let j = 0; j < c; j++) {
      const d = x[base + j] - k[j];
      s1[j] += d;
      s2[j] += d * d;
    }
  }
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const m = s1[j] / n;
    mean[j] = k[j] + m;
    variance[j] = Math.max(0, s2[j] / n - m * m);
  }
  return { mean, variance };
}

/** Inputs x [n, c], gamma [c], beta [c]; attr epsilon → y [n, c], mean [c], variance [c] (biased), inv [c]. */
function forward(args: Args): tf.TensorInfo[] {
  const backend = args.backend as unknown as CpuBackendLike;
  const { x, gamma, beta } = args.inputs as { x: tf.TensorInfo; gamma: tf.TensorInfo; beta: tf.TensorInfo };
  const epsilon = (args.attrs as { epsilon: number }).epsilon;
  const [n, c] = x.shape;
  const xv = floats(backend, x);
  const g = floats(backend, gamma);
  const b = floats(backend, beta);
  const { mean, variance } = columnMoments(xv, n, c);
  const inv = variance.map((v) => 1 / Math.sqrt(v + epsilon));
  const scale = inv.map((v, j) => v * g[j]);
  const shift = scale.map((s, j) => b[j] - mean[j] * s);
  const y = new Float32Array(n * c);
  for (let base = 0; base < n * c; base += c) {
    for (let j = 0; j < c; j++) y[base + j] = xv[base + j] * scale[j] + shift[j];
  }
  return [
    backend.makeTensorInfo([n, c], 'float32', y),
    backend.makeTensorInfo([c], 'float32', Float32Array.from(mean)),
    backend.makeTensorInfo([c], 'float32', Float32Array.from(variance)),
    backend.makeTensorInfo([c], 'float32', Float32Array.from(inv)),
  ];
}

/** Inputs dy [n, c], x [n, c], mean [c], inv [c], gamma [c] → dx [n, c], dGamma [c], dBeta [c]. */
function backward(args: Args): tf.TensorInfo[] {
  const backend = args.backend as unknown as CpuBackendLike;
  const { dy, x, mean, inv, gamma } = args.inputs as Record<'dy' | 'x' | 'mean' | 'inv' | 'gamma', tf.TensorInfo>;
  const [n, c] = x.shape;
  const dyv = floats(backend, dy);
  const xv = floats(backend, x);
  const mu = floats(backend, mean);
  const iv = floats(backend, inv);
  const g = floats(backend, gamma);
  const dBeta = new Float64Array(c);
  const sumDyXc = new Float64Array(c);
  for (let base = 0; base < n * c; base += c) {
    for (let j = 0; j < c; j++) {
      const d = dyv[base + j];
      dBeta[j] += d;
      sumDyXc[j] += d * (xv[base + j] - mu[j]);
    }
  }
  const dGamma = sumDyXc.map((s, j) => s * iv[j]);
  const scale = new Float64Array(c).map((_, j) => g[j] * iv[j]);
  const kx = scale.map((s, j) => (-s * iv[j] * dGamma[j]) / n);
  // ∂x = s·dy + kx·(x − μ) − s·∂β/N, with the constant terms folded into one shift per channel.
  const shift = scale.map((s, j) => (-s * dBeta[j]) / n - mu[j] * kx[j]);
  const dx = new Float32Array(n * c);
  for (let base = 0; base < n * c; base += c) {
    for (let j = 0; j < c; j++) dx[base + j] = dyv[base + j] * scale[j] + xv[base + j] * kx[j] + shift[j];
  }
  return [
    backend.makeTensorInfo([n, c], 'float32', dx),
    backend.makeTensorInfo([c], 'float32', Float32Array.from(dGamma)),
    backend.makeTensorInfo([c], 'float32', Float32Array.from(dBeta)),
  ];
}

/** Register both kernels on the CPU backend (idempotent). */
export function registerCpuBatchNorm(): void {
  if (tf.getKernel(BN_FORWARD, 'cpu')) return;
  tf.registerKernel({ kernelName: BN_FORWARD, backendName: 'cpu', kernelFunc: forward });
  tf.registerKernel({ kernelName: BN_BACKWARD, backendName: 'cpu', kernelFunc: backward });
}

/** Remove them again (tests comparing with the op-by-op form). */
export function unregisterCpuBatchNorm(): void {
  if (!tf.getKernel(BN_FORWARD, 'cpu')) return;
  tf.unregisterKernel(BN_FORWARD, 'cpu');
  tf.unregisterKernel(BN_BACKWARD, 'cpu');
}

/** Whether batchNorm.ts should use the kernels: on the CPU backend once they are registered. */
export function cpuBatchNormActive(): boolean {
  return tf.getBackend() === 'cpu' && tf.getKernel(BN_FORWARD, 'cpu') != null;
}
