import { expect, test } from '@playwright/test';
import { trainAndTour, watchCsp } from './fixtures/csp';
import { TINY } from './fixtures/settings';

// The production CSP holds on WebGPU while the app loads, trains a few steps and switches every screen.
test('no CSP violation on WebGPU: load, train a few steps, switch every screen', async ({ page }) => {
  test.setTimeout(300_000);
  const violations = watchCsp(page);
  await trainAndTour(page, /^webgpu$/, `${TINY}&backend=webgpu`);
  expect(violations).toEqual([]);
});
