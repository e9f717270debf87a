/**
 * Issue 16 §1: a Train run checkpoints after every epoch; leaving the page with unsaved steps asks first; after a
 * reload the Train screen offers to resume from the checkpoint, and the resumed run finishes and is kept.
 */
import { expect, test } from '@playwright/test';
import { collectErrors } from './fixtures/console';
import { settled } from './fixtures/settle';
import { TrainPage } from './pages/TrainPage';

/**
 * 3 steps per epoch, 20 epochs: a checkpoint every 3 steps. Long enough that the run is still going when Pause lands
 * (with 3 epochs, the CPU backend's faster kernels finished all 9 steps between the poll and the click).
 */
const RUN = 'v=1&width=0.25&batch=16&epochs=20&tiny=1&limit=48';
const STEPS = 60;

test('a reloaded Train run resumes from its checkpoint and finishes', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  const app = new TrainPage(page);
  await app.open(RUN);
  await app.waitUntilReady();
  await app.button('Start').click();
  await app.waitForStep(4);
  await app.button('Pause').click();
  await expect(app.runState).toHaveText('Paused');
  const stepNow = () => settled(page, () => app.number(app.step));
  let pausedAt = await stepNow();
  while (pausedAt % 3 === 0) {
    // The pause landed right on an epoch's checkpoint (a fast machine runs on a step or two after the click): one
    // more step leaves progress that a reload would lose.
    await app.button('Step').click();
    await app.waitForStep(pausedAt + 1);
    pausedAt = await stepNow();
  }
  expect(pausedAt).toBeGreaterThan(3);
  expect(pausedAt % 3).not.toBe(0);

  // Steps after the checkpoint would be lost: the page asks before it goes.
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await page.reload();
  expect(dialogs).toEqual(['beforeunload']);
  await app.waitUntilReady();

  const banner = page.locator('.resume-banner');
  await expect(banner).toContainText(new RegExp(`interrupted at step \\d+ of ${STEPS}`), { timeout: 30_000 });
  const from = Number((await banner.textContent())?.match(/at step (\d+)/)?.[1]);
  expect(from % 3).toBe(0); // an epoch's checkpoint
  await banner.getByRole('button', { name: /Resume from step/ }).click();
  await expect(app.runState).toHaveText(/Running|Done|Finished/);
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d\d%$/, { timeout: 360_000 });
  expect(await app.number(app.step)).toBe(STEPS);
  expect(from).toBeLessThanOrEqual(pausedAt);

  // The finished run is kept (not interrupted) and the banner is gone.
  await expect(banner).toHaveCount(0);
  await page.goto('/#v=2&screen=compare');
  await expect(page.getByRole('row').filter({ hasText: /Train/ }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Resume from step/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});
