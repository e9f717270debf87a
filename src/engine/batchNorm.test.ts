import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormTrain } from './batchNorm';
import { BN_BACKWARD, BN_FORWARD, cpuBatchNormActive, registerCpuBatchNorm, unregisterCpuBatchNorm } from './cpuBatchNormKernels';
import { useCpuBackend, liveTensors } from './testing';

beforeAll(useCpuBackend);

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

/** Run `body` with the CPU's fused BN kernels registered (`fused`) or not (the op-by-op form every backend has). */
async function withFused(fused: boolean, body: () => Promise<void>): Promise<void> {
  if (fused) registerCpuBatchNorm();
  else unregisterCpuBatchNorm();
  try {
    expect(cpuBatchNormActive()).toBe(fused);
    await body();
  } finally {
    registerCpuBatchNorm();
  }
}

describe.each([
  ['op by op', false],
  ['fused CPU kernels', true],
])('batchNormTrain, %s', (_name, fused) => {
  // [3, 4, 5, 6]: 60 rows, one block of 4 channels and 2 left over; [5, 6, 7, 9]: 210 rows (the fused kernels' chunks
  // of 64 and a partial one), two blocks and 1 left over.
  it.each([[[3, 4, 5, 6]], [[5, 6, 7, 9]]] as [[number, number, number, number]][])('matches tf.moments + tf.batchNorm in value, statistics and gradients (x, γ, β), shape %j', (shape) => withFused(fused, async () => {
    const c = shape[3];
    const x = tf.randomNormal<tf.Rank.R4>(shape, 1, 2, 'float32', 4);
    const g = tf.randomUniform<tf.Rank.R1>([c], 0.5, 1.5, 'float32', 5);
    const b = tf.randomNormal<tf.Rank.R1>([c], 0, 1, 'float32', 6);
    const w = tf.randomNormal(shape, 0, 1, 'float32', 7);
    const eps = 1e-5;
    const loss = (custom: boolean) => (xi: tf.Tensor, gi: tf.Tensor, bi: tf.Tensor) => {
      if (custom) {
        const r = batchNormTrain(xi as tf.Tensor4D, gi as tf.Tensor1D, bi as tf.Tensor1D, eps);
        tf.dispose([r.mean, r.variance]);
        return tf.sum(tf.mul(r.y, w));
      }
      const { mean, variance } = tf.moments(xi, [0, 1, 2]);
      return tf.sum(tf.mul(tf.batchNorm4d(xi as tf.Tensor4D, mean as tf.Tensor1D, variance as tf.Tensor1D, bi as tf.Tensor1D, gi as tf.Tensor1D, eps), w));
    };
    const before = liveTensors();
    const mine = tf.grads(loss(true))([x, g, b]);
    const ref = tf.grads(loss(false))([x, g, b]);
    for (let i = 0; i < 3; i++) expect(await maxAbsDiff(mine[i], ref[i])).toBeLessThan(1e-4);
    const r = batchNormTrain(x, g, b, eps);
    const m = tf.moments(x, [0, 1, 2]);
    expect(await maxAbsDiff(r.mean, m.mean)).toBeLessThan(1e-5);
    expect(await maxAbsDiff(r.variance, m.variance)).toBeLessThan(1e-4);
    const yRef = tf.batchNorm4d(x, m.mean as tf.Tensor1D, m.variance as tf.Tensor1D, b, g, eps);
    expect(await maxAbsDiff(r.y, yRef)).toBeLessThan(1e-4);
    tf.dispose([...mine, ...ref, r.y, r.mean, r.variance, m.mean, m.variance, yRef]);
    expect(liveTensors()).toBe(before);
    tf.dispose([x, g, b, w]);
  }));

  it('keeps the variance of a channel whose mean is far above its spread (centred sums, no E[x²] − μ² about 0)', () => withFused(fused, async () => {
    const x = tf.tidy(() => tf.add<tf.Tensor4D>(tf.randomNormal<tf.Rank.R4>([4, 3, 3, 2], 0, 0.01, 'float32', 9), 1000));
    const r = batchNormTrain(x, tf.ones([2]), tf.zeros([2]), 1e-8);
    const m = tf.moments(tf.sub(x, 1000), [0, 1, 2]);
    const got = await r.variance.data();
    const want = await m.variance.data();
    for (let j = 0; j < 2; j++) expect(Math.abs(got[j] - want[j]) / want[j]).toBeLessThan(0.05);
    tf.dispose([x, r.y, r.mean, r.variance, m.mean, m.variance]);
  }));
});

