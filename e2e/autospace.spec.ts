import { expect, test } from '@playwright/test';
import { collectErrors } from './fixtures/console';
import { openOnWebGpu } from './fixtures/method';

/**
 * AutoSpace-style end to end on WebGPU (SwiftShader): the tiny preset cut further through the link — 4 cells per slot,
 * 2 supernet steps of 16 images per evolution round on 160 training images — so one round finishes in a few minutes (every new cell shape compiles
 * new WebGPU kernels, which SwiftShader does slowly). The population board must show this round's tournament picks
 * (outlined cards), the round must finish (a top-K column and a softmax(α) bar appear), and every chart and control
 * must carry its "?". Then Pause and Reset clear the screen.
 */
const HASH = 'v=2&backend=webgpu&screen=autospace&aspreset=tiny&aspop=4&assteps=2&aslimit=160&asbatch=16';

test('tiny AutoSpace-style run: one evolution round, tournament picks highlighted on the population board, then Reset', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = collectErrors(page);
  const start = await openOnWebGpu(page, HASH);
  await expect(page.getByRole('spinbutton', { name: 'Steps per round' })).toHaveValue('2');
  await expect(page.getByRole('spinbutton', { name: 'Cells per layer' })).toHaveValue('4');
  await expect(page.getByText('AutoSpace-style', { exact: true }).first()).toBeVisible();

  await start.click();
  // The first snapshot: 7 slots of 4 cells, K = 2 picks each, outlined.
  const board = page.getByTestId('as-board');
  await expect.poll(async () => Number(await board.locator('svg').getAttribute('data-cells')), { timeout: 240_000 }).toBe(7 * 4);
  await expect(board.locator('g.card.pick').first()).toBeVisible();
  // Between two rounds a drawn board can still mark last round's picks, some of which the round just dropped: wait for
  // a round's full set (K = 2 in each of the 7 slots).
  await expect.poll(async () => Number(await board.locator('svg').getAttribute('data-picks')), { timeout: 60_000, intervals: [100, 250, 500] }).toBe(7 * 2);
  expect(await board.locator('g.card.pick path.edge').count()).toBeGreaterThan(0); // picks are drawn as graphs

  // One round finishes: a top-K column, a softmax(α) bar, the budget gauge; the picks stay highlighted.
  await expect.poll(async () => Number(await page.getByTestId('as-topk').locator('svg').getAttribute('data-columns')), { timeout: 420_000, intervals: [1000, 2000] }).toBeGreaterThanOrEqual(1);
  await expect.poll(async () => Number(await page.getByTestId('as-alpha').locator('svg').getAttribute('data-bars')), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('as-budget').locator('rect.gauge-bar')).toHaveCount(1);
  await expect(board.locator('g.card.pick').first()).toBeVisible();
  // The latest round's changes (on a fast backend the run may be a round or two further by now).
  await expect(page.getByTestId('as-event')).toContainText(/iteration [1-3]\/3: slot 1 /);

  // Every chart and control has its "?"; the slot control is keyboard-usable and zooms the board to one slot.
  for (const name of ['Evolving the search space', 'Population board: cells per slot', 'Slots shown', 'softmax(α) of the picks over time', 'Slot', 'Budget: expected cost vs budget', 'Top-K timeline: the learned space taking shape', 'Payoff: learned vs hand-designed space']) {
    await expect(page.getByRole('button', { name: `Explain: ${name}`, exact: true })).toHaveCount(1);
  }
  const shown = page.getByLabel('Slots shown', { exact: true });
  await shown.focus();
  await shown.selectOption('2');
  await expect.poll(async () => Number(await board.locator('svg').getAttribute('data-cells'))).toBe(4);
  await expect(board.locator('g.slot')).toHaveCount(1);

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('method-progress')).toHaveCount(0);
  expect(errors).toEqual([]);
});
