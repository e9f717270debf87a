import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from './store';

beforeEach(() => useStore.getState().clearRun());

describe('run slice', () => {
  it('folds the current run’s events and ignores other runs', () => {
    const st = () => useStore.getState();
    st().beginRun('r1', 'running');
    st().applyRunEvent({ type: 'run/progress', runId: 'r1', kind: 'train', done: 3, total: 9, epoch: 1, totalEpochs: 3, etaMs: 600, elapsedMs: 900 });
    st().applyRunEvent({ type: 'run/progress', runId: 'old', kind: 'train', done: 99, total: 99, epoch: 9, totalEpochs: 9, etaMs: 0, elapsedMs: 0 });
    expect(st().progress?.done).toBe(3);
    expect(st().progress?.etaAtMost).toBeUndefined();
    // A time left that is only a most stays one in the store (the status line says "up to about … left").
    st().applyRunEvent({ type: 'run/progress', runId: 'r1', kind: 'train', done: 4, total: 9, epoch: 1, totalEpochs: 3, etaMs: 500, etaAtMost: true, elapsedMs: 1000 });
    expect(st().progress).toEqual({ done: 4, total: 9, epoch: 1, totalEpochs: 3, etaMs: 500, etaAtMost: true, elapsedMs: 1000 });
    st().applyRunEvent({
      type: 'train/points',
      runId: 'r1',
      steps: Float64Array.from([2, 3]),
      loss: Float32Array.from([2.5, 2.25]),
      lr: Float32Array.from([0.1, 0.1]),
      ips: Float32Array.from([100, 120]),
    });
    expect(st().latest).toEqual({ step: 3, loss: 2.25, lr: expect.closeTo(0.1, 6) as number, ips: 120 });
    st().applyRunEvent({ type: 'train/epoch', runId: 'r1', epoch: 1, valAcc: 0.5, valLoss: 1.2 });
    st().applyRunEvent({ type: 'diverged', runId: 'r1', kind: 'train', step: 4, message: 'NaN' });
    st().applyRunEvent({ type: 'run/state', runId: 'r1', kind: 'train', state: 'diverged', message: 'NaN' });
    expect(st().epochs).toEqual([{ epoch: 1, valAcc: 0.5, valLoss: 1.2 }]);
    expect(st().runState).toBe('diverged');
    expect(st().diverged).toEqual({ step: 4, message: 'NaN' });
  });

  it('a new run clears the previous results', () => {
    const st = () => useStore.getState();
    st().beginRun('a', 'running');
    st().applyRunEvent({ type: 'train/test', runId: 'a', acc: 0.9, loss: 0.3 });
    expect(st().test).toEqual({ acc: 0.9, loss: 0.3 });
    st().beginRun('b', 'paused');
    expect(st().test).toBeNull();
    expect(st().runState).toBe('paused');
    st().applyRunEvent({ type: 'train/test', runId: 'a', acc: 0.1, loss: 9 });
    expect(st().test).toBeNull();
  });
});
