import { describe, expect, it } from 'vitest';
import { DataError } from './dataset';
import { isGzip, maybeGunzip } from './gzip';
import { gzipBytes } from './testFiles';

const payload = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 13) % 251);

async function errorOf(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('maybeGunzip', () => {
  it('decompresses gzip data, whatever the name', async () => {
    const z = await gzipBytes(payload);
    expect(isGzip(z)).toBe(true);
    expect(await maybeGunzip('data.gz', z)).toEqual(payload);
    expect(await maybeGunzip('no-extension', z)).toEqual(payload);
  });

  it('passes non-gzip data through unchanged when not named .gz', async () => {
    const out = await maybeGunzip('train-images-idx3-ubyte', payload);
    expect(out).toBe(payload);
  });

  it('rejects a .gz name over non-gzip bytes, quoting the first bytes', async () => {
    const e = await errorOf(maybeGunzip('train-images-idx3-ubyte.gz', Uint8Array.from([0, 0, 8, 3, 0, 0])));
    expect(e.message).toBe('train-images-idx3-ubyte.gz: is named .gz but is not gzip data (first bytes 00 00 08 03)');
    expect(e.file).toBe('train-images-idx3-ubyte.gz');
    const empty = await errorOf(maybeGunzip('x.GZ', new Uint8Array(0)));
    expect(empty.message).toBe('x.GZ: is named .gz but is not gzip data (first bytes none: the file is empty)');
  });

  it('rejects corrupt gzip data', async () => {
    const z = await gzipBytes(payload);
    const bad = z.slice();
    for (let i = 12; i < Math.min(bad.length - 8, 60); i++) bad[i] ^= 0x5a;
    const e = await errorOf(maybeGunzip('batch.bin.gz', bad));
    expect(e.message).toMatch(/^batch\.bin\.gz: is corrupt or truncated gzip data: /);
  });

  it('rejects truncated gzip data', async () => {
    const z = await gzipBytes(payload);
    const cut = z.subarray(0, z.length - 12);
    const e = await errorOf(maybeGunzip('labels.gz', cut));
    // Project words only: the file, its size, how far decompression got, what to do (no stream or zlib internals).
    expect(e.message).toMatch(new RegExp(`^labels\\.gz: is corrupt or truncated gzip data: the ${cut.length}-byte file stopped decompressing after \\d+ bytes of output\\. Download it again, or choose the uncompressed file\\.$`));
    expect(e.message).not.toMatch(/Failed to execute|WritableStream|zlib|unexpected end/i);
    expect(e.file).toBe('labels.gz');
  });

  it('refuses output beyond the size cap (gzip bomb guard)', async () => {
    const z = await gzipBytes(new Uint8Array(1_000_000));
    const e = await errorOf(maybeGunzip('bomb.gz', z, 10_000));
    expect(e.message).toBe('bomb.gz: decompresses to more than 10000 bytes; refusing to load it');
  });
});
