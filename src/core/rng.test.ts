import { describe, expect, it } from 'vitest';
import { hashString, rngStream } from './rng';

function draw(seed: number, name: string, n: number): number[] {
  const r = rngStream(seed, name);
  return Array.from({ length: n }, () => r.next());
}

/** Pearson correlation of two equal-length samples. */
function corr(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('rngStream', () => {
  it('is deterministic for the same seed and name', () => {
    expect(draw(42, 'data', 100)).toEqual(draw(42, 'data', 100));
  });

  it('differs between seeds and between stream names', () => {
    const base = draw(1, 'data', 20);
    expect(draw(2, 'data', 20)).not.toEqual(base);
    expect(draw(1, 'init', 20)).not.toEqual(base);
  });

  it('gives uncorrelated streams for data / init / sample / evolve and for adjacent seeds', () => {
    const names = ['data', 'init', 'sample', 'evolve'];
    const xs = names.map((n) => draw(7, n, 5000));
    for (let i = 0; i < xs.length; i++) {
      for (let j = i + 1; j < xs.length; j++) {
        // 5000 samples: |r| of independent streams is ~N(0, 1/√5000 ≈ 0.014).
        expect(Math.abs(corr(xs[i], xs[j]))).toBeLessThan(0.06);
      }
    }
    expect(Math.abs(corr(draw(0, 'data', 5000), draw(1, 'data', 5000)))).toBeLessThan(0.06);
  });

  it('does not collide for seed/name pairs that XOR-combine alike', () => {
    const a = draw(hashString('a'), 'b', 4);
    const b = draw(hashString('b'), 'a', 4);
    expect(a).not.toEqual(b);
  });

  it('next() stays in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const xs = draw(3, 'data', 20000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(Math.abs(v - 1 / 12)).toBeLessThan(0.005);
  });

  it('int(n) covers every bucket about equally (chi-square)', () => {
    const r = rngStream(5, 'sample');
    const n = 10;
    const draws = 20000;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) counts[r.int(n)]++;
    const expected = draws / n;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: the 99.9th percentile is 27.9.
    expect(chi2).toBeLessThan(27.9);
  });

  it('int rejects bad n', () => {
    const r = rngStream(1, 'x');
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(RangeError);
  });

  it('normal() has mean ≈ 0 and variance ≈ 1', () => {
    const r = rngStream(9, 'init');
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.05);
    // About 95.4 % of a normal lies within ±2σ.
    const within2 = xs.filter((x) => Math.abs(x) < 2).length / xs.length;
    expect(within2).toBeGreaterThan(0.945);
    expect(within2).toBeLessThan(0.963);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('shuffle is an in-place, deterministic permutation with uniform first positions', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const out = rngStream(1, 'data').shuffle(a);
    expect(out).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(rngStream(1, 'data').shuffle(Array.from({ length: 50 }, (_, i) => i))).toEqual(a);

    const r = rngStream(2, 'data');
    const firstCounts = [0, 0, 0, 0];
    for (let t = 0; t < 8000; t++) firstCounts[r.shuffle([0, 1, 2, 3])[0]]++;
    for (const c of firstCounts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });

  it('fork depends on the parent key and name only, not on draws made', () => {
    const p1 = rngStream(4, 'evolve');
    const p2 = rngStream(4, 'evolve');
    p2.next();
    p2.next();
    expect(p1.fork('gen1').next()).toBe(p2.fork('gen1').next());
    expect(p1.fork('gen1').next()).not.toBe(p1.fork('gen2').next());
    expect(p1.fork('gen1').key).not.toBe(p1.key);
  });

  it('rejects a non-finite seed', () => {
    expect(() => rngStream(Number.NaN, 'data')).toThrow(RangeError);
  });
});
