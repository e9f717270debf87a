import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { serializeProfile } from '../src/core/latency/profileSchema';
import { linearBranchProfile } from '../src/core/latency/testProfile';
import { collectErrors } from './fixtures/console';
import { openOnWebGpu } from './fixtures/method';

/**
 * AtomNAS end to end on WebGPU (SwiftShader): the tiny preset with an aggressive ρ, 960 training images (30 steps; the test pauses after the first shrink),
 * shrink checks every 2 steps and no EMA, so atoms die within a few steps. Then the pruned network is exported and
 * loaded back with stock tf.loadLayersModel in Node.
 */
const HASH = 'v=2&backend=webgpu&screen=atomnas&alimit=960&aep=1&arho=0.3&aevery=2&aema=0';

async function alive(page: Page): Promise<number> {
  const v = await page.getByTestId('atom-bars').locator('svg').getAttribute('data-alive');
  return v === null ? Number.NaN : Number(v);
}

async function macs(page: Page, id = 'an-macs'): Promise<number> {
  const v = await page.getByTestId(id).getAttribute('data-value');
  return v === null ? Number.NaN : Number(v);
}

test('tiny AtomNAS run shrinks live, then the pruned network exports and loads in Node', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  const start = await openOnWebGpu(page, HASH);
  // The latency penalty says what it needs; ρ comes from the link.
  await expect(page.getByTestId('latency-penalty-note')).toContainText('needs a device profile');
  await expect(page.getByRole('spinbutton', { name: 'ρ (penalty strength)' })).toHaveValue('0.3');

  await start.click();
  // The first snapshot shows the whole supernet.
  await expect.poll(() => macs(page), { timeout: 120_000 }).toBeGreaterThan(0);
  const supernetMacs = await macs(page, 'an-supernet-macs');
  expect(supernetMacs).toBeGreaterThan(1e6);
  await expect.poll(() => alive(page), { timeout: 120_000 }).toBeGreaterThan(0);
  const aliveBefore = await alive(page);

  // At least one shrink event: the bars and the MACs readout go down.
  await expect.poll(async () => Number(await page.getByTestId('an-events').textContent()), { timeout: 300_000, intervals: [500, 1000, 2000] }).toBeGreaterThanOrEqual(1);
  await expect.poll(() => macs(page), { timeout: 30_000 }).toBeLessThan(supernetMacs);
  await expect.poll(() => alive(page), { timeout: 30_000 }).toBeLessThan(aliveBefore);

  // Pause the pruned network (the end-of-run evaluation of 2,000 images is covered by unit tests: on SwiftShader it
  // costs minutes) and export it as it stands.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // Paused: the primary button now offers to resume the same search.
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled({ timeout: 120_000 });
  const finalMacs = await macs(page);
  expect(finalMacs).toBeLessThan(supernetMacs);

  // Export the pruned network and load it with stock tfjs in Node.
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByRole('button', { name: 'Export model', exact: true }).click();
  await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(3);
  await expect(page.getByTestId('export-check')).toContainText('same logits on 100 test images');
  const byName = new Map<string, Buffer>();
  for (const d of downloads) byName.set(d.suggestedFilename(), await readFile((await d.path())));
  const modelJson = JSON.parse(byName.get('model.json')!.toString('utf8')) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const archSpec = JSON.parse(byName.get('archspec.json')!.toString('utf8')) as { layers: { type: string; branches?: { hidden: number }[] }[] };
  const bin = byName.get('model.weights.bin')!;
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  await tf.setBackend('cpu');
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest.flatMap((m) => m.weights), weightData }),
  );
  const x = tf.zeros([2, 28, 28, 1]);
  const y = model.predict(x) as tf.Tensor;
  expect(y.shape).toEqual([2, 10]);
  expect(Array.from(await y.data()).every(Number.isFinite)).toBe(true);
  tf.dispose([x, y]);
  model.dispose();
  // The exported ArchSpec is the pruned one: fewer hidden channels than the supernet's 3×3·cin per block.
  const hidden = archSpec.layers.filter((l) => l.type === 'mb').slice(1).map((l) => (l.branches ?? []).reduce((s, b) => s + b.hidden, 0));
  const supernetHidden = [8, 16, 16, 24, 24, 32, 32].map((cin) => 9 * cin);
  expect(hidden.reduce((a, b) => a + b, 0)).toBeLessThan(supernetHidden.reduce((a, b) => a + b, 0));
  expect(errors).toEqual([]);
});

