import { expect, test } from '@playwright/test';
import { expectChartFrames } from './fixtures/charts';
import { collectErrors } from './fixtures/console';

/**
 * Issue 13 §3 in the browser, to the end: a whole AutoSpace-style run — evolution, the payoff (PAD-NAS in the learned
 * and in the hand-designed space, their networks trained stand-alone, then each network's inference latency MEASURED
 * on this device), the final retraining and the result. On the backend the app chose for this machine (the suite's
 * stored choice, e2e/backend.setup.ts: the CPU on SwiftShader machines), with the tiny preset cut through the link:
 * 4 cells per slot, one round of 2 steps, 160 images, 2 stand-alone steps, 1 network per front, width 0.25.
 */
const HASH = 'v=2&screen=autospace&aspreset=tiny&aspop=4&asiter=1&assteps=2&aslimit=160&asbatch=16&asstand=2&asfront=1&asfinal=1&aswidth=0.25';

test('tiny AutoSpace-style run to the end: the payoff measures every network on this device, then the result', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = collectErrors(page);
  await page.goto(`/#${HASH}`);
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeEnabled({ timeout: 90_000 });
  await expect(page.getByRole('spinbutton', { name: 'Payoff networks per front' })).toHaveValue('1');
  await start.click();

  // The payoff's last stage, then the result: its table prices every network by the latency measured here.
  const table = page.getByTestId('as-payoff-table');
  await expect(page.getByTestId('autospace-result')).toBeVisible({ timeout: 540_000 });
  await expect(table.getByRole('columnheader', { name: 'Latency measured here' })).toBeVisible();
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  const spaces = await rows.locator('td:nth-child(1)').allTextContents();
  expect(new Set(spaces)).toEqual(new Set(['learned', 'hand-designed']));
  for (const latency of await rows.locator('td:nth-child(3)').allTextContents()) expect(latency).toMatch(/^\d[\d.]*(e[+-]?\d+)? ms$/);
  await expect(page.getByTestId('as-result-verdict')).toHaveText(/\S/);
  // Redrawn on every snapshot, each chart keeps one frame (α bars, budget gauge, top-k timeline, payoff fronts).
  await expectChartFrames(page.getByRole('main'), 3);
  expect(errors).toEqual([]);
});
