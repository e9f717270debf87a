import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { expect, test, type Download } from '@playwright/test';
import { collectErrors } from './fixtures/console';
import { openOnWebGpu } from './fixtures/method';

/**
 * Efficient Global NAS end to end on WebGPU (SwiftShader): the tiny preset cut further through the link so the whole
 * search finishes in a few minutes: depth 1–2 at widths 4 → 2 (two depth candidates, one width candidate), the tiny
 * stride-2 stem, 160 training images (5 steps per epoch), one-epoch micro candidates, no fair-ranking demo. It must show
 * a depth-phase decision marker (accept, neutral or fail) on the trajectory, finish, and export the found chain as
 * files that stock tfjs loads in Node.
 */
const HASH = 'v=2&backend=webgpu&screen=egnas&gpreset=tiny&glmin=1&glmax=2&gcmin=2&gcmax=4&glimit=160&gmep=1&grank=0';

test('tiny Efficient Global NAS run: a depth decision marker on the trajectory, then the found chain exports and loads in Node', async ({ page }) => {
  // 8.3 min measured on a loaded 2-core machine (the whole search, the retraining and one test evaluation on SwiftShader).
  test.setTimeout(900_000);
  const errors = collectErrors(page);
  const start = await openOnWebGpu(page, HASH);
  await expect(page.getByRole('spinbutton', { name: 'Largest depth L_max' })).toHaveValue('2');

  await start.click();
  // The second depth candidate's decision: ✓, ○ or ✗ on the trajectory.
  const decided = page.getByTestId('egnas-trajectory').locator('text.marker:is([data-decision="accept"], [data-decision="neutral"], [data-decision="fail"])');
  await expect(decided.first()).toBeVisible({ timeout: 300_000 });
  expect(['✓', '○', '✗']).toContain(((await decided.first().textContent()) ?? '').charAt(0));
  await expect(page.getByTestId('egnas-tolerances')).toContainText('validation images');

  // The run finishes (micro phase, retraining, one test evaluation) and the result card appears.
  await expect(page.getByTestId('result-record')).toBeVisible({ timeout: 420_000 });
  await expect(page.getByTestId('egnas-genome')).toBeVisible();
  // The tiny preset trains the hand-designed baseline at the nearest parameter count too: both rows, both tested.
  const baseline = page.getByTestId('egnas-baseline-table');
  await expect(baseline.getByRole('rowheader')).toHaveText([/^Found chain L\d+ C\d+$/, /^Hand-designed baseline \(MBConv k3 e3, width ×[0-9.]+\)$/]);
  await expect(page.getByTestId('egnas-baseline-gap')).toHaveText(/^Test accuracy, found − baseline: [+−]\d+\.\d\d points, on [\d,]+ test images/);

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByRole('button', { name: 'Export model', exact: true }).click();
  await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(3);
  const check = page.getByTestId('export-check');
  await expect(check).toContainText('same logits on 100 test images');
  const diff = Number(/max \|Δ\| = ([0-9.e+-]+)/.exec((await check.textContent()) ?? '')?.[1]);
  expect(diff).toBeLessThanOrEqual(1e-4);
  const byName = new Map<string, Buffer>();
  for (const d of downloads) byName.set(d.suggestedFilename(), await readFile(await d.path()));
  const modelJson = JSON.parse(byName.get('model.json')!.toString('utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const archSpec = JSON.parse(byName.get('archspec.json')!.toString('utf8')) as { layers: { type: string }[] };
  expect(archSpec.layers.some((l) => l.type === 'sepconv' || l.type === 'chainconv')).toBe(true);
  const bin = byName.get('model.weights.bin')!;
  await tf.setBackend('cpu');
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest.flatMap((m) => m.weights), weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }),
  );
  const x = tf.zeros([2, 28, 28, 1]);
  const y = model.predict(x) as tf.Tensor;
  expect(y.shape).toEqual([2, 10]);
  expect(Array.from(await y.data()).every(Number.isFinite)).toBe(true);
  tf.dispose([x, y]);
  model.dispose();
  expect(errors).toEqual([]);
});
