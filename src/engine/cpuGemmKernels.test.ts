/** The product-based CPU kernels (cpuGemmKernels.ts) against tfjs-backend-cpu's own on the shapes the engine builds and a few it does not. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFastCpuKernels, uninstallFastCpuKernels } from './cpuKernels';
import { useCpuBackend } from './testing';
import { setWasmKernels } from './wasm/instance';

beforeAll(useCpuBackend);
afterAll(installFastCpuKernels); // other files in this worker expect them installed

type Pad = 'same' | 'valid' | number;
type Case = { b: number; h: number; w: number; cin: number; cout: number; k: number; s: number; pad: Pad };
const cases: Case[] = [
  { b: 3, h: 6, w: 6, cin: 8, cout: 12, k: 1, s: 1, pad: 'valid' }, // pointwise: no copy
  { b: 2, h: 5, w: 7, cin: 5, cout: 6, k: 1, s: 1, pad: 'same' }, // pointwise, odd channels
  { b: 2, h: 7, w: 7, cin: 6, cout: 5, k: 1, s: 2, pad: 'same' }, // strided 1×1: patches
  { b: 2, h: 7, w: 7, cin: 1, cout: 8, k: 3, s: 1, pad: 'same' }, // the stem
  { b: 3, h: 9, w: 8, cin: 4, cout: 7, k: 5, s: 2, pad: 'same' },
  { b: 1, h: 8, w: 8, cin: 3, cout: 4, k: 3, s: 2, pad: 'valid' },
  { b: 2, h: 6, w: 6, cin: 4, cout: 4, k: 3, s: 1, pad: 2 },
  { b: 5, h: 64, w: 64, cin: 8, cout: 6, k: 3, s: 1, pad: 'same' }, // patches in several chunks (3 images, then 2)
  { b: 3, h: 9, w: 9, cin: 16, cout: 16, k: 1, s: 1, pad: 'valid' }, // output columns a whole number of 8: dy copied as it is
];

/** Output, input gradient and filter gradient of conv2d for fixed inputs (half of x zero, as after ReLU). */
function convAll(c: Case): tf.Tensor[] {
  return tf.tidy(() => {
    const x = tf.relu(tf.randomNormal<tf.Rank.R4>([c.b, c.h, c.w, c.cin], 0, 1, 'float32', 1));
    const w = tf.randomNormal<tf.Rank.R4>([c.k, c.k, c.cin, c.cout], 0, 1, 'float32', 2);
    const y = tf.conv2d(x, w, c.s, c.pad);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3);
    const f = (xt: tf.Tensor, wt: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, c.s, c.pad), dy));
    const [gx, gw] = tf.grads(f)([x, w]);
    return [y, gx, gw];
  });
}

function matmulAll(): tf.Tensor[] {
  return tf.tidy(() => {
    const r = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
    return [
      tf.matMul(r([9, 6], 1), r([6, 5], 2)), // the dense layer
      tf.matMul(r([6, 9], 3), r([6, 5], 4), true, false),
      tf.matMul(r([9, 6], 5), r([5, 6], 6), false, true),
      tf.matMul(r([6, 9], 7), r([5, 6], 8), true, true),
      tf.matMul(r([2, 7, 6], 9), r([2, 6, 5], 10)), // batched
      tf.matMul(r([3, 7, 6], 11), r([6, 5], 12)), // one side unbatched
      tf.matMul(r([7, 6], 13), r([3, 6, 5], 14)),
      tf.matMul(r([2, 1, 7, 6], 15), r([3, 6, 5], 16)), // broadcast: tfjs's kernel
      tf.matMul(r([1, 40], 17), r([40, 6], 18)), // BN's ones-row product: rows of B summed
      tf.matMul(r([1, 40], 21), r([1, 6], 22), true, false), // its gradient, an outer product
      tf.matMul(r([2, 3, 40], 23), r([2, 40, 2], 24)), // thin, batched
      tf.matMul(r([1, 40], 25), r([6, 40], 26), false, true), // thin with a transposed B: tfjs's kernel
      tf.matMul(tf.cast(r([5, 4], 19), 'int32'), tf.cast(r([4, 5], 20), 'int32')), // int32: tfjs's kernel
    ];
  });
}

