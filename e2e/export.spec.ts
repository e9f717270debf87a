import { readFile } from 'node:fs/promises';
import { expect, test, type Download } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { validateArchSpec } from '../src/core/costs';
import { TrainPage } from './pages/TrainPage';
import { TINY } from './fixtures/settings';

test('Export model downloads model.json + model.weights.bin + archspec.json that load in Node tfjs', async ({ page }) => {
  const app = new TrainPage(page);
  await app.open(TINY);
  await app.waitUntilReady();
  await expect(app.button('Export model')).toBeDisabled();

  // '.' is the Step shortcut: from idle it starts a paused run and takes one step (a partly trained network is enough).
  await page.locator('body').press('.');
  await app.waitForStep(1);
  await expect(app.runState).toHaveText('Paused');
  await expect(app.button('Export model')).toBeEnabled();

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await app.button('Export model').click();
  await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(3);
  const byName = new Map(downloads.map((d) => [d.suggestedFilename(), d]));
  expect([...byName.keys()].sort()).toEqual(['archspec.json', 'model.json', 'model.weights.bin']);
  // The app reloads the very files it offers with tf.loadLayersModel and compares logits on 100 held-out test digits.
  const check = page.getByTestId('export-check');
  await expect(check).toContainText('same logits on 100 test images');
  const diff = Number(/max \|Δ\| = ([0-9.e+-]+)/.exec((await check.textContent()) ?? '')?.[1]);
  expect(diff).toBeLessThanOrEqual(1e-4);

  const read = async (name: string) => readFile(await byName.get(name)!.path());
  const modelJson = JSON.parse((await read('model.json')).toString('utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    userDefinedMetadata?: { archSpec?: unknown };
  };
  const weights = await read('model.weights.bin');
  const archSpec = validateArchSpec(JSON.parse((await read('archspec.json')).toString('utf8')));

  expect(modelJson.weightsManifest[0].paths).toEqual(['model.weights.bin']);
  expect(modelJson.userDefinedMetadata?.archSpec).toEqual(archSpec);
  expect(archSpec.input).toEqual({ height: 28, width: 28, channels: 1 });
  expect(archSpec.numClasses).toBe(10);

  await tf.setBackend('cpu');
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData }),
  );
  const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 7);
  const logits = model.predict(x) as tf.Tensor;
  expect(logits.shape).toEqual([4, 10]);
  const probs = tf.softmax(logits);
  const values = Array.from(await logits.data());
  expect(values.every(Number.isFinite)).toBe(true);
  for (const s of Array.from(await probs.sum(1).data())) expect(s).toBeCloseTo(1, 5);
  tf.dispose([x, logits, probs]);
  model.dispose();
});
