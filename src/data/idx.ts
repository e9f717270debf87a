/**
 * IDX files, the MNIST-family format (MNIST, Fashion-MNIST, KMNIST, EMNIST):
 * bytes 0–1 zero, byte 2 the element type (0x08 = unsigned byte), byte 3 the number of dimensions, then one big-endian
 * u32 per dimension, then the data. Images: magic 0x00000803 (n, rows, cols); labels: 0x00000801 (n).
 */

import { DataError, countClasses, stripGz, type Dataset } from './dataset';

/** IDX magic of an unsigned-byte 3-D (images) file. */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** IDX magic of an unsigned-byte 1-D (labels) file. */
export const IDX_LABELS_MAGIC = 0x00000801;

/** Largest label accepted: labels are class indices, and more than 100 classes is almost surely the wrong file. */
export const MAX_LABEL = 99;

const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'short',
  0x0c: 'int',
  0x0d: 'float',
  0x0e: 'double',
};

/** Parsed IDX images. */
export interface IdxImages {
  n: number;
  height: number;
  width: number;
  /** n·height·width bytes, row-major. */
  pixels: Uint8Array;
}

/** Parsed IDX labels. */
export interface IdxLabels {
  n: number;
  labels: Uint8Array;
}

/** One named file's contents (already gunzipped). */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

function hex32(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}

/** True when the first bytes look like any IDX header (00 00 type ndims). */
export function looksLikeIdx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] in TYPE_NAMES && bytes[3] >= 1 && bytes[3] <= 4;
}

/**
 * Total file size the IDX header declares (header + product of dims × element size), or null when the header itself is
 * incomplete. Used to tell a real IDX file from data whose first bytes happen to look like an IDX header.
 */
export function idxDeclaredSize(bytes: Uint8Array): number | null {
  if (!looksLikeIdx(bytes)) return null;
  const ndims = bytes[3];
  const offset = 4 + 4 * ndims;
  if (bytes.length < offset) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elem = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 }[bytes[2]] ?? 1;
  let size = elem;
  for (let i = 0; i < ndims; i++) size *= view.getUint32(4 + 4 * i, false);
  return offset + size;
}

/** Read and check the header; return the dimensions and the data offset. */
function readHeader(name: string, bytes: Uint8Array, magic: number, what: string): { dims: number[]; offset: number } {
  if (bytes.length < 4) throw new DataError(name, `is too short to be an IDX ${what} file (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const got = view.getUint32(0, false);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataError(name, `is not an IDX ${what} file: magic ${hex32(got)}, expected ${hex32(magic)}`);
  }
  if (bytes[2] !== 0x08) {
    const type = TYPE_NAMES[bytes[2]] ?? 'unknown';
    throw new DataError(name, `IDX element type 0x${bytes[2].toString(16).padStart(2, '0')} (${type}) is not supported; only unsigned bytes (0x08)`);
  }
  if (got !== magic) {
    throw new DataError(name, `is not an IDX ${what} file: it has ${bytes[3]} dimension(s) (magic ${hex32(got)}), expected ${hex32(magic)}`);
  }
  const ndims = bytes[3];
  const offset = 4 + 4 * ndims;
  if (bytes.length < offset) throw new DataError(name, `is truncated inside its header: ${bytes.length} bytes, the header alone needs ${offset}`);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  dims.forEach((d, i) => {
    if (d === 0) throw new DataError(name, `dimension ${i} is 0: the file holds no data`);
  });
  return { dims, offset };
}

/** Check the file is exactly header + data bytes long. */
function checkSize(name: string, bytes: Uint8Array, offset: number, dataBytes: number, shape: string): void {
  const expected = offset + dataBytes;
  if (bytes.length < expected) {
    throw new DataError(name, `is truncated: expected ${expected} bytes (${offset}-byte header + ${shape}), got ${bytes.length}`);
  }
  if (bytes.length > expected) {
    throw new DataError(name, `has ${bytes.length - expected} unexpected bytes after the data: expected ${expected} bytes (${offset}-byte header + ${shape}), got ${bytes.length}`);
  }
}

/** Parse an IDX images file (magic 0x00000803, unsigned bytes). The pixels are copied out of the file buffer. */
export function parseIdxImages(name: string, bytes: Uint8Array): IdxImages {
  const { dims, offset } = readHeader(name, bytes, IDX_IMAGES_MAGIC, 'images');
  const [n, height, width] = dims;
  // Above 255 px per side nothing downstream (built-in format, networks sized for 28×28) would cope.
  if (height > 255 || width > 255) throw new DataError(name, `images are ${height}×${width}; at most 255×255 is supported`);
  checkSize(name, bytes, offset, n * height * width, `${n}×${height}×${width} pixels`);
  return { n, height, width, pixels: bytes.slice(offset, offset + n * height * width) };
}

/** Parse an IDX labels file (magic 0x00000801, unsigned bytes); labels must be ≤ 99. */
export function parseIdxLabels(name: string, bytes: Uint8Array): IdxLabels {
  const { dims, offset } = readHeader(name, bytes, IDX_LABELS_MAGIC, 'labels');
  const [n] = dims;
  checkSize(name, bytes, offset, n, `${n} labels`);
  const labels = bytes.slice(offset, offset + n);
  const bad = labels.findIndex((l) => l > MAX_LABEL);
  if (bad >= 0) throw new DataError(name, `label at index ${bad} is ${labels[bad]}, outside the supported range 0–${MAX_LABEL}`);
  return { n, labels };
}

/** Combine an images file and a labels file into a Dataset (1 channel; numClasses = largest label + 1). */
export function idxPairToDataset(imgFile: NamedBytes, lblFile: NamedBytes): Dataset {
  const img = parseIdxImages(imgFile.name, imgFile.bytes);
  const lbl = parseIdxLabels(lblFile.name, lblFile.bytes);
  if (img.n !== lbl.n) {
    throw new DataError(lblFile.name, `has ${lbl.n} labels but ${imgFile.name} has ${img.n} images; they must match one to one`);
  }
  return {
    name: stripGz(imgFile.name),
    source: 'idx',
    n: img.n,
    height: img.height,
    width: img.width,
    channels: 1,
    numClasses: countClasses(lbl.labels),
    images: img.pixels,
    labels: lbl.labels,
  };
}

/** Encode an IDX file (unsigned bytes) with the given dimensions; used by tests and tools. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const offset = 4 + 4 * dims.length;
  const out = new Uint8Array(offset + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 + dims.length, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, offset);
  return out;
}
