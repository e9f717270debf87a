/**
 * Faster CPU kernels for the ops that dominate training on tfjs's pure-JS CPU backend (tfjs 4.22), measured on one
 * training step of the default AtomNAS supernet at batch 64 on this project's 2-core machine: 28.7 s with tfjs's own
 * kernels (of which SplitV 17.8 s), 8.2 s with these. Each replacement computes the same maths with typed-array loops
 * and hands any case it does not cover (NCHW, dilation, depth multiplier, other broadcasts, other dtypes) to tfjs:
 * - conv2d / depthwise filter gradients and the depthwise input gradient (cpuConvKernels.ts),
 * - Multiply / Add / Sub for same-shape and trailing-vector operands (cpuBinaryKernels.ts),
 * - Slice and SplitV by contiguous runs (cpuSliceKernels.ts).
 * Opt-in (global tfjs state): the CLI and the tests call installFastCpuKernels(); the browser's GPU path never uses it.
 */
import * as tf from '@tensorflow/tfjs';
import { BINARY_REPLACEMENTS } from './cpuBinaryKernels';
import { CONV_REPLACEMENTS } from './cpuConvKernels';
import { fastSlice, fastSplitV } from './cpuSliceKernels';

type KernelFunc = tf.KernelConfig['kernelFunc'];

const originals = new Map<string, tf.KernelConfig>();

/** Kernel name → the fast kernel, given the original one to fall back to. */
const REPLACEMENTS: readonly [string, (original: KernelFunc) => KernelFunc][] = [
  ...CONV_REPLACEMENTS,
  ...BINARY_REPLACEMENTS,
  ['Slice', fastSlice],
  ['SplitV', fastSplitV],
];

/** Replace the CPU backend's kernels listed in REPLACEMENTS by the fast versions (idempotent). */
export function installFastCpuKernels(): void {
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
  for (const [name, cfg] of originals) {
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel(cfg);
  }
  originals.clear();
}
