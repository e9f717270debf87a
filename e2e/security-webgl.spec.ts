import { expect, test } from '@playwright/test';
import { trainAndTour, watchCsp } from './fixtures/csp';

// A browser without the WebGPU flag: the worker falls back to WebGL (SwiftShader's GL). The production CSP holds there too.
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] } });

test('no CSP violation on the fallback backend: load, train a few steps, switch every screen', async ({ page }) => {
  test.setTimeout(420_000); // SwiftShader's WebGL / the CPU backend are slow on a shared machine
  const violations = watchCsp(page);
  await trainAndTour(page, /^(webgl|cpu)$/);
  expect(violations).toEqual([]);
});
