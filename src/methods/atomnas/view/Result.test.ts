import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../../core/method/resultRecord';
import type { AtomNasRecordFields } from '../snapshot';
import { Result } from './Result';

const fields: AtomNasRecordFields = {
  supernetMacs: 2_000_000,
  supernetParams: 40_000,
  supernetLatency: { ms: 2, profileId: 'p', profileName: 'laptop', label: 'predicted (profile laptop)' },
  latencyPricedBy: null,
  testLoss: 0.5,
  steps: 80,
  events: [{ step: 10, epoch: 0, removedAtoms: 12, blocks: [{ layer: 2, slot: 0, perKernel: [4, 4, 4], blockRemoved: false }], macsBefore: 2_000_000, macsAfter: 1_500_000, paramsAfter: 30_000, rho: 0.05 }],
};

function record(extra: Record<string, unknown>): ResultRecord {
  return {
    version: 1, runId: 'r', method: 'atomnas', label: 'AtomNAS', archSpec: { version: 1, name: 'x', input: { height: 28, width: 28, channels: 1 }, numClasses: 10, layers: [] },
    card: { seed: 1, backend: 'cpu', adapter: 'none', tfjsVersion: '4.22.0', dataset: { name: 'm', source: 'builtin', files: [], n: 10, shape: [28, 28, 1], classes: 10 }, split: { seed: 1, train: 8, val: 1, test: 1 }, settings: { kernels: [3, 5, 7] }, wallSeconds: 1, date: '2026-01-01T00:00:00.000Z' },
    macs: 500_000, params: 10_000, valAccuracy: 0.9, testAccuracy: 0.875,
    latency: { ms: 1, profileId: 'p', profileName: 'laptop', label: 'predicted (profile laptop)' },
    history: [],
    ...extra,
  };
}

describe('AtomNAS result view', () => {
  it('shows supernet → found costs, the predicted latencies with their label, test accuracy and the shrink events', () => {
    const html = renderToStaticMarkup(createElement(Result, { record: record({ ...fields }) }));
    expect(html).toContain('25.0% of');
    expect(html).toMatch(/Latency 2\.000 ms → 1\.000 ms, predicted \(profile laptop\)/);
    expect(html).toContain('87.50%');
    expect(html).toContain('Shrink events (1)');
    expect(html).toContain('B1: 4/4/4');
  });

  it('says which field is unreadable instead of drawing a record of another shape', () => {
    const html = renderToStaticMarkup(createElement(Result, { record: record({ ...fields, events: 'none' }) }));
    expect(html).toMatch(/AtomNAS fields cannot be read \(events: /);
  });
});
