import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../core/rng';
import { gemmNT, transpose } from './cpuGemm';
import { gemmTNWasm, wasmGemmAvailable } from './cpuGemmWasm';
import { setWasmKernels } from './wasm/instance';

function naive(a: Float32Array, b: Float32Array, N: number, K: number, M: number): Float64Array {
  const out = new Float64Array(N * M);
  for (let n = 0; n < N; n++) for (let m = 0; m < M; m++) for (let k = 0; k < K; k++) out[n * M + m] += a[n * K + k] * b[m * K + k];
  return out;
}

const random = (len: number, seed: number) => {
  const rng = rngStream(seed, 'gemm');
  return Float32Array.from({ length: len }, () => rng.normal());
};

describe.each([
  ['WebAssembly SIMD', true],
  ['JavaScript', false],
])('gemmNT on %s', (_name, wasm) => {
  beforeAll(() => setWasmKernels(wasm));
  afterAll(() => setWasmKernels(true));

  it('runs on the path it says (Node has WebAssembly SIMD: the module must compile)', () => {
    expect(wasmGemmAvailable()).toBe(wasm);
  });

  // Full tiles, leftover rows and columns (the WebAssembly kernel's 4×8 tiles and the JavaScript 4×4 ones), a single
  // row/column, K past one 512-long chunk, and K = 0.
  for (const [N, K, M] of [
    [8, 16, 8],
    [7, 5, 9],
    [1, 3, 1],
    [5, 1300, 6],
    [13, 4, 3],
    [12, 40, 17],
    [3, 0, 5],
  ]) {
    it(`matches the plain triple loop for N=${N}, K=${K}, M=${M}, and accumulates when asked`, () => {
      const a = random(N * K, N + K);
      const b = random(M * K, M * K);
      const want = naive(a, b, N, K, M);
      const out = new Float32Array(N * M).fill(Number.NaN); // a fresh product overwrites whatever is there
      gemmNT(a, b, out, N, K, M);
      const tol = 1e-5 * Math.sqrt(Math.max(K, 1));
      out.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(tol));
      gemmNT(a, b, out, N, K, M, true);
      out.forEach((v, i) => expect(Math.abs(v - 2 * want[i])).toBeLessThan(2 * tol));
    });
  }

  it('transposes a row-major block from an offset', () => {
    const src = Float32Array.from({ length: 2 + 6 }, (_, i) => i);
    expect(Array.from(transpose(src, 2, 3, 2))).toEqual([2, 5, 3, 6, 4, 7]);
  });
});

describe('gemmTNWasm (the conv filter gradient: both operands row by row over the long dimension)', () => {
  it('sums a[aOff + r·N + n]·b[bOff + r·M + m] over r, from offsets, for ragged N and M, adding to out', () => {
    for (const [R, N, M] of [
      [37, 5, 11],
      [600, 8, 16],
      [9, 1, 3],
    ]) {
      const aOff = 7;
      const bOff = 13;
      const a = random(aOff + R * N, 1);
      const b = random(bOff + R * M, 2);
      const out = Float32Array.from({ length: N * M }, (_, i) => i);
      expect(gemmTNWasm(a, aOff, b, bOff, out, R, N, M, true)).toBe(true);
      for (let n = 0; n < N; n++) {
        for (let m = 0; m < M; m++) {
          let want = n * M + m;
          for (let r = 0; r < R; r++) want += a[aOff + r * N + n] * b[bOff + r * M + m];
          expect(Math.abs(out[n * M + m] - want)).toBeLessThan(1e-3 * (1 + Math.abs(want)));
        }
      }
    }
  });

  it('gives exactly the float32 sums of one pass over r in order, across row blocks and ragged tiles, fresh or added', () => {
    // [R, N, M]: one block; many blocks with a ragged last one (24,576 floats per block: 219 rows here); N and M off
    // the 4 × 8 tile; the stem's 9 patches against 64 channels.
    for (const [R, N, M] of [
      [300, 8, 16],
      [3000, 40, 72],
      [1000, 9, 64],
      [517, 6, 13],
    ]) {
      const a = random(R * N, R + 1);
      const b = random(R * M, R + 2);
      const want = new Float32Array(N * M);
      for (let n = 0; n < N; n++) {
        for (let m = 0; m < M; m++) {
          let c = 0;
          for (let r = 0; r < R; r++) c = Math.fround(c + Math.fround(a[r * N + n] * b[r * M + m]));
          want[n * M + m] = c;
        }
      }
      const out = new Float32Array(N * M).fill(Number.NaN);
      expect(gemmTNWasm(a, 0, b, 0, out, R, N, M, false)).toBe(true);
      expect(out).toEqual(want);
      const base = Float32Array.from({ length: N * M }, (_, i) => i / 7);
      const added = base.slice();
      expect(gemmTNWasm(a, 0, b, 0, added, R, N, M, true)).toBe(true);
      expect(added).toEqual(base.map((v, i) => Math.fround(v + want[i])));
    }
  });

  it('declines (false, out untouched) when the WebAssembly kernels are off', () => {
    setWasmKernels(false);
    try {
      const out = new Float32Array(4);
      expect(gemmTNWasm(random(8, 3), 0, random(8, 4), 0, out, 4, 2, 2, false)).toBe(false);
      expect(Array.from(out)).toEqual([0, 0, 0, 0]);
    } finally {
      setWasmKernels(true);
    }
  });
});
