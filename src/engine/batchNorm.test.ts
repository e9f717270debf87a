import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormTrain } from './batchNorm';
import { useCpuBackend, liveTensors } from './testing';

beforeAll(useCpuBackend);

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

describe('batchNormTrain', () => {
  it('matches tf.moments + tf.batchNorm in value, statistics and gradients (x, γ, β)', async () => {
    const x = tf.randomNormal<tf.Rank.R4>([3, 4, 5, 6], 1, 2, 'float32', 4);
    const g = tf.randomUniform<tf.Rank.R1>([6], 0.5, 1.5, 'float32', 5);
    const b = tf.randomNormal<tf.Rank.R1>([6], 0, 1, 'float32', 6);
    const w = tf.randomNormal([3, 4, 5, 6], 0, 1, 'float32', 7);
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
    tf.dispose([...mine, ...ref, r.y, r.mean, r.variance, m.mean, m.variance]);
    expect(liveTensors()).toBe(before);
    tf.dispose([x, g, b, w]);
  });
});
