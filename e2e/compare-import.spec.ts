/**
 * Compare › Import runs takes a CLI run. (1) The result record alone (`--out r.json`): the run joins the table as
 * imported, without weights, and a damaged record is refused with the field named while the runs already there stay
 * (the record is made here from the unit tests' tiny ArchSpec); a stored profile chosen under "Predicted latency"
 * places it on this device's latency axis. (2) The `run.bundle.json` of `--export DIR`, written by
 * the real CLI (a 1-epoch Train run of 48 images, about 10 s): it imports with its weights and is measured on this
 * device, the measurement shown as this device's. (3) Add reference runs: the records behind the README's figures,
 * shipped with the app, join the list once. With COMPARE_SHOT=<file.png> that test also writes the README's picture of
 * Compare with the reference runs on the MACs axis.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { lutKey, specLutOps } from '../src/core/latency/lutKeys';
import { serializeProfile } from '../src/core/latency/profileSchema';
import { syntheticProfile } from '../src/core/latency/testProfile';
import { TEST_SPEC, testRun } from '../src/core/runs/testRun';
import { REFERENCE_ORIGIN, REFERENCE_RUNS } from '../scripts/reference-runs';
import { collectErrors } from './fixtures/console';

const SHOT = process.env.COMPARE_SHOT;

const record = () => {
  const r = testRun('cli-random-e2e', 'random', 0.875).record!;
  return { ...r, card: { ...r.card, command: 'npm run cli -- search --method random --preset tiny --seed 1 --out r.json' } };
};

test("the CLI's result record imports into Compare as a run without weights; a damaged one is refused and nothing is lost", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/#v=2&screen=compare');
  const rows = page.getByTestId('saved-run');
  await expect(page.getByRole('region', { name: 'Saved runs' })).toBeVisible();
  await expect(rows).toHaveCount(0);

  const input = page.getByLabel('Import runs');
  await input.setInputFiles({ name: 'r.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(record())) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported the result record r.json' })).toContainText('run.bundle.json');
  await expect(rows).toHaveCount(1);
  const row = page.locator('[data-testid="saved-run"][data-method="random"][data-status="finished"]');
  await expect(row).toContainText('imported');
  await expect(row).toContainText('87.5%');
  await expect(row.locator('.badge[title="Imported from CLI, tfjs cpu"]')).toHaveCount(1);

  // A record whose card lost its seed: refused whole, the field named, the imported run still there.
  const bad = { ...record(), runId: 'cli-bad', card: { ...record().card, seed: 'one' } };
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByRole('alert')).toContainText('Could not import bad.json: A result record, but field card.seed');
  await expect(rows).toHaveCount(1);

  // Kept across a reload, like every saved run.
  await page.reload();
  await expect(rows).toHaveCount(1);

  // Its latency was for another device, so it is off the latency axis, until a stored profile (synthetic numbers made
  // here, imported on the Latency screen) predicts it: then it is a hollow point, and the table names the profile.
  const offChart = page.getByTestId('compare-off-chart');
  await expect(offChart).toContainText('(1 imported from another device)');
  const profile = { ...syntheticProfile('e2e-pricing'), name: 'pricing profile' };
  for (const { op } of specLutOps(TEST_SPEC)) if (op) profile.lut[lutKey(op)] = { medianMs: 0.5, madMs: 0.01, samples: 21, repeats: 8, compileMs: 1 };
  await page.goto('/#v=2&screen=profiler');
  await page.getByTestId('profile-file-input').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(serializeProfile(profile)) });
  await expect(page.getByTestId('profiler-message')).toContainText('Imported "pricing profile"');
  await page.goto('/#v=2&screen=compare');
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(0);
  await page.getByLabel('Predict latency with').selectOption({ label: 'every run by “pricing profile”' });
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(1);
  await expect(offChart).toHaveCount(0);
  await expect(row).toContainText('ms (pricing profile)');
  expect(errors).toEqual([]);
});

test("a CLI run's run.bundle.json imports with its weights and is measured on this device", async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
  execFileSync('npx', ['tsx', 'src/cli/main.ts', 'train', '--width', '0.25', '--tiny', '--epochs', '1', '--batch', '16', '--train-limit', '48', '--export', dir], { stdio: 'pipe', timeout: 180_000 });
  await page.goto('/#v=2&screen=compare');
  await expect(page.getByRole('region', { name: 'Saved runs' })).toBeVisible();
  await page.getByLabel('Import runs').setInputFiles({ name: 'run.bundle.json', mimeType: 'application/json', buffer: readFileSync(join(dir, 'run.bundle.json')) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 1 run from run.bundle.json.');
  const row = page.locator('[data-testid="saved-run"][data-method="train"][data-status="finished"]');
  await expect(row).toHaveCount(1);
  await expect(row.locator('.badge[title="Imported from CLI, tfjs cpu"]')).toHaveCount(1);
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Measure on this device' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText('1 done', { timeout: 240_000 });
  // Measured here, so shown as this device's figure (not "other device") and plotted on the latency axis.
  await expect(row).toContainText(/measured \d/);
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('Import runs takes several files at once, each stored or refused on its own', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/#v=2&screen=compare');
  const rows = page.getByTestId('saved-run');
  await expect(page.getByRole('region', { name: 'Saved runs' })).toBeVisible();
  const file = (name: string, body: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
  await page.getByLabel('Import runs').setInputFiles([file('s1.json', { ...record(), runId: 'cli-s1' }), file('s2.json', { ...record(), runId: 'cli-s2' }), file('bad.json', 'nope')]);
  await expect(page.getByRole('alert')).toContainText('Imported 2 runs from 2 files (2 result records, without trained weights); could not import bad.json (Not a JSON file');
  await expect(rows).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('Add reference runs puts the runs behind the README beside the user\'s, once, on the MACs axis', async ({ page }) => {
  const errors = collectErrors(page);
  const n = REFERENCE_RUNS.length;
  await page.goto('/#v=2&screen=compare');
  const rows = page.getByTestId('saved-run');
  await expect(page.getByText('press Add reference runs')).toBeVisible();
  const add = page.getByRole('button', { name: 'Add reference runs', exact: true });
  await add.click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${n} reference runs: ` })).toContainText('without weights');
  await expect(rows).toHaveCount(n);
  await expect(page.locator('[data-testid="saved-run"][data-method="egnas"]')).toHaveCount(4);
  const egnas3 = rows.filter({ hasText: 'Reference · Efficient Global NAS, default, seed 3' });
  await expect(egnas3).toContainText('98.5%');
  await expect(egnas3.locator(`.badge[title="Imported from ${REFERENCE_ORIGIN}"]`)).toHaveCount(1);
  // The default presets over their three seeds, as the README gives them (PAD-NAS: 97.6 / 97.5 / 96.8 %).
  const groups = page.getByTestId('seed-group');
  await expect(groups).toHaveCount(7);
  await expect(groups.filter({ hasText: /^PAD-NAS · default/ })).toContainText('1, 2, 3 (n = 3)97.30% ± 0.44');
  // Another device's runs: off the latency axis, every one of them placed by MACs.
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(0);
  await page.getByLabel('Scatter x axis').selectOption('macs');
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(n);
  // Drag across the top band (the default presets, 96–99 %): only the points inside stay, on those ranges.
  const plot = await page.getByTestId('compare-scatter').boundingBox();
  if (!plot) throw new Error('the scatter has no box');
  const left = plot.x + 56;
  const right = plot.x + plot.width - 150;
  const top = plot.y + 12;
  const bottom = plot.y + plot.height - 40;
  const drag = async (x0: number, y0: number, x1: number, y1: number) => {
    await page.mouse.move(left + (right - left) * x0, top + (bottom - top) * y0);
    await page.mouse.down();
    await page.mouse.move(left + (right - left) * x1, top + (bottom - top) * y1, { steps: 6 });
    await page.mouse.up();
  };
  await drag(0.45, 0.005, 0.995, 0.12);
  const line = page.getByTestId('compare-points-line');
  await expect(line).toContainText(/Zoomed in: \d+ of \d+ points in view/);
  const shown = await page.locator('[data-testid="compare-scatter"] path.point').count();
  expect(shown).toBeGreaterThan(5);
  expect(shown).toBeLessThan(n);
  await expect(line).toContainText(`Zoomed in: ${shown} of ${n} points in view.`);
  if (SHOT) {
    // The picture: zoomed in once more, to the band the default presets share.
    await drag(0.005, 0.005, 0.995, 0.55);
    await expect(page.locator('[data-testid="compare-scatter"] .tick text').filter({ hasText: /^\d+\.\d%$/ }).first()).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.getByRole('region', { name: /^Compare runs on this device/ }).screenshot({ path: SHOT });
  }
  await line.getByRole('button', { name: 'Show all' }).click();
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(n);
  await expect(line).toContainText(`${n} points (drag across the plot to zoom in`);
  // A second press adds nothing; a deleted one comes back alone.
  await add.click();
  await expect(page.getByRole('status').filter({ hasText: `All ${n} reference runs are already in the list.` })).toBeVisible();
  await egnas3.getByRole('button', { name: /^Delete/ }).click();
  await expect(rows).toHaveCount(n - 1);
  await expect(groups.filter({ hasText: /^Efficient Global NAS · default/ })).toContainText('1, 2 (n = 2)');
  await add.click();
  await expect(page.getByRole('status').filter({ hasText: `Added 1 reference run (${n - 1} already in the list)` })).toBeVisible();
  await expect(rows).toHaveCount(n);
  expect(errors).toEqual([]);
});
