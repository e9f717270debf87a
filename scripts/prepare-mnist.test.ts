import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBuiltin } from '../src/data/builtin';
import { mnistSplit } from '../src/data/split';
import { MNIST_PIXELS, digitsToDataset } from './mnistDigits';
import { EXPECTED_COUNT, prepareMnist } from './prepare-mnist';

describe('digitsToDataset', () => {
  it('rounds v·255, keeps class order and labels', () => {
    const zero = new Array<number>(2 * MNIST_PIXELS).fill(0);
    zero[3] = 0.5; // 127.5 rounds to 128
    zero[MNIST_PIXELS + 1] = 1;
    const one = new Array<number>(MNIST_PIXELS).fill(0.2); // 51
    const ds = digitsToDataset([zero, one]);
    expect(ds).toMatchObject({ n: 3, height: 28, width: 28, channels: 1, numClasses: 2, source: 'builtin' });
    expect(Array.from(ds.labels)).toEqual([0, 0, 1]);
    expect(ds.images[3]).toBe(128);
    expect(ds.images[MNIST_PIXELS + 1]).toBe(255);
    expect(ds.images[2 * MNIST_PIXELS + 10]).toBe(51);
  });

  it('rejects partial images and out-of-range values', () => {
    expect(() => digitsToDataset([[0, 0, 0]])).toThrow('digit 0: 3 values is not a whole number of 784-pixel images');
    const bad = new Array<number>(MNIST_PIXELS).fill(0);
    bad[5] = 1.5;
    expect(() => digitsToDataset([bad])).toThrow('digit 0: value 1.5 at position 5 is outside [0, 1]');
    expect(() => digitsToDataset([])).toThrow(/expected 1–256 digit classes/);
  });
});

describe('prepareMnist (reads the installed mnist package)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'prepare-mnist-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes exactly 10,000 images and the 8000/1000/1000 split, then skips when up to date', () => {
    const r = prepareMnist({ outDir });
    expect(r.skipped).toBe(false);
    expect(r.count).toBe(EXPECTED_COUNT);
    // 16-byte header + 10,000·784 pixels + 10,000 labels = 7,850,016 bytes.
    expect(statSync(r.binPath).size).toBe(16 + 10_000 * 784 + 10_000);

    const ds = decodeBuiltin('mnist-10k.bin', readFileSync(r.binPath));
    expect(ds).toMatchObject({ n: 10_000, height: 28, width: 28, channels: 1, numClasses: 10 });
    // Class order: labels never decrease; every digit present with ~1000 samples.
    expect(ds.labels.every((l, i) => i === 0 || l >= ds.labels[i - 1])).toBe(true);
    const perClass = Array.from({ length: 10 }, (_, d) => ds.labels.filter((l) => l === d).length);
    for (const c of perClass) expect(c).toBeGreaterThan(800);
    // Real digits: mostly black background with some bright strokes.
    const mean = ds.images.reduce((s, v) => s + v, 0) / ds.images.length;
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(60);

    const split = JSON.parse(readFileSync(r.splitPath, 'utf8')) as Record<string, unknown>;
    expect(split.seed).toBe(20201);
    expect(split.counts).toEqual({ train: 8000, val: 1000, test: 1000 });
    const expected = mnistSplit(10_000);
    expect(split.val).toEqual(Array.from(expected.val));
    expect(split.test).toEqual(Array.from(expected.test));
    expect(typeof split.description).toBe('string');

    const again = prepareMnist({ outDir });
    expect(again.skipped).toBe(true);
    expect(prepareMnist({ outDir, force: true }).skipped).toBe(false);
  });
});
