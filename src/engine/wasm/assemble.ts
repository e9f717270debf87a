/**
 * Text → bytes for the engine's WebAssembly kernels (Node only: build script and tests; the app imports the built
 * modules). wabt parses the .wat with SIMD enabled and writes the binary; the module file holds it as base64.
 */
import wabtInit from 'wabt';

/** Each kernel's source and the TypeScript module built from it (paths from the repository root). */
export const WASM_KERNELS = [
  { wat: 'src/engine/wasm/gemm.wat', module: 'src/engine/wasm/gemmModule.ts', constant: 'GEMM_WASM_BASE64' },
  { wat: 'src/engine/wasm/depthwise.wat', module: 'src/engine/wasm/depthwiseModule.ts', constant: 'DEPTHWISE_WASM_BASE64' },
  { wat: 'src/engine/wasm/depthwise64.wat', module: 'src/engine/wasm/depthwise64Module.ts', constant: 'DEPTHWISE64_WASM_BASE64' },
  { wat: 'src/engine/wasm/elementwise.wat', module: 'src/engine/wasm/elementwiseModule.ts', constant: 'ELEMENTWISE_WASM_BASE64' },
] as const;

/** The bytes of a .wat source. */
export async function assembleWat(text: string, name: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(name, text, { simd: true });
  try {
    mod.validate();
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}

/** The TypeScript module for a .wat source: its bytes as one base64 string. */
export async function wasmModuleSource(text: string, name: string, constant: string): Promise<string> {
  const bytes = await assembleWat(text, name);
  const b64 = Buffer.from(bytes).toString('base64');
  return `// Built from ${name} by scripts/build-wasm.ts: do not edit (wasm/modules.test.ts checks it against the source).\nexport const ${constant} =\n  '${b64}';\n`;
}
