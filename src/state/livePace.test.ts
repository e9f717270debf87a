/** Slow motion reaches the run that holds the worker: the Train screen's as well as a method search (not a retraining). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { noteWorkerRun } from './activeRun';
import { livePace, setLivePace } from './livePace';
import { EMPTY_RUN, methodRunStore } from './methodRuns';
import { useStore } from './store';

const request = vi.fn((..._args: unknown[]) => Promise.resolve({ ms: 0 }));
vi.mock('./workerBridge', () => ({ getClient: () => ({ request }) }));

describe('setLivePace', () => {
  beforeEach(() => {
    request.mockClear();
    noteWorkerRun(null);
    useStore.setState({ runId: null, runState: 'idle' });
  });

  it('changes the pace of the Train screen\u2019s run in progress at once', async () => {
    useStore.setState({ runId: 'run-1', runState: 'running' });
    noteWorkerRun('run-1');
    await setLivePace(1000);
    expect(livePace.getState().ms).toBe(1000);
    expect(request).toHaveBeenCalledWith('run/pace', { ms: 1000 });
  });

  it('and of a method search, but not of a retraining or with nothing running (the next Start takes it)', async () => {
    const store = methodRunStore('pace-test');
    store.setState({ ...EMPTY_RUN, runId: 's1', state: 'paused' });
    noteWorkerRun('s1');
    await setLivePace(250);
    expect(request).toHaveBeenCalledWith('run/pace', { ms: 250 });
    request.mockClear();
    store.setState({ ...EMPTY_RUN, retrain: { runId: 'rt', state: 'running', progress: null, epochs: [], testAcc: null, record: null, error: null, diverged: null } });
    noteWorkerRun('rt');
    await setLivePace(0);
    expect(request).not.toHaveBeenCalled();
    expect(livePace.getState().ms).toBe(0);
  });
});
