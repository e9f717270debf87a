import { expect, test } from '@playwright/test';
import { collectErrors } from './fixtures/console';

/**
 * Watching a live search slowly (issue 17 §4, §7) on WebGPU (SwiftShader), with random search cut to 3 candidates of
 * 3 steps at width 0.25: "How long here?" times a few steps and resets; "Next event" from idle starts the search
 * paused and stops at the first scored candidate, announcing it; Step takes one step; slow motion paces the run;
 * the page title names the screen.
 */
const HASH = 'v=2&backend=webgpu&screen=random&rpreset=tiny&rn=3&rsteps=3&rfinal=1&rlimit=160&rwidth=0.25&rbatch=16';

test('How long here, Next event, Step and slow motion on a live random search', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = collectErrors(page);
  await page.goto(`/#${HASH}`);
  await expect(page).toHaveTitle(/^Random search · NAS Playground$/);
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu', { timeout: 90_000 });
  const estimate = page.getByRole('button', { name: 'How long here?' });
  await expect(estimate).toBeEnabled({ timeout: 90_000 });

  await estimate.click();
  await expect(page.getByTestId('estimate')).toContainText(/≈ .* here for all \d+ steps/, { timeout: 240_000 });
  // The measuring run was reset: Start starts afresh.
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();

  await page.getByRole('button', { name: 'Next event' }).click();
  const line = page.getByTestId('event-line');
  await expect(line).toContainText(/Paused at step \d+: Candidate 1 scored .* % on validation/, { timeout: 240_000 });
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled();
  const progress = page.getByTestId('method-progress');
  const stepOf = async () => Number(/step (\d+) \//.exec((await progress.textContent()) ?? '')?.[1]);
  const at = await stepOf();

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(stepOf, { timeout: 120_000 }).toBe(at + 1);

  // Slow motion: one step every 3 s; in 4 s of running at most a couple of steps pass.
  await page.getByLabel('Speed').selectOption({ label: '1 step every 3 s' });
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await page.waitForTimeout(4000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled({ timeout: 120_000 });
  expect(await stepOf()).toBeLessThanOrEqual(at + 4);
  await page.getByLabel('Speed').selectOption({ label: 'Full speed' });
  await page.getByRole('button', { name: 'Reset', exact: true }).click();

  // Switching screens: the title follows.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Latency', exact: true }).click();
  await expect(page).toHaveTitle(/^Latency · NAS Playground$/);
  await expect(page.getByTestId('profile-modes')).toContainText(/Quick.*measures \d+ ops/);
  expect(errors).toEqual([]);
});
