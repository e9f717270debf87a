import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { parseRecording } from '../src/core/method/recording';
import { expectChartFrames } from './fixtures/charts';
import { collectErrors } from './fixtures/console';

/**
 * Recorded runs (issue 17 §2, §9): the landing page's "Watch a recorded run" opens AtomNAS on its recording, the
 * timeline and the event buttons move the same charts a live run draws (the first shrink event leaves fewer atoms in
 * the block bars than the first snapshot), the end shows the recorded result, and "Run it live with these settings"
 * puts the recording's settings into the form. The recording is a small one made with the CLI
 * (e2e/fixtures/atomnas-recording.json.gz: `search --method atomnas --preset tiny --rho 0.15 --epochs 1
 * --record-every 1`), served as the shipped file so the test does not depend on public/recordings.
 */
const FIXTURE = new URL('./fixtures/atomnas-recording.json.gz', import.meta.url);

async function serveRecording(page: Page): Promise<void> {
  const body = await readFile(FIXTURE);
  // A static host that does not decode .gz: the app sniffs the gzip magic itself.
  await page.route('**/recordings/atomnas.json.gz', (route) => route.fulfill({ status: 200, contentType: 'application/gzip', body }));
  await page.route('**/recordings/padnas.json.gz', (route) => route.fulfill({ status: 404, body: 'not found' }));
}

async function alive(page: Page): Promise<number> {
  const v = await page.getByTestId('atom-bars').locator('svg').getAttribute('data-alive');
  return v === null ? Number.NaN : Number(v);
}

