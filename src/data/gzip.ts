/** Transparent gunzip of user files with the platform's DecompressionStream (browsers, Node ≥ 18). */

import { DataError, hexPrefix } from './dataset';
import { gzipDeclaredSize, LoadCancelled, throwIfCancelled, type LoadOptions } from './loadProgress';

/** Largest decompressed size accepted: guards against gzip bombs exhausting the tab's memory. */
export const MAX_GUNZIP_BYTES = 1 << 30;

/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Concatenate chunks into one array. */
function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Thrown inside `gunzip` when the output passes the size cap. */
class TooLarge extends Error {}

/** Thrown by `gunzip` when the stream fails (corrupt or truncated); the platform's own message names stream internals. */
class Broken extends Error {
  constructor(readonly outputBytes: number) {
    super('gzip stream failed');
  }
}

/**
 * Decompress gzip data; rejects on corrupt or truncated input, with TooLarge past `maxBytes`, or with LoadCancelled
 * once `opts.signal` is aborted (checked at every output chunk). Reports the output bytes against the declared size.
 */
async function gunzip(name: string, bytes: Uint8Array, maxBytes: number, opts: LoadOptions): Promise<Uint8Array> {
  const declared = gzipDeclaredSize(bytes);
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let tooLarge = false;
  let cancelled = false;
  let total = 0;
  // Write and read concurrently: with large inputs the writer blocks until the reader drains (backpressure).
  // Copying gives the writer an ArrayBuffer-backed view (the input may be a view of a SharedArrayBuffer).
  const writing = writer.write(new Uint8Array(bytes)).then(() => writer.close());
  const reading = (async () => {
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return concat(chunks, total);
      total += value.length;
      if (total > maxBytes) {
        tooLarge = true;
        await reader.cancel();
        throw new TooLarge();
      }
      if (opts.signal?.aborted) {
        cancelled = true;
        await reader.cancel();
        throw new LoadCancelled();
      }
      chunks.push(value);
      // ISIZE is modulo 2^32 (and can lie in a damaged file): never report more done than total.
      opts.onProgress?.({ stage: 'unzip', file: name, done: total, total: Math.max(total, declared) });
    }
  })();
  try {
    const [, out] = await Promise.all([writing, reading]);
    return out;
  } catch {
    // Cancelling the reader also fails the writer; report the cap or the cancel, whichever promise rejected first.
    if (cancelled) throw new LoadCancelled();
    throw tooLarge ? new TooLarge() : new Broken(total);
  }
}

/**
 * Gunzip `bytes` when they carry the gzip magic, otherwise return them unchanged. A name ending in `.gz` whose
 * contents are not gzip is an error (usually a browser that already decompressed, or an HTML error page saved as .gz).
 */
export async function maybeGunzip(name: string, bytes: Uint8Array, maxBytes = MAX_GUNZIP_BYTES, opts: LoadOptions = {}): Promise<Uint8Array> {
  throwIfCancelled(opts.signal);
  if (!isGzip(bytes)) {
    if (/\.gz$/i.test(name)) {
      throw new DataError(name, `is named .gz but is not gzip data (first bytes ${hexPrefix(bytes) || 'none: the file is empty'})`);
    }
    return bytes;
  }
  try {
    return await gunzip(name, bytes, maxBytes, opts);
  } catch (e) {
    if (e instanceof LoadCancelled) throw e;
    if (e instanceof TooLarge) throw new DataError(name, `decompresses to more than ${maxBytes} bytes; refusing to load it`);
    const got = e instanceof Broken ? e.outputBytes : 0;
    // The platform's message ("Failed to execute 'close' on 'WritableStreamDefaultWriter'…") says nothing useful here.
    throw new DataError(
      name,
      `is corrupt or truncated gzip data: the ${bytes.length}-byte file stopped decompressing after ${got} bytes of output. ` +
        'Download it again, or choose the uncompressed file.',
    );
  }
}
