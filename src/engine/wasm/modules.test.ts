import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WASM_KERNELS, wasmModuleSource } from './assemble';

describe('built WebAssembly modules', () => {
  it.each(WASM_KERNELS.map((k) => [k.module, k.wat, k.constant]))('%s holds the bytes of %s (run npx tsx scripts/build-wasm.ts after editing it)', async (module, wat, constant) => {
    expect(readFileSync(module, 'utf8')).toBe(await wasmModuleSource(readFileSync(wat, 'utf8'), wat, constant));
  });
});
