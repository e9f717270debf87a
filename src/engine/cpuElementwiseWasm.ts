/**
 * Relu, Step and inference-mode batch norm on WebAssembly SIMD (wasm/elementwise.wat), for the CPU kernels of
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
  bnInference: (p: number, n: number, c: number, prm: number) => void;
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
