import { beforeEach, describe, expect, it } from 'vitest';
import { trainSeries } from './series';
import { useStore } from './store';
import { checkStall, routeEvent, silenceLimit, STALL_MS } from './workerBridge';

beforeEach(() => {
  useStore.getState().clearRun();
  useStore.setState({ notices: [] });
  trainSeries.clear();
});

describe('workerBridge.routeEvent', () => {
  it('appends the current run’s points to the series buffer and drops other runs’', () => {
    useStore.getState().beginRun('r', 'running');
    const pts = (runId: string) => ({
      type: 'train/points' as const,
      runId,
      steps: Float64Array.from([1, 2]),
      loss: Float32Array.from([2, 1.5]),
      lr: Float32Array.from([0.1, 0.1]),
      ips: Float32Array.from([50, 60]),
    });
    routeEvent(pts('other'));
    expect(trainSeries.series.loss.length).toBe(0);
    routeEvent(pts('r'));
    expect(trainSeries.series.loss.length).toBe(2);
    expect(trainSeries.series.ips.last).toBe(60);
    routeEvent({ type: 'train/epoch', runId: 'r', epoch: 1, valAcc: 0.4, valLoss: 1.7 });
    expect(trainSeries.series.valAcc.last).toBeCloseTo(0.4);
    expect(useStore.getState().latest?.step).toBe(2);
  });

  it('shows worker errors without a run as a notice', () => {
    routeEvent({ type: 'error', scope: 'gpu', message: 'device lost' });
    expect(useStore.getState().notices[0]).toMatchObject({ kind: 'error', lines: ['device lost'] });
  });

  it('warns once when a running job goes silent', () => {
    useStore.getState().beginRun('s', 'running');
    routeEvent({ type: 'run/state', runId: 's', kind: 'train', state: 'running' });
    const now = Date.now();
    expect(checkStall(now + 1000)).toBe(false);
    expect(checkStall(now + STALL_MS + 1000)).toBe(true);
    expect(checkStall(now + STALL_MS + 60_000)).toBe(false);
    expect(useStore.getState().notices.map((n) => n.title)).toEqual(['The run seems stuck']);
  });
});

describe('workerBridge.silenceLimit', () => {
  it('5 s on WebGPU; backends that block the worker thread (WebGL, CPU) and an unknown one get STALL_MS', () => {
    expect(silenceLimit('webgpu')).toBe(5000);
    expect(silenceLimit('webgl')).toBe(STALL_MS);
    expect(silenceLimit('cpu')).toBe(STALL_MS);
    expect(silenceLimit('')).toBe(STALL_MS);
  });
});
