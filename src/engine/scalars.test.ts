import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectIf } from './scalars';
import { useCpuBackend } from './testing';

beforeAll(useCpuBackend);

describe('selectIf on the CPU backend', () => {
  it('gives t when the condition holds and a copy of e when not, with no NaN from the other side', async () => {
    const t = tf.tensor2d([
      [1, Number.NaN],
      [3, 4],
    ]);
    const e = tf.tensor2d([
      [Number.NaN, 6],
      [7, 8],
    ]);
    const yes = selectIf(tf.scalar(true), t, e);
    const no = selectIf(tf.scalar(false), t, e);
    expect(Array.from(await yes.data())).toEqual([1, Number.NaN, 3, 4]);
    expect(Array.from(await no.data())).toEqual([Number.NaN, 6, 7, 8]);
    expect(no.shape).toEqual([2, 2]);
    // The caller owns what it gets: freeing it leaves e (e.g. a variable's value) alive.
    no.dispose();
    expect(e.isDisposed).toBe(false);
    expect(Array.from(await e.data())).toEqual([Number.NaN, 6, 7, 8]);
    tf.dispose([t, e]);
  });

  it('keeps a variable as it was through assign when the step is rejected, and tiles nothing', async () => {
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const profile = await tf.profile(() => {
      tf.tidy(() => v.assign(selectIf(tf.scalar(false), tf.tensor1d([9, 9, 9]), v)));
    });
    expect(Array.from(await v.data())).toEqual([1, 2, 3]);
    expect(profile.kernelNames).not.toContain('Tile');
    expect(profile.kernelNames).not.toContain('Select');
    tf.tidy(() => v.assign(selectIf(tf.scalar(true), tf.tensor1d([9, 8, 7]), v)));
    expect(Array.from(await v.data())).toEqual([9, 8, 7]);
    v.dispose();
  });
});