/** What a reloaded LayersModel runs: conv or dense with a bias and an activation, in one kernel. */
function fusedAll(): tf.Tensor[] {
  return tf.tidy(() => {
    const r = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
    const x = r([2, 6, 6, 5], 1) as tf.Tensor4D;
    const out: tf.Tensor[] = [];
    for (const [k, s] of [
      [1, 1],
      [3, 2],
    ]) {
      const w = r([k, k, 5, 6], 2 + k) as tf.Tensor4D;
      const bias = r([6], 3);
      for (const activation of ['linear', 'relu', 'relu6', 'elu'] as const) out.push(tf.fused.conv2d({ x, filter: w, strides: s, pad: 'same', bias, activation }));
      out.push(tf.fused.conv2d({ x, filter: w, strides: s, pad: 'same' }));
      out.push(tf.fused.conv2d({ x, filter: w, strides: s, pad: 'same', bias, activation: 'prelu', preluActivationWeights: r([6], 4) })); // tfjs's kernel
    }
    const a = r([9, 7], 5);
    const b = r([7, 6], 6);
    for (const activation of ['linear', 'relu', 'relu6', 'elu'] as const) out.push(tf.fused.matMul({ a, b, bias: r([6], 7), activation }));
    out.push(tf.fused.matMul({ a, b: tf.transpose(b), transposeB: true, bias: r([6], 8), activation: 'relu' }));
    out.push(tf.fused.matMul({ a: r([2, 9], 9), b: r([9, 6], 10), bias: r([6], 11) })); // two rows: tfjs's kernel
    return out;
  });
}

async function expectClose(fast: tf.Tensor[], ref: tf.Tensor[]): Promise<void> {
  expect(fast.length).toBe(ref.length);
  for (let i = 0; i < ref.length; i++) {
    expect(fast[i].shape).toEqual(ref[i].shape);
    expect(fast[i].dtype).toBe(ref[i].dtype);
    const [f, r] = [await fast[i].data(), await ref[i].data()];
    let scale = 1;
    for (let j = 0; j < r.length; j++) scale = Math.max(scale, Math.abs(r[j]));
    let worst = 0;
    for (let j = 0; j < r.length; j++) worst = Math.max(worst, Math.abs(f[j] - r[j]));
    expect(worst / scale).toBeLessThan(1e-5);
  }
}

describe('CPU conv2d and matMul as tiled products', () => {
  it('give the same conv2d output, input gradient and filter gradient as tfjs-backend-cpu, with and without WebAssembly', async () => {
    try {
      for (const wasm of [true, false]) {
        setWasmKernels(wasm);
        for (const c of cases) {
          uninstallFastCpuKernels();
          const ref = convAll(c);
          installFastCpuKernels();
          const fast = convAll(c);
          await expectClose(fast, ref);
          tf.dispose([...ref, ...fast]);
        }
      }
    } finally {
      setWasmKernels(true);
    }
  });

  it('give the same matMul with every transpose and batch layout, and hand the rest to tfjs', async () => {
    uninstallFastCpuKernels();
    const ref = matmulAll();
    installFastCpuKernels();
    const fast = matmulAll();
    await expectClose(fast, ref);
    tf.dispose([...ref, ...fast]);
  });

  it('give the same fused conv2d and matMul (bias, linear/ReLU/ReLU6), and hand other activations to tfjs', async () => {
    uninstallFastCpuKernels();
    const ref = fusedAll();
    installFastCpuKernels();
    const fast = fusedAll();
    await expectClose(fast, ref);
    tf.dispose([...ref, ...fast]);
  });

  it('hand NCHW convs to tfjs (same answer, no crash)', async () => {
    // tfjs-backend-cpu's Conv2D accepts NCHW; the fast path must not read it as NHWC.
    const run = () => tf.tidy(() => tf.conv2d(tf.randomNormal<tf.Rank.R4>([1, 2, 5, 5], 0, 1, 'float32', 4), tf.randomNormal<tf.Rank.R4>([3, 3, 2, 4], 0, 1, 'float32', 5), 1, 'same', 'NCHW'));
    uninstallFastCpuKernels();
    let ref: tf.Tensor | null = null;
    try {
      ref = run();
    } catch {
      ref = null; // this tfjs build refuses NCHW on CPU: then so must the fast one
    }
    installFastCpuKernels();
    if (ref) {
      const fast = run();
      await expectClose([fast], [ref]);
      tf.dispose([fast, ref]);
    } else {
      expect(run).toThrow();
    }
  });
});
