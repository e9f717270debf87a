import { expect, test as setup } from '@playwright/test';
import { BACKEND_STATE } from '../playwright.config';

// Let the app time the backends once on this machine (≤ 10 s) and keep its choice for every spec (playwright.config).
setup('the app times the backends once and keeps its choice', async ({ page }) => {
  await page.goto('/#v=2');
  await expect(page.getByTestId('backend-badge')).toHaveText(/^(webgpu|webgl|cpu)$/, { timeout: 120_000 });
  await page.context().storageState({ path: BACKEND_STATE });
});
