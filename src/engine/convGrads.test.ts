/**
 * Issue 15, point 3: the engine's 1×1-conv-as-matMul and its depthwise filter-gradient kernel against tf.grad of the
 * plain tfjs op. Tolerance: max |Δ| ≤ 1e-4 × (1 + max |reference|) on values and gradients (float32 sums over up to
 * a few hundred terms in a different order). The CPU backend checks numbers; the mock WebGPU device checks that the
 * WebGPU path builds its program and dispatches it (it computes nothing).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { conv2dSame, depthwiseSame, engineConvKernelsActive, setEngineConvKernels } from './convGrads';
import { countGpuWork } from './gpuCounters';
import { useMockWebGpu } from './mockWebGpu';
import { useCpuBackend } from './testing';

async function maxAbs(t: tf.Tensor): Promise<number> {
  const m = tf.max(tf.abs(t));
  const v = (await m.data())[0];
  m.dispose();
  return v;
}

async function expectClose(got: tf.Tensor, want: tf.Tensor): Promise<void> {
  expect(got.shape).toEqual(want.shape);
  const d = tf.sub(got, want);
  const tol = 1e-4 * (1 + (await maxAbs(want)));
  expect(await maxAbs(d)).toBeLessThanOrEqual(tol);
  d.dispose();
}

/** Value and gradients (x, w) of sum(op(x, w) · r) for a fixed random r. */
function valueAndGrads(op: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D, x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor[] {
  return tf.tidy(() => {
    const y = op(x, w);
    const r = tf.randomNormal(y.shape, 0, 1, 'float32', 11);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), r));
    return [y, ...tf.grads(f)([x, w])];
  });
}

const DEPTHWISE_CASES: [[number, number, number, number], number, number][] = [
  // [x shape, k, stride]
  [[2, 6, 6, 3], 3, 1],
  [[2, 7, 5, 4], 5, 2],
  [[1, 9, 9, 2], 7, 1],
  [[3, 8, 8, 5], 3, 2],
];

describe('engine conv paths on the CPU backend (numbers)', () => {
  it('1×1 stride-1 conv as matMul: value, input and filter gradients match tf.conv2d', async () => {
    await useCpuBackend();
    const x = tf.randomNormal<tf.Rank.R4>([3, 5, 4, 6], 0, 1, 'float32', 1);
    const w = tf.randomNormal<tf.Rank.R4>([1, 1, 6, 7], 0, 1, 'float32', 2);
    const got = valueAndGrads((a, b) => conv2dSame(a, b, 1, true), x, w);
    const want = valueAndGrads((a, b) => tf.conv2d(a, b, 1, 'same'), x, w);
    for (let i = 0; i < 3; i++) await expectClose(got[i], want[i]);
    tf.dispose([x, w, ...got, ...want]);
  });

  for (const [shape, k, stride] of DEPTHWISE_CASES) {
    it(`depthwise k${k} stride ${stride} on [${shape.join(',')}]: the engine's filter gradient matches tf.grad`, async () => {
      await useCpuBackend();
      const x = tf.randomNormal<tf.Rank.R4>(shape, 0, 1, 'float32', 3);
      const w = tf.randomNormal<tf.Rank.R4>([k, k, shape[3], 1], 0, 1, 'float32', 4);
      const got = valueAndGrads((a, b) => depthwiseSame(a, b, stride, true), x, w);
      const want = valueAndGrads((a, b) => tf.depthwiseConv2d(a, b, stride, 'same'), x, w);
      for (let i = 0; i < 3; i++) await expectClose(got[i], want[i]);
      tf.dispose([x, w, ...got, ...want]);
    });
  }
});

describe('engine conv paths on tfjs-backend-webgpu (counting mock device)', () => {
  afterAll(async () => {
    setEngineConvKernels('auto');
    await tf.setBackend('cpu');
  });

  it("are off by default on an adapter that does not say it is hardware (SwiftShader: tfjs's programs are faster)", async () => {
    await useMockWebGpu();
    expect(engineConvKernelsActive()).toBe(false);
    setEngineConvKernels('on');
    expect(engineConvKernelsActive()).toBe(true);
  });

  it('run their programs: one engine depthwise filter-gradient dispatch, no tfjs DerFilter program', async () => {
    await useMockWebGpu();
    setEngineConvKernels('on');
    const x = tf.zeros<tf.Rank.R4>([2, 8, 8, 4]);
    const w = tf.zeros<tf.Rank.R4>([3, 3, 4, 1]);
    const w1 = tf.zeros<tf.Rank.R4>([1, 1, 4, 6]);
    const labels: string[] = [];
    const counts = await countGpuWork(async () => {
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(depthwiseSame(a as tf.Tensor4D, b as tf.Tensor4D, 2)))([x, w]);
      const g1 = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv2dSame(a as tf.Tensor4D, b as tf.Tensor4D, 1)))([x, w1]);
      expect(g[1].shape).toEqual([3, 3, 4, 1]);
      expect(g1[1].shape).toEqual([1, 1, 4, 6]);
      await g[1].data();
      tf.dispose([...g, ...g1]);
    });
    const programs = (tf.backend() as unknown as { pipelineCache: Record<string, unknown> }).pipelineCache;
    labels.push(...Object.keys(programs));
    expect(labels.some((l) => l.startsWith('engine_depthwise_filter_grad'))).toBe(true);
    expect(labels.some((l) => /DerFilter|conv2DDerFilter|depthwise.*filter/i.test(l) && !l.startsWith('engine_'))).toBe(false);
    expect(counts.dispatches).toBeGreaterThan(0);
    tf.dispose([x, w, w1]);
  });
});
