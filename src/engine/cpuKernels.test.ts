import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFastCpuKernels, uninstallFastCpuKernels } from './cpuKernels';
import { installCpuReluGrad, uninstallCpuReluGrad } from './cpuReluGrad';
import { useCpuBackend } from './testing';
import { setWasmKernels } from './wasm/instance';

beforeAll(useCpuBackend);
afterAll(uninstallFastCpuKernels);

/**
 * `run()` with tfjs's own CPU kernels and with the engine's, with its WebAssembly kernels and without: the same shapes,
 * dtypes and values, −0 and NaN included.
 */
async function expectSameAsTfjs(run: () => tf.Tensor[]): Promise<void> {
  const bits = (v: number) => (Object.is(v, -0) ? '-0' : v);
  uninstallFastCpuKernels();
  const ref = run();
  installFastCpuKernels();
  try {
    for (const wasm of [true, false]) {
      setWasmKernels(wasm);
      const fast = run();
      for (let i = 0; i < ref.length; i++) {
        expect(fast[i].shape).toEqual(ref[i].shape);
        expect(fast[i].dtype).toBe(ref[i].dtype);
        expect(Array.from(await fast[i].data()).map(bits)).toEqual(Array.from(await ref[i].data()).map(bits));
      }
      tf.dispose(fast);
    }
  } finally {
    setWasmKernels(true);
    tf.dispose(ref);
  }
}

type Case = { h: number; w?: number; cin: number; cout: number; k: number; s: number; pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding };
const cases: Case[] = [
  { h: 7, cin: 3, cout: 5, k: 3, s: 1, pad: 'same' },
  { h: 8, cin: 2, cout: 4, k: 3, s: 2, pad: 'same' },
  { h: 9, cin: 4, cout: 3, k: 5, s: 2, pad: 'same' },
  { h: 6, cin: 3, cout: 2, k: 1, s: 1, pad: 'valid' },
  { h: 7, cin: 2, cout: 2, k: 3, s: 2, pad: 'valid' },
  { h: 9, cin: 9, cout: 2, k: 7, s: 1, pad: 'same' }, // channels past one block of 4, with a leftover
  { h: 8, cin: 8, cout: 2, k: 5, s: 2, pad: 'same' },
  { h: 5, w: 9, cin: 5, cout: 2, k: 3, s: 2, pad: 'valid' }, // not square; columns the stride never reaches
  { h: 6, w: 4, cin: 4, cout: 3, k: 5, s: 1, pad: [[0, 0], [1, 3], [2, 0], [0, 0]] }, // explicit, uneven padding
  { h: 10, w: 7, cin: 6, cout: 2, k: 3, s: 3, pad: 'same' }, // stride 3: taps that read no input in dx
  // Channel counts that are multiples of 4 take the WebAssembly depthwise kernels in Node: the same geometries again.
  { h: 7, cin: 8, cout: 3, k: 3, s: 1, pad: 'same' },
  { h: 5, w: 9, cin: 4, cout: 2, k: 3, s: 2, pad: 'valid' },
  { h: 10, w: 7, cin: 12, cout: 2, k: 3, s: 3, pad: 'same' },
  { h: 9, cin: 4, cout: 2, k: 7, s: 1, pad: 'same' },
  { h: 3, w: 2, cin: 8, cout: 2, k: 5, s: 2, pad: 'same' }, // filter larger than the image
  // 16 channels and more: the WebAssembly filter gradient's blocks of 16, then the 4, 8 or 12 left over.
  { h: 7, cin: 16, cout: 2, k: 3, s: 1, pad: 'same' },
  { h: 6, w: 5, cin: 36, cout: 2, k: 3, s: 2, pad: 'same' },
  { h: 5, cin: 44, cout: 2, k: 5, s: 1, pad: 'valid' },
];