describe('fused CPU batch norm', () => {
  it('is what a training step runs on the CPU: two kernels instead of the sums, subs and products', async () => {
    const x = tf.randomNormal<tf.Rank.R4>([2, 3, 3, 4], 0, 1, 'float32', 3);
    const count = async (fused: boolean) => {
      let names: string[] = [];
      await withFused(fused, async () => {
        const p = await tf.profile(() => {
          const grads = tf.grads((xi: tf.Tensor) => {
            const r = batchNormTrain(xi as tf.Tensor4D, tf.ones([4]), tf.zeros([4]), 1e-5);
            tf.dispose([r.mean, r.variance]);
            return tf.sum(tf.square(r.y));
          })([x]);
          tf.dispose(grads);
        });
        names = p.kernels.map((k) => k.name);
      });
      return names;
    };
    const fusedNames = await count(true);
    expect(fusedNames).toContain(BN_FORWARD);
    expect(fusedNames).toContain(BN_BACKWARD);
    expect(fusedNames.filter((n) => n === 'Sub' || n === 'BatchMatMul')).toEqual([]);
    const plain = await count(false);
    expect(plain).not.toContain(BN_FORWARD);
    expect(plain.length).toBeGreaterThan(fusedNames.length);
    x.dispose();
  });
});

describe('fused CPU batch norm on WebAssembly (Node)', () => {
  it('gives the JavaScript loops\' numbers exactly: value, statistics and all three gradients, over several row chunks', async () => {
    const { setWasmKernels } = await import('./wasm/instance');
    registerCpuBatchNorm();
    const run = (shape: [number, number, number, number]) =>
      tf.tidy(() => {
        const c = shape[3];
        const x = tf.randomNormal<tf.Rank.R4>(shape, 3, 2, 'float32', 14);
        const g = tf.randomUniform<tf.Rank.R1>([c], 0.5, 1.5, 'float32', 15);
        const b = tf.randomNormal<tf.Rank.R1>([c], 0, 1, 'float32', 16);
        const w = tf.randomNormal(shape, 0, 1, 'float32', 17);
        const f = (xi: tf.Tensor, gi: tf.Tensor, bi: tf.Tensor) => {
          const r = batchNormTrain(xi as tf.Tensor4D, gi as tf.Tensor1D, bi as tf.Tensor1D, 1e-5);
          return tf.sum(tf.mul(r.y, w));
        };
        const r = batchNormTrain(x, g, b, 1e-5);
        return [r.y, r.mean, r.variance, ...tf.grads(f)([x, g, b])];
      });
    try {
      // 210 rows of 8 and 450 rows of 12 channels (chunks of 64 rows and a partial one); 22 and 6 channels (sums of
      // the blocks of 4 on WebAssembly and of the 2 left over in JavaScript; the output on WebAssembly), 9 channels
      // (sums of 8 on WebAssembly, the output in JavaScript) and 3 (all JavaScript).
      const shapes: [number, number, number, number][] = [[5, 6, 7, 8], [2, 15, 15, 12], [2, 9, 9, 22], [3, 7, 7, 6], [2, 3, 4, 9], [2, 5, 5, 3]];
      for (const shape of shapes) {
        setWasmKernels(false);
        const js = run(shape);
        setWasmKernels(true);
        const wasm = run(shape);
        for (let i = 0; i < js.length; i++) expect(Array.from(await wasm[i].data())).toEqual(Array.from(await js[i].data()));
        tf.dispose([...js, ...wasm]);
      }
    } finally {
      setWasmKernels(true);
    }
  });
});
