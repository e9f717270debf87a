/**
 * Generators of small, valid data files in each supported format, for unit tests (not imported by the app).
 * Pixel values are a deterministic function of (image, position) so tests can check layout conversions exactly.
 */

import { CIFAR_RECORD_BYTES } from './cifar';
import { encodeIdx } from './idx';

/** gzip `bytes` with the platform's CompressionStream. */
export async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const done = writer.write(new Uint8Array(bytes)).then(() => writer.close());
  const out = new Uint8Array(await new Response(stream.readable).arrayBuffer());
  await done;
  return out;
}

/** Pixel value of image `i` at flat position `p`. */
export function pixelAt(i: number, p: number): number {
  return (i * 31 + p * 7) % 256;
}

/** An IDX images file of `n` images h×w and an IDX labels file with labels i % numClasses. */
export function makeIdxPair(n: number, h: number, w: number, numClasses = 10): { images: Uint8Array; labels: Uint8Array } {
  const pixels = new Uint8Array(n * h * w);
  for (let i = 0; i < n; i++) for (let p = 0; p < h * w; p++) pixels[i * h * w + p] = pixelAt(i, p);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % numClasses);
  return { images: encodeIdx([n, h, w], pixels), labels: encodeIdx([n], labels) };
}

/**
 * A CIFAR-10 batch of `n` records. Record r has label (r + labelOffset) % 10 and, in plane c (R, G, B) at position p,
 * the value pixelAt(r·3 + c, p).
 */
export function makeCifarBatch(n: number, labelOffset = 0): Uint8Array {
  const out = new Uint8Array(n * CIFAR_RECORD_BYTES);
  for (let r = 0; r < n; r++) {
    const at = r * CIFAR_RECORD_BYTES;
    out[at] = (r + labelOffset) % 10;
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) out[at + 1 + c * 1024 + p] = pixelAt(r * 3 + c, p);
  }
  return out;
}