/** Weight gradients of conv2d and depthwiseConv2d, depthwise's input gradient and output, for fixed random inputs (half the inputs zeroed, like after ReLU). */
function filterGrads(c: Case): tf.Tensor[] {
  return tf.tidy(() => {
    const x = tf.relu(tf.randomNormal<tf.Rank.R4>([2, c.h, c.w ?? c.h, c.cin], 0, 1, 'float32', 1));
    const w = tf.randomNormal<tf.Rank.R4>([c.k, c.k, c.cin, c.cout], 0, 1, 'float32', 2);
    const dw = tf.randomNormal<tf.Rank.R4>([c.k, c.k, c.cin, 1], 0, 1, 'float32', 3);
    const gConv = tf.grad((wt: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, wt as tf.Tensor4D, c.s, c.pad))))(w);
    const gDw = tf.grad((wt: tf.Tensor) => tf.sum(tf.square(tf.depthwiseConv2d(x, wt as tf.Tensor4D, c.s, c.pad))))(dw);
    const gDwIn = tf.grad((xt: tf.Tensor) => tf.sum(tf.square(tf.depthwiseConv2d(xt as tf.Tensor4D, dw, c.s, c.pad))))(x);
    const yDw = tf.depthwiseConv2d(x, dw, c.s, c.pad);
    return [gConv, gDw, gDwIn, yDw];
  });
}

describe.each([
  ['with the WebAssembly kernels', true],
  ['in JavaScript only', false],
])('installFastCpuKernels, %s', (_name, wasm) => {
  beforeAll(() => setWasmKernels(wasm));
  afterAll(() => setWasmKernels(true));

  it('gives the same filter gradients, depthwise input gradient and depthwise output as tfjs-backend-cpu', async () => {
    for (const c of cases) {
      uninstallFastCpuKernels();
      const ref = filterGrads(c);
      installFastCpuKernels();
      installFastCpuKernels(); // idempotent
      const fast = filterGrads(c);
      for (let i = 0; i < ref.length; i++) {
        expect(fast[i].shape).toEqual(ref[i].shape);
        const d = tf.tidy(() => tf.max(tf.abs(tf.sub(fast[i], ref[i]))));
        expect((await d.data())[0]).toBeLessThan(1e-3);
        d.dispose();
      }
      tf.dispose([...ref, ...fast]);
    }
  });
});

describe('fast Multiply/Add/Sub', () => {
  it('match the generic kernels for same-shape, trailing-vector, scalar and other broadcasts', async () => {
    const shapes: [number[], number[]][] = [
      [[4, 3, 5], [4, 3, 5]],
      [[6, 5], [5]],
      [[5], [6, 5]],
      [[2, 3, 4], []],
      [[], [2, 3]],
      [[2, 3, 4], [1, 4]],
      [[2, 3, 4], [3, 1]], // not trailing: falls back
      [[2, 1, 4], [3, 1]],
    ];
    const run = () =>
      shapes.flatMap(([sa, sb]) =>
        tf.tidy(() => {
          const a = tf.randomNormal(sa, 0, 1, 'float32', 11);
          const b = tf.randomNormal(sb, 0, 1, 'float32', 12);
          return [tf.mul(a, b), tf.add(a, b), tf.sub(a, b), tf.sub(b, a)];
        }),
      );
    await expectSameAsTfjs(run);
    const ints = tf.tidy(() => tf.add(tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3, 4], 'int32')));
    expect(ints.dtype).toBe('int32');
    expect(Array.from(await ints.data())).toEqual([4, 6]);
    ints.dispose();
  });
});

describe('fast Relu/Step', () => {
  it('match tfjs exactly, NaN (either sign), ±0, ±∞ and denormals included, and leave int32 to tfjs', async () => {
    // x86's default NaN (0/0) has its sign bit set: the bit-mask kernels must keep it a NaN, not clear it as negative.
    const negativeNaN = new Float32Array(Int32Array.of(0xffc00000 | 0).buffer);
    expect(Number.isNaN(negativeNaN[0])).toBe(true);
    const run = () =>
      tf.tidy(() => {
        const special = tf.tensor1d(Float32Array.of(NaN, negativeNaN[0], -0, 0, -Infinity, Infinity, 1e-40, -1e-40, 3.5e38, -3.5e38));
        const x = tf.concat([tf.randomNormal([53], 0, 1, 'float32', 21), special]); // 63: not whole 4-lane vectors
        return [tf.relu(x), tf.step(x), tf.step(x, 0.25), tf.relu(tf.tensor1d([-2, 3], 'int32'))];
      });
    await expectSameAsTfjs(run);
  });
});

