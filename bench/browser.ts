/**
 * The bench's browser side, shared by `npm run bench` (bench/run.ts) and the A/B scripts: Chromium's flags and one
 * bench task run on the bench page (bench.html → src/bench/page.ts) of a freshly launched browser.
 */
import type { Browser } from '@playwright/test';
import type { BenchTask, BenchTaskResult } from '../src/bench/tasks';

/** Chromium flags: LATENCY.md's headless set, SwiftShader pinned unless `gpu` asks for the Vulkan path. */
export function chromiumArgs(gpu: boolean): string[] {
  const adapter = gpu
    ? ['--enable-features=Vulkan', '--use-angle=vulkan', '--disable-vulkan-surface', '--ignore-gpu-blocklist']
    : ['--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'];
  return ['--enable-unsafe-webgpu', ...adapter, '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
}

/**
 * Run one task on the bench page served at `base` by a browser from `launch` (fresh, so every figure starts with a
 * fresh GPU device and pipeline cache), closed afterwards. The page's `[bench]` console lines and errors go to `log`.
 */
export async function runInPage(launch: () => Promise<Browser>, base: string, task: BenchTask, log: (line: string) => void): Promise<BenchTaskResult> {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.text().startsWith('[bench]')) log(m.text());
    });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`${base}/bench.html`);
    await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 60_000 });
    return await page.evaluate((t) => {
      const b = window.__bench;
      if (!b) throw new Error('bench page not ready');
      return b.run(t);
    }, task);
  } finally {
    await browser.close();
  }
}
