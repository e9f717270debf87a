import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countCorrect, l2WeightDecay, softmaxCrossEntropy } from './loss';
import { ParamStore } from './params';
import { useCpuBackend } from './testing';

beforeAll(useCpuBackend);

describe('softmaxCrossEntropy', () => {
  it('spreads label smoothing over all classes', async () => {
    const z = [2, 0, -1];
    const logits = tf.tensor2d([z]);
    const labels = tf.tensor1d([0], 'int32');
    const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    const logp = z.map((v) => v - lse);
    const eps = 0.1;
    const want = -logp.reduce((s, lp, k) => s + ((k === 0 ? 1 - eps : 0) + eps / 3) * lp, 0);
    const got = softmaxCrossEntropy(logits, labels, eps);
    expect((await got.data())[0]).toBeCloseTo(want, 5);
    const plain = softmaxCrossEntropy(logits, labels, 0);
    expect((await plain.data())[0]).toBeCloseTo(-logp[0], 5);
    const c = countCorrect(logits, labels);
    expect((await c.data())[0]).toBe(1);
    tf.dispose([logits, labels, got, plain, c]);
  });

  it('stays finite for huge logits', async () => {
    const logits = tf.tensor2d([[1e4, -1e4]]);
    const labels = tf.tensor1d([1], 'int32');
    const l = softmaxCrossEntropy(logits, labels, 0.1);
    expect(Number.isFinite((await l.data())[0])).toBe(true);
    tf.dispose([logits, labels, l]);
  });
});

describe('explicit loss gradients (no per-step uploads on WebGPU)', () => {
  it('softmaxCrossEntropy and l2WeightDecay have the gradients of the plain formulas (tf.grad, |Δ| < 1e-6)', async () => {
    const logits = tf.randomNormal<tf.Rank.R2>([5, 4], 0, 2, 'float32', 3);
    const labels = tf.tensor1d([0, 3, 1, 1, 2], 'int32');
    const eps = 0.1;
    const plainCe = (z: tf.Tensor): tf.Scalar => {
      const target = tf.add(tf.mul(tf.oneHot(labels, 4).toFloat(), 1 - eps), eps / 4);
      return tf.neg(tf.mean<tf.Scalar>(tf.sum(tf.mul(target, tf.logSoftmax(z)), 1)));
    };
    const [a, b] = [tf.grad((z) => tf.mul(softmaxCrossEntropy(z as tf.Tensor2D, labels, eps), 3))(logits), tf.grad((z) => tf.mul(plainCe(z), 3))(logits)];
    expect((await tf.max(tf.abs(tf.sub(a, b))).data())[0]).toBeLessThan(1e-6);
    expect(Math.abs((await softmaxCrossEntropy(logits, labels, eps).data())[0] - (await plainCe(logits).data())[0])).toBeLessThan(1e-6);
    const s = new ParamStore();
    const w0 = tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 9);
    s.add('c.w', 'weight', w0);
    const v = s.get('c.w');
    const g = tf.variableGrads(() => l2WeightDecay(s, 0.01), [v]).grads;
    const want = tf.grad((w) => tf.mul(tf.sum(tf.square(w)), 0.005))(v);
    expect((await tf.max(tf.abs(tf.sub(Object.values(g)[0], want))).data())[0]).toBeLessThan(1e-6);
    tf.dispose([logits, labels, a, b, w0, want, ...Object.values(g)]);
    s.dispose();
  });
});

describe('l2WeightDecay', () => {
  it('is ½·wd·Σw² over weights only, optionally restricted to names', async () => {
    const s = new ParamStore();
    const add = (n: string, r: Parameters<ParamStore['add']>[1], v: number[]) => {
      const t = tf.tensor1d(v);
      s.add(n, r, t);
      t.dispose();
    };
    add('a.w', 'weight', [1, 2]);
    add('b.w', 'weight', [3]);
    add('a.bn.gamma', 'bn-gamma', [10]);
    add('a.bn.beta', 'bn-beta', [10]);
    add('d.b', 'dense-bias', [10]);
    const all = l2WeightDecay(s, 0.1);
    expect((await all.data())[0]).toBeCloseTo(0.05 * 14, 6);
    const some = l2WeightDecay(s, 0.1, ['a.w', 'a.bn.gamma']);
    expect((await some.data())[0]).toBeCloseTo(0.05 * 5, 6);
    tf.dispose([all, some]);
    s.dispose();
  });
});
