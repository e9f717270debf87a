import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SavedRun } from '../../core/runs/savedRun';
import { testRun } from '../../core/runs/testRun';
import { SeedTable } from './SeedTable';

function seeded(id: string, seed: number, test: number): SavedRun {
  const r = testRun(id, 'random', test);
  return { ...r, record: { ...r.record!, card: { ...r.record!.card, seed, settings: { preset: 'tiny', seed } } } };
}

describe('SeedTable', () => {
  it('is absent while no two runs differ only in their seed', () => {
    expect(renderToStaticMarkup(createElement(SeedTable, { runs: [seeded('a', 1, 0.9)] }))).toBe('');
  });

  it('shows a group with its seeds, mean ± sd and range of test accuracy', () => {
    const html = renderToStaticMarkup(createElement(SeedTable, { runs: [seeded('b', 2, 0.7), seeded('a', 1, 0.9)] }));
    expect(html).toContain('Over seeds (1 group)');
    expect(html).toContain('Random search · tiny');
    expect(html).toContain('1, 2 (n = 2)');
    expect(html).toContain('80.00% ± 14.14');
    expect(html).toContain('70.00% – 90.00%');
  });

  it('names the method by `name` when given, keeping the full label as the row title', () => {
    const html = renderToStaticMarkup(createElement(SeedTable, { runs: [seeded('b', 2, 0.7), seeded('a', 1, 0.9)], name: () => 'Random' }));
    expect(html).toContain('title="Random search">Random · tiny</th>');
  });
});
