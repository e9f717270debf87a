import { describe, expect, it } from 'vitest';
import type { DataSplit } from '../data/dataset';
import { limitTrain } from './trainSubset';

const split: DataSplit = {
  seed: 20201,
  train: Uint32Array.from({ length: 8000 }, (_, i) => i),
  val: Uint32Array.from([8000]),
  test: Uint32Array.from([8001]),
};

describe('limitTrain', () => {
  it('draws a seeded subset spread over the whole split (not the first N of a class-sorted file)', () => {
    const a = limitTrain(split, 160);
    expect(a.train.length).toBe(160);
    expect(new Set(a.train).size).toBe(160);
    // With labels sorted in 10 blocks of 800, every block is represented.
    const blocks = new Set(Array.from(a.train, (i) => Math.floor(i / 800)));
    expect(blocks.size).toBe(10);
    expect(Array.from(a.train)).toEqual(Array.from(a.train).sort((x, y) => x - y));
    expect(a.val).toBe(split.val);
    expect(limitTrain(split, 160).train).toEqual(a.train); // reproducible
  });
  it('leaves the split alone for 0 or a limit at least the split size', () => {
    expect(limitTrain(split, 0)).toBe(split);
    expect(limitTrain(split, 8000)).toBe(split);
  });
});
