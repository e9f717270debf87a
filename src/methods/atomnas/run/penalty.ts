/** The two forms of AtomNAS's ρ·Σ penalty·|γ| term on the dw-BN gates of the surviving atoms (tensor code). */
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../../../engine/network';
import type { BlockAtoms } from './atoms';

/** ρ(t)·Σ_b Σ_i penalty_i·|γ_i| (inside the gradient tape; used when the proximal step is off). */
export function penaltyTerm(net: Network, atoms: readonly BlockAtoms[], penalties: readonly tf.Tensor1D[], rho: number): tf.Scalar {
  const terms = atoms.map((b, i) => tf.sum(tf.mul(penalties[i], tf.abs(net.params.get(`L${b.layer}.dw.bn.gamma`)))));
  // Pairwise adds, not addN: one addN over many inputs exceeds WebGPU's per-stage storage-buffer limit (8 on some devices).
  const total = terms.reduce<tf.Tensor>((a, t) => tf.add(a, t), tf.scalar(0));
  return tf.mul<tf.Scalar>(total, rho);
}

/**
 * [ours] γ ← sign(γ)·max(|γ| − k·penalty, 0) with k = η·ρ(t): the L1 term handled exactly, so gates reach 0 instead of
 * hovering near it. The caller passes η = lr/(1 − μ), the step a constant gradient gets from momentum μ, so ρ pulls as
 * hard as the L1 subgradient would with the proximal step off and one ρ means the same in both modes.
 */
export function proximalStep(net: Network, atoms: readonly BlockAtoms[], penalties: readonly tf.Tensor1D[], k: number): void {
  tf.tidy(() => {
    atoms.forEach((b, i) => {
      const g = net.params.get(`L${b.layer}.dw.bn.gamma`);
      g.assign(tf.mul(tf.sign(g), tf.relu(tf.sub(tf.abs(g), tf.mul(penalties[i], k)))));
    });
  });
}
