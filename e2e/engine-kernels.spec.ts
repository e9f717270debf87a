/**
 * Issue 15 §3: the engine's own WebGPU programs (1×1 convs and the dense layer by `EnginePointwise`, the split-sum 1×1
 * and depthwise filter gradients, their column sum) against tf.grad of the plain tfjs ops, computed on SwiftShader's
 * real WebGPU (the unit tests check the same cases on the CPU backend, engine/convGrads.test.ts). Runs on the bench
 * page, which the e2e build includes (NAS_BENCH_PAGE, playwright.config.ts).
 */
import { expect, test } from '@playwright/test';
import type { BenchTaskResult } from '../src/bench/tasks';

test('engine kernels on WebGPU: value and both gradients within 1e-4 × (1 + max |ref|) of tf.grad, every case', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/bench.html');
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, { timeout: 60_000 });
  const result = (await page.evaluate(() =>
    (window as unknown as { __bench: { run(t: unknown): Promise<unknown> } }).__bench.run({ kind: 'grad-check', backend: 'webgpu' }),
  )) as BenchTaskResult;
  expect(result.kind).toBe('grad-check');
  if (result.kind !== 'grad-check') return;
  expect(result.env.backend).toBe('webgpu');
  expect(result.raw.length).toBeGreaterThanOrEqual(13);
  for (const r of result.raw) expect(r.maxRel, r.name).toBeLessThanOrEqual(1e-4);
});
