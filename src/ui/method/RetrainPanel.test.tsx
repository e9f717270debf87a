// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METHODS } from '../../methods/registry';
import { EMPTY_RUN, methodRunStore, type RetrainState } from '../../state/methodRuns';
import { RetrainPanel } from './RetrainPanel';

const request = vi.fn((..._args: unknown[]) => Promise.resolve({}));
vi.mock('../../state/workerBridge', () => ({ getClient: () => ({ request }) }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const m = METHODS[0]; // any registered method: the retraining is the same for all
const record = { runId: 'r', macs: 1e6, testAccuracy: 0.9, archSpec: { name: 'found' }, card: { settings: {} } } as never;
const base: RetrainState = { runId: 'rt', state: 'running', progress: null, epochs: [], testAcc: null, record: null, error: null, diverged: null };

function show(retrain: RetrainState | null): HTMLElement {
  const store = methodRunStore('retrain-panel-test');
  store.setState({ ...EMPTY_RUN, record, retrain });
  const host = document.body.appendChild(document.createElement('div'));
  act(() => createRoot(host).render(<RetrainPanel method={m} run={store} />));
  return host;
}

describe('RetrainPanel', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('while training: a progress bar, step, validation and time left, and Cancel instead of Retrain', () => {
    const host = show({
      ...base,
      progress: { done: 30, total: 120, epoch: 1, totalEpochs: 4, etaMs: 95_000, elapsedMs: 31_000 },
      epochs: [{ epoch: 1, valAcc: 0.8125 }],
    });
    expect(host.querySelector('progress')?.getAttribute('value')).toBe('0.25');
    const status = host.querySelector('[data-testid="retrain-status"]')?.textContent ?? '';
    expect(status).toContain('step 30 of 120');
    expect(status).toContain('validation 81.25% after epoch 1');
    expect(status).toMatch(/about 1 min 35 s left|about 2 min left/);
    const buttons = [...host.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toContain('Cancel retraining');
    expect(buttons).not.toContain('Retrain');
  });

  it('after a divergence: what happened and where to change the recipe, and Retrain again', () => {
    const host = show({ ...base, state: 'diverged', progress: { done: 7, total: 120, epoch: 0, totalEpochs: 4, etaMs: -1, elapsedMs: 2000 }, diverged: { step: 6, message: 'Training diverged at step 7: the loss became NaN.' } });
    expect(host.querySelector('[data-testid="retrain-status"]')?.textContent).toBe('Diverged at step 7.');
    expect(host.querySelector('[data-testid="retrain-diverged"]')?.textContent).toContain('the loss became NaN');
    expect(host.querySelector('[data-testid="retrain-diverged"]')?.textContent).toContain('Train screen');
    expect([...host.querySelectorAll('button')].map((b) => b.textContent)).toContain('Retrain again');
    expect(host.querySelector('progress')).toBeNull();
  });

  it('stopped, and finished with its test accuracy beside the search\u2019s', () => {
    expect(show({ ...base, state: 'cancelled', progress: { done: 40, total: 120, epoch: 1, totalEpochs: 4, etaMs: -1, elapsedMs: 9000 } }).textContent).toContain('Stopped at step 40 of 120.');
    document.body.innerHTML = '';
    expect(show({ ...base, state: 'done', testAcc: 0.95 }).textContent).toContain('Retrained: test accuracy 95.00% (search result: 90.00%).');
  });
});
