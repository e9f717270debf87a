import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD_BYTES } from './cifar';
import { DataError } from './dataset';
import { encodeIdx } from './idx';
import { loadUserFiles } from './loadFiles';
import { gzipBytes, makeCifarBatch, makeIdxPair, pixelAt } from './testFiles';

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as DataError).message;
  }
  throw new Error('expected a DataError');
}

describe('loadUserFiles', () => {
  it('loads a gzipped IDX pair in either order', async () => {
    const { images, labels } = makeIdxPair(20, 28, 28);
    const files = [
      { name: 'train-labels-idx1-ubyte.gz', bytes: await gzipBytes(labels) },
      { name: 'train-images-idx3-ubyte.gz', bytes: await gzipBytes(images) },
    ];
    const ds = await loadUserFiles(files);
    expect(ds).toMatchObject({ name: 'train-images-idx3-ubyte', source: 'idx', n: 20, height: 28, width: 28, channels: 1, numClasses: 10 });
    expect(ds.images[5 * 784 + 100]).toBe(pixelAt(5, 100));
  });

  it('loads uncompressed IDX files too', async () => {
    const { images, labels } = makeIdxPair(3, 4, 4, 2);
    const ds = await loadUserFiles([{ name: 'imgs', bytes: images }, { name: 'lbls', bytes: labels }]);
    expect(ds).toMatchObject({ name: 'imgs', n: 3, numClasses: 2 });
  });

  it('loads several CIFAR-10 batches, gzipped or not', async () => {
    const ds = await loadUserFiles([
      { name: 'data_batch_1.bin', bytes: makeCifarBatch(2) },
      { name: 'data_batch_2.bin.gz', bytes: await gzipBytes(makeCifarBatch(3, 4)) },
    ]);
    expect(ds).toMatchObject({ source: 'cifar10', n: 5, height: 32, width: 32, channels: 3, numClasses: 10 });
    expect(Array.from(ds.labels)).toEqual([0, 1, 4, 5, 6]);
  });

  it('treats a CIFAR batch whose first bytes mimic an IDX header as CIFAR', async () => {
    const batch = makeCifarBatch(2);
    batch.set([0, 0, 8, 3], 0); // label 0, then R pixels 0, 8, 3
    const ds = await loadUserFiles([{ name: 'dark.bin', bytes: batch }]);
    expect(ds.source).toBe('cifar10');
  });

  it('propagates per-file IDX errors (truncated, count mismatch, label range)', async () => {
    const a = makeIdxPair(10, 5, 5);
    const b = makeIdxPair(8, 5, 5);
    expect(await errorOf(loadUserFiles([{ name: 'i', bytes: a.images.subarray(0, 100) }, { name: 'l', bytes: a.labels }]))).toBe(
      'i: is truncated: expected 266 bytes (16-byte header + 10×5×5 pixels), got 100',
    );
    expect(await errorOf(loadUserFiles([{ name: 'i', bytes: a.images }, { name: 'l', bytes: b.labels }]))).toBe(
      'l: has 8 labels but i has 10 images; they must match one to one',
    );
    const bad = encodeIdx([10], Uint8Array.from({ length: 10 }, (_, i) => (i === 7 ? 150 : 1)));
    expect(await errorOf(loadUserFiles([{ name: 'i', bytes: a.images }, { name: 'l.gz', bytes: await gzipBytes(bad) }]))).toBe(
      'l.gz: label at index 7 is 150, outside the supported range 0–99',
    );
  });

  it('propagates gzip errors', async () => {
    const { images } = makeIdxPair(2, 2, 2);
    expect(await errorOf(loadUserFiles([{ name: 'train-images-idx3-ubyte.gz', bytes: images }]))).toBe(
      'train-images-idx3-ubyte.gz: is named .gz but is not gzip data (first bytes 00 00 08 03)',
    );
    const z = await gzipBytes(images);
    expect(await errorOf(loadUserFiles([{ name: 'x.gz', bytes: z.subarray(0, 15) }]))).toMatch(/^x\.gz: is corrupt or truncated gzip data/);
  });

  it('needs exactly one IDX images and one IDX labels file', async () => {
    const a = makeIdxPair(2, 2, 2);
    expect(await errorOf(loadUserFiles([{ name: 'train-images', bytes: a.images }]))).toBe(
      'train-images: need exactly one IDX images file and one IDX labels file; got images: train-images; labels: none',
    );
    expect(
      await errorOf(
        loadUserFiles([
          { name: 'i1', bytes: a.images },
          { name: 'i2', bytes: a.images },
          { name: 'l', bytes: a.labels },
        ]),
      ),
    ).toBe('i1: need exactly one IDX images file and one IDX labels file; got images: i1, i2; labels: l');
    expect(await errorOf(loadUserFiles([{ name: 'i', bytes: a.images }, { name: 'l', bytes: a.labels }, { name: 'c.bin', bytes: makeCifarBatch(1) }]))).toBe(
      'c.bin: looks like a CIFAR-10 batch, but IDX files were chosen too; load one kind at a time',
    );
  });

  it('explains what was expected for unrecognised files, tar archives and no files', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const msg = await errorOf(loadUserFiles([{ name: 'cat.png', bytes: png }]));
    expect(msg).toMatch(/^cat\.png: is not a recognised dataset file \(7 bytes, first bytes 89 50 4e 47\): expected either one IDX images file/);
    expect(msg).toContain(`records of ${CIFAR_RECORD_BYTES} bytes`);

    const tar = new Uint8Array(1024);
    tar.set(new TextEncoder().encode('ustar'), 257);
    expect(await errorOf(loadUserFiles([{ name: 'cifar-10-binary.tar.gz', bytes: await gzipBytes(tar) }]))).toMatch(
      /^cifar-10-binary\.tar\.gz: is a tar archive; extract it first/,
    );
    expect(await errorOf(loadUserFiles([]))).toMatch(/^\(no files\): nothing to load: expected either/);
  });

  it('a CIFAR batch with leftover bytes gets the CIFAR message naming the file (gzipped or not), not the generic one', async () => {
    const extra = new Uint8Array(2 * CIFAR_RECORD_BYTES + 5);
    extra.set(makeCifarBatch(2));
    const want = `data_batch_1.bin: is ${extra.length} bytes, not a multiple of the ${CIFAR_RECORD_BYTES}-byte CIFAR-10 record (1 label + 32×32×3 pixels): 2 whole records and 5 bytes left over`;
    expect(await errorOf(loadUserFiles([{ name: 'data_batch_1.bin', bytes: extra }]))).toBe(want);
    expect(await errorOf(loadUserFiles([{ name: 'data_batch_1.bin.gz', bytes: await gzipBytes(extra) }]))).toBe(want.replace('data_batch_1.bin:', 'data_batch_1.bin.gz:'));
    // A file too short to hold one record, named like a batch: the same specific message.
    expect(await errorOf(loadUserFiles([{ name: 'test_batch.bin', bytes: new Uint8Array(100) }]))).toMatch(/^test_batch\.bin: is 100 bytes, not a multiple of the 3073-byte CIFAR-10 record/);
  });
});
