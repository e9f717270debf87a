import { describe, expect, it } from 'vitest';
import { encodeIdx, idxDeclaredSize, idxPairToDataset, looksLikeIdx, parseIdxImages, parseIdxLabels } from './idx';
import { makeIdxPair, pixelAt } from './testFiles';

const IMG = 'train-images-idx3-ubyte';
const LBL = 'train-labels-idx1-ubyte';

describe('IDX', () => {
  it('parses a generated images + labels pair into a dataset', () => {
    const { images, labels } = makeIdxPair(12, 5, 4, 7);
    expect(images.length).toBe(16 + 12 * 5 * 4);
    expect(labels.length).toBe(8 + 12);
    const ds = idxPairToDataset({ name: `${IMG}.gz`, bytes: images }, { name: LBL, bytes: labels });
    expect(ds).toMatchObject({ name: IMG, source: 'idx', n: 12, height: 5, width: 4, channels: 1, numClasses: 7 });
    expect(ds.images[3 * 20 + 9]).toBe(pixelAt(3, 9));
    expect(Array.from(ds.labels.slice(0, 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
    // Copies, not views of the file buffer.
    expect(ds.images.buffer).not.toBe(images.buffer);
  });

  it('reads big-endian dimensions above 255', () => {
    const bytes = encodeIdx([300], new Uint8Array(300));
    expect(parseIdxLabels('l', bytes).n).toBe(300);
    expect(idxDeclaredSize(bytes)).toBe(308);
    expect(looksLikeIdx(bytes)).toBe(true);
    expect(looksLikeIdx(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBe(false);
  });

  it('rejects a wrong magic', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    expect(() => parseIdxImages('digit.png', png)).toThrow('digit.png: is not an IDX images file: magic 0x89504e47, expected 0x00000803');
    expect(() => parseIdxLabels('x', new Uint8Array(2))).toThrow('x: is too short to be an IDX labels file (2 bytes)');
  });

  it('rejects a file with the wrong number of dimensions (labels given as images and vice versa)', () => {
    const { images, labels } = makeIdxPair(3, 2, 2);
    expect(() => parseIdxImages(LBL, labels)).toThrow(
      `${LBL}: is not an IDX images file: it has 1 dimension(s) (magic 0x00000801), expected 0x00000803`,
    );
    expect(() => parseIdxLabels(IMG, images)).toThrow(
      `${IMG}: is not an IDX labels file: it has 3 dimension(s) (magic 0x00000803), expected 0x00000801`,
    );
    const fourD = encodeIdx([3, 2, 2, 1], new Uint8Array(12));
    expect(() => parseIdxImages('4d', fourD)).toThrow(/^4d: is not an IDX images file: it has 4 dimension/);
  });

  it('rejects non-byte element types', () => {
    const floats = encodeIdx([2, 2, 2], new Uint8Array(32));
    floats[2] = 0x0d;
    expect(() => parseIdxImages('f.idx', floats)).toThrow('f.idx: IDX element type 0x0d (float) is not supported; only unsigned bytes (0x08)');
  });

  it('rejects truncated files and trailing bytes, with expected vs actual size', () => {
    const { images, labels } = makeIdxPair(10, 28, 28);
    expect(() => parseIdxImages(IMG, images.subarray(0, 5000))).toThrow(
      `${IMG}: is truncated: expected 7856 bytes (16-byte header + 10×28×28 pixels), got 5000`,
    );
    expect(() => parseIdxLabels(LBL, labels.subarray(0, 12))).toThrow(`${LBL}: is truncated: expected 18 bytes (8-byte header + 10 labels), got 12`);
    expect(() => parseIdxImages(IMG, images.subarray(0, 10))).toThrow(`${IMG}: is truncated inside its header: 10 bytes, the header alone needs 16`);
    const longer = new Uint8Array(labels.length + 3);
    longer.set(labels);
    expect(() => parseIdxLabels(LBL, longer)).toThrow(`${LBL}: has 3 unexpected bytes after the data: expected 18 bytes (8-byte header + 10 labels), got 21`);
  });

  it('rejects zero dimensions and oversized images', () => {
    expect(() => parseIdxImages('e', encodeIdx([0, 28, 28], new Uint8Array(0)))).toThrow('e: dimension 0 is 0: the file holds no data');
    expect(() => parseIdxImages('big', encodeIdx([1, 300, 2], new Uint8Array(600)))).toThrow('big: images are 300×2; at most 255×255 is supported');
  });

  it('rejects a count mismatch between images and labels', () => {
    const a = makeIdxPair(10, 3, 3);
    const b = makeIdxPair(9, 3, 3);
    expect(() => idxPairToDataset({ name: IMG, bytes: a.images }, { name: LBL, bytes: b.labels })).toThrow(
      `${LBL}: has 9 labels but ${IMG} has 10 images; they must match one to one`,
    );
  });

  it('rejects labels above 99, naming the index and value', () => {
    const labels = Uint8Array.from([1, 2, 3, 200, 4]);
    expect(() => parseIdxLabels(LBL, encodeIdx([5], labels))).toThrow(`${LBL}: label at index 3 is 200, outside the supported range 0–99`);
    expect(parseIdxLabels(LBL, encodeIdx([2], Uint8Array.from([99, 0]))).labels[0]).toBe(99);
  });
});
