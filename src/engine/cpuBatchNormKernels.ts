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
import { affineWasm, pairSumsWasm } from './cpuElementwiseWasm';

export const BN_FORWARD = 'EngineBatchNormTrain';
export const BN_BACKWARD = 'EngineBatchNormTrainGrad';

function floats(backend: CpuBackendLike, t: tf.TensorInfo): ArrayLike<number> {
  if (t.dtype !== 'float32') throw new Error(`${BN_FORWARD}: expected float32, got ${t.dtype}`);
  return backend.data.get(t.dataId).values;
}

/**
 * Rows per chunk. Every loop below walks a chunk of rows once per block of four channels, with the block's sums (or
 * factors) in local variables, so the chunk is read from memory once and then from cache. Row by row with the sums in a
 * Float64Array (a load and a store per element) took about 3× as long.
 */
const CHUNK = 64;

/**
 * Per column j of two [n, c] matrices p and q, in float64: Σ (p − cp_j) and Σ (p − cp_j)·(q − cq_j). The forward's
 * moments are (x, K, x, K); the gradient's sums are (dy, 0, x, μ).
 */
function pairSums(p: ArrayLike<number>, cp: ArrayLike<number>, q: ArrayLike<number>, cq: ArrayLike<number>, n: number, c: number): { first: Float64Array; second: Float64Array } {
  if (p instanceof Float32Array && q instanceof Float32Array && cp instanceof Float64Array) {
    const w = pairSumsWasm(p, cp, q, cq instanceof Float64Array ? cq : Float64Array.from(cq), n, c);
    if (w) {
      // The columns past the last block of 4: each one's running sum over the rows in order, as the loop below does.
      for (let j = c - (c % 4); j < c; j++) {
        for (let i = j; i < n * c; i += c) {
          const d = p[i] - cp[j];
          w.first[j] += d;
          w.second[j] += d * (q[i] - cq[j]);
        }
      }
      return w;
    }
  }
  const first = new Float64Array(c);
  const second = new Float64Array(c);
  for (let r0 = 0; r0 < n; r0 += CHUNK) {
    const end = Math.min(n, r0 + CHUNK) * c;
    let j = 0;
    for (; j + 4 <= c; j += 4) {
      const p0 = cp[j];
      const p1 = cp[j + 1];
      const p2 = cp[j + 2];
      const p3 = cp[j + 3];
      const q0 = cq[j];
      const q1 = cq[j + 1];
      const q2 = cq[j + 2];
      const q3 = cq[j + 3];
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let i = r0 * c + j; i < end; i += c) {
        const d0 = p[i] - p0;
        const d1 = p[i + 1] - p1;
        const d2 = p[i + 2] - p2;
        const d3 = p[i + 3] - p3;
        a0 += d0;
        a1 += d1;
        a2 += d2;
        a3 += d3;
        b0 += d0 * (q[i] - q0);
        b1 += d1 * (q[i + 1] - q1);
        b2 += d2 * (q[i + 2] - q2);
        b3 += d3 * (q[i + 3] - q3);
      }
      first[j] += a0;
      first[j + 1] += a1;
      first[j + 2] += a2;
      first[j + 3] += a3;
      second[j] += b0;
      second[j + 1] += b1;
      second[j + 2] += b2;
      second[j + 3] += b3;
    }
    for (; j < c; j++) {
      for (let i = r0 * c + j; i < end; i += c) {
        const d = p[i] - cp[j];
        first[j] += d;
        second[j] += d * (q[i] - cq[j]);
      }
    }
  }
  return { first, second };
}

/**
 * Per-column mean and (biased) variance of an [n, c] matrix in one pass, in float64, about the first row's values K:
 * mean = K + Σ(x − K)/n, variance = Σ(x − K)²/n − (Σ(x − K)/n)². K is a sample of the column, so |mean − K| is of the
 * order of the spread and nothing cancels that float64 cannot hold (unlike E[x²] − μ² about 0 in float32).
 */
function columnMoments(x: ArrayLike<number>, n: number, c: number): { mean: Float64Array; variance: Float64Array } {
  const k = new Float64Array(c);
  for (let j = 0; j < c; j++) k[j] = x[j];
  const { first, second } = pairSums(x, k, x, k, n, c);
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const m = first[j] / n;
    mean[j] = k[j] + m;
    variance[j] = Math.max(0, second[j] / n - m * m);
  }
  return { mean, variance };
}

/** out = u·a + v·b + shift per column (v and b may be null: out = u·a + shift), for an [n, c] matrix. */
function affine(u: ArrayLike<number>, a: Float64Array, v: ArrayLike<number> | null, b: Float64Array | null, shift: Float64Array, out: Float32Array, n: number, c: number): void {
  if (u instanceof Float32Array && (v === null || v instanceof Float32Array) && affineWasm(u, a, v, b, shift, out, n, c)) return;
  const vv = v ?? u;
  const bb = b ?? new Float64Array(c);
  for (let r0 = 0; r0 < n; r0 += CHUNK) {
    const end = Math.min(n, r0 + CHUNK) * c;
    let j = 0;
    for (; j + 4 <= c; j += 4) {
      const a0 = a[j];
      const a1 = a[j + 1];
      const a2 = a[j + 2];
      const a3 = a[j + 3];
      const b0 = bb[j];
      const b1 = bb[j + 1];
      const b2 = bb[j + 2];
      const b3 = bb[j + 3];
      const h0 = shift[j];
      const h1 = shift[j + 1];
      const h2 = shift[j + 2];
      const h3 = shift[j + 3];
      for (let i = r0 * c + j; i < end; i += c) {
        out[i] = u[i] * a0 + vv[i] * b0 + h0;
        out[i + 1] = u[i + 1] * a1 + vv[i + 1] * b1 + h1;
        out[i + 2] = u[i + 2] * a2 + vv[i + 2] * b2 + h2;
        out[i + 3] = u[i + 3] * a3 + vv[i + 3] * b3 + h3;
      }
    }
    for (; j < c; j++) {
      for (let i = r0 * c + j; i < end; i += c) out[i] = u[i] * a[j] + vv[i] * bb[j] + shift[j];
    }
  }
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
  affine(xv, scale, null, null, shift, y, n, c);
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
  // Σ dy and Σ dy·(x − μ) per channel.
  const { first: dBeta, second: sumDyXc } = pairSums(dyv, new Float64Array(c), xv, mu, n, c);
  const dGamma = sumDyXc.map((s, j) => s * iv[j]);
  const scale = new Float64Array(c).map((_, j) => g[j] * iv[j]);
  const kx = scale.map((s, j) => (-s * iv[j] * dGamma[j]) / n);
  // ∂x = s·dy + kx·(x − μ) − s·∂β/N, with the constant terms folded into one shift per channel.
  const shift = scale.map((s, j) => (-s * dBeta[j]) / n - mu[j] * kx[j]);
  const dx = new Float32Array(n * c);
  affine(dyv, scale, xv, kx, shift, dx, n, c);
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
