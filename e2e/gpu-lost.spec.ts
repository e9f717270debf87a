/**
 * Issue 16 §2: when the WebGPU device is lost mid-run, the app says so, replaces the worker with one on the next
 * backend (WebGL here), and the Train run goes on from its last checkpoint to the end.
 */
import { expect, test } from '@playwright/test';
import { TrainPage } from './pages/TrainPage';

/** 3 steps per epoch, 3 epochs: checkpoints at steps 3 and 6. */
const RUN = 'v=1&backend=webgpu&width=0.25&batch=16&epochs=3&tiny=1&limit=48';

test('a destroyed GPU device: banner, restart on WebGL, the run resumes from its checkpoint and finishes', async ({ page }) => {
  test.setTimeout(420_000);
  const app = new TrainPage(page);
  await app.open(RUN);
  await app.waitUntilReady();
  await expect(app.backendBadge).toHaveText('webgpu');
  await app.button('Start').click();
  await app.waitForStep(4);

  // Destroy the worker's GPU device (the worker leaves it in its scope as nasGpuDevice for this test).
  const worker = page.workers().at(-1);
  expect(worker).toBeDefined();
  await worker!.evaluate(() => (globalThis as unknown as { nasGpuDevice: GPUDevice }).nasGpuDevice.destroy());

  await expect(page.getByText('The GPU was lost: the worker was restarted on the next backend')).toBeVisible({ timeout: 60_000 });
  await expect(app.backendBadge).toHaveText(/^(webgl|cpu)$/, { timeout: 120_000 });
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d\d%$/, { timeout: 360_000 });
  expect(await app.number(app.step)).toBe(9);
});
