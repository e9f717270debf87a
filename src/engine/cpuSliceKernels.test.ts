import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFastCpuKernels, uninstallFastCpuKernels } from './cpuKernels';
import { sliceValues } from './cpuSliceKernels';
import { useCpuBackend } from './testing';

beforeAll(useCpuBackend);
afterAll(installFastCpuKernels);

describe('sliceValues', () => {
  it('copies a box of a row-major array', () => {
    // shape [2,3,4], values 0..23; take [1, 1..2, 1..3]
    const v = Float32Array.from({ length: 24 }, (_, i) => i);
    expect(Array.from(sliceValues(v, [2, 3, 4], [1, 1, 1], [1, 2, 3]))).toEqual([17, 18, 19, 21, 22, 23]);
    expect(Array.from(sliceValues(v, [2, 3, 4], [0, 0, 2], [2, 3, 1]))).toEqual([2, 6, 10, 14, 18, 22]);
    expect(Array.from(sliceValues(v, [2, 3, 4], [1, 0, 0], [1, 3, 4]))).toEqual(Array.from({ length: 12 }, (_, i) => 12 + i));
    expect(sliceValues(v, [2, 3, 4], [0, 0, 0], [2, 0, 4]).length).toBe(0);
    const ints = sliceValues(Int32Array.from([5, 6, 7]), [3], [1], [2]);
    expect(ints).toBeInstanceOf(Int32Array);
    expect(Array.from(ints)).toEqual([6, 7]);
  });
});

describe('fast Slice and SplitV kernels', () => {
  it('match tfjs-backend-cpu on forward values and gradients, for float32 and int32', async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.randomNormal<tf.Rank.R4>([2, 5, 4, 70], 0, 1, 'float32', 7);
        const parts = tf.split(x, [10, 25, 35], 3);
        const sl = [tf.slice(x, [1, 1, 0, 3], [1, 3, -1, 60]), tf.slice(x, [0, 2], [2, 2]), tf.slice(x, [0, 0, 1, 0], [-1, -1, 2, 4])];
        const ints = tf.split(tf.range(0, 24, 1, 'int32').reshape([2, 3, 4]), 2, 2);
        // Gradient of a channel concat is a SplitV; gradient of a slice pads, so check a function of both.
        const g = tf.grad((t: tf.Tensor) => {
          const [a, b] = tf.split(t, [30, 40], 3);
          return tf.sum(tf.mul(tf.concat([tf.square(b), a], 3), tf.slice(t, [0, 0, 0, 0], [-1, -1, -1, 70])));
        })(x);
        return [...parts, ...sl, ...ints, g];
      });
    uninstallFastCpuKernels();
    const ref = run();
    installFastCpuKernels();
    const fast = run();
    expect(fast.length).toBe(ref.length);
    for (let i = 0; i < ref.length; i++) {
      expect(fast[i].shape).toEqual(ref[i].shape);
      expect(fast[i].dtype).toBe(ref[i].dtype);
      expect(Array.from(await fast[i].data())).toEqual(Array.from(await ref[i].data()));
    }
    tf.dispose([...ref, ...fast]);
  });
});
