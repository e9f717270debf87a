import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD_BYTES, parseCifar10 } from './cifar';
import { makeCifarBatch, pixelAt } from './testFiles';

describe('CIFAR-10 batches', () => {
  it('converts CHW planes to NHWC 32×32×3', () => {
    const ds = parseCifar10([{ name: 'data_batch_1.bin', bytes: makeCifarBatch(4) }]);
    expect(ds).toMatchObject({ name: 'data_batch_1.bin', source: 'cifar10', n: 4, height: 32, width: 32, channels: 3, numClasses: 10 });
    expect(ds.images.length).toBe(4 * 32 * 32 * 3);
    expect(Array.from(ds.labels)).toEqual([0, 1, 2, 3]);
    // Record 2, pixel (row 5, col 7): position p = 5·32 + 7; channel c came from plane c.
    const p = 5 * 32 + 7;
    for (let c = 0; c < 3; c++) expect(ds.images[2 * 3072 + p * 3 + c]).toBe(pixelAt(2 * 3 + c, p));
  });

  it('concatenates several batch files in order', () => {
    const ds = parseCifar10([
      { name: 'data_batch_1.bin', bytes: makeCifarBatch(3) },
      { name: 'data_batch_2.bin.gz', bytes: makeCifarBatch(2, 5) },
    ]);
    expect(ds.n).toBe(5);
    expect(ds.name).toBe('cifar-10 (data_batch_1.bin + data_batch_2.bin)');
    expect(Array.from(ds.labels)).toEqual([0, 1, 2, 5, 6]);
    expect(ds.images[3 * 3072]).toBe(pixelAt(0, 0));
  });

  it('rejects a size that is not a whole number of records, naming file and size', () => {
    const bytes = makeCifarBatch(2).subarray(0, 2 * CIFAR_RECORD_BYTES - 100);
    expect(() => parseCifar10([{ name: 'test_batch.bin', bytes }])).toThrow(
      'test_batch.bin: is 6046 bytes, not a multiple of the 3073-byte CIFAR-10 record (1 label + 32×32×3 pixels): 1 whole records and 2973 bytes left over',
    );
    expect(() => parseCifar10([{ name: 'empty.bin', bytes: new Uint8Array(0) }])).toThrow(/^empty\.bin: is 0 bytes/);
  });

  it('rejects a label above 9, naming the record', () => {
    const bytes = makeCifarBatch(3);
    bytes[2 * CIFAR_RECORD_BYTES] = 12;
    expect(() => parseCifar10([{ name: 'ok.bin', bytes: makeCifarBatch(1) }, { name: 'data_batch_3.bin', bytes }])).toThrow(
      'data_batch_3.bin: record 2 has label 12; CIFAR-10 labels are 0–9',
    );
  });

  it('rejects an empty file list', () => {
    expect(() => parseCifar10([])).toThrow('(no files): no CIFAR-10 batch files were given');
  });
});