test('watch the recorded AtomNAS run from the landing page, jump to the first shrink, scrub, and run it live', async ({ page }) => {
  const errors = collectErrors(page);
  await serveRecording(page);
  await page.goto('/');
  await page.getByTestId('landing-card-atomnas').getByRole('button', { name: 'Watch a recorded run' }).click();
  const main = page.getByRole('main', { name: 'AtomNAS' });
  await expect(main).toBeVisible();
  await expect(page.getByTestId('replay-banner')).toContainText(/Recorded on 2-core .*, cpu, .* — npm run cli -- search --method atomnas/);
  expect(new URL(page.url()).hash).toMatch(/^#v=2&screen=atomnas&rec=1/);
  // The live run controls give way to the player.
  await expect(main.getByRole('button', { name: 'Start', exact: true })).toHaveCount(0);
  await expect(page.getByTestId('replay-progress')).toContainText('snapshot 1 / 41 · step 1 / 40');

  await expect.poll(() => alive(page), { timeout: 30_000 }).toBeGreaterThan(0);
  const first = await alive(page);

  // Jump to the first shrink event: the button names it, the event is announced, and the bars lose atoms.
  const next = page.getByTestId('replay-next-event');
  await expect(next).toContainText('Next event: Shrink at step');
  await next.click();
  await expect(page.getByTestId('replay-announce')).toContainText(/Step 25: Shrink at step \d+: \d+ dead atoms removed/);
  await expect(page.getByTestId('replay-progress')).toContainText('step 25 / 40');
  await expect.poll(() => alive(page)).toBeLessThan(first);
  const afterShrink = await alive(page);

  // The timeline with the keyboard: Home goes back to the first snapshot (redrawn from the start), End to the result.
  const scrubber = page.getByTestId('replay-scrubber');
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => alive(page)).toBe(first);
  await page.keyboard.press('End');
  await expect(page.getByTestId('replay-announce')).toContainText('End of the recording: the result is shown below.');
  await expect(main.getByText('AtomNAS result (recorded)')).toBeVisible();
  expect(await alive(page)).toBeLessThanOrEqual(afterShrink);
  // Scrubbed back and forth, every chart still has one frame (block bars, shrink curves, γ charts).
  await expectChartFrames(main, 3);
  // Previous event goes back to the last shrink before the end.
  await expect(page.getByTestId('replay-prev-event')).toContainText('Previous event: Shrink at step');

  // Play a little at 8×: frames advance.
  await page.getByRole('button', { name: 'Play again' }).click();
  await page.getByLabel('Speed', { exact: true }).selectOption('8');
  await expect.poll(async () => (await page.getByTestId('replay-progress').textContent()) ?? '').not.toContain('snapshot 1 / 41');

  // Run it live with these settings: the form gets the recording's ρ, the replay closes and the link drops rec=1.
  await page.getByRole('button', { name: 'Run it live with these settings' }).click();
  await expect(page.getByTestId('replay')).toHaveCount(0);
  await expect(page.getByRole('spinbutton', { name: 'ρ (penalty strength)' })).toHaveValue('0.15');
  await expect(main.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  await expect.poll(() => new URL(page.url()).hash).not.toContain('rec=1');

  // A recording of another method is refused with a clear message, and nothing else changes.
  await page.getByTestId('recording-file-input').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'nas-playground.recording', version: 1, method: 'padnas', preset: null, config: {}, started: { totalSteps: 1, stepsPerEpoch: 1, totalEpochs: 1, summary: '', info: {} }, made: { machine: 'm', backend: 'cpu', adapter: null, tfjsVersion: '4', date: '2026-01-01', command: 'c', by: 'cli' }, frames: [{ step: 1, epoch: 0, ms: 0, snap: {} }], record: null })),
  });
  await expect(page.getByTestId('replay-error')).toContainText('other.json is a recording of "padnas", not of "atomnas"');
  await expect(page.getByTestId('replay')).toHaveCount(0);
  expect(errors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the player passes axe with no serious or critical violation (${theme} theme)`, async ({ page }) => {
    await serveRecording(page);
    await page.emulateMedia({ colorScheme: theme });
    await page.addInitScript((t) => localStorage.setItem('nas-playground-theme', t), theme);
    await page.goto('/#v=2&screen=atomnas&rec=1');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.getByTestId('replay-next-event').click();
    await expect(page.getByTestId('replay-announce')).toContainText('Step 25');
    await page.getByRole('button', { name: 'Explain: timeline' }).click();
    const result = await new AxeBuilder({ page }).include('[data-testid="replay"]').analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    expect(serious).toEqual([]);
  });
}

test('a link opens straight into the recording (from a host that decodes .gz itself); a method without one says so', async ({ page }) => {
  const errors = collectErrors(page);
  await serveRecording(page);
  // This host sends the .gz with Content-Encoding: gzip, so the page receives plain JSON under the .gz name.
  const body = await readFile(FIXTURE);
  await page.route('**/recordings/atomnas.json.gz', (route) => route.fulfill({ status: 200, contentType: 'application/json', headers: { 'content-encoding': 'gzip' }, body }));
  await page.goto('/#v=2&screen=atomnas&rec=1');
  await expect(page.getByTestId('replay-banner')).toBeVisible();
  await expect.poll(() => alive(page), { timeout: 30_000 }).toBeGreaterThan(0);
  // Space plays and pauses the recording (not a live run).
  await page.getByRole('heading', { name: 'Recorded run' }).click();
  await page.keyboard.press('n');
  await expect(page.getByTestId('replay-announce')).toContainText('Step 25');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('replay')).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).hash).toBe('#v=2&screen=atomnas');

  await page.goto('/#v=2&screen=padnas&rec=1');
  await expect(page.getByTestId('replay-error')).toContainText('No recorded PAD-NAS run ships with this build (recordings/padnas.json.gz is missing).');
  await expect(page.getByTestId('replay')).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).hash).not.toContain('rec=1');
  expect(errors.filter((e) => !/404|Failed to load resource/.test(e))).toEqual([]);
});

test('a live run is recorded in the page: refused while paused, then replayed and exported as .json.gz', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  // The quick AtomNAS settings of e2e/atomnas.spec.ts (960 images, strong ρ, shrink checks every 2 steps).
  await page.goto('/#v=2&screen=atomnas&alimit=960&aep=1&arho=0.3&aevery=2&aema=0');
  const main = page.getByRole('main', { name: 'AtomNAS' });
  const start = main.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeEnabled({ timeout: 120_000 });
  const backend = (await page.getByTestId('backend-badge').textContent()) ?? '';
  expect(backend).toMatch(/^(webgpu|webgl|cpu)$/);
  await start.click();
  await expect(page.getByTestId('own-recording-status')).toContainText(/This run is recorded: \d+ snapshots/, { timeout: 180_000 });
  await main.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(main.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled({ timeout: 120_000 });
  // While the run is paused a replay would draw into its charts: refused, and the button says why.
  const replay = main.getByRole('button', { name: 'Replay this run' });
  await expect(replay).toBeDisabled();
  await expect(replay).toHaveAttribute('title', /Your AtomNAS search is paused: .*Reset it/);
  await main.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(replay).toBeEnabled();
  await replay.click();
  await expect(page.getByTestId('replay-banner')).toContainText(new RegExp(`Recorded on .*browser.*, ${backend}, `));
  await expect(page.getByTestId('replay-banner')).toContainText('Replaying your run of');
  await expect.poll(() => alive(page), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Close' }).click();

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await main.getByRole('button', { name: 'Export recording' }).click();
  await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(1);
  expect(downloads[0].suggestedFilename()).toMatch(/^atomnas-\d{4}-\d\d-\d\dT\d\d-\d\d\.json\.gz$/);
  const rec = parseRecording(gunzipSync(await readFile(await downloads[0].path())).toString('utf8'), 'export', 'atomnas');
  expect(rec.frames.length).toBeGreaterThan(0);
  expect(rec.made).toMatchObject({ by: 'app', backend });
  expect(rec.config).toMatchObject({ rho: 0.3, trainLimit: 960 });
  expect(errors).toEqual([]);
});
