// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageLine } from './StorageLine';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function show(usage: number, quota: number, runs: number): Promise<string> {
  vi.stubGlobal('navigator', { ...navigator, storage: { estimate: () => Promise.resolve({ usage, quota }) } });
  const host = document.body.appendChild(document.createElement('div'));
  await act(async () => {
    createRoot(host).render(<StorageLine runs={runs} />);
    await Promise.resolve();
  });
  return host.textContent ?? '';
}

describe('StorageLine', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('says how much of the site\u2019s quota the kept runs take', async () => {
    expect(await show(12.3e6, 2e9, 3)).toBe('3 runs kept; this site uses 12.3 MB of the 2.0 GB the browser allows it.');
  });

  it('warns when the quota is nearly full', async () => {
    expect(await show(90e6, 100e6, 1)).toContain('nearly full. Export runs you want to keep, then delete them here.');
  });
});
