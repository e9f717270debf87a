import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../core/rng';
import { allBatches, BatchSource, disposeBatch, type Batch } from './batches';
import { syntheticData, useCpuBackend } from './testing';

beforeAll(useCpuBackend);

describe('BatchSource', () => {
  const { dataset, split } = syntheticData(50);

  it('yields shuffled full batches scaled to [0,1], dropping the partial one, reshuffling per epoch', async () => {
    const src = new BatchSource(dataset, split.train, 8, rngStream(1, 'data')); // 30 train → 3 batches, 6 dropped
    expect(src.batchesPerEpoch).toBe(3);
    const seen: number[][] = [];
    for (let e = 0; e < 2; e++) {
      const labels: number[] = [];
      for (let b = 0; b < 3; b++) {
        const batch = src.next();
        expect(batch.x.shape).toEqual([8, 8, 8, 1]);
        expect(batch.x.dtype).toBe('float32');
        expect(batch.y.dtype).toBe('int32');
        const xs = await batch.x.data();
        expect(Math.max(...xs)).toBeLessThanOrEqual(1);
        expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
        labels.push(...(await batch.y.data()));
        disposeBatch(batch);
      }
      seen.push(labels);
    }
    expect(src.epoch).toBe(1);
    expect(seen[0]).not.toEqual(seen[1]);
  });

  it('is deterministic for a seed; allBatches covers every index once, in order', async () => {
    const before = tf.memory().numTensors;
    const a = new BatchSource(dataset, split.train, 4, rngStream(5, 'data')).next();
    const b = new BatchSource(dataset, split.train, 4, rngStream(5, 'data')).next();
    expect(Array.from(await a.x.data())).toEqual(Array.from(await b.x.data()));
    [a, b].forEach(disposeBatch);
    const sizes: number[] = [];
    const labels: number[] = [];
    for (const batch of allBatches(dataset, split.val, 4)) {
      sizes.push(batch.y.shape[0]);
      labels.push(...(await batch.y.data()));
      disposeBatch(batch);
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(labels).toEqual(Array.from(split.val, (i) => dataset.labels[i]));
    const first = allBatches(dataset, split.val, 10).next().value as Batch;
    expect((await first.x.data())[3]).toBeCloseTo(dataset.images[split.val[0] * 64 + 3] / 255, 6);
    disposeBatch(first);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects batches larger than the data', () => {
    expect(() => new BatchSource(dataset, split.train, 100, rngStream(1, 'data'))).toThrow(/larger than the 30/);
  });
});
