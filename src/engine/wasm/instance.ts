/**
 * Loading the engine's WebAssembly kernels (wasm/*.wat, built into *Module.ts) and sizing their memory.
 *
 * Node only (the CLI, the tests, the scripts). The app's Content-Security-Policy does not allow compiling WebAssembly
 * (no 'wasm-unsafe-eval': scripts/securityHeaders.ts), so in a browser no module is ever compiled and the CPU kernels
 * stay in JavaScript; the same happens where WebAssembly SIMD is missing. `setWasmKernels(false)` keeps them in
 * JavaScript on purpose (tests, A/B timings).
 */

let enabled = true;
/** Compiled modules by their base64 text; null: unavailable here. */
const modules = new Map<string, WebAssembly.Exports | null>();
/** Beyond this a kernel stays in JavaScript rather than grow a module's memory further (1 GiB). */
const MAX_BYTES = 1 << 30;
const PAGE = 65536;

/** Turn the WebAssembly kernels on or off (both paths compute the same values, up to float rounding). */
export function setWasmKernels(on: boolean): void {
  enabled = on;
}

/** True under Node (not in a browser page or worker, where the CSP would refuse the compile and report it). */
function inNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** The exports of the module in `base64`, compiled on first use; null when off or unavailable. */
export function wasmExports<T>(base64: string): T | null {
  if (!enabled) return null;
  let m = modules.get(base64);
  if (m === undefined) {
    m = null;
    if (inNode()) {
      try {
        const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
        m = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
      } catch {
        m = null;
      }
    }
    modules.set(base64, m);
  }
  return m as T | null;
}

/** A float32 view of `memory` at least `floats` long (grown as needed), or null past MAX_BYTES. */
export function wasmFloats(memory: WebAssembly.Memory, floats: number): Float32Array | null {
  const bytes = floats * 4;
  if (bytes > MAX_BYTES) return null;
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
  return new Float32Array(memory.buffer);
}
