/**
 * The compact binary format of the built-in dataset (public/data/mnist-10k.bin):
 *
 *   offset 0   'NASD'           ASCII magic
 *          4   u32 LE version   = 1
 *          8   u32 LE count
 *         12   u8 height, u8 width, u8 channels, u8 numClasses
 *         16   count·h·w·c      uint8 pixels, NHWC
 *          …   count            uint8 labels
 */

import { DataError, checkDataset, imageSize, stripGz, type Dataset } from './dataset';

/** Header size in bytes. */
export const BUILTIN_HEADER_BYTES = 16;
/** Format version written and read. */
export const BUILTIN_VERSION = 1;
const MAGIC = [0x4e, 0x41, 0x53, 0x44]; // 'NASD'

/** Serialise a dataset (dimensions and numClasses must fit in one byte). */
export function encodeBuiltin(ds: Dataset): Uint8Array {
  checkDataset(ds);
  for (const key of ['height', 'width', 'channels', 'numClasses'] as const) {
    if (ds[key] > 255) throw new DataError(ds.name, `${key} ${ds[key]} does not fit the built-in format's single byte`);
  }
  const out = new Uint8Array(BUILTIN_HEADER_BYTES + ds.images.length + ds.labels.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, BUILTIN_VERSION, true);
  view.setUint32(8, ds.n, true);
  out.set([ds.height, ds.width, ds.channels, ds.numClasses], 12);
  out.set(ds.images, BUILTIN_HEADER_BYTES);
  out.set(ds.labels, BUILTIN_HEADER_BYTES + ds.images.length);
  return out;
}

/** Parse and validate the built-in format; `name` (the file name) is used in errors and, without extension, as the dataset name. */
export function decodeBuiltin(name: string, bytes: Uint8Array): Dataset {
  if (bytes.length < BUILTIN_HEADER_BYTES) {
    throw new DataError(name, `is ${bytes.length} bytes, shorter than the ${BUILTIN_HEADER_BYTES}-byte header`);
  }
  if (MAGIC.some((m, i) => bytes[i] !== m)) {
    const text = String.fromCharCode(...bytes.subarray(0, 4)).replace(/[^\x20-\x7e]/g, '.');
    // An HTML 404 page served in place of the file is the usual cause.
    throw new DataError(name, `does not start with the magic 'NASD' (found '${text}'); is it the right file?`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== BUILTIN_VERSION) throw new DataError(name, `format version ${version} is not supported (expected ${BUILTIN_VERSION})`);
  const n = view.getUint32(8, true);
  const [height, width, channels, numClasses] = bytes.subarray(12, 16);
  for (const [key, v] of [['count', n], ['height', height], ['width', width], ['channels', channels], ['numClasses', numClasses]] as const) {
    if (v === 0) throw new DataError(name, `header ${key} is 0`);
  }
  const pixelBytes = n * imageSize({ height, width, channels });
  const expected = BUILTIN_HEADER_BYTES + pixelBytes + n;
  if (bytes.length !== expected) {
    throw new DataError(
      name,
      `${bytes.length < expected ? 'is truncated' : 'has trailing bytes'}: expected ${expected} bytes ` +
        `(16 header + ${n}×${height}×${width}×${channels} pixels + ${n} labels), got ${bytes.length}`,
    );
  }
  const ds: Dataset = {
    name: stripGz(name).replace(/^.*[\\/]/, '').replace(/\.bin$/i, ''),
    source: 'builtin',
    n,
    height,
    width,
    channels,
    numClasses,
    images: bytes.slice(BUILTIN_HEADER_BYTES, BUILTIN_HEADER_BYTES + pixelBytes),
    labels: bytes.slice(BUILTIN_HEADER_BYTES + pixelBytes, expected),
  };
  const bad = ds.labels.findIndex((l) => l >= numClasses);
  if (bad >= 0) throw new DataError(name, `label at index ${bad} is ${ds.labels[bad]}, but the header says ${numClasses} classes`);
  return ds;
}
