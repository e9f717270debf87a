import { describe, expect, it } from 'vitest';
import { syntheticProfile } from '../latency/testProfile';
import { compareRows } from './compare';
import { offChart, offChartText } from './offChart';
import { testRun } from './testRun';

const measured = (id: string, ms: number, device = 'me', importedFrom?: string) => {
  const r = testRun(id);
  r.measured = [{ batch: 1, medianMs: ms, madMs: 0, samples: 21, device, backend: 'webgpu', date: '2026' }];
  if (importedFrom) r.importedFrom = importedFrom;
  return r;
};

describe('runs left off the Compare chart', () => {
  it('names the finished runs without a latency on this device, counting the imported ones apart', () => {
    const noTest = testRun('t');
    noTest.record!.testAccuracy = null;
    const rows = compareRows([measured('a', 3), testRun('b'), measured('c', 2, 'their GPU', 'their GPU'), noTest], 'me');
    expect(offChart(rows, 'latency')).toEqual({ noLatency: ['b', 'c'], imported: 1, noTest: 1, unpriced: 0, profile: null });
    expect(offChartText(offChart(rows, 'latency'))).toBe(
      'Not on the chart: 2 finished runs have no latency on this device yet (1 imported from another device): choose them and press “Measure on this device”, or plot MACs or params instead; 1 finished run has no test accuracy and cannot be placed.',
    );
  });

  it('on the MACs or params axis only a missing test accuracy keeps a run off', () => {
    const rows = compareRows([measured('a', 3), testRun('b')], 'me');
    expect(offChart(rows, 'macs')).toEqual({ noLatency: [], imported: 0, noTest: 0, unpriced: 0, profile: null });
    expect(offChartText(offChart(rows, 'params'))).toBeNull();
  });

  it('says nothing when every finished run is placed, and ignores runs that did not finish', () => {
    const stopped = testRun('s');
    stopped.status = 'interrupted';
    const rows = compareRows([measured('a', 3), stopped], 'me');
    expect(offChartText(offChart(rows, 'latency'))).toBeNull();
  });

  it('says when the chosen profile cannot price the runs it leaves off', () => {
    const rows = compareRows([testRun('b'), measured('c', 2, 'their GPU', 'their GPU'), measured('a', 3)], 'me', syntheticProfile('q'));
    expect(offChart(rows, 'latency')).toEqual({ noLatency: ['b', 'c'], imported: 1, noTest: 0, unpriced: 2, profile: 'synthetic test profile' });
    expect(offChartText(offChart(rows, 'latency'))).toMatch(
      /^Not on the chart: 2 finished runs have no latency on this device yet \(1 imported from another device; profile “synthetic test profile” cannot price them\): choose them/,
    );
    expect(offChartText(offChart(rows.slice(0, 1), 'latency'))).toMatch(/yet \(profile “synthetic test profile” cannot price it\): choose it/);
  });

  it('a single run reads in the singular', () => {
    expect(offChartText(offChart(compareRows([testRun('b')], 'me'), 'latency'))).toMatch(/^Not on the chart: 1 finished run has no latency on this device yet: choose it and press/);
  });
});
