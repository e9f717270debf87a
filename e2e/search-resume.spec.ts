/**
 * Issue 16 §1 for searches: a random search checkpoints at each epoch end; after a reload its screen offers to resume
 * from the checkpoint, and the resumed search finishes and is kept as one finished run.
 */
import { expect, test } from '@playwright/test';
import { collectErrors } from './fixtures/console';
import { settled } from './fixtures/settle';

/**
 * 4 steps per epoch: 2 candidates × 2 steps, then 20 epochs of retraining (84 steps); a checkpoint every 4 steps. Long
 * enough that the search is still going when Pause lands (with 2 epochs, 12 steps, the CPU backend's faster kernels
 * finished between the poll and the click).
 */
const HASH = 'v=2&screen=random&rpreset=tiny&rn=2&rsteps=2&rfinal=20&rlimit=64&rwidth=0.25&rbatch=16';
const STEPS = 84;

test('a reloaded random search resumes from its checkpoint and finishes', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = collectErrors(page);
  await page.goto(`/#${HASH}`);
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeEnabled({ timeout: 120_000 });
  await start.click();
  const progress = page.getByTestId('method-progress');
  const stepOf = async () => Number(/step (\d+) \//.exec((await progress.textContent()) ?? '')?.[1] ?? 0);
  await expect.poll(stepOf, { timeout: 300_000 }).toBeGreaterThanOrEqual(5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled({ timeout: 120_000 });
  const pausedAt = await settled(page, stepOf);

  page.on('dialog', (d) => void d.accept());
  await page.reload();
  const banner = page.locator('.resume-banner');
  await expect(banner).toContainText(new RegExp(`A search \\(Random search\\) was interrupted at step \\d+ of ${STEPS}`), { timeout: 120_000 });
  const from = Number((await banner.textContent())?.match(/at step (\d+)/)?.[1]);
  expect(from % 4).toBe(0); // an epoch's checkpoint
  expect(from).toBeGreaterThanOrEqual(4);
  expect(from).toBeLessThanOrEqual(pausedAt);
  // The data loads again first (the run needs it): Start is enabled once it is in.
  await expect(start).toBeEnabled({ timeout: 120_000 });
  await banner.getByRole('button', { name: /Resume from step/ }).click();
  await expect(banner).toHaveCount(0, { timeout: 60_000 });

  await page.goto('/#v=2&screen=compare');
  await expect(page.locator('[data-testid="saved-run"][data-method="random"][data-status="finished"]')).toHaveCount(1, { timeout: 300_000 });
  await expect(page.getByRole('button', { name: /Resume from step/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});
