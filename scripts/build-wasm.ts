/**
 * Assemble the engine's WebAssembly kernels from their text sources into TypeScript modules that hold the bytes
 * (base64), so the app, its worker and the CLI load them without fetching a file:
 *   npx tsx scripts/build-wasm.ts          write src/engine/wasm/<name>Module.ts from each <name>.wat
 *   npx tsx scripts/build-wasm.ts --check  exit 1 if the committed module is not the source's (also a unit test)
 * Uses wabt (the WebAssembly binary toolkit, as an npm package); features: SIMD.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { wasmModuleSource, WASM_KERNELS } from '../src/engine/wasm/assemble';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const k of WASM_KERNELS) {
    const want = await wasmModuleSource(await readFile(k.wat, 'utf8'), k.wat, k.constant);
    const have = await readFile(k.module, 'utf8').catch(() => '');
    if (have === want) continue;
    if (check) {
      console.error(`${k.module} is not built from ${k.wat}: run npx tsx scripts/build-wasm.ts`);
      stale++;
    } else {
      await writeFile(k.module, want);
      console.log(`wrote ${k.module}`);
    }
  }
  if (stale) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
