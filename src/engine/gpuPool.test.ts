/**
 * trimGpuBufferPool on the real tfjs-backend-webgpu (counting mock device, engine/mockWebGpu): free buffers are
 * destroyed and the pool's counters follow; buffers in use stay; the pool keeps working afterwards.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpuPoolStats, trimGpuBufferPool } from './gpuPool';
import { useMockWebGpu } from './mockWebGpu';

beforeAll(useMockWebGpu);
afterAll(() => tf.removeBackend('webgpu'));

/** A GPU-resident result of `n` floats (an op's output lives in a pool buffer). */
async function onGpu(n: number): Promise<tf.Tensor> {
  const t = tf.tidy(() => tf.add(tf.zeros([n]), tf.onesLike(tf.zeros([n]))));
  await t.data();
  return t;
}

describe('trimGpuBufferPool (tfjs-backend-webgpu, mock device)', () => {
  it('destroys the free buffers and keeps those in use', async () => {
    const kept = await onGpu(1000);
    const gone = [await onGpu(3000), await onGpu(5000)];
    tf.dispose(gone);
    await (await onGpu(7)).data(); // a submit: pending disposals reach the pool
    const before = gpuPoolStats();
    expect(before?.freeBuffers).toBeGreaterThan(0);
    const released = trimGpuBufferPool();
    expect(released?.buffers).toBe(before?.freeBuffers);
    const after = gpuPoolStats();
    expect(after?.freeBuffers).toBe(0);
    expect(after?.allocatedBytes).toBe((before?.allocatedBytes ?? 0) - (released?.bytes ?? 0));
    // Live tensors still read, and the pool still pools: a disposed buffer is reused by the next tensor of its size.
    expect(Array.from(await kept.data()).length).toBe(1000);
    const again = await onGpu(3000);
    again.dispose();
    await (await onGpu(7)).data();
    const pooled = gpuPoolStats()?.freeBuffers ?? 0;
    expect(pooled).toBeGreaterThan(0);
    const reuse = await onGpu(3000);
    expect(gpuPoolStats()?.freeBuffers).toBeLessThan(pooled + 2);
    tf.dispose([kept, reuse]);
  });

  it('is a no-op off webgpu', async () => {
    const prev = tf.getBackend();
    await tf.setBackend('cpu');
    try {
      expect(trimGpuBufferPool()).toBeNull();
      expect(gpuPoolStats()).toBeNull();
    } finally {
      await tf.setBackend(prev);
    }
  });
});
