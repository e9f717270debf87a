import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from './backend';

describe('initBackend', () => {
  it('falls back to the CPU in Node and says why the others failed', async () => {
    const info = await initBackend();
    expect(info.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info.tfjsVersion).toBe(tf.version.tfjs);
    expect(info.adapter).toBeUndefined();
    expect(info.fallbackReasons.map((r) => r.backend)).toEqual(['webgpu', 'webgl']);
    expect(info.fallbackReasons[0].reason).toMatch(/WebGPU is not available in Node/);
    expect(info.fallbackReasons[1].reason).toMatch(/not registered/);
  });

  it('throws listing every reason when nothing works', async () => {
    await expect(initBackend(['webgpu'])).rejects.toThrow(/No tfjs backend works here: webgpu: WebGPU is not available/);
  });
});
