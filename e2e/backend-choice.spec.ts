import { expect, test } from '@playwright/test';
import { collectErrors } from './fixtures/console';

// A first visit: nothing kept from the suite's setup (playwright.config's BACKEND_STATE).
test.use({ storageState: { cookies: [], origins: [] } });

/**
 * Issue 15 §6: WebGPU here is SwiftShader, a software adapter, so on the first visit the app times training steps on
 * each backend (≤ 10 s, in throwaway workers), starts on the fastest, says which and why in the header, and keeps the
 * result for the device; `backend=` in the link (or the header's menu) pins one.
 */
test('on a software adapter the backends are timed once, the fastest is used and explained; backend= pins one', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  const t0 = Date.now();
  await page.goto('/#v=2');
  await expect(page.getByTestId('backend-badge')).toHaveText(/^timing (cpu|webgl|webgpu)…$/, { timeout: 30_000 });
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveText(/^(webgpu|webgl|cpu)$/, { timeout: 90_000 });
  const chosen = (await badge.textContent()) as string;
  // The timing itself is limited to 10 s; the page load and the app worker's start come on top.
  expect(Date.now() - t0).toBeLessThan(60_000);
  await expect(page.getByTestId('backend-why').locator('summary')).toHaveText(`why ${chosen}?`);
  await page.getByTestId('backend-why').locator('summary').click();
  await expect(page.getByTestId('backend-reason')).toContainText('software adapter');
  await expect(page.getByTestId('backend-reason')).toContainText(`${chosen} is the fastest here`);
  await expect(page.getByTestId('backend-probe').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('backend-picker')).toHaveValue('auto');
  if (chosen !== 'webgpu') await expect(page.getByTestId('backend-choice-notice')).toContainText(`Training on ${chosen}`);
  await expect(page.getByTestId('dataset-name')).toHaveText('mnist-10k', { timeout: 90_000 });

  // Kept per device: a reload starts on the same backend without timing again.
  await page.reload();
  await expect(badge).toHaveText(chosen, { timeout: 90_000 });
  await page.getByTestId('backend-why').locator('summary').click();
  await expect(page.getByText('Timed on this device on')).toBeVisible();

  // The header's menu pins another backend: the link says so and the worker restarts on it.
  const other = chosen === 'cpu' ? 'webgpu' : 'cpu';
  await page.getByTestId('backend-picker').selectOption(other);
  await expect(badge).toHaveText(other, { timeout: 90_000 });
  await expect(page).toHaveURL(new RegExp(`backend=${other}`));
  await expect(page.getByTestId('dataset-name')).toHaveText('mnist-10k', { timeout: 90_000 });

  // A link with backend= switches to it (the worker restarts on WebGL) and starts there after a reload.
  await page.goto('/#v=2&backend=webgl');
  await expect(badge).toHaveText('webgl', { timeout: 90_000 });
  await page.reload();
  await expect(badge).toHaveText('webgl', { timeout: 90_000 });
  await expect(page.getByTestId('backend-picker')).toHaveValue('webgl');
  // A bad value is reported and the choice is automatic again (the kept one: no timing).
  await page.goto('/#v=2&backend=tpu');
  await expect(page.getByText('backend="tpu" is not one of auto, webgpu, webgl, cpu')).toBeVisible();
  await expect(badge).toHaveText(chosen, { timeout: 90_000 });
  await expect(page.getByTestId('backend-picker')).toHaveValue('auto');
  expect(errors).toEqual([]);
});
