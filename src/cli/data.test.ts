import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUserFiles } from '../data/loadFiles';
import { gzipBytes, makeCifarBatch, makeIdxPair } from '../data/testFiles';
import { UsageError } from './args';
import { loadCliData, officialTestSplit } from './data';
import { main } from './main';

async function files(entries: Record<string, Uint8Array>): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'cli-data-'));
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(entries)) {
    out[name] = join(dir, name);
    await writeFile(out[name], bytes);
  }
  return out;
}

describe('loadCliData: own files through the app\'s loaders', () => {
  it('an IDX pair (gzipped) without a test pair: split 80/10/10 as in the app; the card names the files', async () => {
    const p = makeIdxPair(50, 28, 28);
    const f = await files({ 'train-images-idx3-ubyte.gz': await gzipBytes(p.images), 'train-labels-idx1-ubyte': p.labels });
    const d = await loadCliData({ 'train-images': f['train-images-idx3-ubyte.gz'], 'train-labels': f['train-labels-idx1-ubyte'] });
    expect(d.dataset).toMatchObject({ n: 50, height: 28, width: 28, channels: 1, source: 'idx' });
    expect([d.split.train.length, d.split.val.length, d.split.test.length]).toEqual([40, 5, 5]);
    expect(d.files).toEqual([`train-images: ${f['train-images-idx3-ubyte.gz']}`, `train-labels: ${f['train-labels-idx1-ubyte']}`]);
  });

  it('with an official test pair: test is exactly that pair, validation a seeded 10% of train', async () => {
    const tr = makeIdxPair(60, 28, 28);
    const te = makeIdxPair(20, 28, 28);
    const f = await files({ ti: tr.images, tl: tr.labels, si: te.images, sl: te.labels });
    const d = await loadCliData({ 'train-images': f.ti, 'train-labels': f.tl, 'test-images': f.si, 'test-labels': f.sl });
    expect(d.dataset.n).toBe(80);
    expect(Array.from(d.split.test)).toEqual(Array.from({ length: 20 }, (_, i) => 60 + i));
    expect(d.split.val.length).toBe(6);
    expect(d.split.train.length).toBe(54);
    expect([...d.split.train, ...d.split.val].every((i) => i < 60)).toBe(true);
    // Test images are the test file's, in order.
    const size = 28 * 28;
    expect(Array.from(d.dataset.images.subarray(60 * size, 61 * size))).toEqual(Array.from((await loadUserFiles([{ name: 'si', bytes: te.images }, { name: 'sl', bytes: te.labels }])).images.subarray(0, size)));
    expect(d.files.map((s) => s.split(':')[0])).toEqual(['train-images', 'train-labels', 'test-images', 'test-labels']);
    expect(officialTestSplit(60, 20)).toEqual(d.split);
  });

  it('CIFAR-10 batches, with the official test batch', async () => {
    const f = await files({ 'data_batch_1.bin': makeCifarBatch(30), 'data_batch_2.bin': makeCifarBatch(20, 3), 'test_batch.bin': makeCifarBatch(10) });
    const d = await loadCliData({ cifar: `${f['data_batch_1.bin']},${f['data_batch_2.bin']}`, 'cifar-test': f['test_batch.bin'] });
    expect(d.dataset).toMatchObject({ n: 60, height: 32, width: 32, channels: 3, numClasses: 10 });
    expect(d.split.test.length).toBe(10);
    expect(d.split.val.length).toBe(5);
  });

  it('bad combinations are usage errors; bad files get the app\'s message naming the file', async () => {
    await expect(loadCliData({ 'train-images': 'x' })).rejects.toThrow(UsageError);
    await expect(loadCliData({ data: 'a', cifar: 'b' })).rejects.toThrow(/choose one data source/);
    await expect(loadCliData({ 'cifar-test': 'b' })).rejects.toThrow(/--cifar-test needs --cifar/);
    const f = await files({ 'junk.txt': new TextEncoder().encode('hello, not a dataset'), labels: makeIdxPair(5, 28, 28).labels });
    await expect(loadCliData({ 'train-images': f['junk.txt'], 'train-labels': f.labels })).rejects.toThrow(/junk\.txt: is not a recognised dataset file/);
    await expect(loadCliData({ 'train-images': '/no/such/file', 'train-labels': f.labels })).rejects.toThrow(/--train-images \/no\/such\/file: cannot read the file \(ENOENT\)/);
  });

  it('every command takes the flags; a bad file exits 1 with the message', async () => {
    const f = await files({ 'junk.bin.txt': new TextEncoder().encode('nope'), l: makeIdxPair(5, 28, 28).labels });
    for (const argv of [
      ['train', '--train-images', f['junk.bin.txt'], '--train-labels', f.l],
      ['search', '--method', 'egnas', '--train-images', f['junk.bin.txt'], '--train-labels', f.l],
    ]) {
      const err: string[] = [];
      expect(await main(argv, { log: () => {}, error: (l) => err.push(l) })).toBe(1);
      expect(err.join('\n')).toMatch(/junk\.bin\.txt: is not a recognised dataset file/);
    }
  });
});
