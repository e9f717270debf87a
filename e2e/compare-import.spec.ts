/**
 * Compare › Import runs takes the CLI's result record (`search … --out r.json`) as well as a runs bundle: the run joins
 * the table as imported, without weights, and a damaged record is refused with the field named while the runs already
 * there stay. No training: the record is made here (the tiny test ArchSpec the unit tests use).
 */
import { expect, test } from '@playwright/test';
import { testRun } from '../src/core/runs/testRun';
import { collectErrors } from './fixtures/console';

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
  expect(errors).toEqual([]);
});
