import { expect, test } from '@playwright/test';
import { collectErrors } from './fixtures/console';

/**
 * A finished search's "Retrain from scratch" as a long job (not about WebGPU: the CPU backend): progress bar, step,
 * time left and Cancel while it trains, "Stopped at step N" after Cancel, and the screen says which data the search
 * used. The Train screen's recipe (width 1, 5 epochs, all 8,000 images) keeps the retraining going long enough to cancel.
 */
const HASH = 'v=2&backend=cpu&screen=random&rpreset=tiny&rn=2&rsteps=2&rfinal=1&rlimit=64&rwidth=0.25&rbatch=16';

test('Retrain from scratch shows progress and time left, and Cancel stops it', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  await page.goto(`/#${HASH}`);
  await expect(page.getByTestId('backend-badge')).toHaveText('cpu', { timeout: 90_000 });
  await expect(page.getByTestId('method-dataset')).toContainText(/Data: .*8,000 train \/ 1,000 validation \/ 1,000 test; the search trains on 64 of the training images/, { timeout: 90_000 });
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeEnabled({ timeout: 90_000 });
  await start.click();
  await expect(page.getByTestId('result-record')).toBeVisible({ timeout: 300_000 });

  const panel = page.getByTestId('retrain-panel');
  await panel.getByRole('button', { name: 'Retrain', exact: true }).click();
  const status = panel.getByTestId('retrain-status');
  await expect(status).toContainText(/Training: step \d+ of \d+.* left/, { timeout: 120_000 });
  await expect(panel.getByRole('progressbar', { name: 'Retraining progress' })).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel retraining' }).click();
  await expect(status).toContainText(/Stopped at step \d+ of \d+/, { timeout: 60_000 });
  await expect(panel.getByRole('button', { name: 'Retrain again' })).toBeEnabled();
  expect(errors).toEqual([]);
});
