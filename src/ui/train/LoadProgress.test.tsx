// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../../state/store';
import { LoadProgress } from './LoadProgress';

const cancelDatasetLoad = vi.fn(() => true);
vi.mock('../../state/workerBridge', () => ({ cancelDatasetLoad: () => cancelDatasetLoad() }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function show(): HTMLElement {
  const host = document.body.appendChild(document.createElement('div'));
  act(() => createRoot(host).render(<LoadProgress />));
  return host;
}

describe('LoadProgress', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    act(() => useStore.getState().setDatasetLoading(null));
    vi.useRealTimers();
  });

  it('shows nothing when nothing is loading', () => {
    expect(show().querySelector('[data-testid="load-progress"]')).toBeNull();
  });

  it('shows the stage, the bytes, a bar and the time left, and Cancel stops the load', () => {
    vi.useFakeTimers({ now: 10_000 });
    const st = useStore.getState();
    st.setDatasetLoading('big.gz');
    st.setDatasetProgress({ stage: 'unzip', file: 'big.gz', done: 0, total: 100 << 20 });
    vi.setSystemTime(12_000);
    st.setDatasetProgress({ stage: 'unzip', file: 'big.gz', done: 25 << 20, total: 100 << 20 });
    const host = show();
    const text = host.querySelector('[data-testid="load-progress"]')?.textContent ?? '';
    expect(text).toContain('Decompressing big.gz: 25.0 of 100.0 MB');
    expect(text).toMatch(/about 6 s left/);
    expect(host.querySelector('progress')?.getAttribute('value')).toBe(String(25 << 20));
    const button = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Cancel loading');
    act(() => button?.click());
    expect(cancelDatasetLoad).toHaveBeenCalledTimes(1);
  });

  it('a new stage starts its own clock, and the built-in set has no Cancel', () => {
    vi.useFakeTimers({ now: 0 });
    const st = useStore.getState();
    st.setDatasetLoading('built-in MNIST');
    st.setDatasetProgress({ stage: 'read', file: 'x', done: 50, total: 100 });
    vi.setSystemTime(5_000);
    st.setDatasetProgress({ stage: 'unzip', file: 'x', done: 50, total: 100 });
    expect(useStore.getState().datasetMsLeft).toBeNull(); // a stage just begun says nothing yet
    const host = show();
    expect([...host.querySelectorAll('button')].some((b) => b.textContent === 'Cancel loading')).toBe(false);
  });
});
