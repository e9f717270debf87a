/**
 * The matrix product behind the engine's CPU convolutions and matMul: out[N×M] (+)= A[N×K] · B[M×K]ᵀ, both operands
 * row-major with K contiguous, so each output tile is a dot product of rows read front to back.
 *
 * Work goes in 4×4 output tiles whose 16 sums live in local variables (registers) while the K loop streams 4 rows of
 * A and 4 of B: 8 loads per 16 multiply-adds. On this project's 2-core machine (Node 20) that is about 2.4 G
 * multiply-adds/s for the shapes of a 1×1 conv at batch 64, against about 0.4 for tfjs-backend-cpu 4.22's Conv2D and
 * BatchMatMul on the same shapes. Long K (a filter gradient sums over every pixel of the batch) is cut into chunks so
 * the 8 rows of a tile stay in cache. Sums are float64 within a chunk.
 */

import { gemmNTWasm } from './cpuGemmWasm';

/** K per chunk: 8 rows × 512 floats = 16 kB, well inside L1/L2 with the tile's output. */
const K_CHUNK = 512;

/**
 * out[n·M + m] = (accumulate ? out[n·M + m] : 0) + Σ_k a[n·K + k] · b[m·K + k], for n < N, m < M.
 * `out` must not alias `a` or `b`.
 */
export function gemmNT(a: ArrayLike<number>, b: ArrayLike<number>, out: Float32Array, N: number, K: number, M: number, accumulate = false): void {
  if (gemmNTWasm(a, b, out, N, K, M, accumulate)) return;
  if (!accumulate) out.fill(0, 0, N * M);
  for (let k0 = 0; k0 < K; k0 += K_CHUNK) {
    const k1 = Math.min(K, k0 + K_CHUNK);
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const a0 = n * K;
      const a1 = a0 + K;
      const a2 = a1 + K;
      const a3 = a2 + K;
      let m = 0;
      for (; m + 4 <= M; m += 4) {
        const b0 = m * K;
        const b1 = b0 + K;
        const b2 = b1 + K;
        const b3 = b2 + K;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (let k = k0; k < k1; k++) {
          const x0 = a[a0 + k];
          const x1 = a[a1 + k];
          const x2 = a[a2 + k];
          const x3 = a[a3 + k];
          const y0 = b[b0 + k];
          const y1 = b[b1 + k];
          const y2 = b[b2 + k];
          const y3 = b[b3 + k];
          s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
          s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
          s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
          s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
        }
        let o = n * M + m;
        out[o] += s00; out[o + 1] += s01; out[o + 2] += s02; out[o + 3] += s03;
        o += M;
        out[o] += s10; out[o + 1] += s11; out[o + 2] += s12; out[o + 3] += s13;
        o += M;
        out[o] += s20; out[o + 1] += s21; out[o + 2] += s22; out[o + 3] += s23;
        o += M;
        out[o] += s30; out[o + 1] += s31; out[o + 2] += s32; out[o + 3] += s33;
      }
      for (; m < M; m++) edge(a, b, out, n, n + 4, m, K, M, k0, k1);
    }
    for (; n < N; n++) {
      for (let m = 0; m < M; m++) edge(a, b, out, n, n + 1, m, K, M, k0, k1);
    }
  }
}

/** The rows n0..n1−1 of column m over k0..k1−1: the tiles' leftovers when N or M is not a multiple of 4. */
function edge(a: ArrayLike<number>, b: ArrayLike<number>, out: Float32Array, n0: number, n1: number, m: number, K: number, M: number, k0: number, k1: number): void {
  const bo = m * K;
  for (let n = n0; n < n1; n++) {
    const ao = n * K;
    let s = 0;
    for (let k = k0; k < k1; k++) s += a[ao + k] * b[bo + k];
    out[n * M + m] += s;
  }
}

/** The [cols × rows] transpose of a row-major [rows × cols] matrix starting at `offset`. */
export function transpose(src: ArrayLike<number>, rows: number, cols: number, offset = 0, into?: Float32Array): Float32Array {
  const out = into ?? new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const so = offset + r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[so + c];
  }
  return out;
}
