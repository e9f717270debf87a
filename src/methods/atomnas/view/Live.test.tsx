// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodRunStore } from '../../../state/methodRuns';
import type { AtomNasShrinkEvent } from '../snapshot';
import { useAtomNasReadouts } from './liveBuffer';
import { Live } from './Live';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const runStore = (record: unknown) => ((select: (s: unknown) => unknown) => select({ started: null, profile: null, record })) as unknown as MethodRunStore;
const event: AtomNasShrinkEvent = { step: 5, epoch: 0, removedAtoms: 3, blocks: [{ layer: 2, slot: 0, perKernel: [3], blockRemoved: false }], macsBefore: 1000, macsAfter: 900, paramsAfter: 50, rho: 0.05 };
const initial = useAtomNasReadouts.getState();
let root: Root | null = null;

function render(record: unknown): HTMLElement {
  const host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  act(() => root!.render(<Live run={runStore(record)} config={{}} />));
  return host;
}

afterEach(() => {
  act(() => root?.unmount());
  useAtomNasReadouts.setState(initial, true);
});

describe('AtomNAS live view: the shrink events table', () => {
  it('lists the shrink events while the search runs', () => {
    useAtomNasReadouts.setState({ events: [event], kernels: [3] });
    expect(render(null).textContent).toContain('Shrink events (1)');
  });

  it('leaves them to the result section once the record is on screen (listed once, not twice)', () => {
    useAtomNasReadouts.setState({ events: [event], kernels: [3] });
    const host = render({ id: 'r1' });
    expect(host.textContent).not.toContain('Shrink events (1)');
    expect(host.querySelector('[data-testid="an-events"]')?.textContent).toBe('1');
  });
});
