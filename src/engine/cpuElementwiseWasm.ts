/**
 * Relu, Step, ReLU's gradient and inference-mode batch norm on WebAssembly SIMD (wasm/elementwise.wat), for the CPU kernels of
 * cpuUnaryKernels.ts and cpuBatchNormInference.ts. The data is copied into the module's memory, transformed in place
 * there, 4 lanes at a time, and copied out: about twice the speed of the JavaScript loops on this project's machine
 * (figures in the README), whose cost is mostly per element. The results are the JavaScript kernels' (and tfjs's):
 * max(x, 0), the step mask with NaN kept, and batch norm in float64 rounded once. Each returns false (out untouched)
 * where the module does not run (the browser, SIMD missing, `setWasmKernels(false)`) or the data would not fit.
 *
 * Node only; see wasm/instance.ts.
 */
import { ELEMENTWISE_WASM_BASE64 } from './wasm/elementwiseModule';
import { wasmExports, wasmFloats } from './wasm/instance';

interface ElementwiseModule {
  memory: WebAssembly.Memory;
  relu: (p: number, n: number) => void;
  step: (p: number, n: number, alpha: number) => void;
  reluGrad: (dy: number, x: number, n: number) => void;
  bnInference: (p: number, n: number, c: number, prm: number) => void;
  pairSums: (p: number, q: number, n: number, c: number, cols: number, cp: number, cq: number, first: number, second: number) => void;
  affine: (u: number, v: number, out: number, n: number, c: number, a: number, b: number, shift: number) => void;
}

/** x copied into the module's memory (padded to whole 4-lane vectors, plus `extra` floats after), or null. */
function load(x: Float32Array, extra: number): { m: ElementwiseModule; f: Float32Array; n4: number } | null {
  const m = wasmExports<ElementwiseModule>(ELEMENTWISE_WASM_BASE64);
  if (!m) return null;
  const n4 = Math.ceil(x.length / 4) * 4;
  const f = wasmFloats(m.memory, n4 + extra);
  if (!f) return null;
  f.set(x, 0);
  return { m, f, n4 };
}

/** out = max(x, 0) elementwise. */
export function reluWasm(x: Float32Array, out: Float32Array): boolean {
  const w = load(x, 0);
  if (!w) return false;
  w.m.relu(0, w.n4);
  out.set(w.f.subarray(0, x.length));
  return true;
}

/** out = x > 0 ? 1 : (NaN ? x : alpha) elementwise. */
export function stepWasm(x: Float32Array, out: Float32Array, alpha: number): boolean {
  const w = load(x, 0);
  if (!w) return false;
  w.m.step(0, w.n4, alpha);
  out.set(w.f.subarray(0, x.length));
  return true;
}

/** out = dy · step(x) elementwise (dy and x of one length): ReLU's gradient, tfjs's products. */
export function reluGradWasm(dy: Float32Array, x: Float32Array, out: Float32Array): boolean {
  const w = place([dy, x], 0);
  if (!w) return false;
  w.m.reluGrad(w.at[0], w.at[1], dy.length);
  out.set(w.f.subarray(0, dy.length));
  return true;
}

/** out = offset + (x − mean)·scale / root per channel of c (a multiple of 4; false otherwise), float64 then rounded. */
export function bnInferenceWasm(x: Float32Array, c: number, mean: Float64Array, root: Float64Array, scale: Float64Array, offset: Float64Array, out: Float32Array): boolean {
  if (c % 4 !== 0 || c === 0 || x.length % c !== 0) return false;
  // The float64 parameters go after the data, on an 8-byte boundary (n4 floats is a multiple of 16 bytes).
  const w = load(x, 8 * c);
  if (!w) return false;
  const prm = new Float64Array(w.m.memory.buffer, w.n4 * 4, 4 * c);
  prm.set(mean, 0);
  prm.set(root, c);
  prm.set(scale, 2 * c);
  prm.set(offset, 3 * c);
  w.m.bnInference(0, x.length, c, w.n4 * 4);
  out.set(w.f.subarray(0, x.length));
  return true;
}

/** Float32 data `arrays` one after the other from byte 0, then `f64s` float64 values on an 8-byte boundary. */
function place(arrays: Float32Array[], f64s: number): { m: ElementwiseModule; f: Float32Array; at: number[]; d: Float64Array; dAt: number } | null {
  const m = wasmExports<ElementwiseModule>(ELEMENTWISE_WASM_BASE64);
  if (!m) return null;
  const at: number[] = [];
  let floats = 0;
  for (const a of arrays) {
    at.push(floats * 4);
    floats += Math.ceil(a.length / 4) * 4;
  }
  const f = wasmFloats(m.memory, floats + 2 * f64s);
  if (!f) return null;
  arrays.forEach((a, i) => f.set(a, at[i] / 4));
  return { m, f, at, d: new Float64Array(m.memory.buffer, floats * 4, f64s), dAt: floats * 4 };
}

/**
 * Training-mode batch norm's column sums (cpuBatchNormKernels.ts pairSums) for the columns of its blocks of 4, j <
 * c − c mod 4 (null where there are none, or where the module does not run): per column, Σ (p − cp_j) and
 * Σ (p − cp_j)·(q − cq_j) in float64, each column's additions in the JavaScript loop's order, so the same numbers. The
 * columns past the last block come back as 0, for the caller's loop.
 */
export function pairSumsWasm(p: Float32Array, cp: Float64Array, q: Float32Array, cq: Float64Array, n: number, c: number): { first: Float64Array; second: Float64Array } | null {
  const cols = c - (c % 4);
  if (cols === 0 || n === 0) return null;
  const w = place(p === q ? [p] : [p, q], 4 * c);
  if (!w) return null;
  w.d.set(cp, 0);
  w.d.set(cq, c);
  w.d.fill(0, 2 * c);
  w.m.pairSums(w.at[0], w.at[p === q ? 0 : 1], n, c, cols, w.dAt, w.dAt + 8 * c, w.dAt + 16 * c, w.dAt + 24 * c);
  return { first: w.d.slice(2 * c, 3 * c), second: w.d.slice(3 * c, 4 * c) };
}

/**
 * out = u·a + v·b + shift per column (v and b null: u·a + shift), in float64 and that order, rounded once: the
 * JavaScript affine's values. False where c is odd or the module does not run (out untouched).
 */
export function affineWasm(u: Float32Array, a: Float64Array, v: Float32Array | null, b: Float64Array | null, shift: Float64Array, out: Float32Array, n: number, c: number): boolean {
  if (c % 2 !== 0 || c === 0 || n === 0) return false;
  const w = place(v ? [u, v] : [u], 3 * c);
  if (!w) return false;
  w.d.set(a, 0);
  if (b) w.d.set(b, c);
  else w.d.fill(0, c, 2 * c);
  w.d.set(shift, 2 * c);
  w.m.affine(w.at[0], w.at[v ? 1 : 0], w.at[0], n, c, w.dAt, w.dAt + 8 * c, w.dAt + 16 * c);
  out.set(w.f.subarray(0, n * c));
  return true;
}
