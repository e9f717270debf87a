import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../../core/method/resultRecord';
import type { PadNasRecordFields } from '../snapshot';
import { Result } from './Result';

const fields: PadNasRecordFields = {
  genotype: ['k7e3', 'skip', 'k5e6', 'k5e3', 'k3e6', 'k3e3', 'k3e3'],
  oneShotAccuracy: 0.375,
  cost: 213.5,
  stages: [],
  ranking: { before: [], after: [], tauBefore: 0.81, tauAfter: null },
  window: { lo: 174.8, hi: 217.1, unit: 'ms', profileName: 'swiftshader', min: 150, max: 250 },
  windowNotice: null,
  baseline: { genotype: Array(7).fill('k3e3') as string[], macs: 180_740, params: 11_918, cost: 201.9, valAccuracy: 0.635, testAccuracy: 0.644 },
  spaceLog10: [5.65, 4.03],
  evaluations: 64,
  phaseSeconds: {},
  front: [],
  space: { kind: 'hand', family: 'all', slots: [], from: null },
};

function record(extra: Record<string, unknown>): ResultRecord {
  return {
    version: 1, runId: 'r', method: 'padnas', label: 'PAD-NAS', archSpec: { version: 1, name: 'x', input: { height: 28, width: 28, channels: 1 }, numClasses: 10, layers: [] },
    card: { seed: 1, backend: 'cpu', adapter: 'none', tfjsVersion: '4.22.0', dataset: { name: 'm', source: 'builtin', files: [], n: 10, shape: [28, 28, 1], classes: 10 }, split: { seed: 1, train: 8, val: 1, test: 1 }, settings: {}, wallSeconds: 1, date: '2026-01-01T00:00:00.000Z' },
    macs: 331_580, params: 17_474, valAccuracy: 0.62, testAccuracy: 0.684,
    latency: { ms: 213.5, profileId: 'p', profileName: 'swiftshader', label: 'predicted (profile swiftshader)' },
    history: [],
    ...extra,
  };
}

describe('PAD-NAS result view', () => {
  it('shows the genotype, found ÷ baseline in predicted ms and MACs, both test accuracies and τ', () => {
    const html = renderToStaticMarkup(createElement(Result, { record: record({ ...fields }) }));
    expect(html).toContain('B1 k7e3 · B2 identity');
    expect(html).toContain('latency 1.06× · MACs 1.83×');
    expect(html).toContain('Latency, predicted');
    expect(html).toContain('68.40%');
    expect(html).toContain('64.40%');
    expect(html).toContain('τ = 0.81 before pruning, τ – after');
    expect(html).toContain('10^5.65 → 10^4.03');
  });

  it('without a profile shows MACs only, and says when the baseline was not trained', () => {
    const macs = { ...fields, cost: 331_580, window: { ...fields.window, unit: 'MACs', profileName: null }, baseline: { ...fields.baseline, cost: 180_740, testAccuracy: null, valAccuracy: null } };
    const html = renderToStaticMarkup(createElement(Result, { record: record({ ...macs, latency: null }) }));
    expect(html).not.toContain('latency 1.');
    expect(html).not.toContain('Latency');
    expect(html).toContain('Cost (MACs: no device profile)');
    expect(html).toContain('MACs 1.83×');
    expect(html).toContain('not trained');
  });

  it('says which field is unreadable instead of drawing a record of another shape', () => {
    const html = renderToStaticMarkup(createElement(Result, { record: record({ ...fields, genotype: 'none' }) }));
    expect(html).toMatch(/PAD-NAS fields cannot be read \(genotype: /);
  });
});
