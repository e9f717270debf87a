import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';
import { BundleError, parseBundle, serializeBundle } from './bundle';
import { testRun } from './testRun';

describe('base64', () => {
  it('round-trips every length mod 3 and every byte value', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 256, 1000]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      const t = encodeBase64(b);
      expect(t).toBe(Buffer.from(b).toString('base64'));
      expect(Array.from(decodeBase64(t))).toEqual(Array.from(b));
    }
  });
  it('names the bad character', () => {
    expect(() => decodeBase64('AB*D')).toThrow(/character "\*" at 2/);
    expect(() => decodeBase64('ABC')).toThrow(/multiple of 4/);
  });
});

describe('saved-runs bundle', () => {
  const text = () => serializeBundle([testRun('a'), testRun('b', 'train')], 'Test GPU');

  it('round-trips records and weights, and marks the runs as imported from the exporting device', () => {
    const { runs, device } = parseBundle(text());
    expect(device).toBe('Test GPU');
    expect(runs.map((r) => r.id)).toEqual(['a', 'b']);
    expect(runs[0].record).toEqual(testRun('a').record);
    expect(Array.from(new Float32Array(runs[0].model!.weights))).toEqual([1, 2, 3]);
    expect(runs.every((r) => r.importedFrom === 'Test GPU')).toBe(true);
  });

  interface Raw {
    version: number;
    runs: {
      status: string;
      measured: unknown;
      record: { card: Record<string, unknown>; archSpec: { layers: { cout?: number }[] } };
      model: { weights: string; modelJson: string };
    }[];
  }
  const edit = (f: (j: Raw) => void): string => {
    const j = JSON.parse(text()) as Raw;
    f(j);
    return JSON.stringify(j);
  };
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"format":', /Not a JSON file/],
    ['a foreign JSON', JSON.stringify({ hello: 1 }), /Not a saved-runs bundle/],
    ['a newer version', edit((j) => (j.version = 2)), /Unsupported bundle version 2/],
    ['a missing field', edit((j) => delete j.runs[1].record.card.seed), /Field runs\[1\]\.record\.card\.seed/],
    ['a wrong type', edit((j) => (j.runs[0].measured = 'fast')), /Field runs\[0\]\.measured/],
    ['a bad status', edit((j) => (j.runs[0].status = 'lost')), /Field runs\[0\]\.status/],
    ['a damaged ArchSpec', edit((j) => (j.runs[0].record.archSpec.layers[0].cout = 5)), /runs\[0\]\.record\.archSpec/],
    ['weights not base64', edit((j) => (j.runs[0].model.weights = 'AA!A')), /runs\[0\]\.model\.weights: not base64/],
    ['weights of the wrong length', edit((j) => (j.runs[0].model.weights = 'AAAA')), /3 bytes, but model.json describes 12/],
    ['model.json not JSON', edit((j) => (j.runs[0].model.modelJson = '{')), /modelJson is not JSON/],
  ];
  for (const [what, bad, msg] of cases)
    it(`refuses ${what}, naming the problem`, () => {
      expect(() => parseBundle(bad)).toThrow(BundleError);
      expect(() => parseBundle(bad)).toThrow(msg);
    });
});
