import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParamStore } from './params';
import { useCpuBackend } from './testing';

beforeAll(useCpuBackend);

describe('ParamStore', () => {
  it('stores roles, trainability, get/set/replace/rename/delete/snapshot without leaks', async () => {
    const before = tf.memory().numTensors;
    const s = new ParamStore();
    const t = tf.tensor1d([1, 2, 3]);
    s.add('L0.bn.gamma', 'bn-gamma', t);
    s.add('L0.bn.mean', 'bn-mean', t);
    s.add('L0.w', 'weight', t);
    t.dispose();
    expect(s.entry('L0.bn.mean').trainable).toBe(false);
    expect(s.entry('L0.bn.gamma').trainable).toBe(true);
    expect(s.names((e) => e.role === 'weight')).toEqual(['L0.w']);
    expect(s.trainableVariables()).toHaveLength(2);
    expect(() => s.get('nope')).toThrow(/no variable named "nope"/);

    const u = tf.tensor1d([4, 5, 6]);
    s.set('L0.w', u);
    u.dispose();
    expect(Array.from(await s.get('L0.w').data())).toEqual([4, 5, 6]);
    const wrong = tf.zeros([2]);
    expect(() => s.set('L0.w', wrong)).toThrow(/replace/);
    wrong.dispose();

    const small = tf.tensor1d([9]);
    s.replace('L0.w', small);
    small.dispose();
    expect(s.get('L0.w').shape).toEqual([1]);
    expect(s.entry('L0.w').role).toBe('weight');
    s.rename('L0.w', 'L1.w');
    expect(s.has('L0.w')).toBe(false);
    expect(s.nameOf(s.get('L1.w'))).toBe('L1.w');
    expect(s.nameOf(s.get('L1.w').name)).toBe('L1.w');

    const snap = await s.snapshot();
    expect(snap.get('L1.w')).toEqual({ shape: [1], role: 'weight', data: Float32Array.from([9]) });
    expect(s.count()).toBe(7);
    s.delete('L1.w');
    expect(s.size).toBe(2);

    // Two stores may use the same names at once (tfjs variable names are global).
    const s2 = new ParamStore();
    const z = tf.zeros([1]);
    s2.add('L0.bn.gamma', 'bn-gamma', z);
    z.dispose();
    s2.dispose();
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
