import { describe, expect, it } from 'vitest';
import { serializeBundle } from './bundle';
import { parseRunsFile, recordOrigin } from './runsFile';
import { testRun } from './testRun';

const record = () => ({ ...testRun('cli-random-1').record!, card: { ...testRun('cli-random-1').record!.card, command: 'npm run cli -- search --method random --seed 1' } });

describe('import file: a runs bundle or one result record', () => {
  it('reads a bundle with its weights', () => {
    const { runs, kind } = parseRunsFile(serializeBundle([testRun('a')], 'Device A'));
    expect(kind).toBe('bundle');
    expect(runs.map((r) => [r.id, r.importedFrom])).toEqual([['a', 'Device A']]);
    expect(Array.from(new Float32Array(runs[0].model!.weights))).toEqual([1, 2, 3]);
  });

  it("reads the CLI's --out record as one finished run without weights, marked as from the CLI", () => {
    const { runs, kind } = parseRunsFile(JSON.stringify(record()), '2026-12-01T00:00:00.000Z');
    expect(kind).toBe('record');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: 'cli-random-1', status: 'finished', method: 'random', model: null, measured: [], importedFrom: 'CLI, tfjs cpu', savedAt: '2026-12-01T00:00:00.000Z' });
    expect(runs[0].record).toEqual(record());
    expect(recordOrigin({ ...record(), card: { ...record().card, command: undefined } })).toBe('record file, tfjs cpu');
  });

  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"runId":', /Not a JSON file/],
    ['another JSON', JSON.stringify({ hello: 1 }), /Neither a saved-runs bundle .* nor a result record/],
    ['a record without its card seed', JSON.stringify({ ...record(), card: { ...record().card, seed: 'one' } }), /A result record, but field card\.seed/],
    ['a record of a newer version', JSON.stringify({ ...record(), version: 2 }), /A result record, but field version/],
    ['a record with a damaged ArchSpec', JSON.stringify({ ...record(), archSpec: { ...record().archSpec, numClasses: 0 } }), /A result record, but its archSpec/],
    ['a bundle of a newer version', JSON.stringify({ ...JSON.parse(serializeBundle([testRun('a')], 'D')), version: 2 }), /Unsupported bundle version 2/],
  ];
  for (const [what, text, msg] of cases)
    it(`refuses ${what}, naming the problem`, () => {
      expect(() => parseRunsFile(text)).toThrow(msg);
    });
});
