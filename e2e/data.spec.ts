import { expect, test } from '@playwright/test';
import { badMagic, gzip, idxImages, idxLabels } from './fixtures/idx';
import { TrainPage } from './pages/TrainPage';

test.beforeEach(async ({ page }) => {
  const app = new TrainPage(page);
  await app.open();
  await app.waitUntilReady();
  await expect(app.datasetName).toHaveText('mnist-10k');
});

test('an IDX pair made by the test (images gzipped) loads through the file picker', async ({ page }) => {
  const app = new TrainPage(page);
  await app.loadFiles([
    { name: 'tiny-images-idx3-ubyte.gz', buffer: gzip(idxImages(64)), mimeType: 'application/gzip' },
    { name: 'tiny-labels-idx1-ubyte', buffer: idxLabels(64) },
  ]);
  await expect(app.datasetName).toHaveText('tiny-images-idx3-ubyte');
  await expect(app.datasetCount).toContainText('64');
  // 80/10/10 of 64 with rounding: 52 / 6 / 6.
  await expect(app.datasetSplit).toContainText('52 / 6 / 6');
  await expect(page.getByTestId('dataset-summary')).toContainText('28×28×1');
  await expect(page.getByTestId('preview-grid')).toHaveAttribute('aria-label', /^32 sample images with labels: \d/);
  await expect(app.datasetError).toHaveCount(0);
  expect(new URL(page.url()).hash).toContain('dataset=custom');

  // Back to the built-in data.
  await page.getByRole('button', { name: 'Use built-in MNIST' }).click();
  await expect(app.datasetName).toHaveText('mnist-10k');
});

test('files dropped on the drop zone load too', async ({ page }) => {
  const app = new TrainPage(page);
  const files = [
    { name: 'drop-images.idx3-ubyte', bytes: [...idxImages(40, 28, 28, 3)] },
    { name: 'drop-labels.idx1-ubyte', bytes: [...idxLabels(40, 4)] },
  ];
  const dataTransfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, files);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(app.datasetName).toHaveText('drop-images.idx3-ubyte');
  await expect(page.getByTestId('dataset-summary')).toContainText('Classes4');
});

test('a corrupted file names the file and the problem, and the previous dataset stays loaded', async ({ page }) => {
  const app = new TrainPage(page);
  await app.loadFiles([
    { name: 'broken-images-idx3-ubyte', buffer: badMagic() },
    { name: 'good-labels-idx1-ubyte', buffer: idxLabels(64) },
  ]);
  await expect(app.datasetError).toBeVisible();
  await expect(app.datasetError).toContainText('broken-images-idx3-ubyte');
  await expect(app.datasetError).toContainText('12 34 56 78'); // the bytes that are wrong
  await expect(app.datasetError).toContainText('previously loaded dataset is still in use');
  await expect(app.datasetName).toHaveText('mnist-10k');
  await expect(app.datasetSplit).toContainText('8,000 / 1,000 / 1,000');

  // A truncated IDX images file gets a precise message too.
  await app.loadFiles([
    { name: 'short-images-idx3-ubyte', buffer: idxImages(64).subarray(0, 1000) },
    { name: 'good-labels-idx1-ubyte', buffer: idxLabels(64) },
  ]);
  await expect(app.datasetError).toContainText('short-images-idx3-ubyte');
  await expect(app.datasetError).toContainText('truncated');
  await expect(app.datasetName).toHaveText('mnist-10k');
  await page.getByRole('button', { name: 'Dismiss the data error' }).click();
  await expect(app.datasetError).toHaveCount(0);
});

test('Cancel loading stops a load part-way, keeps the dataset in use, and the next load works', async ({ page }) => {
  const app = new TrainPage(page);
  // A slow disk: each slice the page reads waits until the test lets it go.
  await page.evaluate(() => {
    const w = window as unknown as { releaseReads: () => void };
    const gate = new Promise<void>((resolve) => (w.releaseReads = resolve));
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the blob as `this`
    const read = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = async function (this: Blob) {
      await gate;
      return read.call(this);
    };
  });
  const files = [
    { name: 'slow-images-idx3-ubyte', buffer: idxImages(64) },
    { name: 'slow-labels-idx1-ubyte', buffer: idxLabels(64) },
  ];
  await app.loadFiles(files);
  const progress = page.getByTestId('load-progress');
  await expect(progress).toContainText('slow-images-idx3-ubyte');
  await progress.getByRole('button', { name: 'Cancel loading' }).click();
  await page.evaluate(() => (window as unknown as { releaseReads: () => void }).releaseReads());
  await expect(progress).toHaveCount(0);
  await expect(page.getByText('Loading cancelled')).toBeVisible();
  await expect(app.datasetName).toHaveText('mnist-10k');
  await expect(app.datasetError).toHaveCount(0);

  // The same files, loaded again (the reads no longer wait), are used.
  await app.loadFiles(files);
  await expect(app.datasetName).toHaveText('slow-images-idx3-ubyte');
  await expect(app.datasetCount).toContainText('64');
});
