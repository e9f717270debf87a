// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SavedRun } from '../../core/runs/savedRun';
import { RunDetails } from './RunDetails';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const card = {
  seed: 3, backend: 'webgpu', adapter: 'google swiftshader', tfjsVersion: '4.22.0', host: 'Chrome 150 on Linux', appVersion: '0.1.0+abc1234',
  dataset: { name: 'mnist', source: 'builtin', files: [], n: 10000, shape: [28, 28, 1], classes: 10 }, split: { seed: 1, train: 8000, val: 1000, test: 1000 },
  settings: { seed: 3 }, wallSeconds: 12, date: '2026-12-02T03:00:00.000Z',
};
const record = { version: 1, runId: 'r1', method: 'random', label: 'Random search', card, archSpec: { name: 'net', layers: [] }, macs: 1e6, params: 1e4, valAccuracy: 0.9, testAccuracy: 0.89, latency: null, history: [] };
const run = (o: Partial<SavedRun>): SavedRun => ({ id: 'r1', name: 'Random search · today', savedAt: '', status: 'finished', method: 'random', settings: {}, record: record as never, model: null, measured: [], ...o });

function show(r: SavedRun, onOpenSettings = vi.fn(), onClose = vi.fn()): HTMLElement {
  const host = document.body.appendChild(document.createElement('div'));
  act(() => createRoot(host).render(<RunDetails run={r} onClose={onClose} onOpenSettings={onOpenSettings} />));
  return host;
}

describe('RunDetails', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the run card, machine and code version included, and opens the run\u2019s settings from its link', () => {
    const open = vi.fn();
    const host = show(run({ url: 'http://localhost/#v=2&screen=random' }), open);
    const text = host.textContent ?? '';
    expect(text).toContain('Chrome 150 on Linux');
    expect(text).toContain('nas-playground 0.1.0+abc1234');
    act(() => [...host.querySelectorAll('button')].find((b) => b.textContent === 'Open its settings')!.click());
    expect(open).toHaveBeenCalledWith('r1');
  });

  it('says when there is no record or link, and shows a CLI run\u2019s command instead', () => {
    expect(show(run({ status: 'interrupted', record: null })).textContent).toContain('This run is interrupted: it has no result record yet. It kept no link to its settings.');
    const cli = show(run({ record: { ...record, card: { ...card, command: 'npm run cli -- search --method random' } } as never }));
    expect(cli.textContent).toContain('Made by the CLI: npm run cli -- search --method random');
    expect([...cli.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Open its settings');
  });
});
