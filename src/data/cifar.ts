/**
 * CIFAR-10 binary batches (data_batch_1.bin … test_batch.bin): a sequence of 3073-byte records, each one label byte
 * (0–9) then a 32×32 image as three 1024-byte colour planes (R, G, B), each plane row-major.
 */

import { DataError, stripGz, type Dataset } from './dataset';
import type { NamedBytes } from './idx';

/** CIFAR image side. */
export const CIFAR_SIZE = 32;
/** Bytes per plane (32·32). */
const PLANE = CIFAR_SIZE * CIFAR_SIZE;
/** Bytes per record: 1 label + 3 planes. */
export const CIFAR_RECORD_BYTES = 1 + 3 * PLANE;
/** CIFAR-10 class names, label order. */
export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;

/** True when `size` is a whole, non-zero number of CIFAR-10 records. */
export function isCifarSize(size: number): boolean {
  return size > 0 && size % CIFAR_RECORD_BYTES === 0;
}

/** Check one batch file's size and labels; returns its record count. */
function checkBatch(f: NamedBytes): number {
  const size = f.bytes.length;
  if (!isCifarSize(size)) {
    const whole = Math.floor(size / CIFAR_RECORD_BYTES);
    throw new DataError(
      f.name,
      `is ${size} bytes, not a multiple of the ${CIFAR_RECORD_BYTES}-byte CIFAR-10 record (1 label + 32×32×3 pixels): ` +
        `${whole} whole records and ${size - whole * CIFAR_RECORD_BYTES} bytes left over`,
    );
  }
  const n = size / CIFAR_RECORD_BYTES;
  for (let r = 0; r < n; r++) {
    const label = f.bytes[r * CIFAR_RECORD_BYTES];
    if (label > 9) throw new DataError(f.name, `record ${r} has label ${label}; CIFAR-10 labels are 0–9`);
  }
  return n;
}

/**
 * Read one or more CIFAR-10 batch files into one NHWC 32×32×3 dataset, records in file order.
 * The per-image CHW planes are interleaved into HWC here so the rest of the app sees one layout.
 */
export function parseCifar10(files: readonly NamedBytes[]): Dataset {
  if (files.length === 0) throw new DataError('(no files)', 'no CIFAR-10 batch files were given');
  const counts = files.map(checkBatch);
  const n = counts.reduce((s, c) => s + c, 0);
  const images = new Uint8Array(n * PLANE * 3);
  const labels = new Uint8Array(n);
  let i = 0;
  for (const f of files) {
    const b = f.bytes;
    for (let at = 0; at < b.length; at += CIFAR_RECORD_BYTES, i++) {
      labels[i] = b[at];
      const out = i * PLANE * 3;
      for (let p = 0; p < PLANE; p++) {
        images[out + 3 * p] = b[at + 1 + p];
        images[out + 3 * p + 1] = b[at + 1 + PLANE + p];
        images[out + 3 * p + 2] = b[at + 1 + 2 * PLANE + p];
      }
    }
  }
  const names = files.map((f) => stripGz(f.name));
  return {
    name: names.length === 1 ? names[0] : `cifar-10 (${names.join(' + ')})`,
    source: 'cifar10',
    n,
    height: CIFAR_SIZE,
    width: CIFAR_SIZE,
    channels: 3,
    numClasses: 10,
    images,
    labels,
  };
}
