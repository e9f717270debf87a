import { expect, test, type Page } from '@playwright/test';
import { expectChartFrames } from './fixtures/charts';
import { collectErrors } from './fixtures/console';
import { openOnWebGpu } from './fixtures/method';

/**
 * PAD-NAS end to end on WebGPU (SwiftShader): the tiny preset, cut further through the settings form so it runs in
 * a few minutes: only k3 ops (k3e3, k3e6, identity), 160 training images = 5 steps per epoch, population 4 and no
 * further generations, no fine-tuning, 2 ranking architectures of 1 step, no BN re-estimation (15 units of work up to
 * the pruning). Every new op shape compiles new WebGPU kernels, which SwiftShader does slowly, so the number of
 * distinct ops and of steps is what matters. Pruning at share ≤ 50% is
 * certain to remove an op from a layer with two. It must get through one pruning stage — the heatmap greys pruned cells —
 * then Cancel. No device profile is stored, so the window must say it is in MACs.
 */
async function setNumber(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await expect(input).toHaveValue(value);
}

async function pruned(page: Page): Promise<number> {
  const v = await page.getByTestId('pad-heatmap').locator('svg').getAttribute('data-pruned');
  return v === null ? 0 : Number(v);
}

test('tiny PAD-NAS run prunes its search space live: the heatmap greys pruned cells, then Cancel', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = collectErrors(page);
  const start = await openOnWebGpu(page, 'v=1&backend=webgpu&screen=padnas');

  await page.getByLabel('Candidate ops', { exact: true }).selectOption('k3');
  await setNumber(page, 'Prune at share ≤ (fraction)', '0.5');
  await setNumber(page, 'Population', '4');
  await setNumber(page, 'Generations per search', '0');
  await page.getByText('More settings').click();
  await setNumber(page, 'Supernet epochs (stage 1)', '1');
  await setNumber(page, 'Fine-tune epochs per prune', '0');
  await setNumber(page, 'Ranking architectures', '2');
  await setNumber(page, 'Stand-alone steps each', '1');
  await setNumber(page, 'Final training epochs', '1');
  await setNumber(page, 'Training images (0 = all)', '160');
  await page.getByRole('checkbox', { name: 'Re-estimate BN per candidate' }).uncheck();

  await start.click();
  await expect(page.getByTestId('pad-unit')).toHaveText('MACs (no device profile)', { timeout: 60_000 });
  await expect(page.getByTestId('pad-window-unit')).toContainText('MACs');
  // The heatmap shows the full space first: nothing pruned; k3e3 and k3e6 everywhere, identity only where the layer
  // keeps its shape (3 of 7 layers): 17 live cells of 49.
  await expect.poll(() => page.getByTestId('pad-heatmap').locator('g.cell').count(), { timeout: 60_000 }).toBe(7 * 7);
  expect(await pruned(page)).toBe(0);
  await expect(page.getByTestId('pad-heatmap').locator('g.cell[data-state="live"]')).toHaveCount(17);

  // The first search round ends in a pruning: cells turn grey, the space shrinks, the scatter has shown generations.
  await expect.poll(() => pruned(page), { timeout: 360_000, intervals: [500, 1000, 2000] }).toBeGreaterThan(0);
  await expect(page.getByTestId('pad-heatmap').locator('g.cell[data-state="pruned"]').first()).toBeVisible();
  const fill = await page.getByTestId('pad-heatmap').locator('g.cell[data-state="pruned"] rect').first().getAttribute('fill');
  expect(fill).toContain('--pad-pruned');
  await expect(page.getByTestId('pad-size').locator('rect.size')).toHaveCount(2);
  await expect.poll(async () => Number(await page.getByTestId('pad-scatter').locator('svg').getAttribute('data-generations')), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

  // Pause keeps the pruned space on screen (the found architecture's stand-alone training is left to the CLI and unit
  // tests: it would double the time on SwiftShader); Reset then stops the run and clears the charts.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled({ timeout: 120_000 });
  expect(await pruned(page)).toBeGreaterThan(0);
  // Redrawn on every snapshot, each chart keeps one frame (the Pareto scatter, the space-size bars, the rank plots).
  await expectChartFrames(page.getByRole('main'), 2);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('method-progress')).toHaveCount(0);
  expect(errors).toEqual([]);
});
