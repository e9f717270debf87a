import { expect, test } from '@playwright/test';
import { collectErrors } from './fixtures/console';
import { TrainPage } from './pages/TrainPage';

test('loads on WebGPU, shows the adapter and the built-in MNIST', async ({ page }) => {
  const errors = collectErrors(page);
  const app = new TrainPage(page);
  await app.open('v=2&backend=webgpu');
  await expect(page.getByText('NAS Playground', { exact: true })).toBeVisible();
  await app.waitUntilReady();
  await expect(app.backendBadge).toHaveText('webgpu');
  await expect(app.adapter).toContainText(/swiftshader/i);
  await expect(app.adapter).toContainText('software/fallback adapter');
  await expect(page.getByTestId('fallback-notice')).toHaveCount(0);
  await expect(app.datasetName).toHaveText('mnist-10k');
  await expect(app.datasetSplit).toContainText('8,000 / 1,000 / 1,000');
  await expect(page.getByTestId('preview-grid')).toBeVisible();
  await expect(page.getByTestId('macs')).toHaveText(/\d/);
  // Help dialog opens with "?" and lists the shortcuts.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText('Space');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(errors).toEqual([]);
});

test('out-of-range link settings are clamped with a visible notice', async ({ page }) => {
  const app = new TrainPage(page);
  await app.open('v=1&epochs=999&opt=lion');
  await expect(page.getByText('Some settings in the link were adjusted')).toBeVisible();
  await expect(page.getByText('epochs=999 is above the maximum 200; using 200')).toBeVisible();
  await expect(page.getByText('opt="lion" is not one of sgd, rmsprop, adam; using sgd')).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: 'Epochs', exact: true })).toHaveValue('200');
  // A v1 link is rewritten as v2 with the same meaning (the app's v1 recipe: lr 0.05, no Nesterov, no warm-up).
  expect(new URL(page.url()).hash).toBe('#v=2&epochs=200&lr=0.05&nest=off&warm=0');
  await page.getByRole('button', { name: /^Dismiss: Some settings/ }).click();
  await expect(page.getByText('Some settings in the link were adjusted')).toHaveCount(0);
});