describe("ReLU's gradient as one kernel", () => {
  it("gives tfjs's dy · step(x) exactly: ±0 by dy's sign, NaN where x or dy is NaN, ∞·0, any length", async () => {
    const special = Float32Array.of(NaN, -0, 0, -Infinity, Infinity, 1e-40, -1e-40, 2, -2, 0, -0, 3);
    const dySpecial = Float32Array.of(1, -1, -1, 5, Infinity, -Infinity, 2, NaN, NaN, Infinity, -Infinity, -0);
    const run = () =>
      tf.tidy(() => {
        const x = tf.concat([tf.randomNormal([53], 0, 1, 'float32', 22), tf.tensor1d(special)]); // 65: not whole 4-lane vectors
        const dy = tf.concat([tf.randomNormal([53], 0, 1, 'float32', 23), tf.tensor1d(dySpecial)]);
        return [tf.grad((v: tf.Tensor) => tf.relu(v).mul(dy).sum())(x)];
      });
    await expectSameAsTfjs(run);
  });

  it("leaves a network's gradients bit for bit as Step then Multiply gave them (relu → conv → relu)", async () => {
    const run = () =>
      tf.tidy(() => {
        const img = tf.randomNormal<tf.Rank.R4>([2, 5, 5, 4], 0, 1, 'float32', 24);
        const w = tf.randomNormal<tf.Rank.R4>([3, 3, 4, 4], 0, 1, 'float32', 25);
        return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.relu(tf.conv2d(tf.relu(a) as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')).square().sum())([img, w]);
      });
    installFastCpuKernels();
    uninstallCpuReluGrad();
    const ref = run();
    installCpuReluGrad();
    const fused = run();
    for (let i = 0; i < ref.length; i++) expect(Array.from(await fused[i].data())).toEqual(Array.from(await ref[i].data()));
    tf.dispose([...ref, ...fused]);
  });

  it("is what the CPU backend runs for Relu's gradient once installed; tfjs's Step and Multiply again after uninstalling", async () => {
    const kernelsOfGrad = async () => {
      const x = tf.randomNormal([8], 0, 1, 'float32', 26);
      const p = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.relu(v).sum())(x));
      x.dispose();
      return p.kernelNames;
    };
    try {
      installFastCpuKernels();
      const fast = await kernelsOfGrad();
      expect(fast).toContain('EngineReluGrad');
      expect(fast).not.toContain('Step');
      uninstallFastCpuKernels();
      const stock = await kernelsOfGrad();
      expect(stock).toEqual(expect.arrayContaining(['Step', 'Multiply']));
      expect(stock).not.toContain('EngineReluGrad');
    } finally {
      installFastCpuKernels();
    }
  });
});

describe('fast global AvgPool/AvgPoolGrad', () => {
  it('match tfjs exactly for a window over the whole image, and leave other pooling to tfjs', async () => {
    const run = () =>
      tf.tidy(() => {
        const out: tf.Tensor[] = [];
        for (const [b, h, w, c] of [
          [3, 7, 7, 5],
          [2, 4, 6, 9],
          [1, 1, 1, 3],
        ]) {
          const x = tf.randomNormal<tf.Rank.R4>([b, h, w, c], 0, 1, 'float32', 31 + c);
          const weights = tf.randomNormal([b, 1, 1, c], 0, 1, 'float32', 41);
          const loss = (t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, [h, w], 1, 'valid'), weights));
          out.push(tf.avgPool(x, [h, w], 2, 'valid'), tf.grad(loss)(x));
        }
        // Not global: a smaller window, and a whole-image window with 'same' padding (an H×W output).
        const x = tf.randomNormal<tf.Rank.R4>([2, 6, 6, 3], 0, 1, 'float32', 51);
        out.push(tf.avgPool(x, 3, 1, 'valid'), tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.avgPool(t as tf.Tensor4D, 3, 2, 'same'))))(x));
        out.push(tf.avgPool(x, 6, 1, 'same'), tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.avgPool(t as tf.Tensor4D, 6, 1, 'same'))))(x));
        return out;
      });
    await expectSameAsTfjs(run);
  });

  it('compute the means and spread the gradient as by hand', async () => {
    const { globalAvgPool, globalAvgPoolGrad } = await import('./cpuPoolKernels');
    // 2 images, 2×2 pixels, 2 channels: means and the spread gradient by hand.
    const x = Float32Array.of(1, 10, 2, 20, 3, 30, 4, 40, -1, 0, -1, 0, -1, 0, -1, 4);
    expect(Array.from(globalAvgPool(x, 2, 4, 2))).toEqual([2.5, 25, -1, 1]);
    expect(Array.from(globalAvgPoolGrad(Float32Array.of(4, 8, -2, 1), 2, 4, 2))).toEqual([1, 2, 1, 2, 1, 2, 1, 2, -0.5, 0.25, -0.5, 0.25, -0.5, 0.25, -0.5, 0.25]);
  });
});

