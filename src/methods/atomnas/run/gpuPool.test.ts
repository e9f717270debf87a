/**
 * Issue 16 §9, found by the soak bench: tfjs-backend-webgpu pools every disposed buffer by its exact size and never
 * frees it, so each AtomNAS shrink (new sizes for every searched tensor) left the old sizes' buffers in the pool and
 * the pool grew at every event. On the real webgpu backend (counting mock device: values read back as 0, so every
 * gate looks dead and the first check shrinks), the pool must end up smaller after a shrink, not larger.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpuPoolStats } from '../../../engine/gpuPool';
import { useMockWebGpu } from '../../../engine/mockWebGpu';
import { liveTensors, syntheticData } from '../../../engine/testing';
import { atomnasPreset } from '../settings';
import { createRun } from './index';

beforeAll(useMockWebGpu);
afterAll(() => tf.removeBackend('webgpu'));

describe('AtomNAS shrinking on tfjs-backend-webgpu (mock device)', () => {
  it('a shrink leaves the buffer pool smaller, not holding the old sizes', async () => {
    const live0 = liveTensors();
    const run = createRun(
      { data: syntheticData(160, 4, 8, 3), profile: null },
      { ...atomnasPreset('tiny'), width: 0.5, epochs: 1, batchSize: 16, trainLimit: 0, shrinkEvery: 3, emaDecay: 0.5, bnRecalBatches: 2 },
    );
    try {
      const pool: { step: number; events: number; bytes: number }[] = [];
      for (let i = 0; i < 6; i++) {
        const s = await run.step();
        pool.push({ step: s.done, events: run.events.length, bytes: gpuPoolStats()?.allocatedBytes ?? NaN });
      }
      const firstShrink = pool.findIndex((p) => p.events > 0);
      expect(firstShrink).toBeGreaterThan(0);
      expect(run.macs).toBeLessThan(run.supernetMacs / 2);
      const beforeShrink = pool[firstShrink - 1].bytes;
      // Two steps on the shrunk network: its buffers are allocated and reused; the supernet's are gone.
      const settled = pool[firstShrink + 2]?.bytes;
      expect(settled).toBeDefined();
      expect(settled).toBeLessThan(beforeShrink);
    } finally {
      run.dispose();
    }
    expect(liveTensors()).toBe(live0);
  });
});
