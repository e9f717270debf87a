/**
 * Reproducible latency figures: drive the built app in headless Chromium (Debian's /usr/bin/chromium, WebGPU through
 * SwiftShader unless a GPU is exposed), open the Latency screen, click "Profile this device", wait for the run, press
 * "Export profile" and read the exported file. Prints the predictor report as Markdown and writes the profile JSON.
 *
 *   npx vite build && npx tsx scripts/profile-headless.ts --mode reduced --out /tmp/profile-reduced.json
 *   npx tsx scripts/profile-headless.ts --mode full --tiny --out /tmp/profile-full.json
 *
 * Options: --mode reduced|full (default reduced), --tiny (stem stride 2), --width 0.5 (skeleton width multiplier, default 1),
 * --cells (also measure the AutoSpace-style cell parts, so the profile prices cells by latency),
 *   (and time a few networks of random cells end to end, held out of the fit: the report adds their two predictions),
 * --port 4180, --timeout-min 60, --dist dist (the built app to serve: vite build's --outDir),
 * --chromium /usr/bin/chromium, --gpu (drop the SwiftShader pin and pass the Vulkan flags of LATENCY.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { parseProfileText, type LatencyProfile } from '../src/core/latency/profileSchema';
import { arg, flag } from './scriptArgs';

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`preview server did not answer at ${url}`);
}

const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–');
const num = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');

/** The report as a Markdown table (held-out networks). */
export function reportMarkdown(p: LatencyProfile): string {
  const d = p.device;
  const lines = [
    `- profile: ${p.name} (${p.settings.mode}, input ${p.settings.input.height}×${p.settings.input.width}, tiny ${p.settings.tiny}${p.settings.cells ? ', with cell parts' : ''}, seed ${p.settings.seed}, n = ${p.settings.samples})`,
    `- measured: ${p.createdAt}, ${(p.durationMs / 1000).toFixed(0)} s; adapter: ${d.adapterVendor} / ${d.adapterArchitecture} / ${d.adapterDescription || '–'} (fallback ${d.isFallbackAdapter}); timestamp-query ${d.timestampQuery}; crossOriginIsolated ${d.crossOriginIsolated}; ${d.browser}; tfjs ${d.tfjsVersion} (${d.backend})`,
    `- LUT entries: ${Object.keys(p.lut).length}; networks: ${p.e2e.length}; roofline: ${p.roofline ? `${p.roofline.matmulGflops.toFixed(1)} GFLOP/s matmul, ${p.roofline.bandwidthGBs.toFixed(1)} GB/s add` : '–'}`,
  ];
  const counted = p.e2e.filter((e) => e.dispatchesCounted !== null);
  lines.push(`- dispatch estimate = counted dispatches on ${counted.filter((e) => e.dispatchesCounted === e.dispatches).length}/${counted.length} networks`);
  if (!p.predictor) return `${lines.join('\n')}\n\n(no predictor: too few networks)`;
  lines.push(`- held out: ${p.predictor.report.nHeldOut}, fitted on ${p.predictor.report.nFit}`, '');
  lines.push('| predictor | within ±10% | RMSPE | Spearman ρ | Kendall τ | formula |', '|---|---|---|---|---|---|');
  for (const r of p.predictor.report.rows) {
    const h = r.heldOut;
    lines.push(`| ${r.name} | ${pct(h.within10)} | ${pct(h.rmspe)} | ${num(h.spearman)} | ${num(h.kendall)} | ${r.formula} |`);
  }
  const c = p.predictor.report.cells;
  if (c) {
    lines.push('', `- cell networks (held out of the fit): ${c.n}; per-cell term from all of them ${num(c.perCellTermMs)} ms; better: ${c.better}`, '');
    lines.push('| cell priced by | within ±10% | RMSPE | Spearman ρ | Kendall τ |', '|---|---|---|---|---|');
    for (const [name, m] of [['(a) sum of parts', c.parts], ['(b) + per-cell term (leave-one-out)', c.perCell]] as const) {
      lines.push(`| ${name} | ${pct(m.within10)} | ${pct(m.rmspe)} | ${num(m.spearman)} | ${num(m.kendall)} |`);
    }
    lines.push('', '| cell network | measured ms | (a) ms | (b) ms |', '|---|---|---|---|');
    for (const r of c.nets) lines.push(`| ${r.name} | ${num(r.measuredMs)} | ${num(r.partsMs)} | ${num(r.perCellMs)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const mode = arg('mode', 'reduced');
  if (mode !== 'reduced' && mode !== 'full') throw new Error('--mode must be reduced or full');
  const port = Number(arg('port', '4180'));
  const out = arg('out', `latency-profile-${mode}.json`);
  const timeoutMs = Number(arg('timeout-min', '60')) * 60_000;
  // Run vite's own entry (not npx) so that the pid we stop at the end is the server itself.
  const server: ChildProcess = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--outDir', arg('dist', 'dist')],
    { stdio: 'ignore' },
  );
  try {
    await waitForServer(`http://localhost:${port}/`, 60_000);
    const gpuArgs = flag('gpu')
      ? ['--enable-features=Vulkan', '--use-angle=vulkan', '--disable-vulkan-surface', '--ignore-gpu-blocklist']
      : ['--use-webgpu-adapter=swiftshader'];
    const browser = await chromium.launch({
      executablePath: arg('chromium', '/usr/bin/chromium'),
      args: ['--enable-unsafe-webgpu', ...gpuArgs, '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.goto(`http://localhost:${port}/#v=1&backend=webgpu&screen=profiler${flag('tiny') ? '&tiny=1' : ''}&width=${arg('width', '1')}`);
      await page.getByTestId('device-backend').waitFor({ timeout: 120_000 });
      console.error(`device: ${await page.getByTestId('device-card').innerText()}`);
      const quick = page.getByLabel('Quick (reduced)');
      await quick.setChecked(mode === 'reduced');
      await page.getByLabel('Tiny preset (stem stride 2)').setChecked(flag('tiny'));
      await page.getByLabel(/Also measure AutoSpace-style cell parts/).setChecked(flag('cells'));
      const t0 = Date.now();
      await page.getByRole('button', { name: 'Profile this device' }).click();
      const state = page.getByTestId('profile-state');
      let last = '';
      while (Date.now() - t0 < timeoutMs) {
        const s = (await state.textContent()) ?? '';
        const prog = (await page.getByTestId('profile-progress-text').textContent().catch(() => '')) ?? '';
        if (prog !== last) {
          console.error(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}: ${prog}`);
          last = prog;
        }
        if (s === 'done' || s === 'error' || s === 'cancelled') break;
        await page.waitForTimeout(5000);
      }
      const final = await state.textContent();
      if (final !== 'done') throw new Error(`profile ended in state ${final}`);
      await page.getByTestId('predictor-report').waitFor({ timeout: 60_000 });
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /^Export profile/ }).first().click();
      const text = await readFile(await (await download).path(), 'utf8');
      const profile = parseProfileText(text);
      await writeFile(out, text);
      console.log(reportMarkdown(profile));
      console.error(`profile written to ${out}`);
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
