/**
 * The matrix product of cpuGemm.ts on WebAssembly SIMD (wasm/gemm.wat): 4×8 output tiles of 4-lane float32 sums, about
 * three times the multiply-adds per second of the JavaScript tiles on this project's machine (figures in the README).
 * Operands are copied into the module's memory, A as it is and B transposed (so the kernel reads 8 consecutive
 * outputs' weights at once), with rows of A padded to a multiple of 4 and columns of Bᵀ to a multiple of 8; the result
 * is copied back. Sums are float32 (the JavaScript path sums in float64). The conv filter gradient has its own entry
 * (gemmTNWasm, wasm `gemmtn`) that takes both operands as they lie.
 *
 * Node only; see wasm/instance.ts.
 */
import { wasmExports, wasmFloats } from './wasm/instance';
import { GEMM_WASM_BASE64 } from './wasm/gemmModule';

interface GemmModule {
  memory: WebAssembly.Memory;
  gemm: (a: number, b: number, c: number, m: number, n: number, k: number) => void;
  gemmtn: (a: number, b: number, c: number, n: number, m: number, r: number, rb: number) => void;
}

/** Floats of a and b together per row block of `gemmtn` (96 kB: a block stays in the core's L2 while every tile passes). */
const TN_BLOCK_FLOATS = 24_576;

/** Whether products run on WebAssembly SIMD here (compiles the module on first call). */
export function wasmGemmAvailable(): boolean {
  return wasmExports<GemmModule>(GEMM_WASM_BASE64) !== null;
}

/**
 * The set-up both entry points share: the module, its memory sized for A (n4 × K), Bᵀ (K × m8) and C (n4 × m8), the
 * operands written by `fillA` (rows of A from float 0, padding rows zeroed by the caller) and `fillB` (Bᵀ from float
 * `bOff`, row stride m8, padding columns zeroed by the caller), the kernel, and C's N × M corner read back into `out`.
 * False (out untouched) when the WebAssembly path is off, unavailable, or the operands would need more than 1 GiB.
 */
function product(N: number, K: number, M: number, out: Float32Array, accumulate: boolean, fillA: (f: Float32Array, n4: number) => void, fillB: (f: Float32Array, bOff: number, m8: number) => void): boolean {
  const w = wasmExports<GemmModule>(GEMM_WASM_BASE64);
  if (!w) return false;
  const n4 = Math.ceil(N / 4) * 4;
  const m8 = Math.ceil(M / 8) * 8;
  const aFloats = n4 * K;
  const bFloats = K * m8;
  const f = wasmFloats(w.memory, aFloats + bFloats + n4 * m8);
  if (!f) return false;
  const bOff = aFloats;
  const cOff = aFloats + bFloats;
  fillA(f, n4);
  fillB(f, bOff, m8);
  w.gemm(0, bOff * 4, cOff * 4, n4, m8, K);
  readC(f, cOff, N, M, m8, out, accumulate);
  return true;
}

/** C's N × M corner (rows of m8 floats from float `cOff`) into `out`, added when `accumulate`. */
function readC(f: Float32Array, cOff: number, N: number, M: number, m8: number, out: Float32Array, accumulate: boolean): void {
  if (m8 === M) {
    // Rows without padding: one block.
    if (accumulate) for (let i = 0, src = cOff; i < N * M; i++, src++) out[i] += f[src];
    else out.set(f.subarray(cOff, cOff + N * M));
    return;
  }
  for (let n = 0; n < N; n++) {
    const row = cOff + n * m8;
    const o = n * M;
    if (accumulate) for (let m = 0; m < M; m++) out[o + m] += f[row + m];
    else out.set(f.subarray(row, row + M), o);
  }
}

/** Rows of `width` floats of `src` from `srcOff` into f from `dst`, each padded with zeros to `padded` floats. */
function copyRows(f: Float32Array, dst: number, src: Float32Array, srcOff: number, rows: number, width: number, padded: number): void {
  if (padded === width) {
    f.set(src.subarray(srcOff, srcOff + rows * width), dst);
    return;
  }
  for (let r = 0; r < rows; r++, dst += padded, srcOff += width) {
    for (let k = 0; k < width; k++) f[dst + k] = src[srcOff + k];
    for (let k = width; k < padded; k++) f[dst + k] = 0;
  }
}

/**
 * out[n·M + m] = (accumulate ? out[n·M + m] : 0) + Σ_k a[n·K + k]·b[m·K + k], as gemmNT; false (and out untouched) when
 * the WebAssembly path is off, unavailable, or the operands would need more than 1 GiB.
 */
export function gemmNTWasm(a: ArrayLike<number>, b: ArrayLike<number>, out: Float32Array, N: number, K: number, M: number, accumulate: boolean): boolean {
  return product(
    N, K, M, out, accumulate,
    (f, n4) => {
      if (a instanceof Float32Array) f.set(a.subarray(0, N * K), 0);
      else for (let i = 0; i < N * K; i++) f[i] = a[i];
      f.fill(0, N * K, n4 * K);
    },
    (f, bOff, m8) => {
      for (let m = 0; m < M; m++) {
        const src = m * K;
        for (let k = 0, dst = bOff + m; k < K; k++, dst += m8) f[dst] = b[src + k];
      }
      if (m8 > M) for (let k = 0; k < K; k++) f.fill(0, bOff + k * m8 + M, bOff + (k + 1) * m8);
    },
  );
}

/**
 * out[n·M + m] = (accumulate ? out[n·M + m] : 0) + Σ_r a[aOff + r·N + n]·b[bOff + r·M + m]: the product of two operands
 * stored row by row over a long shared dimension R (the conv filter gradient: R = pixels, a = input patches, b = dy).
 * Both go into the module as they lie (rows padded to 4 and 8 floats), and `gemmtn` reads a's rows directly: no
 * transpose on the way (one of a took 60–70 % of this product's time), and the same float32 sums in the same order as
 * `gemm` on aᵀ gave. False (out untouched) when the WebAssembly path is off, unavailable, or the operands would need
 * more than 1 GiB.
 */
export function gemmTNWasm(a: Float32Array, aOff: number, b: Float32Array, bOff: number, out: Float32Array, R: number, N: number, M: number, accumulate: boolean): boolean {
  const w = wasmExports<GemmModule>(GEMM_WASM_BASE64);
  if (!w) return false;
  const n4 = Math.ceil(N / 4) * 4;
  const m8 = Math.ceil(M / 8) * 8;
  const bBase = R * n4;
  const cOff = bBase + R * m8;
  const f = wasmFloats(w.memory, cOff + n4 * m8);
  if (!f) return false;
  copyRows(f, 0, a, aOff, R, N, n4);
  copyRows(f, bBase, b, bOff, R, M, m8);
  f.fill(0, cOff, cOff + n4 * m8);
  w.gemmtn(0, bBase * 4, cOff * 4, n4, m8, R, Math.max(16, Math.floor(TN_BLOCK_FLOATS / (n4 + m8))));
  readC(f, cOff, N, M, m8, out, accumulate);
  return true;
}