describe('fast FusedBatchNorm (inference-mode batch norm)', () => {
  it('matches tfjs bit for bit: per-channel and single-value parameters, scale or offset absent, any rank', async () => {
    const run = () =>
      tf.tidy(() => {
        const x4 = tf.randomNormal<tf.Rank.R4>([3, 5, 4, 7], 2, 3, 'float32', 71);
        const m = tf.randomNormal<tf.Rank.R1>([7], 0, 1, 'float32', 72);
        const v = tf.randomUniform<tf.Rank.R1>([7], 0, 2, 'float32', 73);
        const g = tf.randomNormal<tf.Rank.R1>([7], 1, 0.5, 'float32', 74);
        const b = tf.randomNormal<tf.Rank.R1>([7], 0, 0.5, 'float32', 75);
        const x2 = tf.randomNormal<tf.Rank.R2>([11, 3], 0, 1, 'float32', 76);
        return [
          tf.batchNorm(x4, m, v, b, g, 1e-5),
          tf.batchNorm(x4, m, v, undefined, g, 1e-3),
          tf.batchNorm(x4, m, v, b, undefined),
          tf.batchNorm(x2, tf.scalar(0.5), tf.scalar(2), tf.scalar(-1), tf.scalar(3), 1e-5),
          tf.batchNorm(x2, tf.tensor1d([0, 1, -1]), tf.tensor1d([1, 0, 4]), tf.tensor1d([1, 2, 3]), tf.tensor1d([0.5, 1, 2]), 0.1),
          // Channel counts that are multiples of 4 take the WebAssembly kernel in Node: several rows, 4 and 12 channels.
          tf.batchNorm(tf.randomNormal([5, 3, 12], 1, 2, 'float32', 77), tf.randomNormal([12], 0, 1, 'float32', 78), tf.randomUniform([12], 0, 2, 'float32', 79), tf.randomNormal([12], 0, 1, 'float32', 80), tf.randomNormal([12], 1, 1, 'float32', 81), 1e-5),
          tf.batchNorm(tf.randomNormal([7, 4], 0, 3, 'float32', 82), tf.randomNormal([4], 0, 1, 'float32', 83), tf.randomUniform([4], 0, 2, 'float32', 84), undefined, undefined, 1e-3),
          // Full-size statistics (not per channel): left to tfjs.
          tf.batchNorm(x2, tf.onesLike(x2), tf.onesLike(x2)),
        ];
      });
    await expectSameAsTfjs(run);
  });

  it('computes offset + (x − mean)·scale / √(variance + ε) per channel, as by hand', async () => {
    const { batchNormInference } = await import('./cpuBatchNormInference');
    const out = batchNormInference(Float32Array.of(1, 2, 3, 4), 2, Float64Array.of(1, 0), Float64Array.of(2, 4), Float64Array.of(2, 1), Float64Array.of(0.5, -1));
    expect(Array.from(out)).toEqual([0.5, -0.5, 2.5, 0]);
  });
});
