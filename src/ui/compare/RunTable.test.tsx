// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompareRow } from '../../core/runs/compare';
import { RunTable, type RunTableProps } from './RunTable';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const row = (i: number): CompareRow => ({
  id: `r${i}`,
  name: `run ${i}`,
  status: 'finished',
  method: 'train',
  label: 'Train',
  dataset: 'MNIST',
  seed: i,
  macs: 1e6,
  params: 1e4,
  valAccuracy: 0.9,
  testAccuracy: 0.9,
  predictedMs: null,
  predictedProfile: null,
  unpricedOps: null,
  measuredMs: null,
  measured: null,
  otherDeviceMs: null,
  predictionError: null,
  wallSeconds: 60,
  backend: 'cpu',
  imported: null,
  parentId: null,
  date: '2026-12-02',
});

function show(n: number, over: Partial<RunTableProps> = {}): HTMLElement {
  const props: RunTableProps = {
    rows: Array.from({ length: n }, (_, i) => row(i + 1)),
    sort: { key: 'name', dir: 'asc' },
    onSort: vi.fn(),
    selected: new Set(),
    onSelect: vi.fn(),
    onRename: vi.fn(),
    onDelete: vi.fn(),
    onExport: vi.fn(),
    onRestart: vi.fn(),
    onDetails: vi.fn(),
    ...over,
  };
  const host = document.body.appendChild(document.createElement('div'));
  act(() => createRoot(host).render(<RunTable {...props} />));
  return host;
}

const names = (host: HTMLElement) => [...host.querySelectorAll('[data-testid="saved-run"] td:nth-child(2)')].map((td) => td.textContent);
const button = (host: HTMLElement, text: string) => [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(text)) as HTMLButtonElement;

describe('RunTable paging', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows a short list whole, without a pager', () => {
    const host = show(20);
    expect(names(host)).toHaveLength(20);
    expect(host.querySelector('.pager')).toBeNull();
  });

  it('pages a long list 50 at a time, with Previous, Next and all on one page', () => {
    const host = show(120);
    expect(names(host)).toHaveLength(50);
    expect(host.querySelector('[data-testid="pager-range"]')?.textContent).toBe('Runs 1–50 of 120');
    expect(button(host, 'Previous').disabled).toBe(true);
    act(() => button(host, 'Next').click());
    act(() => button(host, 'Next').click());
    expect(names(host)).toEqual(Array.from({ length: 20 }, (_, i) => `run ${101 + i}`));
    expect(button(host, 'Next').disabled).toBe(true);
    const select = host.querySelector('.pager select') as HTMLSelectElement;
    act(() => {
      select.value = '0';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(names(host)).toHaveLength(120);
  });

  it('goes back to the first page when the sort changes', () => {
    const onSort = vi.fn();
    const host = show(60, { onSort });
    act(() => button(host, 'Next').click());
    expect(names(host)[0]).toBe('run 51');
    act(() => button(host, 'Seed').click());
    expect(onSort).toHaveBeenCalledWith('seed');
    expect(names(host)[0]).toBe('run 1');
  });

  it('shows a prediction with its profile, and says "not priced" with the missing ops when the chosen profile lacks them', () => {
    const rows = [
      { ...row(1), predictedMs: 1.234, predictedProfile: 'laptop' },
      { ...row(2), predictedProfile: 'laptop', unpricedOps: ['conv a', 'conv b', 'dw c', 'dense d'] },
      { ...row(3), imported: 'their GPU' },
    ];
    const host = show(0, { rows });
    const col = [...host.querySelectorAll('thead th')].findIndex((th) => th.textContent?.includes('Predicted')) + 1;
    const cells = [...host.querySelectorAll(`[data-testid="saved-run"] td:nth-child(${col})`)];
    expect(cells.map((c) => c.textContent)).toEqual(['1.23 ms (laptop)', 'not priced', '–']);
    expect(cells[1].querySelector('span')?.title).toBe('“laptop” cannot price this network: no entry for conv a; conv b; dw c; …');
    expect(cells[2].querySelector('span')?.title).toBe('Predicted for another device');
  });
});
