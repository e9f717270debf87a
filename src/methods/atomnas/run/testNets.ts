/**
 * Test fixtures shared by the AtomNAS tensor tests (not imported by app code): a small spec with a non-residual
 * multi-branch block and a residual multi-branch block, and helpers that make BN state non-trivial.
 */
import * as tf from '@tensorflow/tfjs';
import { ARCHSPEC_VERSION, type ArchSpec } from '../../../core/archspec';
import { rngStream, type Rng } from '../../../core/rng';
import type { Network } from '../../../engine/network';

/** stem → fixed MB → L2 non-residual MB (k3:3, k5:2, k7:2) → L3 residual MB (k3:2, k5:3) → head → gap → dense. */
export function fixtureSpec(): ArchSpec {
  return {
    version: ARCHSPEC_VERSION,
    name: 'fixture',
    input: { height: 8, width: 8, channels: 1 },
    numClasses: 3,
    layers: [
      { type: 'conv', cin: 1, cout: 4, k: 3, stride: 1, relu: true },
      { type: 'mb', cin: 4, cout: 4, stride: 1, branches: [{ k: 3, hidden: 4 }], residual: true, expand: false },
      { type: 'mb', cin: 4, cout: 6, stride: 2, branches: [{ k: 3, hidden: 3 }, { k: 5, hidden: 2 }, { k: 7, hidden: 2 }], residual: false },
      { type: 'mb', cin: 6, cout: 6, stride: 1, branches: [{ k: 3, hidden: 2 }, { k: 5, hidden: 3 }], residual: true },
      { type: 'conv', cin: 6, cout: 8, k: 1, stride: 1, relu: true },
      { type: 'gap' },
      { type: 'dense', cin: 8, cout: 3 },
    ],
    meta: { fixedLayer: 1 },
  };
}

function randn(shape: number[], rng: Rng, scale: number, offset = 0): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => offset + scale * rng.normal()), shape);
}

/** Give every BN random γ, β (β of both signs, so ReLU(β) matters), running mean and a positive running variance. */
export function randomiseBn(net: Network, seed = 3): void {
  const rng = rngStream(seed, 'bn');
  for (const name of net.params.names()) {
    const e = net.params.entry(name);
    const v = e.variable;
    let t: tf.Tensor | null = null;
    if (e.role === 'bn-gamma') t = randn(v.shape, rng, 0.3, 1);
    else if (e.role === 'bn-beta') t = randn(v.shape, rng, 0.5);
    else if (e.role === 'bn-mean') t = randn(v.shape, rng, 0.4);
    else if (e.role === 'bn-var') t = tf.tidy(() => tf.add(tf.abs(randn(v.shape, rng, 0.5)), 0.5));
    if (t) {
      net.params.set(name, t);
      t.dispose();
    }
  }
}

/** Set γ of channels `channels` of `L{layer}.dw.bn.gamma` to exactly 0. */
export function zeroGates(net: Network, layer: number, channels: number[]): void {
  const name = `L${layer}.dw.bn.gamma`;
  const g = Float32Array.from(net.params.get(name).dataSync());
  for (const c of channels) g[c] = 0;
  const t = tf.tensor1d(g);
  net.params.set(name, t);
  t.dispose();
}

/** A deterministic input batch in [0, 1]. */
export function fixtureBatch(n = 5, seed = 11): tf.Tensor4D {
  const rng = rngStream(seed, 'x');
  return tf.tensor4d(Float32Array.from({ length: n * 64 }, () => rng.next()), [n, 8, 8, 1]);
}

/** Host copy of every gate array (`L{i}.dw.bn.gamma`) of `layers`. */
export function gatesOf(net: Network, layers: number[]): Float32Array[] {
  return layers.map((l) => Float32Array.from(net.params.get(`L${l}.dw.bn.gamma`).dataSync()));
}
