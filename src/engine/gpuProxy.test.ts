/**
 * Issue 15, point 2: the engine's training step on the real tfjs-backend-webgpu (driven by a counting mock GPUDevice:
 * no GPU needed) must not gain a synchronous readback, pipeline compiles after step 1 or more than a set number of
 * uploads. The mock computes nothing (every value reads back as 0): these tests count work, they check no numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../core/rng';
import { ENGINE_UPLOADS_PER_STEP_MAX } from '../bench/rows';
import { diffCounts, instrumentWebGpu, type GpuCounts } from './gpuCounters';
import { useMockWebGpu } from './mockWebGpu';
import { buildNetwork } from './network';
import { syntheticData, tinySpec } from './testing';
import { Trainer, type TrainConfig } from './trainer';

beforeAll(useMockWebGpu);
afterAll(() => tf.removeBackend('webgpu'));

const cfg = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  epochs: 10,
  batchSize: 8,
  lr: 0.05,
  optimizer: 'sgd',
  momentum: 0.9,
  nesterov: true,
  schedule: 'cosine',
  warmupSteps: 2,
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
  seed: 1,
  ...over,
});

async function stepCounts(over: Partial<TrainConfig>, steps = 3): Promise<GpuCounts[]> {
  const net = buildNetwork(tinySpec(), rngStream(1, 'init'));
  const trainer = new Trainer(net, syntheticData(120), cfg(over));
  const counter = instrumentWebGpu();
  const out: GpuCounts[] = [];
  try {
    for (let i = 0; i < steps; i++) {
      const before = counter.snapshot();
      await trainer.trainStep();
      out.push(diffCounts(counter.snapshot(), before));
    }
  } finally {
    trainer.dispose();
    net.dispose();
  }
  return out;
}

describe('engine step on tfjs-backend-webgpu (counting mock device)', () => {
  it('runs on the webgpu backend', () => {
    expect(tf.getBackend()).toBe('webgpu');
  });

  for (const optimizer of ['sgd', 'rmsprop', 'adam'] as const) {
    it(`${optimizer}: no sync readback, no compile after step 1, at most ${ENGINE_UPLOADS_PER_STEP_MAX} uploads per step`, async () => {
      const [first, ...later] = await stepCounts({ optimizer });
      expect(first.dispatches).toBeGreaterThan(100);
      expect(first.pipelineCompiles).toBeGreaterThan(0);
      for (const c of later) {
        expect(c.syncReadbacks).toBe(0);
        expect(c.pipelineCompiles).toBe(0);
        expect(c.uploads).toBeLessThanOrEqual(ENGINE_UPLOADS_PER_STEP_MAX);
        expect(c.asyncReadbacks).toBeLessThanOrEqual(1);
        // Issue 15 §4: the update is recorded while the loss is on its way back, not after the GPU drained.
        expect(c.dispatchesDuringReadback).toBeGreaterThan(0);
      }
    });
  }
});
