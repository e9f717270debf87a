import { describe, expect, it } from 'vitest';
import { BUILTIN_HEADER_BYTES, decodeBuiltin, encodeBuiltin } from './builtin';
import type { Dataset } from './dataset';

function toy(n = 5): Dataset {
  return {
    name: 'toy',
    source: 'builtin',
    n,
    height: 3,
    width: 2,
    channels: 2,
    numClasses: 4,
    images: Uint8Array.from({ length: n * 12 }, (_, i) => (i * 17) % 256),
    labels: Uint8Array.from({ length: n }, (_, i) => i % 4),
  };
}

describe('built-in binary format', () => {
  it('writes the documented header and round-trips', () => {
    const bytes = encodeBuiltin(toy());
    expect(bytes.length).toBe(16 + 5 * 12 + 5);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('NASD');
    expect(Array.from(bytes.subarray(4, 16))).toEqual([1, 0, 0, 0, 5, 0, 0, 0, 3, 2, 2, 4]);
    const back = decodeBuiltin('public/data/toy.bin', bytes);
    expect(back).toEqual(toy());
  });

  it('decodes from a view with a non-zero byte offset', () => {
    const bytes = encodeBuiltin(toy());
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 7);
    expect(decodeBuiltin('toy.bin', padded.subarray(7)).labels).toEqual(toy().labels);
  });

  it('rejects a short file and a wrong magic (e.g. an HTML 404 page)', () => {
    expect(() => decodeBuiltin('m.bin', new Uint8Array(10))).toThrow('m.bin: is 10 bytes, shorter than the 16-byte header');
    const html = new TextEncoder().encode('<!doctype html><html>not found</html>');
    expect(() => decodeBuiltin('m.bin', html)).toThrow("m.bin: does not start with the magic 'NASD' (found '<!do'); is it the right file?");
  });

  it('rejects an unsupported version and zero dimensions', () => {
    const v2 = encodeBuiltin(toy());
    v2[4] = 2;
    expect(() => decodeBuiltin('m.bin', v2)).toThrow('m.bin: format version 2 is not supported (expected 1)');
    const zero = encodeBuiltin(toy());
    zero[13] = 0;
    expect(() => decodeBuiltin('m.bin', zero)).toThrow('m.bin: header width is 0');
  });

  it('rejects truncation and trailing bytes with expected vs actual size', () => {
    const bytes = encodeBuiltin(toy());
    expect(() => decodeBuiltin('m.bin', bytes.subarray(0, 40))).toThrow(
      'm.bin: is truncated: expected 81 bytes (16 header + 5×3×2×2 pixels + 5 labels), got 40',
    );
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => decodeBuiltin('m.bin', longer)).toThrow(/^m\.bin: has trailing bytes: expected 81 bytes/);
  });

  it('rejects labels outside the header numClasses', () => {
    const bytes = encodeBuiltin(toy());
    bytes[BUILTIN_HEADER_BYTES + 60 + 3] = 9;
    expect(() => decodeBuiltin('m.bin', bytes)).toThrow('m.bin: label at index 3 is 9, but the header says 4 classes');
  });

  it('refuses to encode inconsistent or oversized datasets', () => {
    expect(() => encodeBuiltin({ ...toy(), labels: new Uint8Array(4) })).toThrow('toy: 4 labels for 5 images');
    const wide: Dataset = { ...toy(1), width: 300, images: new Uint8Array(3 * 300 * 2) };
    expect(() => encodeBuiltin(wide)).toThrow("toy: width 300 does not fit the built-in format's single byte");
  });
});
