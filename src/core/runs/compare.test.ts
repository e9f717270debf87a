import { describe, expect, it } from 'vitest';
import { lutKey, specLutOps } from '../latency/lutKeys';
import { predictLatencyMs } from '../latency/predict';
import { syntheticProfile } from '../latency/testProfile';
import { compareRows, filterRows, frontOf, rowsToCsv, scatterPoints, sortRows } from './compare';
import { TEST_SPEC, testRun } from './testRun';

const mk = (id: string, method: string, acc: number, ms: number | null, imported?: string) => {
  const r = testRun(id, method, acc);
  if (ms !== null) r.measured = [{ batch: 1, medianMs: ms, madMs: 0, samples: 21, device: imported ?? 'me', backend: 'webgpu', date: '2026' }];
  if (imported) r.importedFrom = imported;
  return r;
};

describe('comparison rows', () => {
  const runs = [mk('a', 'random', 0.9, 5), mk('b', 'train', 0.8, 2), mk('c', 'random', 0.7, 3), mk('d', 'atomnas', 0.95, 1, 'their GPU')];
  const rows = compareRows(runs, 'me');

  it("keeps another device's latency apart and never plots it on the latency axis", () => {
    const d = rows.find((r) => r.id === 'd')!;
    expect(d.measuredMs).toBeNull();
    expect(d.otherDeviceMs).toBe(1);
    expect(d.imported).toBe('their GPU');
    expect(scatterPoints(rows, 'latency').map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(scatterPoints(rows, 'macs').map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('an imported run measured here joins the latency axis with this measurement; the one it came with stays apart', () => {
    const e = mk('e', 'padnas', 0.85, 7, 'their GPU');
    e.measured.push({ batch: 1, medianMs: 4, madMs: 0, samples: 21, device: 'me', backend: 'webgpu', date: '2027' });
    const [row] = compareRows([e], 'me');
    expect(row).toMatchObject({ measuredMs: 4, otherDeviceMs: 7, predictedMs: null, predictionError: null, imported: 'their GPU' });
    expect(scatterPoints([row], 'latency')).toEqual([{ id: 'e', method: 'padnas', x: 4, y: 0.85, kind: 'measured' }]);
  });

  it('a chosen profile predicts every run again, imported ones too, and says which ops it lacks for the others', () => {
    const own = mk('own', 'random', 0.9, null);
    own.record!.latency = { ms: 9, profileId: 'old', profileName: 'old profile', label: 'predicted by old profile' };
    const away = mk('away', 'atomnas', 0.8, 1, 'their GPU');
    const here = mk('here', 'train', 0.7, 2);
    // Without a choice: the record's own prediction; the imported run's is never used.
    expect(compareRows([own, away], 'me').map((r) => [r.predictedMs, r.predictedProfile, r.unpricedOps])).toEqual([[9, 'old profile', null], [null, null, null]]);

    const profile = { ...syntheticProfile('p'), name: 'my laptop' };
    for (const { op } of specLutOps(TEST_SPEC)) if (op) profile.lut[lutKey(op)] = { medianMs: 0.5, madMs: 0.01, samples: 21, repeats: 8, compileMs: 1 };
    const ms = predictLatencyMs(TEST_SPEC, profile);
    expect(ms).toBeGreaterThan(0);
    const rows = compareRows([own, away, here], 'me', profile);
    expect(rows.map((r) => [r.id, r.predictedMs, r.predictedProfile, r.unpricedOps])).toEqual([
      ['own', ms, 'my laptop', null],
      ['away', ms, 'my laptop', null],
      ['here', ms, 'my laptop', null],
    ]);
    expect(rows[2].predictionError).toBeCloseTo((2 - ms) / 2, 12);
    // The imported run is placed by the chosen profile's prediction (hollow), the one measured here by its measurement.
    expect(scatterPoints(rows, 'latency').map((p) => [p.id, p.x, p.kind])).toEqual([
      ['own', ms, 'predicted'],
      ['away', ms, 'predicted'],
      ['here', 2, 'measured'],
    ]);

    // A profile without entries for these ops prices nothing, and names what it lacks.
    const [row] = compareRows([own], 'me', syntheticProfile('q'));
    expect(row.predictedMs).toBeNull();
    expect(row.predictedProfile).toBe('synthetic test profile');
    expect(row.unpricedOps?.length).toBeGreaterThan(0);
  });

  it('draws the Pareto front of accuracy against latency (c is dominated by b)', () => {
    expect(frontOf(scatterPoints(rows, 'latency')).map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('sorts with missing values last and filters by text and method', () => {
    expect(sortRows(rows, 'measuredMs', 'asc').map((r) => r.id)).toEqual(['b', 'c', 'a', 'd']);
    expect(sortRows(rows, 'testAccuracy', 'desc').map((r) => r.id)).toEqual(['d', 'a', 'b', 'c']);
    expect(filterRows(rows, '', 'random').map((r) => r.id)).toEqual(['a', 'c']);
    expect(filterRows(rows, 'TRAIN').map((r) => r.id)).toEqual(['b']);
  });

  it('writes CSV with a header and quoted cells', () => {
    const csv = rowsToCsv(rows).split('\n');
    expect(csv[0].startsWith('name,status,method')).toBe(true);
    expect(csv).toHaveLength(6);
    expect(csv[1]).toContain('"Random search · 2026-11-29 10:00"'.replace(/"/g, '')); // no comma: unquoted
  });
});
