import { expect, test } from '@playwright/test';
import { expectChartFrames } from './fixtures/charts';
import { collectErrors } from './fixtures/console';

/**
 * The shipped Efficient Global NAS recording (public/recordings/egnas.json.gz, the tiny preset, seed 1) replayed to its
 * end: the result shows the found chain beside the hand-designed baseline at the nearest parameter count, with the
 * record's own numbers. With EGNAS_SHOT=<file.png> the test also writes the README's picture of that result.
 */
const SHOT = process.env.EGNAS_SHOT;

test('the shipped Efficient Global NAS recording ends on the found chain beside the hand-designed baseline', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto('/#v=2&screen=egnas&rec=1');
  await expect(page.getByTestId('replay-banner')).toContainText('npm run cli -- search --method egnas --preset tiny --seed 1');
  const scrubber = page.getByTestId('replay-scrubber');
  await scrubber.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('replay-announce')).toContainText('End of the recording: the result is shown below.');
  // The baseline's key moment is on the timeline: one step back from the end passes it.
  await expect(page.getByTestId('replay-prev-event')).toContainText(/Previous event: (hand-designed baseline ×0\.05 \(2198 params\): val 46\.1 %|Stage: final)/);
  // The live panel beside the charts: the baseline's validation accuracy, and the found chain's at the end of its retraining.
  await expect(page.getByTestId('egnas-baseline-live')).toHaveText(
    /^The Train screen's network at width ×0\.05: 2\.20 k parameters \(nearest the found chain's\), 60\.7 k MACs, trained 8 epochs: validation 46\.1%; the found chain, retrained, is at 72\.5% after 8 of 8 epochs\. Both are tested once at the end\.$/,
  );
  const table = page.getByTestId('egnas-baseline-table');
  await expect(table.getByRole('rowheader')).toHaveText(['Found chain L5 C3', 'Hand-designed baseline (MBConv k3 e3, width ×0.05)']);
  await expect(table.getByRole('row').nth(1)).toContainText('73.30%');
  await expect(table.getByRole('row').nth(2)).toContainText('47.70%');
  await expect(page.getByTestId('egnas-baseline-gap')).toHaveText('Test accuracy, found − baseline: +25.60 points, on 1,000 test images (one image is 0.10 point).');
  await expect(page.getByTestId('egnas-baseline-size')).toHaveText(/^The nearest baseline has 2\.2× the found chain's parameters/);
  // Every chart redrawn through the whole recording still has one frame (the trajectory, the curves, the ranking).
  await expectChartFrames(page.getByRole('main'), 3);
  if (SHOT) {
    await table.scrollIntoViewIfNeeded();
    await page.getByRole('region', { name: 'Found chain against the hand-designed baseline' }).screenshot({ path: SHOT });
  }
  expect(errors).toEqual([]);
});
