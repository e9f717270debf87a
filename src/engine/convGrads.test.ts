/**
 * Issue 15, point 3: the engine's 1×1, dense and depthwise paths against tf.grad of the plain tfjs op
 * (convGradsCheck.ts; the same check runs on WebGPU in e2e/engine-kernels.spec.ts). Tolerance: max |Δ| ≤ 1e-4 ×
 * (1 + max |reference|) on values and gradients (float32 sums over up to a few hundred terms in a different order). The CPU backend checks numbers; the mock WebGPU device checks that the
 * WebGPU path builds its program and dispatches it (it computes nothing).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { conv2dSame, depthwiseSame, engineConvKernelsActive, setEngineConvKernels } from './convGrads';
import { checkEngineGrads, GRAD_CHECK_CASES } from './convGradsCheck';
import { countGpuWork } from './gpuCounters';
import { useMockWebGpu } from './mockWebGpu';
import { useCpuBackend } from './testing';

describe('engine conv paths on the CPU backend (numbers)', () => {
  it('every case: value, input and weight gradients match tf.grad of the plain tfjs op within 1e-4 × (1 + max |ref|)', async () => {
    await useCpuBackend();
    const results = await checkEngineGrads();
    expect(results).toHaveLength(GRAD_CHECK_CASES.length);
    for (const r of results) expect(r.maxRel, r.name).toBeLessThanOrEqual(1e-4);
  });

  it('the check fails a wrong kernel (a depthwise filter gradient off by one tap)', async () => {
    await useCpuBackend();
    const bad = { ...GRAD_CHECK_CASES[0], engine: (x: tf.Tensor, w: tf.Tensor) => tf.depthwiseConv2d(x as tf.Tensor4D, tf.reverse(w as tf.Tensor4D, 0), 1, 'same') };
    const [r] = await checkEngineGrads([bad]);
    expect(r.maxRel).toBeGreaterThan(1e-2);
  });
});

describe('engine conv paths on tfjs-backend-webgpu (counting mock device)', () => {
  afterAll(async () => {
    setEngineConvKernels('auto');
    await tf.setBackend('cpu');
  });

  it("are on by default on WebGPU, and 'off' keeps tfjs's programs", async () => {
    await useMockWebGpu();
    setEngineConvKernels('auto');
    expect(engineConvKernelsActive()).toBe(true);
    setEngineConvKernels('off');
    expect(engineConvKernelsActive()).toBe(false);
    await tf.setBackend('cpu');
    setEngineConvKernels('auto');
    expect(engineConvKernelsActive()).toBe(false);
  });

  it('run their programs: the engine filter-gradient programs and their column sum, no tfjs DerFilter program', async () => {
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
    expect(labels.some((l) => l.startsWith('engine_dw_filter_grad_partial_3x3'))).toBe(true);
    expect(labels.some((l) => l.startsWith('engine_conv1x1_filter_grad_partial'))).toBe(true);
    expect(labels.some((l) => l.startsWith('engine_channel_sum'))).toBe(true);
    expect(labels.some((l) => l.startsWith('engine_pointwise'))).toBe(true);
    expect(labels.some((l) => /^(matMul|conv2DDerInput)/.test(l))).toBe(false);
    expect(labels.some((l) => /DerFilter|conv2DDerFilter|depthwise.*filter/i.test(l) && !l.startsWith('engine_'))).toBe(false);
    expect(counts.dispatches).toBeGreaterThan(0);
    tf.dispose([x, w, w1]);
  });
});
