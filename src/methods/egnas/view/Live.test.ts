import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MethodRunStore } from '../../../state/methodRuns';
import { EGNAS_PRESETS } from '../config';
import { Live } from './Live';

const runStore = (started: unknown, record: unknown = null) => ((select: (s: unknown) => unknown) => select({ started, record })) as unknown as MethodRunStore;
const tolerancesText = (html: string) => /data-testid="egnas-tolerances"[^>]*>([^]*?)<\/p>/.exec(html)?.[1].replace(/<!-- -->/g, '') ?? '';

describe('Efficient Global NAS live view: the tolerances paragraph', () => {
  it('before a Start, states the tolerances of the settings form (the tiny preset’s 1% / 1% / 0.50%)', () => {
    const text = tolerancesText(renderToStaticMarkup(createElement(Live, { run: runStore(null), config: { ...EGNAS_PRESETS.tiny } })));
    expect(text).toContain('a gain of at least 1.0%');
    expect(text).toContain('within 1.0% below the best');
    expect(text).toContain('kept above +0.50%');
  });

  it('once started, states the run’s own tolerances, not the form’s', () => {
    const started = { info: { addTol: 0.02, dropTol: 0.03, microTol: 0.004, paramTol: 0.05, valImages: 1000 } };
    const text = tolerancesText(renderToStaticMarkup(createElement(Live, { run: runStore(started), config: { ...EGNAS_PRESETS.tiny } })));
    expect(text).toContain('a gain of at least 2.0%');
    expect(text).toContain('within 3.0% below the best');
    expect(text).toContain('kept above +0.40%');
    expect(text).toContain('1,000 validation images');
  });
});

describe('Efficient Global NAS live view: the fair-ranking panel', () => {
  const started = { info: { addTol: 0.01, dropTol: 0.01, microTol: 0.005, paramTol: 0.05, valImages: 1000 } };
  it('is part of the live view while the search runs', () => {
    expect(renderToStaticMarkup(createElement(Live, { run: runStore(started), config: {} }))).toContain('data-testid="egnas-fixed-tau"');
  });

  it('gives way to the result’s own ranking section once the record is on screen (shown once, not twice)', () => {
    const html = renderToStaticMarkup(createElement(Live, { run: runStore(started, { id: 'r1' }), config: {} }));
    expect(html).not.toContain('data-testid="egnas-fixed-tau"');
    expect(html).toContain('data-testid="egnas-costs"');
  });
});
