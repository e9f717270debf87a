import { expect, test } from '@playwright/test';
import { TINY } from './fixtures/settings';
import { TrainPage } from './pages/TrainPage';

test('a worker that exits without an error mid-run is noticed within seconds, respawned, and its run marked failed', async ({ page }) => {
  const app = new TrainPage(page);
  await app.open(`${TINY}&backend=webgpu`);
  await app.waitUntilReady();
  await app.button('Start').click();
  await app.waitForStep(2);
  const worker = page.workers().find((w) => /worker/i.test(w.url()));
  expect(worker, 'the app worker').toBeDefined();
  // The worker closes itself: no error event reaches the page (the case that used to leave "Running" for minutes).
  const closedAt = Date.now();
  await worker?.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => undefined);
  await expect(page.getByText('The worker crashed and was restarted')).toBeVisible({ timeout: 9_000 });
  expect(Date.now() - closedAt).toBeLessThan(9_000);
  await expect(page.getByText(/sent nothing for \d+ s \(no heartbeat\)/).first()).toBeVisible();
  await expect(app.runState).toHaveText('Failed');
  // The fresh worker takes over: backend and dataset come back, and a new run starts.
  await app.waitUntilReady();
  await expect(app.button('Start')).toBeEnabled({ timeout: 90_000 });
  await app.button('Start').click();
  await expect(app.runState).toHaveText('Running');
});
