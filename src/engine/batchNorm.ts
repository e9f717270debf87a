/**
 * Training-mode batch normalisation with an explicit gradient.
 *
 * Why not tf.moments + tf.batchNorm: on tfjs's CPU backend, broadcasting a [1,1,1,C] tensor against NHWC and reducing
 * over axes 0–2 both go through per-element index arithmetic / transposes (seconds per step at MNIST size). Here every
 * per-channel op broadcasts a [C] vector along the contiguous last axis of an [N, C] view, and channel sums are
 * ones·X matrix products on the CPU (a plain reduction elsewhere). The gradient is the textbook one:
 *   x̂ = (x − μ)/√(σ² + ε),  y = γx̂ + β,
 *   ∂β = Σ dy,  ∂γ = Σ dy·x̂,  ∂x = γ/(N√(σ² + ε)) · (N·dy − ∂β − x̂·∂γ).
 */
import * as tf from '@tensorflow/tfjs';
import { BN_BACKWARD, BN_FORWARD, cpuBatchNormActive } from './cpuBatchNormKernels';
import { constScalar as k, onesRow } from './scalars';
import { CHANNEL_SUM, ensureEngineKernels } from './webgpuKernels';

/**
 * Per-channel sum of an [N, C] matrix → [C] (not differentiable: used inside BN's explicit gradient only).
 * CPU: ones[1, N]·X. WebGPU: the engine's EngineChannelSum (one thread per column, no barrier): `tf.sum(x, 0)` over
 * the leading axis lowers to a tiled transpose that is mostly padding at C = 4–32 (issue 15: 73 % of the step on
 * SwiftShader), and ones·X to tfjs's MatMulReduceProgram, slow on SwiftShader. Other backends keep tf.sum.
 */
export function channelSum(x2: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [n, c] = x2.shape;
    const backend = tf.getBackend();
    if (backend === 'webgpu') {
      ensureEngineKernels();
      return tf.engine().runKernel<tf.Tensor1D>(CHANNEL_SUM, { x: x2 });
    }
    if (backend !== 'cpu') return tf.sum<tf.Tensor1D>(x2, 0);
    return tf.reshape<tf.Rank.R1>(tf.matMul(onesRow(n), x2), [c]);
  });
}

/** Output of a training-mode BN: normalised tensor and the (biased) batch statistics it used. */
export interface BatchNormTrainResult {
  y: tf.Tensor4D;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * Normalise x (NHWC) with its own batch statistics, scale by γ and shift by β (both [C]).
 * Differentiable with respect to x, γ and β. The returned mean/variance are kept (they survive a surrounding
 * tf.tidy or gradient tape) and must be disposed by the caller.
 */
export function batchNormTrain(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): BatchNormTrainResult {
  if (cpuBatchNormActive()) return batchNormTrainCpu(x, gamma, beta, epsilon);
  const shape = x.shape;
  const c = shape[3];
  const n = shape[0] * shape[1] * shape[2];
  let mean: tf.Tensor1D | undefined;
  let variance: tf.Tensor1D | undefined;
  // Issue 15 §5: on WebGPU a [C] vector broadcast against a matrix selects tfjs's shared-memory binary program, whose
  // shader is specialised to C (`binary_<op>_<C>`): one pipeline per op and channel count, 27 of the quick network's
  // 103 first-step compiles. As a [1, C] row it takes the general broadcasting program, one pipeline per op for every
  // C. Same values (the same per-element operations); the CPU keeps [C] (its fast path, see above).
  const row = tf.getBackend() === 'webgpu' ? (t: tf.Tensor): tf.Tensor => tf.reshape(t, [1, c]) : (t: tf.Tensor): tf.Tensor => t;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, g, b] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const x2 = tf.reshape<tf.Rank.R2>(xIn, [n, c]);
    const mu = tf.div<tf.Tensor1D>(channelSum(x2), k(n));
    // Two-pass variance (centre first): E[x²] − μ² would cancel catastrophically in float32 when |μ| ≫ σ.
    const xc = tf.sub<tf.Tensor2D>(x2, row(mu));
    const v = tf.div<tf.Tensor1D>(channelSum(tf.square(xc)), k(n));
    const inv = tf.rsqrt(tf.add(v, k(epsilon)));
    const scale = tf.mul(g, inv);
    mean = tf.keep(mu);
    variance = tf.keep(v);
    save([xc, inv, scale]);
    // Only [C]-vector broadcasts along the last axis below: the CPU backend's fast path.
    const value = tf.reshape(tf.add(tf.mul(xc, row(scale)), row(b)), shape);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [sxc, sinv, sscale] = saved;
      const dy2 = tf.reshape<tf.Rank.R2>(dy, [n, c]);
      const dBeta = channelSum(dy2);
      const sumDyXc = channelSum(tf.mul<tf.Tensor2D>(dy2, sxc));
      const dGamma = tf.mul(sumDyXc, sinv);
      // ∂x = scale·dy − scale·∂β/N − x̂·scale·∂γ/N with x̂ = xc·inv: two full-size products, one add, one shift.
      const kx = tf.neg(tf.div(tf.mul(tf.mul(sscale, sinv), dGamma), k(n)));
      const shift = tf.neg(tf.div(tf.mul(sscale, dBeta), k(n)));
      const dx = tf.add(tf.add(tf.mul(dy2, row(sscale)), tf.mul(sxc, row(kx))), row(shift));
      return [tf.reshape(dx, shape), dGamma, dBeta];
    };
    return { value, gradFunc };
  });
  const y = op(x, gamma, beta) as tf.Tensor4D;
  return { y, mean: mean!, variance: variance! };
}

/** The same op on the CPU backend as two fused kernels (cpuBatchNormKernels.ts): a few passes instead of a dozen. */
function batchNormTrainCpu(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): BatchNormTrainResult {
  const shape = x.shape;
  const c = shape[3];
  const n = shape[0] * shape[1] * shape[2];
  let mean: tf.Tensor1D | undefined;
  let variance: tf.Tensor1D | undefined;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, g, b] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const x2 = tf.reshape<tf.Rank.R2>(xIn, [n, c]);
    const [y2, mu, v, inv] = tf.engine().runKernel<tf.Tensor[]>(BN_FORWARD, { x: x2, gamma: g, beta: b }, { epsilon });
    mean = tf.keep(mu as tf.Tensor1D);
    variance = tf.keep(v as tf.Tensor1D);
    save([x2, mu, inv, g]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [sx, smu, sinv, sg] = saved;
      const dy2 = tf.reshape(dy, [n, c]);
      const [dx, dGamma, dBeta] = tf.engine().runKernel<tf.Tensor[]>(BN_BACKWARD, { dy: dy2, x: sx, mean: smu, inv: sinv, gamma: sg });
      return [tf.reshape(dx, shape), dGamma, dBeta];
    };
    return { value: tf.reshape(y2, shape), gradFunc };
  });
  const y = op(x, gamma, beta) as tf.Tensor4D;
  return { y, mean: mean!, variance: variance! };
}
