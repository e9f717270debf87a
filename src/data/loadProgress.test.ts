import { describe, expect, it } from 'vitest';
import { maybeGunzip } from './gzip';
import { loadUserFiles } from './loadFiles';
import { gzipDeclaredSize, isLoadCancelled, LoadCancelled, loadProgressText, stageMsLeft, type LoadProgress } from './loadProgress';
import { gzipBytes, makeIdxPair } from './testFiles';

/** 256 KiB that compress poorly enough to come out of the decompressor in several chunks. */
const big = Uint8Array.from({ length: 256 << 10 }, (_, i) => (i * 2654435761) >>> 24);

describe('gzipDeclaredSize', () => {
  it('reads the uncompressed size from the gzip trailer', async () => {
    expect(gzipDeclaredSize(await gzipBytes(big))).toBe(big.length);
    expect(gzipDeclaredSize(await gzipBytes(new Uint8Array(5)))).toBe(5);
  });

  it('is 0 for bytes too short to be gzip', () => {
    expect(gzipDeclaredSize(new Uint8Array(10))).toBe(0);
  });
});

describe('decompression progress and cancelling', () => {
  it('reports growing output bytes against the declared size, ending at the whole file', async () => {
    const seen: LoadProgress[] = [];
    const out = await maybeGunzip('big.gz', await gzipBytes(big), undefined, { onProgress: (p) => seen.push({ ...p }) });
    expect(Buffer.compare(out, big)).toBe(0);
    expect(seen.length).toBeGreaterThan(1);
    for (const [i, p] of seen.entries()) {
      expect(p).toMatchObject({ stage: 'unzip', file: 'big.gz', total: big.length });
      expect(p.done).toBeLessThanOrEqual(p.total);
      if (i > 0) expect(p.done).toBeGreaterThan(seen[i - 1].done);
    }
    expect(seen.at(-1)?.done).toBe(big.length);
  });

  it('stops with LoadCancelled when the signal is aborted mid-stream', async () => {
    const ctl = new AbortController();
    let reports = 0;
    const run = maybeGunzip('big.gz', await gzipBytes(big), undefined, {
      signal: ctl.signal,
      onProgress: () => {
        reports++;
        ctl.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(LoadCancelled);
    expect(reports).toBe(1);
  });

  it('does not start when already cancelled, gzipped or not', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(maybeGunzip('plain', big, undefined, { signal: ctl.signal })).rejects.toBeInstanceOf(LoadCancelled);
  });

  it('loadUserFiles reports decompression, then the parse, and honours a cancel before parsing', async () => {
    const { images, labels } = makeIdxPair(40, 28, 28);
    const files = [
      { name: 'imgs.gz', bytes: await gzipBytes(images) },
      { name: 'lbls.gz', bytes: await gzipBytes(labels) },
    ];
    const stages: string[] = [];
    const ds = await loadUserFiles(files, { onProgress: (p) => stages.push(`${p.stage}:${p.file}`) });
    expect(ds.n).toBe(40);
    expect(stages[0]).toBe('unzip:imgs.gz');
    expect(stages).toContain('unzip:lbls.gz');
    expect(stages.at(-1)).toBe('parse:imgs.gz, lbls.gz');

    const ctl = new AbortController();
    const run = loadUserFiles(files, { signal: ctl.signal, onProgress: (p) => p.file === 'lbls.gz' && ctl.abort() });
    await expect(run).rejects.toSatisfy(isLoadCancelled);
  });
});

describe('isLoadCancelled', () => {
  it('recognises the error, also by name after crossing the worker boundary', () => {
    expect(isLoadCancelled(new LoadCancelled())).toBe(true);
    expect(isLoadCancelled(Object.assign(new Error('loading was cancelled'), { name: 'LoadCancelled' }))).toBe(true);
    expect(isLoadCancelled(new Error('x'))).toBe(false);
  });
});

describe('loadProgressText', () => {
  it('says the stage, the file and the megabytes', () => {
    expect(loadProgressText({ stage: 'read', file: 'a.bin', done: 1 << 20, total: 3 << 20 })).toBe('Reading a.bin: 1.0 of 3.0 MB');
    expect(loadProgressText({ stage: 'unzip', file: 'x.gz', done: 0, total: 47 << 20 })).toBe('Decompressing x.gz: 0.0 of 47.0 MB');
    expect(loadProgressText({ stage: 'parse', file: 'x, y', done: 0, total: 1 })).toBe('Checking and arranging the images of x, y');
  });
});

describe('stageMsLeft', () => {
  const at = (done: number): LoadProgress => ({ stage: 'unzip', file: 'x.gz', done, total: 100 });
  it('extrapolates the rate so far', () => {
    expect(stageMsLeft(at(25), 1000, 3000)).toBe(6000);
    expect(stageMsLeft(at(100), 1000, 3000)).toBe(0);
  });
  it('says nothing too early, and nothing for the parse', () => {
    expect(stageMsLeft(at(1), 1000, 3000)).toBeNull();
    expect(stageMsLeft(at(50), 1000, 1200)).toBeNull();
    expect(stageMsLeft({ stage: 'parse', file: 'x', done: 0, total: 1 }, 0, 5000)).toBeNull();
  });
});
