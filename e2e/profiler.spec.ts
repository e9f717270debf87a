import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parseProfileText, serializeProfile } from '../src/core/latency/profileSchema';
import { collectErrors } from './fixtures/console';

/**
 * The device latency profiler on SwiftShader: a quick (reduced) profile runs to the end and shows the predictor
 * report; export → delete (Undo puts it back) → import round-trips through IndexedDB; a corrupted or foreign file is refused with its
 * error while the stored profiles stay. Serial: the later tests use the profile the first one measured.
 */
test.describe.configure({ mode: 'serial' });

let page: Page;
let errors: string[];
let exported = '';

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  errors = collectErrors(page);
  await page.goto('/#v=1&backend=webgpu&screen=profiler&tiny=1');
});

test.afterAll(async () => {
  await page.close();
});

const rows = () => page.getByTestId('profile-row');

test('a quick profile completes, counts dispatches as estimated and shows the predictor report', async () => {
  test.setTimeout(900_000);
  await expect(page.getByTestId('device-backend')).toContainText('webgpu', { timeout: 120_000 });
  await expect(page.getByTestId('device-adapter')).toContainText(/swiftshader/i);
  await expect(page.getByTestId('device-fallback')).toContainText('yes');
  await expect(page.getByTestId('device-isolated')).toContainText('yes');
  await expect(page.getByLabel('Quick (reduced)')).toBeChecked();
  await expect(page.getByLabel('Tiny preset (stem stride 2)')).toBeChecked();
  // Cell parts are an option: unticked by default; ticked, the plan (and the summary) count them.
  const cells = page.getByLabel(/Also measure AutoSpace-style cell parts/);
  await expect(cells).not.toBeChecked();
  await expect(page.getByTestId('profile-cells')).toContainText(/\(\+196 entries, at least \d+ s, more on a slow device\)/);
  await expect(page.getByTestId('profile-modes')).not.toContainText('cell parts');
  await cells.check();
  await expect(page.getByTestId('profile-modes')).toContainText('(196 of them AutoSpace-style cell parts)');
  await cells.uncheck();
  await expect(page.getByTestId('profile-modes')).not.toContainText('cell parts');

  await page.getByRole('button', { name: 'Profile this device' }).click();
  await expect(page.getByTestId('profile-state')).toHaveText('running');
  await expect(page.getByTestId('profile-progress-text')).toContainText(/left/, { timeout: 60_000 });
  await expect(page.getByTestId('profile-state')).toHaveText('done', { timeout: 840_000 });

  const report = page.getByTestId('predictor-report');
  await expect(report).toBeVisible();
  await expect(report).toContainText('Held-out networks: 4 (too few to judge) (fitted on 8)');
  await expect(page.getByTestId('predictor-too-few')).toContainText('Only 4 held-out networks: too few to judge');
  for (const name of ['predictor', 'lutSum', 'macs', 'dispatches']) {
    await expect(page.getByTestId(`report-row-${name}`).locator('td').first()).toHaveText(/^\d+%$/);
  }
  // The pure dispatch estimate agrees with the dispatches the WebGPU backend really issued, for every network.
  await expect(page.getByTestId('dispatch-check')).toContainText('on 12/12 networks');
  await expect(page.getByTestId('latency-scatter').locator('circle')).toHaveCount(12);
  await expect(page.getByTestId('roofline')).toContainText('GFLOP/s');
  await expect(page.getByTestId('lut-table').locator('tbody tr')).toHaveCount(59);
  await expect(page.getByTestId('profile-details')).toContainText('no cell parts (AutoSpace-style cells are priced by MACs)');
  await expect(rows()).toHaveCount(1);
  // The first complete profile becomes the search target.
  await expect(rows().first().getByRole('radio')).toBeChecked();
  expect(errors).toEqual([]);
});

test('Export profile, delete it, Import profile: the list shows it again, identical and kept after a reload', async () => {
  const download = page.waitForEvent('download');
  await rows().first().getByRole('button', { name: /^Export profile/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^latency-profile-.*\.json$/);
  exported = await readFile(await file.path(), 'utf8');
  const profile = parseProfileText(exported);
  expect(profile.e2e).toHaveLength(12);

  // Deleting asks nothing: the message names the profile and Undo puts it back, still the search target.
  await rows().first().getByRole('button', { name: /^Delete profile/ }).click();
  await expect(rows()).toHaveCount(0);
  await expect(page.getByTestId('profiler-message')).toContainText(`Deleted the profile "${profile.name}"`);
  await expect(page.getByTestId('profiler-message')).toContainText('It was the search target');
  await page.getByTestId('profiler-message').getByRole('button', { name: 'Undo' }).click();
  await expect(rows()).toHaveCount(1);
  await expect(rows().first().getByRole('radio')).toBeChecked();
  await rows().first().getByRole('button', { name: /^Delete profile/ }).click();
  await expect(rows()).toHaveCount(0);
  await page.getByTestId('profile-file-input').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByTestId('profiler-message')).toContainText(`Imported "${profile.name}" from mine.json`);
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText(profile.name);
  // An imported profile becomes the search target in one click.
  await page.getByTestId('use-imported').click();
  await expect(rows().first().getByRole('radio')).toBeChecked();
  await expect(page.getByTestId('use-imported')).toHaveCount(0);

  await page.reload();
  await expect(rows()).toHaveCount(1, { timeout: 60_000 });
  const again = page.waitForEvent('download');
  await rows().first().getByRole('button', { name: /^Export profile/ }).click();
  const text = await readFile(await (await again).path(), 'utf8');
  expect(serializeProfile(parseProfileText(text))).toBe(serializeProfile(profile));
});

test('a corrupted or foreign profile file shows its error and the stored profiles remain', async () => {
  const input = page.getByTestId('profile-file-input');
  const message = page.getByTestId('profiler-message');
  const broken = exported.replace('"medianMs"', '"medianMS"');
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(message).toContainText(/broken\.json was not imported: lut\[".*"\]\.medianMs: expected a number, got nothing \(missing\)/);
  await expect(rows()).toHaveCount(1);

  await input.setInputFiles({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from(exported.slice(0, 500)) });
  await expect(message).toContainText('truncated.json was not imported: not a latency profile: the file is not valid JSON');

  const archSpec = JSON.stringify({ version: 1, name: 'net', input: { height: 28, width: 28, channels: 1 }, numClasses: 10, layers: [] });
  await input.setInputFiles({ name: 'archspec.json', mimeType: 'application/json', buffer: Buffer.from(archSpec) });
  await expect(message).toContainText('archspec.json was not imported: format: not a latency profile');
  await expect(message).toContainText('looks like an ArchSpec');

  const future = exported.replace('"version": 1', '"version": 2');
  await input.setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(future) });
  await expect(message).toContainText('unsupported profile version 2');
  await expect(rows()).toHaveCount(1);
  await page.reload();
  await expect(rows()).toHaveCount(1, { timeout: 60_000 });
});
