// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { useStore } from '../../state/store';
import { DatasetLine } from './DatasetLine';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('DatasetLine', () => {
  it('names the loaded data, its split and the subset the search trains on, and leads to the Train screen to change it', () => {
    useStore.setState({ dataset: { name: 'fashion-mnist', height: 28, width: 28, channels: 1, numClasses: 10, split: { seed: 1, train: 48000, val: 6000, test: 10000 } } as never });
    const host = document.body.appendChild(document.createElement('div'));
    act(() => createRoot(host).render(<DatasetLine config={{ trainLimit: 500 }} />));
    expect(host.textContent).toContain('Data: fashion-mnist (28×28×1, 10 classes), 48,000 train / 6,000 validation / 10,000 test; the search trains on 500 of the training images.');
    act(() => host.querySelector('button')!.click());
    expect(useStore.getState().settings.screen).toBe('train');
    act(() => createRoot(host.appendChild(document.createElement('div'))).render(<DatasetLine config={{ trainLimit: 0 }} />));
    expect(host.lastElementChild?.textContent).not.toContain('trains on');
  });
});
