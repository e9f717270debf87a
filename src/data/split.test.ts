import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBuiltin } from './builtin';
import { DataError, checkDataset, countClasses, hexPrefix, stripGz, type Dataset, type DataSplit } from './dataset';
import { SPLIT_SEED, defaultCounts, defaultSplit, limitTrain, mnistSplit, seededSplit } from './split';

function union(...parts: Uint32Array[]): number[] {
  return parts.flatMap((p) => Array.from(p)).sort((a, b) => a - b);
}

describe('seededSplit', () => {
  it('partitions 0..n-1 into sorted, disjoint parts of the requested sizes', () => {
    const s = seededSplit(100, 3, { val: 15, test: 5 });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([80, 15, 5]);
    expect(union(s.train, s.val, s.test)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    for (const p of [s.train, s.val, s.test]) expect(Array.from(p)).toEqual(Array.from(p).sort((a, b) => a - b));
    expect(s.seed).toBe(3);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(seededSplit(50, 1, { val: 5, test: 5 })).toEqual(seededSplit(50, 1, { val: 5, test: 5 }));
    expect(Array.from(seededSplit(50, 2, { val: 5, test: 5 }).val)).not.toEqual(Array.from(seededSplit(50, 1, { val: 5, test: 5 }).val));
  });

  it('allows empty val/test and rejects impossible counts', () => {
    expect(seededSplit(4, 1, { val: 0, test: 0 }).train.length).toBe(4);
    expect(() => seededSplit(10, 1, { val: 6, test: 5 })).toThrow(/exceed n 10/);
    expect(() => seededSplit(10, 1, { val: 1.5, test: 0 })).toThrow(/val must be a non-negative integer/);
  });
});

describe('mnistSplit / defaultSplit', () => {
  it('is 8000/1000/1000 for 10,000 with seed 20201', () => {
    const s = mnistSplit(10_000);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([8000, 1000, 1000]);
    expect(s.seed).toBe(SPLIT_SEED);
    expect(SPLIT_SEED).toBe(20201);
    expect(union(s.train, s.val, s.test)).toHaveLength(10_000);
    // Stable across runs: same indices every time.
    expect(Array.from(mnistSplit(10_000).test.slice(0, 5))).toEqual(Array.from(s.test.slice(0, 5)));
  });

  it('scales 80/10/10 to other sizes', () => {
    expect(defaultCounts(123)).toEqual({ train: 99, val: 12, test: 12 });
    expect(defaultCounts(60_000)).toEqual({ train: 48_000, val: 6000, test: 6000 });
    const s = defaultSplit({ n: 123 });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([99, 12, 12]);
    expect(s).toEqual(mnistSplit(123));
  });
});

describe('dataset helpers', () => {
  const ds: Dataset = {
    name: 'toy',
    source: 'idx',
    n: 2,
    height: 2,
    width: 1,
    channels: 1,
    numClasses: 3,
    images: new Uint8Array(4),
    labels: Uint8Array.from([0, 2]),
  };

  it('DataError starts with the file name and keeps it', () => {
    const e = new DataError('a.bin', 'is broken');
    expect(e.message).toBe('a.bin: is broken');
    expect(e.file).toBe('a.bin');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DataError');
  });

  it('checkDataset accepts a consistent dataset and names each inconsistency', () => {
    expect(() => checkDataset(ds)).not.toThrow();
    expect(() => checkDataset({ ...ds, images: new Uint8Array(3) })).toThrow('toy: images hold 3 bytes but 2×2×1×1 = 4 are needed');
    expect(() => checkDataset({ ...ds, labels: Uint8Array.from([0]) })).toThrow('toy: 1 labels for 2 images');
    expect(() => checkDataset({ ...ds, numClasses: 2 })).toThrow('toy: label 2 at index 1 is outside [0, 1]');
    expect(() => checkDataset({ ...ds, height: 0 })).toThrow('toy: height must be an integer ≥ 1, got 0');
  });

  it('small helpers', () => {
    expect(hexPrefix(Uint8Array.from([0, 0, 8, 3, 9]))).toBe('00 00 08 03');
    expect(stripGz('train-images-idx3-ubyte.gz')).toBe('train-images-idx3-ubyte');
    expect(countClasses(Uint8Array.from([3, 0, 7]))).toBe(8);
  });
});

describe('limitTrain', () => {
  const split: DataSplit = {
    seed: 20201,
    train: Uint32Array.from({ length: 8000 }, (_, i) => i),
    val: Uint32Array.from([8000]),
    test: Uint32Array.from([8001]),
  };

  it('draws a seeded subset spread over the whole split (not the first N of a class-sorted file)', () => {
    const a = limitTrain(split, 160);
    expect(a.train.length).toBe(160);
    expect(new Set(a.train).size).toBe(160);
    // With labels sorted in 10 blocks of 800, every block is represented.
    expect(new Set(Array.from(a.train, (i) => Math.floor(i / 800))).size).toBe(10);
    expect(Array.from(a.train)).toEqual(Array.from(a.train).sort((x, y) => x - y));
    expect(a.val).toBe(split.val);
    expect(a.test).toBe(split.test);
    expect(limitTrain(split, 160).train).toEqual(a.train); // reproducible
    // Seeded by the split's seed: another split seed draws another subset.
    expect(Array.from(limitTrain({ ...split, seed: 7 }, 160).train)).not.toEqual(Array.from(a.train));
  });

  it('leaves the split alone for 0, a negative limit, or a limit at least the split size', () => {
    expect(limitTrain(split, 0)).toBe(split);
    expect(limitTrain(split, -5)).toBe(split);
    expect(limitTrain(split, 8000)).toBe(split);
    expect(limitTrain(split, 9000)).toBe(split);
  });

  it('gives a class-balanced subset of the built-in MNIST (whose file is stored class by class)', () => {
    const path = fileURLToPath(new URL('../../public/data/mnist-10k.bin', import.meta.url));
    const ds = decodeBuiltin('mnist-10k.bin', new Uint8Array(readFileSync(path)));
    const full = mnistSplit(ds.n);
    const histogram = (idx: Uint32Array): number[] => {
      const h = new Array<number>(ds.numClasses).fill(0);
      for (const i of idx) h[ds.labels[i]]++;
      return h;
    };
    const n = 1280;
    // The skew this guards against: the first 1,280 training indices cover only a couple of classes.
    expect(histogram(full.train.slice(0, n)).filter((c) => c > 0).length).toBeLessThanOrEqual(3);
    const h = histogram(limitTrain(full, n).train);
    expect(h.reduce((a, b) => a + b, 0)).toBe(n);
    // Every class near its share of 128 (the 10 classes of the 8,000-image split hold 9–12 % each).
    for (const c of h) {
      expect(c).toBeGreaterThan(0.6 * (n / 10));
      expect(c).toBeLessThan(1.5 * (n / 10));
    }
  });
});
