/**
 * Issue 14 end to end on WebGPU (SwiftShader): a tiny Train run and a tiny random search are saved in IndexedDB,
 * survive a reload, are measured on this device (two points on the latency scatter), and one exports as ONNX that
 * onnxruntime-web (Node, WebAssembly) loads and runs; a deleted run comes back whole with Undo.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Download } from '@playwright/test';
import * as ort from 'onnxruntime-web';
import { TrainPage } from './pages/TrainPage';

const TRAIN_ONE_EPOCH = 'v=1&width=0.25&batch=16&epochs=1&tiny=1&limit=48';
const TINY_SEARCH = 'v=2&screen=random&rn=2&rsteps=2&rfinal=1&rlimit=64&rbatch=16&rtiny=1&rwidth=0.25';

test('runs are kept across a reload, measured here, plotted, and exported as ONNX', async ({ page }) => {
  test.setTimeout(1_200_000);
  const app = new TrainPage(page);
  await app.open(TRAIN_ONE_EPOCH);
  await app.waitUntilReady();
  await app.button('Start').click();
  await expect(app.runState).toHaveText('Finished', { timeout: 240_000 });
  // The record is saved with its exported weights (asked of the worker when the record arrives).
  await page.goto('/#v=2&screen=compare');
  await expect(page.locator('[data-testid="saved-run"][data-status="finished"]')).toHaveCount(1, { timeout: 120_000 });

  await page.goto(`/#${TINY_SEARCH}`);
  await page.reload();
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeEnabled({ timeout: 120_000 });
  await start.click();

  await page.goto('/#v=2&screen=compare');
  const rows = page.getByTestId('saved-run');
  await expect(page.locator('[data-testid="saved-run"][data-status="finished"]')).toHaveCount(2, { timeout: 300_000 });

  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="saved-run"][data-method="train"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="saved-run"][data-method="random"]')).toHaveCount(1);

  // Neither has a latency on this device yet: the chart says so, and one click chooses both to be measured.
  const offChart = page.getByTestId('compare-off-chart');
  await expect(offChart).toContainText('Not on the chart: 2 finished runs have no latency on this device yet');
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(0);
  await offChart.getByRole('button', { name: 'Choose these 2' }).click();
  await expect(page.getByRole('checkbox', { name: /^Choose / }).and(page.locator(':checked'))).toHaveCount(2);
  // Measure both on this device: the latency scatter then has two (measured) points, and the note is gone.
  await page.getByRole('button', { name: 'Measure on this device' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText('2 done', { timeout: 240_000 });
  await expect(page.getByTestId('compare-table')).toContainText('measured');
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(2);
  await expect(offChart).toHaveCount(0);

  // Export the Train run's network as ONNX and run it in onnxruntime-web.
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.locator('[data-testid="saved-run"][data-method="train"]').getByRole('button', { name: 'Export' }).click();
  await page.getByRole('radio', { name: /ONNX/ }).check();
  await page.getByRole('button', { name: 'Download' }).click();
  await expect.poll(() => downloads.map((d) => d.suggestedFilename()).sort(), { timeout: 60_000 }).toEqual(['archspec.json', 'model.onnx']);
  const onnx = await readFile(await downloads.find((d) => d.suggestedFilename() === 'model.onnx')!.path());
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(new Uint8Array(onnx));
  const x = new ort.Tensor('float32', new Float32Array(2 * 28 * 28).fill(0.5), [2, 28, 28, 1]);
  const out = await session.run({ image: x });
  expect(out.logits.dims).toEqual([2, 10]);
  expect(Array.from(out.logits.data as Float32Array).every(Number.isFinite)).toBe(true);

  // The comparison as a PNG that looks like the screen (issue 14 §6).
  await page.getByRole('button', { name: 'Export PNG' }).click();
  await expect.poll(() => downloads.some((d) => d.suggestedFilename().endsWith('.png')), { timeout: 30_000 }).toBe(true);
  const png = await readFile(await downloads.find((d) => d.suggestedFilename().endsWith('.png'))!.path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(2000);

  // Retrain the search's network from scratch with one recipe: a new saved run, linked to its original (issue 14 §4).
  await page.locator('[data-testid="saved-run"][data-method="train"]').getByRole('checkbox').uncheck();
  await page.getByRole('button', { name: 'Retrain with one recipe' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText('1 done', { timeout: 420_000 });
  await expect(page.locator('[data-testid="saved-run"][data-status="finished"]')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.locator('[data-testid="saved-run"][data-method="random"]').filter({ hasText: 'retrained' })).toHaveCount(1);

  // Delete asks nothing and can be undone: the measured Train run comes back with its weights and its measurement.
  const trainRow = page.locator('[data-testid="saved-run"][data-method="train"]');
  await trainRow.getByRole('button', { name: /^Delete / }).click();
  await expect(trainRow).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the saved run' })).toBeVisible();
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(trainRow).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveCount(0);
  await expect(page.locator('[data-testid="compare-scatter"] path.point')).toHaveCount(2);
  await page.reload();
  await expect(rows).toHaveCount(3);
  await expect(trainRow.getByRole('button', { name: 'Export' })).toBeVisible();
});
