/**
 * Issue 15 §5 on the real tfjs-backend-webgpu (counting mock device, engine/mockWebGpu): the pre-compile issues the
 * step's programs in compile-only mode, so the first real step compiles no pipeline; it dispatches nothing, leaves
 * every variable on the buffer it held and the optimizer without state, and turns the compile-only flag off again.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../core/rng';
import { diffCounts, instrumentWebGpu } from './gpuCounters';
import { useMockWebGpu } from './mockWebGpu';
import { buildNetwork } from './network';
import { pipelineCount, precompileTrainStep, type PrecompileProgress } from './precompile';
import { syntheticData, tinySpec } from './testing';
import { Trainer } from './trainer';

beforeAll(useMockWebGpu);
afterAll(() => tf.removeBackend('webgpu'));

describe('precompileTrainStep on tfjs-backend-webgpu (counting mock device)', () => {
  for (const optimizer of ['sgd', 'rmsprop', 'adam'] as const) {
    it(`${optimizer}: the first real step compiles nothing; no dispatch, no state change`, async () => {
      // Network shapes of their own per case: the pipeline cache is shared by the whole file.
      const size = { sgd: 8, rmsprop: 12, adam: 16 }[optimizer];
      const net = buildNetwork(tinySpec(4, size), rngStream(1, 'init'));
      const trainer = new Trainer(net, syntheticData(96, 4, size), { epochs: 2, batchSize: 8, lr: 0.05, optimizer, schedule: 'cosine', warmupSteps: 2, weightDecay: 4e-5, labelSmoothing: 0.1, seed: 1 });
      const counter = instrumentWebGpu();
      try {
        const ids = net.params.names().map((n) => net.params.get(n).dataId);
        const seen: PrecompileProgress[] = [];
        const c0 = counter.snapshot();
        const cache0 = pipelineCount();
        const r = await precompileTrainStep(trainer, (p) => seen.push(p));
        const pre = diffCounts(counter.snapshot(), c0);
        expect(r.programs).toBeGreaterThan(optimizer === 'sgd' ? 20 : 0);
        expect(r.failed).toBe(0);
        expect(pipelineCount() - cache0).toBe(r.programs);
        expect(pre.pipelineCompiles).toBe(r.programs);
        expect(pre.dispatches).toBe(0);
        expect(pre.asyncReadbacks + pre.syncReadbacks).toBe(0);
        expect(seen[0]).toEqual({ done: 0, total: r.programs });
        expect(seen.at(-1)).toEqual({ done: r.programs, total: r.programs });
        expect(seen).toHaveLength(r.programs + 1);
        expect(tf.env().getBool('WEBGPU_ENGINE_COMPILE_ONLY')).toBe(false);
        expect(net.params.names().map((n) => net.params.get(n).dataId)).toEqual(ids);
        expect(trainer.optimizer.stateNames()).toEqual([]);
        expect(trainer.stepIndex).toBe(0);
        // BN broadcasts [1, C] rows (engine/batchNorm): no shared-memory binary program specialised to a channel count
        // (`binary_<op>_<C>_256,…`) but the dense layer's bias add.
        const shared = Object.keys((tf.backend() as unknown as { pipelineCache: Record<string, unknown> }).pipelineCache).filter((k) => /^binary_\d+_\d+_256,/.test(k));
        expect(shared.length).toBeLessThanOrEqual(1);

        const c1 = counter.snapshot();
        await trainer.trainStep();
        const first = diffCounts(counter.snapshot(), c1);
        expect(first.pipelineCompiles).toBe(0);
        expect(first.dispatches).toBeGreaterThan(100);
        // Nothing new to build: no progress at all (no "0 of 0" flash in the UI).
        const again: PrecompileProgress[] = [];
        expect((await precompileTrainStep(trainer, (p) => again.push(p))).programs).toBe(0);
        expect(again).toEqual([]);
      } finally {
        counter.restore();
        trainer.dispose();
        net.dispose();
      }
    });
  }

  it('builds one pipeline at a time by default (0: all at once) and puts the device method back', async () => {
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    const before = Object.getOwnPropertyDescriptor(device, 'createComputePipelineAsync');
    const orig = device.createComputePipelineAsync.bind(device);
    let inFlight = 0;
    let most = 0;
    const slow: GPUDevice['createComputePipelineAsync'] = async (d) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return orig(d);
    };
    device.createComputePipelineAsync = slow;
    try {
      for (const [concurrency, size] of [[undefined, 20], [0, 24]] as const) {
        most = 0;
        // Programs are shared across network sizes: start from an empty cache so that every one compiles again.
        const cache = (tf.backend() as unknown as { pipelineCache: Record<string, unknown> }).pipelineCache;
        for (const k of Object.keys(cache)) delete cache[k];
        const net = buildNetwork(tinySpec(4, size), rngStream(1, 'init'));
        const trainer = new Trainer(net, syntheticData(96, 4, size), { epochs: 1, batchSize: 8 + size, lr: 0.05, optimizer: 'sgd', schedule: 'constant', weightDecay: 0, labelSmoothing: 0, seed: 1 });
        try {
          const r = await precompileTrainStep(trainer, undefined, concurrency === undefined ? {} : { concurrency });
          expect(r.programs).toBeGreaterThan(1);
          if (concurrency === undefined) expect(most).toBe(1);
          else expect(most).toBeGreaterThan(1);
          expect(Object.getOwnPropertyDescriptor(device, 'createComputePipelineAsync')?.value).toBe(slow);
        } finally {
          trainer.dispose();
          net.dispose();
        }
      }
    } finally {
      if (before) Object.defineProperty(device, 'createComputePipelineAsync', before);
      else delete (device as Partial<GPUDevice>).createComputePipelineAsync;
    }
  });
});
