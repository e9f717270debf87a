import { expect, test } from '@playwright/test';
import { collectErrors } from './fixtures/console';
import { TINY } from './fixtures/settings';
import { TrainPage } from './pages/TrainPage';


test('Start trains: loss and validation accuracy appear and change; Pause stops the steps', async ({ page }) => {
  const errors = collectErrors(page);
  const app = new TrainPage(page);
  // On WebGPU (pinned): the step shows the GPU programs being prepared first (issue 15 §5).
  await app.open(`${TINY}&backend=webgpu`);
  await app.waitUntilReady();
  await expect(app.backendBadge).toHaveText('webgpu');
  await expect(app.step).toHaveText('–');
  await expect(app.valAcc).toHaveText('–');

  await app.button('Start').click();
  await expect(app.runState).toHaveText('Running');
  // Issue 15 §5: the first step's GPU programs compile first, with progress, instead of a frozen step 0 (SwiftShader
  // takes seconds per program, so the line is up long enough to be seen).
  await expect(page.getByTestId('progress-preparing')).toHaveText(/^Preparing the GPU: \d+ of \d+ programs$/);
  await app.waitForStep(2);
  await expect(page.getByTestId('progress-preparing')).toHaveCount(0);
  const firstLoss = await app.number(app.loss);
  expect(firstLoss).toBeGreaterThan(0);
  expect(Number.isFinite(firstLoss)).toBe(true);

  // Validation accuracy appears after the first epoch (3 steps) as a percentage, with a point on its chart.
  await expect(app.valAcc).toHaveText(/^\d+\.\d\d%$/);
  await expect(page.locator('circle.dot.line-acc')).toHaveCount(1);
  await app.waitForStep(5);
  await expect.poll(() => app.number(app.loss)).not.toBe(firstLoss);
  await expect(page.locator('path.series.line-loss.smooth')).toHaveAttribute('d', /^M.+L/);
  const acc = await app.number(app.valAcc);
  expect(acc).toBeGreaterThanOrEqual(0);
  expect(acc).toBeLessThanOrEqual(100);

  await app.button('Pause').click();
  await expect(app.runState).toHaveText('Paused');
  const pausedAt = await app.number(app.step);
  await page.waitForTimeout(2500);
  expect(await app.number(app.step)).toBe(pausedAt);

  // Step while paused: exactly one more step.
  await app.button('Step').click();
  await expect.poll(() => app.number(app.step)).toBe(pausedAt + 1);
  await expect(app.runState).toHaveText('Paused');

  // The run card carries the run's context.
  const card = page.getByTestId('run-card');
  await expect(card).toContainText('webgpu');
  await expect(card).toContainText('mnist-10k');
  await expect(card).toContainText('48 / 1000 / 1000');

  // No WebGPU validation error (e.g. a kernel needing more storage buffers than the adapter allows) was reported.
  await expect(page.getByText(/Error in the worker/)).toHaveCount(0);

  // Reset cancels and clears.
  await app.button('Reset').click();
  await expect(app.runState).toHaveText('Not started');
  await expect(app.step).toHaveText('–');
  expect(errors).toEqual([]);
});
