/**
 * Figures taken on the real app page (the built index.html, served by vite preview): main-thread responsiveness while
 * the Train screen trains, and the Latency screen's predictor report. Both use the app's own buttons, as a person would.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from '@playwright/test';
import { parseProfileText, type LatencyProfile } from '../src/core/latency/profileSchema';
import { responsiveness, type Responsiveness } from '../src/bench/summary';

/**
 * The e2e tiny run (width 0.25, stem stride 2, batch 16, 48 images: an epoch, a validation pass and a chart update every
 * 3 steps), so that even on SwiftShader the 20 s window sees steps, epochs and redraws.
 */
export const RESPONSIVENESS_HASH = 'v=1&backend=webgpu&width=0.25&batch=16&epochs=20&tiny=1&limit=48';

interface Recorder {
  tasks: { start: number; duration: number }[];
  frames: number[];
  error?: string;
}

/**
 * Installed before the app's scripts: long tasks (buffered) and a rAF loop recording frame times. A string, not a
 * function: tsx/esbuild would wrap named inner functions in a `__name` helper that does not exist in the page.
 */
const RECORDER_SCRIPT = `
window.__resp = { tasks: [], frames: [] };
try {
  new PerformanceObserver(function (list) {
    for (const e of list.getEntries()) window.__resp.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch (e) {
  window.__resp.error = String(e);
}
requestAnimationFrame(function tick(t) {
  window.__resp.frames.push(t);
  requestAnimationFrame(tick);
});
`;

/** The step readout as a number ('–' before the first step → NaN). */
function stepOf(text: string | null): number {
  return Number.parseFloat((text ?? '').replace(/[^0-9.]/g, ''));
}

/** Start training on the Train screen, wait for the first step, then watch the main thread for `windowS` seconds. */
export async function measureResponsiveness(browser: Browser, base: string, windowS: number, log: (s: string) => void): Promise<Responsiveness & { steps: number; hash: string; backend: string }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.addInitScript({ content: RECORDER_SCRIPT });
    await page.goto(`${base}/#${RESPONSIVENESS_HASH}`);
    await page.getByTestId('backend-badge').filter({ hasText: /^(webgpu|webgl|cpu)$/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('dataset-name').filter({ hasText: /\S/ }).waitFor({ timeout: 120_000 });
    const backend = (await page.getByTestId('backend-badge').textContent()) ?? 'unknown';
    log(`app ready on ${backend}`);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const step = page.getByTestId('readout-step');
    const t0 = Date.now();
    while (!(stepOf(await step.textContent()) >= 1)) {
      if (Date.now() - t0 > 180_000) throw new Error('the first training step did not finish within 3 minutes');
      await page.waitForTimeout(250);
    }
    const stepsBefore = stepOf(await step.textContent());
    const start = await page.evaluate(() => performance.now());
    await page.waitForTimeout(windowS * 1000);
    const rec = await page.evaluate((from) => {
      const r = (window as unknown as { __resp: Recorder }).__resp;
      return { now: performance.now(), tasks: r.tasks.filter((t) => t.start >= from), frames: r.frames.filter((f) => f >= from), error: r.error };
    }, start);
    if (rec.error) throw new Error(`long-task observer unavailable: ${rec.error}`);
    const stepsAfter = stepOf(await step.textContent());
    const state = await page.getByTestId('run-state').textContent();
    log(`window done: ${rec.tasks.length} long tasks, ${rec.frames.length} frames, steps ${stepsBefore} → ${stepsAfter} (${state})`);
    return { ...responsiveness(rec.tasks.map((t) => t.duration), rec.frames, rec.now - start), steps: stepsAfter - stepsBefore, hash: RESPONSIVENESS_HASH, backend };
  } finally {
    await page.close();
  }
}

/** Profile this device on the Latency screen (Quick mode, tiny preset), export the profile and return it. */
export async function measurePredictor(browser: Browser, base: string, log: (s: string) => void, full = false): Promise<{ profile: LatencyProfile; text: string }> {
  const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(`${base}/#v=1&backend=webgpu&screen=profiler&tiny=1`);
    await page.getByTestId('device-backend').waitFor({ timeout: 120_000 });
    await page.getByLabel('Quick (reduced)').setChecked(!full);
    await page.getByLabel('Tiny preset (stem stride 2)').setChecked(true);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Profile this device' }).click();
    const state = page.getByTestId('profile-state');
    let s = '';
    while (Date.now() - t0 < 30 * 60_000) {
      s = (await state.textContent()) ?? '';
      if (s === 'done' || s === 'error' || s === 'cancelled') break;
      await page.waitForTimeout(2000);
    }
    log(`profile ${s} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (s !== 'done') throw new Error(`the profile ended in state "${s}"`);
    await page.getByTestId('predictor-report').waitFor({ timeout: 60_000 });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /^Export profile/ }).first().click();
    const text = await readFile(await (await download).path(), 'utf8');
    return { profile: parseProfileText(text), text };
  } finally {
    await page.close();
  }
}
