/**
 * Turn the files a user dropped on the page into a Dataset: gunzip what is gzipped, then recognise either one IDX
 * images + labels pair (MNIST family) or one or more CIFAR-10 binary batches.
 */

import { parseCifar10, isCifarSize, CIFAR_RECORD_BYTES } from './cifar';
import { DataError, hexPrefix, stripGz, type Dataset } from './dataset';
import { maybeGunzip } from './gzip';
import { idxDeclaredSize, idxPairToDataset, looksLikeIdx, type NamedBytes } from './idx';
import { throwIfCancelled, type LoadOptions } from './loadProgress';

const EXPECTED =
  'expected either one IDX images file + one IDX labels file (as distributed for MNIST / Fashion-MNIST, .gz or not), ' +
  `or CIFAR-10 binary batches (data_batch_*.bin, records of ${CIFAR_RECORD_BYTES} bytes)`;

/** A POSIX tar archive has 'ustar' at offset 257. */
function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar';
}

type Kind = 'idx-images' | 'idx-labels' | 'cifar' | 'unknown';

function classify(f: NamedBytes): Kind {
  const cifarSized = isCifarSize(f.bytes.length);
  // A CIFAR record starting with label 0 and dark pixels (00 00 08 03…) can mimic an IDX header; a real IDX file's size
  // matches what its header declares. Otherwise magic decides, so a truncated IDX file still gets the IDX parser's error.
  if (looksLikeIdx(f.bytes) && !(cifarSized && idxDeclaredSize(f.bytes) !== f.bytes.length)) {
    return f.bytes[3] === 1 ? 'idx-labels' : 'idx-images';
  }
  if (cifarSized) return 'cifar';
  // Named like a CIFAR-10 batch (*.bin, *batch*) but not a whole number of records: the CIFAR parser's message says how
  // many whole records and leftover bytes the file has, which is more use than "not a recognised dataset file".
  return /\.bin$|batch/i.test(stripGz(f.name)) ? 'cifar' : 'unknown';
}

/**
 * Load user files (`bytes` as read from disk, gzipped or not) into one Dataset.
 * Throws DataError naming the offending file and saying what was expected, or LoadCancelled once `opts.signal` is
 * aborted (before the parse, which is short and synchronous); `opts.onProgress` hears the decompression and the parse.
 */
export async function loadUserFiles(files: readonly NamedBytes[], opts: LoadOptions = {}): Promise<Dataset> {
  if (files.length === 0) throw new DataError('(no files)', `nothing to load: ${EXPECTED}`);
  const plain: NamedBytes[] = [];
  for (const f of files) plain.push({ name: f.name, bytes: await maybeGunzip(f.name, f.bytes, undefined, opts) });
  throwIfCancelled(opts.signal);
  opts.onProgress?.({ stage: 'parse', file: files.map((f) => f.name).join(', '), done: 0, total: 1 });

  for (const f of plain) {
    if (isTar(f.bytes)) {
      throw new DataError(f.name, 'is a tar archive; extract it first and choose the data files inside (e.g. data_batch_1.bin … data_batch_5.bin)');
    }
  }
  const kinds = plain.map(classify);
  const unknown = kinds.indexOf('unknown');
  if (unknown >= 0) {
    const f = plain[unknown];
    throw new DataError(f.name, `is not a recognised dataset file (${f.bytes.length} bytes, first bytes ${hexPrefix(f.bytes) || 'none'}): ${EXPECTED}`);
  }

  const images = plain.filter((_, i) => kinds[i] === 'idx-images');
  const labels = plain.filter((_, i) => kinds[i] === 'idx-labels');
  const cifar = plain.filter((_, i) => kinds[i] === 'cifar');
  if (images.length + labels.length > 0) {
    if (cifar.length > 0) {
      throw new DataError(cifar[0].name, `looks like a CIFAR-10 batch, but IDX files were chosen too; load one kind at a time`);
    }
    if (images.length !== 1 || labels.length !== 1) {
      const list = (fs: NamedBytes[]): string => (fs.length ? fs.map((f) => f.name).join(', ') : 'none');
      const culprit = images.length === 1 ? labels : images;
      throw new DataError(
        (culprit[0] ?? images[0] ?? labels[0]).name,
        `need exactly one IDX images file and one IDX labels file; got images: ${list(images)}; labels: ${list(labels)}`,
      );
    }
    return idxPairToDataset(images[0], labels[0]);
  }
  return parseCifar10(cifar);
}
