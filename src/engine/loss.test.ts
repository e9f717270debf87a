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
