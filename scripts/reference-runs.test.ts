/**
 * The reference runs shipped in public/ (Compare › Add reference runs) are the committed records of the README's
 * figures, unchanged: the shipped file is what the script builds from docs/ now, it imports as Compare imports it,
 * and every run keeps its record's numbers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseRunsFile } from '../src/core/runs/runsFile';
import { REFERENCE_RUNS_PATH } from '../src/state/referenceRuns';
import { REFERENCE_ORIGIN, REFERENCE_RUNS, referenceBundle } from './reference-runs';

const ROOT = join(import.meta.dirname, '..');

describe('reference runs', () => {
  const shipped = gunzipSync(readFileSync(join(ROOT, 'public', REFERENCE_RUNS_PATH))).toString('utf8');

  it('ship as the script builds them from the committed records (run `npx tsx scripts/reference-runs.ts` after changing one)', () => {
    expect(shipped === referenceBundle()).toBe(true);
  });

  it('import as a bundle of finished runs without weights, named, marked as reference runs, with their records’ numbers', () => {
    const { runs, kind } = parseRunsFile(shipped);
    expect(kind).toBe('bundle');
    expect(runs.map((r) => r.name)).toEqual(REFERENCE_RUNS.map((e) => e.name));
    for (const [i, r] of runs.entries()) {
      const source = JSON.parse(readFileSync(join(ROOT, REFERENCE_RUNS[i].file), 'utf8')) as { runId: string; method: string };
      expect(r).toMatchObject({ id: source.runId, status: 'finished', method: source.method, model: null, measured: [], importedFrom: REFERENCE_ORIGIN });
      expect(r.record).toEqual(source);
    }
    expect(new Set(runs.map((r) => r.method))).toEqual(new Set(['random', 'atomnas', 'padnas', 'egnas', 'autospace', 'train']));
  });

  it('refuse a missing or broken record, naming its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refruns-'));
    writeFileSync(join(dir, 'bad.json'), '{"runId": "x", "card": {}, "archSpec": {}}');
    expect(() => referenceBundle([{ file: 'gone.json', name: 'x' }], dir)).toThrow(/^gone\.json: /);
    expect(() => referenceBundle([{ file: 'bad.json', name: 'x' }], dir)).toThrow(/^bad\.json: A result record, but field /);
  });
});