/**
 * The latency penalty follows the search-target profile: synthetic profile files (exactly linear branch latencies, a
 * test fixture, never shown as a measurement elsewhere) imported on the Latency screen and chosen as the target. A quick
 * profile cannot price the 7×7 branches: the error names them and Start stays disabled. A full one prices every atom;
 * the run's latency figures are labelled "predicted (profile …)".
 */
test('latency penalty: unavailable without a profile, refused with a profile that cannot price it, used with one that can', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const slope = (op: { k: number; h: number }) => 1e-4 * op.k * op.k * op.h;
  const quick = linearBranchProfile({ slope, mode: 'reduced', id: 'e2e-quick', name: 'e2e quick profile' });
  const full = linearBranchProfile({ slope, id: 'e2e-full', name: 'e2e full profile' });
  await page.goto(`/#${HASH}`);
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu', { timeout: 90_000 });
  const penalty = page.getByRole('combobox', { name: 'Penalty per atom' });
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeEnabled({ timeout: 90_000 });
  // Without a profile the latency penalty does not start, and says why.
  await penalty.selectOption('latency');
  await start.click();
  await expect(page.getByTestId('method-error')).toContainText('need a device latency profile');

  const useProfile = async (profile: typeof quick) => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Latency' }).click();
    await page.getByTestId('profile-file-input').setInputFiles({ name: `${profile.id}.json`, mimeType: 'application/json', buffer: Buffer.from(serializeProfile(profile)) });
    await expect(page.getByTestId('profiler-message')).toContainText(`Imported "${profile.name}"`);
    await page.getByRole('radio', { name: `Use ${profile.name} as the search target` }).check();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'AtomNAS' }).click();
  };

  await useProfile(quick);
  await expect(penalty).toHaveValue('latency');
  const note = page.getByTestId('latency-penalty-note');
  await expect(note).toContainText('Profile "e2e quick profile" cannot price 7 branches of this supernet');
  await expect(note).toContainText('measure a full profile, or search kernel sizes 3-5');
  // Start is refused by the worker before anything trains, with the same reason.
  await start.click();
  await expect(page.getByTestId('method-error')).toContainText('cannot price');

  await useProfile(full);
  await expect(penalty).toHaveValue('latency');
  await expect(page.getByTestId('latency-profile-name')).toHaveText('e2e full profile');
  await expect(start).toBeEnabled({ timeout: 90_000 });
  await start.click();
  const readout = page.getByTestId('an-latency');
  await expect(readout).toHaveText(/^\d+\.\d+ ms/, { timeout: 120_000 });
  await expect(page.getByText('Latency now, predicted (profile e2e full profile)')).toBeVisible();
  await expect(page.getByTestId('method-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  expect(errors).toEqual([]);
});

/**
 * The whole path a user takes, to the end: a short AtomNAS search finishes (its last evaluation and the single test
 * pass), the result card appears and the run is kept for Compare. Pinned to the CPU backend: the finish is the same on
 * every backend, and SwiftShader's WebGPU spends minutes on the 2,000-image evaluation. (Until 2026-12-02 the worker
 * failed every AtomNAS search at this point, after training: "This search has no complete network to export yet.")
 */
test('a short AtomNAS search runs to its result card and is kept for Compare', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = collectErrors(page);
  await page.goto('/#v=2&backend=cpu&screen=atomnas&alimit=320&aep=1&arho=0.3&aevery=2&aema=0');
  await expect(page.getByTestId('backend-badge')).toHaveText('cpu', { timeout: 90_000 });
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeEnabled({ timeout: 120_000 });
  await start.click();
  // Whichever comes first, so that a failure fails at once with its message.
  const failed = page.getByText(/^The search failed/).first();
  await expect(page.getByTestId('result-record').or(failed)).toBeVisible({ timeout: 540_000 });
  await expect(failed).toHaveCount(0);
  await expect(page.getByTestId('result-record')).toBeVisible();
  await page.goto('/#v=2&screen=compare');
  await expect(page.locator('[data-testid="saved-run"][data-method="atomnas"][data-status="finished"]')).toHaveCount(1, { timeout: 60_000 });
  expect(errors).toEqual([]);
});
