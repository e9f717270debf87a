import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './fixtures/console';
import { openOnWebGpu } from './fixtures/method';

/**
 * Every run belongs to its screen (issue 11 §9). The three bugs found by trying the app: an AtomNAS search showed up
 * as the Train screen's run (and Train's Export exported the supernet); PAD-NAS Start silently cancelled a running
 * AtomNAS search, whose screen then showed PAD-NAS's progress; "Profile this device" could start while a search
 * trained. A small AtomNAS search (960 images, 30 steps) is enough: the test never waits for it to finish.
 */
const HASH = 'v=2&backend=webgpu&screen=atomnas&alimit=960&aep=1&aevery=2&aema=0';

/** The step the screen shows; NaN while there is no progress line yet (e.g. while the GPU programs compile). */
async function stepOf(page: Page): Promise<number> {
  const t = (await page.getByTestId('method-progress').textContent({ timeout: 2_000 }).catch(() => '')) ?? '';
  return Number(/step (\d+)/.exec(t)?.[1] ?? Number.NaN);
}

test('a run belongs to its screen: other screens neither show nor control it, a second Start asks first, profiling waits', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  const start = await openOnWebGpu(page, HASH);
  await start.click();
  await expect.poll(() => stepOf(page), { timeout: 180_000 }).toBeGreaterThanOrEqual(1);

  // Bug 1: the Train screen shows no run of its own, and has nothing to export.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Not started');
  await expect(page.getByRole('button', { name: 'Export model', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeDisabled();

  // Bug 3: profiling is off while the search trains, and says why.
  await page.getByRole('button', { name: 'Latency', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Profile this device' })).toBeDisabled();
  await expect(page.getByTestId('profile-blocked')).toContainText('the AtomNAS search is in progress');

  // Bug 2: PAD-NAS Start asks before it stops the AtomNAS search; "no" keeps the search going.
  await page.getByRole('button', { name: 'PAD-NAS', exact: true }).click();
  const questions: string[] = [];
  page.once('dialog', (d) => {
    questions.push(d.message());
    void d.dismiss();
  });
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toMatch(/^The AtomNAS search is still going\. Stop it and start the PAD-NAS search\?/);
  await expect(page.getByTestId('method-progress')).toHaveCount(0); // PAD-NAS did not start
  await page.getByRole('button', { name: 'AtomNAS', exact: true }).click();
  const before = await stepOf(page);
  await expect.poll(() => stepOf(page), { timeout: 120_000 }).toBeGreaterThan(before);

  // "Yes": the AtomNAS screen shows its own search stopped, with its own step count, never PAD-NAS's.
  await page.getByRole('button', { name: 'PAD-NAS', exact: true }).click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('method-progress')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'AtomNAS', exact: true }).click();
  await expect(page.getByTestId('method-error')).toContainText('Stopped to start another run');
  const frozen = await stepOf(page);
  await page.waitForTimeout(3000);
  expect(await stepOf(page)).toBe(frozen);
  await page.getByRole('button', { name: 'PAD-NAS', exact: true }).click();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  expect(errors).toEqual([]);
});
