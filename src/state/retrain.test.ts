/** "Retrain from scratch" on a method screen: progress and divergence in its store, Cancel, and Reset stopping it. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHODS } from '../methods/registry';
import { cancelRetrain, lowerLearningRate, resetMethod, resetWithLearningRate, retrainResult, routeMethodEvent } from './methodActions';
import { useStore } from './store';
import { EMPTY_RUN, methodRunStore } from './methodRuns';

const request = vi.fn((..._args: unknown[]) => Promise.resolve({}));
vi.mock('./workerBridge', () => ({ getClient: () => ({ request }) }));

const m = METHODS[0]; // any registered method: the retraining is the same for all
const record = { archSpec: { name: 'found' }, card: { settings: { seed: 4, trainLimit: 300 } } } as never;

async function startRetrain(): Promise<string> {
  await retrainResult(m, { name: 'found' } as never);
  return methodRunStore(m.id).getState().retrain!.runId;
}

describe('retraining a method result', () => {
  beforeEach(() => {
    request.mockClear();
    methodRunStore(m.id).setState({ ...EMPTY_RUN, record });
  });

  it('starts a Train job under its own id, with the search\'s seed and training subset', async () => {
    const id = await startRetrain();
    const [type, req] = request.mock.calls[0] as [string, { runId: string; owner: string; settings: { seed: number; trainLimit: number } }];
    expect(type).toBe('train/start');
    expect(req.runId).toBe(id);
    expect(req.owner).toBe(`${m.id}-retrain`);
    expect(req.settings).toMatchObject({ seed: 4, trainLimit: 300 });
  });

  it('keeps the progress (time left included) and a divergence with its message', async () => {
    const id = await startRetrain();
    const progress = { done: 5, total: 50, epoch: 0, totalEpochs: 2, etaMs: 9000, etaAtMost: false, elapsedMs: 1000 };
    expect(routeMethodEvent({ type: 'run/progress', runId: id, kind: 'train', ...progress })).toBe(true);
    expect(methodRunStore(m.id).getState().retrain?.progress).toEqual(progress);
    routeMethodEvent({ type: 'diverged', runId: id, kind: 'train', step: 6, message: 'Training diverged at step 7: NaN. Lower the learning rate.' });
    routeMethodEvent({ type: 'run/state', runId: id, kind: 'train', state: 'diverged' });
    const r = methodRunStore(m.id).getState().retrain;
    expect([r?.state, r?.diverged?.step]).toEqual(['diverged', 6]);
    expect(r?.diverged?.message).toContain('NaN');
  });

  it('Cancel asks the worker to cancel the retraining, and only while it holds the worker', async () => {
    await startRetrain();
    request.mockClear();
    await cancelRetrain(m);
    expect(request).toHaveBeenCalledWith('run/control', { action: 'cancel' });
    const id = methodRunStore(m.id).getState().retrain!.runId;
    routeMethodEvent({ type: 'run/state', runId: id, kind: 'train', state: 'cancelled' });
    request.mockClear();
    await cancelRetrain(m);
    expect(request).not.toHaveBeenCalled();
  });

  it('Reset stops a retraining in progress as well', async () => {
    await startRetrain();
    request.mockClear();
    await resetMethod(m);
    expect(request).toHaveBeenCalledWith('run/control', { action: 'cancel' });
  });
});

describe('after a method run diverges', () => {
  it('offers a third of its learning rate, within the setting\'s range', () => {
    expect(lowerLearningRate(m, { lr: 0.3 })).toBe(0.1);
    expect(lowerLearningRate(m, { lr: 0.05 })).toBe(0.017);
    expect(lowerLearningRate(m, { lr: 2e-4 })).toBeNull(); // 6.7e-5 is below the minimum 1e-4
    expect(lowerLearningRate(m, null)).toBeNull();
  });

  it('"Reset with learning rate" resets the run and sets the method\'s learning rate', async () => {
    methodRunStore(m.id).setState({ ...EMPTY_RUN, runId: 'd1', state: 'diverged', diverged: { step: 3, message: 'x' }, config: { lr: 0.3 } });
    await resetWithLearningRate(m, 0.1);
    expect(methodRunStore(m.id).getState()).toMatchObject({ state: 'idle', diverged: null });
    expect(useStore.getState().settings.configs[m.id]?.lr).toBe(0.1);
  });
});
