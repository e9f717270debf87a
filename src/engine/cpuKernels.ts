/**
 * Faster CPU kernels for the ops that dominate training on tfjs's pure-JS CPU backend (tfjs 4.22). Each replacement
 * computes the same maths with typed-array loops and hands any case it does not cover (NCHW, dilation, depth
 * multiplier, other broadcasts, other dtypes) to tfjs:
 * - Conv2D, its input and filter gradients, the fused conv and matMul a reloaded LayersModel runs, and BatchMatMul, as
 *   products of 4×4 register tiles (cpuGemm.ts, cpuGemmKernels.ts);
 * - the depthwise filter and input gradients (cpuConvKernels.ts);
 * - Multiply / Add / Sub for same-shape and trailing-vector operands (cpuBinaryKernels.ts), Relu and Step
 *   (cpuUnaryKernels.ts), and ReLU's gradient as one kernel instead of Step then Multiply (cpuReluGrad.ts);
 * - Slice and SplitV by contiguous runs (cpuSliceKernels.ts);
 * - global average pooling and its gradient (cpuPoolKernels.ts);
 * - batch norm with given statistics, as every evaluation runs it (cpuBatchNormInference.ts);
 * - and, under the engine's own names, training-mode batch norm and its gradient as two fused kernels
 *   (cpuBatchNormKernels.ts), which engine/batchNorm.ts uses while they are registered.
 * `npx tsx scripts/cpu-step.ts` times a training step with these or with tfjs's own (`--kernels tfjs`); the README
 * has the figures. Opt-in (global tfjs state): the CLI, the tests and the app's worker on the CPU backend call
 * installFastCpuKernels(); the browser's GPU path never uses it.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc } from './cpuBackend';
import { BN_INFERENCE_REPLACEMENTS } from './cpuBatchNormInference';
import { registerCpuBatchNorm, unregisterCpuBatchNorm } from './cpuBatchNormKernels';
import { BINARY_REPLACEMENTS } from './cpuBinaryKernels';
import { CONV_REPLACEMENTS } from './cpuConvKernels';
import { installCpuReluGrad, uninstallCpuReluGrad } from './cpuReluGrad';
import { GEMM_REPLACEMENTS } from './cpuGemmKernels';
import { POOL_REPLACEMENTS } from './cpuPoolKernels';
import { fastSlice, fastSplitV } from './cpuSliceKernels';
import { UNARY_REPLACEMENTS } from './cpuUnaryKernels';

const originals = new Map<string, tf.KernelConfig>();

/** Kernel name → the fast kernel, given the original one to fall back to. */
const REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [
  ...GEMM_REPLACEMENTS,
  ...CONV_REPLACEMENTS,
  ...BINARY_REPLACEMENTS,
  ...UNARY_REPLACEMENTS,
  ...POOL_REPLACEMENTS,
  ...BN_INFERENCE_REPLACEMENTS,
  ['Slice', fastSlice],
  ['SplitV', fastSplitV],
];

/** Replace the CPU backend's kernels listed in REPLACEMENTS by the fast versions (idempotent). */
export function installFastCpuKernels(): void {
  if (tf.getKernel('Multiply', 'cpu')) {
    // only where the CPU backend is bundled
    registerCpuBatchNorm();
    installCpuReluGrad();
  }
  for (const [name, make] of REPLACEMENTS) {
    if (originals.has(name)) continue;
    const cfg = tf.getKernel(name, 'cpu');
    if (!cfg) continue; // CPU backend not bundled here: nothing to speed up.
    originals.set(name, cfg);
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel({ ...cfg, kernelFunc: make(cfg.kernelFunc) });
  }
}

/** Restore tfjs's own kernels (for tests comparing both). */
export function uninstallFastCpuKernels(): void {
  unregisterCpuBatchNorm();
  uninstallCpuReluGrad();
  for (const [name, cfg] of originals) {
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel(cfg);
  }
  originals.clear();
}
