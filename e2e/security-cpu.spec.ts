import { expect, test } from '@playwright/test';
import { trainAndTour, watchCsp } from './fixtures/csp';

// A browser without WebGPU and WebGL: the worker trains on tfjs's CPU backend. The production CSP holds there too.
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-software-rasterizer', '--disable-webgl', '--disable-webgl2', '--disable-3d-apis'] } });

test('no CSP violation on the fallback backend: load, train a few steps, switch every screen', async ({ page }) => {
  test.setTimeout(420_000); // SwiftShader's WebGL / the CPU backend are slow on a shared machine
  const violations = watchCsp(page);
  await trainAndTour(page, /^cpu$/);
  expect(violations).toEqual([]);
});
