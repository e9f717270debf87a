import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../../core/method/resultRecord';
import type { PayoffState } from '../snapshot';
import { Result } from './Result';

const payoff: Omit<PayoffState, 'stage'> & { verdict: string } = {
  verdict: "the learned space's front is better: hypervolume 2.10 vs 1.90 for the hand-designed space",
  unit: 'MMACs',
  costSource: 'MACs',
  learned: [{ genotype: ['c3-zz3zzz', 'c4-zz5zzz'], valAccuracy: 0.71, cost: 3.2 }],
  hand: [{ genotype: ['k3e3', 'k5e3'], valAccuracy: 0.69, cost: 3.4 }],
  hvLearned: 2.1,
  hvHand: 1.9,
  hvReference: { valAccuracy: 0, cost: 6 },
};

function record(extra: Record<string, unknown>): ResultRecord {
  return {
    version: 1, runId: 'r', method: 'autospace', label: 'AutoSpace-style', archSpec: { version: 1, name: 'x', input: { height: 28, width: 28, channels: 1 }, numClasses: 10, layers: [] },
    card: { seed: 1, backend: 'cpu', adapter: 'none', tfjsVersion: '4.22.0', dataset: { name: 'm', source: 'builtin', files: [], n: 10, shape: [28, 28, 1], classes: 10 }, split: { seed: 1, train: 8, val: 1, test: 1 }, settings: {}, wallSeconds: 1, date: '2026-01-01T00:00:00.000Z' },
    macs: 1, params: 1, valAccuracy: 0.7, testAccuracy: 0.7, latency: null, history: [],
    ...extra,
  };
}

describe('AutoSpace-style result view', () => {
  it('shows the learned space as glyphs, the verdict and every payoff network', () => {
    const html = renderToStaticMarkup(createElement(Result, { record: record({ learnedSpace: [['c3-zz3zzz', 'c6-5zip3z']], payoff, genotype: ['c3-zz3zzz', 'c4-zz5zzz'], resultFrom: 'learned-front' }) }));
    expect(html).toContain('AutoSpace-style');
    expect(html).toContain('data-cell="c6-5zip3z"');
    expect(html).toContain('expand ×6; 0→1 depthwise 5×5, 0→3 identity, 1→3 depthwise 3×3');
    expect(html).toContain('Verdict: the learned space&#x27;s front is better');
    expect(html).toContain('verdict-learned');
    expect(html).toContain('c3-zz3zzz · c4-zz5zzz');
    expect(html).toContain('B1 c3-zz3zzz · B2 c4-zz5zzz');
  });

  it('with latency measured on this device: the table shows it beside the cost model it replaced', () => {
    const measured = {
      ...payoff,
      unit: 'ms' as const,
      modelUnit: 'MMACs' as const,
      costSource: 'inference latency measured on this device (webgpu), batch 1, median of samples',
      learned: [{ ...payoff.learned[0], cost: 1.25, modelCost: 3.2 }],
      hand: [{ ...payoff.hand[0], cost: 1.5, modelCost: 3.4 }],
    };
    const html = renderToStaticMarkup(createElement(Result, { record: record({ learnedSpace: [['c3-zz3zzz']], payoff: measured }) }));
    expect(html).toContain('Latency measured here');
    expect(html).toContain('MACs (cost model)');
    expect(html).toMatch(/1\.25 ms.*3\.2.*MMAC/s);
  });

  it('says when the payoff was off, and which field is unreadable', () => {
    expect(renderToStaticMarkup(createElement(Result, { record: record({ learnedSpace: [['c3-zz3zzz']], payoff: null }) }))).toContain('payoff was not run');
    expect(renderToStaticMarkup(createElement(Result, { record: record({ learnedSpace: 'x' }) }))).toMatch(/AutoSpace-style fields cannot be read \(learnedSpace: /);
  });
});
